"""``newsprov reextract``: read every stored article again with the current extractor."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from bot.cli.output import EXIT_OK, print_json
from bot.services.newsprov import Newsprov
from bot.settings import Settings

HELP = "read every stored article again with the current extractor"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")


async def main(args: argparse.Namespace, settings: Settings) -> int:
    return await reextract(settings, as_json=args.json)


async def reextract(settings: Settings, *, as_json: bool, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    show_progress = sys.stderr.isatty() and not as_json

    def progress(done: int, total: int) -> None:
        if show_progress:
            print(f"\r{done}/{total} articles read again…", end="", file=sys.stderr)

    async with await Newsprov.open(settings) as service:
        report = await service.reextract(progress=progress)
    if show_progress:
        print("\r\033[K", end="", file=sys.stderr)
    if as_json:
        print_json(
            {"articles": report.articles, "before": report.before, "after": report.after},
            out=out,
        )
    else:
        out.write(
            f"{report.articles} article{'' if report.articles == 1 else 's'} read again: "
            f"{report.before} attributions before, "
            f"{report.after} now.\n"
        )
    return EXIT_OK
