"""``newsprov worker``, ``newsprov jobs``, ``newsprov reextract`` and ``ingest --enqueue``.

Wiring in ``bot/cli.py``: ``add_jobs_parsers(commands)`` in ``build_parser``, and
``run_jobs_command(args, settings)`` in ``dispatch`` for the commands it names.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from bot.errors import ConfigError
from bot.extract.version import EXTRACTOR_VERSION
from bot.settings import Settings

EXIT_OK, EXIT_FAILED = 0, 1
COMMANDS = frozenset({"worker", "jobs", "reextract"})
PROGRESS_EVERY_S = 1.0


def add_jobs_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    worker = commands.add_parser(
        "worker", help="run queued jobs (ingests, feed polls, re-extraction); PostgreSQL"
    )
    worker.add_argument("--concurrency", type=int, metavar="N", help="jobs run at once (default 4)")
    worker.add_argument("--burst", action="store_true", help="stop when the queue is empty")

    jobs = commands.add_parser("jobs", help="the queued jobs, their state and failures")
    jobs.add_argument("--failed", action="store_true", help="only the failed jobs, with why")
    jobs.add_argument("--json", action="store_true", help="one JSON line per job")
    jobs.add_argument("--limit", type=int, default=50, help="newest jobs shown (default 50)")

    reextract = commands.add_parser(
        "reextract", help="read stored articles again with the current extractor"
    )
    which = reextract.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true", help="every article")
    which.add_argument(
        "--older-than",
        type=int,
        metavar="VERSION",
        help=f"articles read by an older extractor (default: {EXTRACTOR_VERSION}, the current)",
    )
    reextract.add_argument("--json", action="store_true", help="print the counts as JSON")
    reextract.add_argument(
        "--wait", action="store_true", help="with a queue: show progress until the jobs end"
    )


async def run_jobs_command(
    args: argparse.Namespace, settings: Settings, *, out: TextIO | None = None
) -> int:
    out = out or sys.stdout
    if args.command == "worker":
        return await run_worker(settings, concurrency=args.concurrency, burst=args.burst)
    if args.command == "jobs":
        return await list_jobs(settings, failed=args.failed, as_json=args.json, limit=args.limit,
                               out=out)  # fmt: skip
    older_than = None if args.all else (args.older_than or EXTRACTOR_VERSION)
    return await reextract(
        settings, older_than=older_than, as_json=args.json, wait=args.wait, out=out
    )


def _needs_queue(settings: Settings, what: str) -> None:
    if not settings.uses_queue:
        raise ConfigError(
            f"{what} needs the job queue, which lives in PostgreSQL "
            "(NEWSPROV_DATABASE_URL=postgresql://...); on SQLite jobs run inside the bot."
        )


async def run_worker(settings: Settings, *, concurrency: int | None, burst: bool) -> int:
    from bot.service import Newsprov
    from bot.services.jobs import JobRunner
    from bot.services.queue import Queue
    from bot.telegram.notify import TelegramNotifier, worker_bot

    _needs_queue(settings, "newsprov worker")
    bot = worker_bot(settings)
    async with await Newsprov.open(settings) as service:
        runner = JobRunner(service)
        queue = await Queue(settings, runner=runner).open()
        try:
            if bot is not None:
                await bot.initialize()
                runner.notifier = TelegramNotifier(bot, settings=settings)
            await queue.run_worker(concurrency=concurrency or settings.job_concurrency, burst=burst)
        finally:
            if bot is not None:
                await bot.shutdown()
            await queue.close()
    return EXIT_OK


async def list_jobs(
    settings: Settings, *, failed: bool, as_json: bool, limit: int, out: TextIO
) -> int:
    from store.db import create_engine, session_factory
    from store.jobs import count_jobs
    from store.jobs import list_jobs as stored_jobs

    _needs_queue(settings, "newsprov jobs")
    from store.db import upgrade_to_head

    await upgrade_to_head(settings.database_url)
    engine = create_engine(settings.database_url)
    try:
        async with session_factory(engine)() as session:
            rows = await stored_jobs(session, failed=failed, limit=limit)
            counts = await count_jobs(session)
    finally:
        await engine.dispose()
    for row in rows:
        if as_json:
            payload = {
                "id": row.id,
                "task": row.task,
                "status": row.status,
                "attempts": row.attempts,
                "args": _shown_args(row.args),
                "reason": row.reason,
            }
            out.write(json.dumps(payload, ensure_ascii=False) + "\n")
            continue
        reason = f": {row.reason}" if row.reason and row.status in {"failed", "todo"} else ""
        out.write(
            f"[{row.id}] {row.task} {_describe_args(row.args)} — {row.status}, "
            f"{row.attempts} attempt{'' if row.attempts == 1 else 's'}{reason}\n"
        )
    if not as_json:
        summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
        out.write(f"Jobs: {summary or 'none'}.\n")
    return EXIT_OK


def _shown_args(args: dict[str, Any]) -> dict[str, Any]:
    """A job's arguments as shown: a draft's text is long, its title says which it is."""
    shown = dict(args)
    if isinstance(shown.get("draft"), dict):
        shown["draft"] = {"title": shown["draft"].get("title")}
    return shown


def _describe_args(args: dict[str, Any]) -> str:
    shown = _shown_args(args)
    if "url" in shown:
        return str(shown["url"])
    if "draft" in shown:
        return repr(shown["draft"]["title"])
    if "feed_id" in shown:
        return f"feed {shown['feed_id']}"
    if "article_id" in shown:
        return f"article {shown['article_id']}"
    return ""


async def reextract(
    settings: Settings, *, older_than: int | None, as_json: bool, wait: bool, out: TextIO
) -> int:
    """On SQLite: read the articles again now. With a queue: one job per article."""
    from bot.service import Newsprov

    show_progress = sys.stderr.isatty() and not as_json

    def progress(done: int, total: int) -> None:
        if show_progress:
            print(f"\r{done}/{total} articles read again…", end="", file=sys.stderr)

    async with await Newsprov.open(settings) as service:
        ids = await service.reextract_ids(older_than=older_than)
        if settings.uses_queue:
            return await _queue_reextract(settings, ids, as_json=as_json, wait=wait, out=out)
        report = await service.reextract(progress=progress, article_ids=ids)
    if show_progress:
        print("\r\033[K", end="", file=sys.stderr)
    if as_json:
        payload = {"articles": report.articles, "before": report.before, "after": report.after}
        out.write(json.dumps(payload) + "\n")
    else:
        out.write(
            f"{report.articles} article{'' if report.articles == 1 else 's'} read again: "
            f"{report.before} attributions before, {report.after} now.\n"
        )
    return EXIT_OK


async def _queue_reextract(
    settings: Settings, ids: list[int], *, as_json: bool, wait: bool, out: TextIO
) -> int:
    from bot.services.queue import Queue

    queue = await Queue(settings).open()
    try:
        job_ids = await queue.reextract(ids)
        if wait:
            while (left := await queue.unfinished(job_ids)) > 0:
                if not as_json:
                    print(f"\r{len(ids) - left}/{len(ids)} articles read again…", end="",
                          file=sys.stderr)  # fmt: skip
                await asyncio.sleep(PROGRESS_EVERY_S)
            if not as_json:
                print("\r\033[K", end="", file=sys.stderr)
    finally:
        await queue.close()
    if as_json:
        out.write(json.dumps({"articles": len(ids), "queued": not wait}) + "\n")
    elif wait:
        out.write(f"{len(ids)} article{'' if len(ids) == 1 else 's'} read again.\n")
    else:
        out.write(
            f"{len(ids)} article{'' if len(ids) == 1 else 's'} queued to be read again; "
            "`newsprov jobs` shows how far the workers are.\n"
        )
    return EXIT_OK


async def enqueue_sources(settings: Settings, sources: list[str], *, out: TextIO) -> int:
    """``newsprov ingest --enqueue``: one job a source (a link, or an article of a file)."""
    from bot.ingest.files import load_file
    from bot.services.queue import Queue

    _needs_queue(settings, "newsprov ingest --enqueue")
    from store.db import upgrade_to_head

    await upgrade_to_head(settings.database_url)
    queue = await Queue(settings).open()
    queued = failed = 0
    try:
        for source in sources:
            if source.lower().startswith(("http://", "https://")):
                await queue.ingest_link(source)
                queued += 1
                continue
            for loaded in load_file(Path(source)):
                if loaded.draft is None:
                    failed += 1
                    out.write(f"could not read {loaded.label}: {loaded.error}\n")
                    continue
                await queue.ingest_draft(loaded.draft)
                queued += 1
    finally:
        await queue.close()
    out.write(f"{queued} queued, {failed} could not be read.\n")
    return EXIT_FAILED if failed and not queued else EXIT_OK
