"""``newsprov export --format jsonl|csv [--out FILE]``: every attribution with its speaker and
article, streamed from the database a batch at a time (constant memory), to stdout or a file."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from bot.cli.output import EXIT_OK
from bot.services.newsprov import Newsprov
from bot.settings import Settings
from store.export import COLUMNS

HELP = "write every attribution with its speaker and article as JSON lines or CSV"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("jsonl", "csv"),
        default="jsonl",
        help="jsonl: one JSON object a line (default); csv: a header row, then one row each",
    )
    parser.add_argument(
        "--out", metavar="FILE", type=Path, help="write to FILE instead of standard output"
    )


async def main(args: argparse.Namespace, settings: Settings) -> int:
    if args.out is None:
        count = await export(settings, args.format, sys.stdout)
    else:
        with args.out.open("w", encoding="utf-8", newline="") as out:
            count = await export(settings, args.format, out)
        print(f"{count} attributions written to {args.out}.", file=sys.stderr)
    return EXIT_OK


async def export(settings: Settings, format: str, out: TextIO) -> int:
    """Write the rows as they come; how many there were."""
    write = _csv_writer(out) if format == "csv" else _jsonl_writer(out)
    count = 0
    async with await Newsprov.open(settings) as service:
        async for row in service.export_rows():
            write(row)
            count += 1
    out.flush()
    return count


def _jsonl_writer(out: TextIO) -> Any:
    def write(row: dict[str, Any]) -> None:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")

    return write


def _csv_writer(out: TextIO) -> Any:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()

    def write(row: dict[str, Any]) -> None:
        writer.writerow({k: "" if v is None else _cell(v) for k, v in row.items()})

    return write


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
