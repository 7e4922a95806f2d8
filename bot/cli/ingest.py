"""``newsprov ingest SOURCE...``: store articles (files or links) and their attributions."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from bot.cli.output import EXIT_FAILED, EXIT_OK, print_json
from bot.cli.progress import Progress
from bot.errors import SourceError
from bot.services.jobs import needs_queue
from bot.services.newsprov import IngestOutcome, Newsprov
from bot.services.queue import Queue
from bot.settings import Settings
from bot.sources.files import Loaded, load_file
from store.db import upgrade_to_head

HELP = "store articles and their attributions"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "sources", nargs="+", metavar="SOURCE", help=".txt .html .jsonl .csv or URL"
    )
    parser.add_argument("--json", action="store_true", help="one JSON line per article")
    parser.add_argument(
        "--enqueue", action="store_true", help="queue them for the workers and return (PostgreSQL)"
    )


async def main(args: argparse.Namespace, settings: Settings) -> int:
    if args.enqueue:
        return await enqueue_sources(settings, args.sources)
    return await ingest_sources(settings, args.sources, as_json=args.json)


async def enqueue_sources(
    settings: Settings, sources: list[str], *, out: TextIO | None = None
) -> int:
    """``--enqueue``: one job a source (a link, or an article of a file), then return."""
    out = out or sys.stdout
    needs_queue(settings, "newsprov ingest --enqueue")
    await upgrade_to_head(settings.database_url)
    queue = await Queue(settings).open()
    queued = failed = 0
    try:
        for item in _loaded_sources(sources):
            if isinstance(item, str):
                await queue.ingest_link(item)
            elif item.draft is not None:
                await queue.ingest_draft(item.draft)
            else:
                failed += 1
                out.write(f"could not read {item.label}: {item.error}\n")
                continue
            queued += 1
    finally:
        await queue.close()
    out.write(f"{queued} queued, {failed} could not be read.\n")
    return EXIT_FAILED if failed and not queued else EXIT_OK


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _loaded_sources(sources: list[str]) -> Iterator[Loaded | str]:
    for source in sources:
        if _is_url(source):
            yield source
        else:
            yield from load_file(Path(source))


async def ingest_sources(
    settings: Settings, sources: list[str], *, as_json: bool, out: TextIO | None = None
) -> int:
    """Store each source in turn; exit status 1 when any could not be read. On a terminal a
    progress line (count and ETA) is drawn on stderr and cleared before each line written."""
    out = out or sys.stdout
    counts = {"new": 0, "duplicate": 0, "error": 0}
    show_progress = sys.stderr.isatty() and not as_json
    total = sum(1 for _ in _loaded_sources(sources)) if show_progress else 0
    progress = Progress(sys.stderr, total=total, enabled=show_progress)
    async with await Newsprov.open(settings) as service:
        for number, item in enumerate(_loaded_sources(sources), start=1):
            label = item if isinstance(item, str) else item.label
            try:
                outcome = await _ingest_one(service, item)
            except SourceError as error:
                counts["error"] += 1
                progress.clear()
                _report_error(label, error, as_json=as_json, out=out)
            else:
                counts[outcome.status] += 1
                progress.clear()
                _report_outcome(outcome, as_json=as_json, out=out)
            out.flush()
            progress.update(number, counts["new"])
    progress.clear()
    if not as_json:
        out.write(summary(counts["new"], counts["duplicate"], counts["error"]) + "\n")
    return EXIT_FAILED if counts["error"] else EXIT_OK


def summary(new: int, duplicates: int, failed: int) -> str:
    """``3 new, 1 duplicate, 2 failed.``"""
    return f"{new} new, {duplicates} duplicate{'' if duplicates == 1 else 's'}, {failed} failed."


async def _ingest_one(service: Newsprov, item: Loaded | str) -> IngestOutcome:
    if isinstance(item, str):
        return await service.ingest_url(item)
    if item.error is not None:
        raise item.error
    assert item.draft is not None
    return await service.ingest_draft(item.draft)


def _report_outcome(outcome: IngestOutcome, *, as_json: bool, out: TextIO) -> None:
    if as_json:
        print_json(
            {
                "article_id": outcome.article_id,
                "title": outcome.title,
                "status": outcome.status,
                "attributions": len(outcome.attributions),
                "note": outcome.note,
            },
            out=out,
        )
    elif outcome.status == "duplicate":
        out.write(f"already stored: [{outcome.article_id}] {outcome.title}\n")
    else:
        out.write(
            f"stored: [{outcome.article_id}] {outcome.title} "
            f"({len(outcome.attributions)} attributions)"
            + (f" {outcome.note}" if outcome.note else "")
            + "\n"
        )


def _report_error(label: str, error: SourceError, *, as_json: bool, out: TextIO) -> None:
    if as_json:
        print_json(
            {
                "article_id": None,
                "title": None,
                "status": "error",
                "attributions": 0,
                "source": label,
                "error": str(error),
            },
            out=out,
        )
    else:
        out.write(f"could not read {label}: {error}\n")
