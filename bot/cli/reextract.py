"""``newsprov reextract [--all | --older-than VERSION]``: read stored articles again with the
current extractor; on PostgreSQL one queued job per article."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import TextIO

from bot.cli.output import EXIT_OK, print_json
from bot.extract.version import EXTRACTOR_VERSION
from bot.services.newsprov import Newsprov
from bot.services.queue import Queue
from bot.settings import Settings

HELP = "read stored articles again with the current extractor"
PROGRESS_EVERY_S = 1.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true", help="every article")
    which.add_argument(
        "--older-than",
        type=int,
        metavar="VERSION",
        help=f"articles an older extractor read (default: {EXTRACTOR_VERSION}, the current one)",
    )
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument(
        "--wait", action="store_true", help="on PostgreSQL: show progress until the jobs end"
    )


async def main(args: argparse.Namespace, settings: Settings) -> int:
    older_than = None if args.all else (args.older_than or EXTRACTOR_VERSION)
    return await reextract(settings, older_than=older_than, as_json=args.json, wait=args.wait)


async def reextract(
    settings: Settings,
    *,
    older_than: int | None,
    as_json: bool,
    wait: bool = False,
    out: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    show_progress = sys.stderr.isatty() and not as_json

    def progress(done: int, total: int) -> None:
        if show_progress:
            print(f"\r{done}/{total} articles read again…", end="", file=sys.stderr)

    async with await Newsprov.open(settings) as service:
        ids = await service.reextract_ids(older_than=older_than)
        if settings.uses_queue:
            return await _queued(settings, ids, as_json=as_json, wait=wait, progress=progress,
                                 out=out)  # fmt: skip
        report = await service.reextract(progress=progress, article_ids=ids)
    if show_progress:
        print("\r\033[K", end="", file=sys.stderr)
    if as_json:
        payload = {"articles": report.articles, "before": report.before, "after": report.after}
        print_json(payload, out=out)
    else:
        out.write(
            f"{_articles(report.articles)} read again: {report.before} attributions before, "
            f"{report.after} now.\n"
        )
    return EXIT_OK


async def _queued(
    settings: Settings,
    ids: list[int],
    *,
    as_json: bool,
    wait: bool,
    progress: object,
    out: TextIO,
) -> int:
    queue = await Queue(settings).open()
    try:
        job_ids = await queue.reextract(ids)
        while wait and (left := await queue.unfinished(job_ids)) > 0:
            if callable(progress):
                progress(len(ids) - left, len(ids))
            await asyncio.sleep(PROGRESS_EVERY_S)
    finally:
        await queue.close()
    if as_json:
        print_json({"articles": len(ids), "queued": not wait}, out=out)
    elif wait:
        out.write(f"{_articles(len(ids))} read again.\n")
    else:
        out.write(
            f"{_articles(len(ids))} queued to be read again; "
            "`newsprov jobs` shows how far the workers are.\n"
        )
    return EXIT_OK


def _articles(count: int) -> str:
    return f"{count} article{'' if count == 1 else 's'}"
