"""``newsprov jobs [--failed] [--json]``: the queued jobs, their state and why they failed."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from bot.cli.output import EXIT_OK, print_json
from bot.services.jobs import needs_queue
from bot.services.queue import Queue
from bot.settings import Settings
from store.db import upgrade_to_head

HELP = "the queued jobs: state, attempts and, for failures, the reason (PostgreSQL)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--failed", action="store_true", help="only the failed jobs, with why")
    parser.add_argument("--json", action="store_true", help="one JSON line per job")
    parser.add_argument("--limit", type=int, default=50, help="newest jobs shown (default 50)")


async def main(args: argparse.Namespace, settings: Settings, *, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    needs_queue(settings, "newsprov jobs")
    await upgrade_to_head(settings.database_url)
    queue = await Queue(settings).open()
    try:
        rows = await queue.jobs(failed=args.failed, limit=args.limit)
        counts = await queue.counts()
    finally:
        await queue.close()
    for row in rows:
        if args.json:
            print_json(
                {
                    "id": row.id,
                    "task": row.task,
                    "status": row.status,
                    "attempts": row.attempts,
                    "args": shown_args(row.args),
                    "reason": row.reason,
                },
                out=out,
            )
            continue
        reason = f": {row.reason}" if row.reason and row.status in {"failed", "todo"} else ""
        plural = "" if row.attempts == 1 else "s"
        out.write(
            f"[{row.id}] {row.task} {describe_args(row.args)} — {row.status}, "
            f"{row.attempts} attempt{plural}{reason}\n"
        )
    if not args.json:
        summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
        out.write(f"Jobs: {summary or 'none'}.\n")
    return EXIT_OK


def shown_args(args: dict[str, Any]) -> dict[str, Any]:
    """A job's arguments as shown: a draft's text is long, its title says which it is."""
    shown = dict(args)
    if isinstance(shown.get("draft"), dict):
        shown["draft"] = {"title": shown["draft"].get("title")}
    return shown


def describe_args(args: dict[str, Any]) -> str:
    if "url" in args:
        return str(args["url"])
    if isinstance(args.get("draft"), dict):
        return repr(args["draft"].get("title"))
    if "feed_id" in args:
        return f"feed {args['feed_id']}"
    if "article_id" in args:
        return f"article {args['article_id']}"
    return ""
