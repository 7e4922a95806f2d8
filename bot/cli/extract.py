"""``newsprov extract FILE...``: print the attributions found in files (nothing is stored)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from bot.cli.output import EXIT_FAILED, EXIT_OK, print_json
from bot.errors import SourceError
from bot.settings import Settings

HELP = "print the attributions found in files"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="one JSON line per file")


async def main(args: argparse.Namespace, settings: Settings) -> int:
    return await extract_files([Path(f) for f in args.files], as_json=args.json)


async def extract_files(files: list[Path], *, as_json: bool, out: TextIO | None = None) -> int:
    from bot.extract.pipeline import load_extractor
    from bot.sources.files import read_text_file

    out = out or sys.stdout
    extractor = load_extractor()
    status = EXIT_OK
    for path in files:
        try:
            found = extractor.extract(read_text_file(path))
        except SourceError as error:
            print(f"newsprov: {path}: {error}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        if as_json:
            print_json({"file": str(path), "attributions": [a.as_json() for a in found]}, out=out)
            continue
        out.write(f"{path}: {len(found)} attributions\n")
        for item in found:
            who = item.speaker or (item.source.text if item.source else "(no source)")
            quoted = " (quote)" if item.quote else ""
            via = f" via {item.via}" if item.via else ""
            out.write(f"  {who} [{item.stance}{quoted}{via}]: {item.content_text}\n")
    return status
