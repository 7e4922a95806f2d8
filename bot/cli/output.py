"""What every subcommand shares: exit statuses and JSON lines."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def print_json(payload: dict[str, Any], *, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    out.write(json.dumps(payload, ensure_ascii=False) + "\n")
    out.flush()
