"""The real ``newsprov`` command line in a subprocess, away from the developer's own settings."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def cli_command(folder: Path, *args: str, code: str | None = None) -> list[str]:
    """``python -m bot ARGS`` (or ``python -c CODE ARGS``), reading no ``.env`` file."""
    start = ["-c", code] if code else ["-m", "bot"]
    return [sys.executable, *start, "--env-file", str(folder / "no.env"), *args]


def cli_environment(**settings: str) -> dict[str, str]:
    """This environment without newsprov's and Telegram's settings, plus ``settings``."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NEWSPROV_", "TELEGRAM_"))
    }
    environment["PYTHONPATH"] = str(PROJECT)
    environment["NEWSPROV_SEMANTIC"] = "off"  # no sentence model unless a test asks for it
    environment.update(settings)
    return environment
