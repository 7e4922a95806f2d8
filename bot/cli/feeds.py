"""``newsprov feeds add URL [--interval MINUTES] | list | remove ID | poll [ID]``."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from bot.cli.output import EXIT_FAILED, EXIT_OK
from bot.errors import NotFoundError
from bot.services.feeds import FeedInfo, PollReport
from bot.services.newsprov import Newsprov
from bot.settings import Settings

HELP = "follow RSS and Atom feeds"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="follow a feed")
    add.add_argument("url", metavar="URL")
    add.add_argument(
        "--interval", type=int, metavar="MINUTES", help="minutes between polls (default 30)"
    )
    actions.add_parser("list", help="the feeds followed and how they are doing")
    remove = actions.add_parser("remove", help="stop following a feed (its articles stay)")
    remove.add_argument("feed_id", type=int, metavar="ID")
    poll = actions.add_parser("poll", help="poll one feed now, or every feed that is due")
    poll.add_argument("feed_id", type=int, nargs="?", metavar="ID")


async def main(args: argparse.Namespace, settings: Settings, *, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    async with await Newsprov.open(settings) as service:
        if args.feeds_command == "add":
            feed = await service.add_feed(args.url, interval_minutes=args.interval)
            out.write(
                f"Following feed {feed.id}: {feed.title or feed.url}, "
                f"polled every {feed.interval_minutes} minutes.\n"
            )
            return EXIT_OK
        if args.feeds_command == "list":
            feeds = await service.list_feeds()
            out.write("".join(describe_feed(feed) + "\n" for feed in feeds) or "No feeds.\n")
            return EXIT_OK
        if args.feeds_command == "remove":
            feed = await service.remove_feed(args.feed_id)
            out.write(f"Stopped following feed {feed.id}: {feed.title or feed.url}.\n")
            return EXIT_OK
        if settings.uses_queue:  # a poll job, with the feed's lock: never two at once
            return await _queue_polls(service, settings, args.feed_id, out=out)
        reports = await service.poll_feeds(args.feed_id)
        if not reports:
            out.write("No feed is due.\n")
        for report in reports:
            out.write(describe_poll(report) + "\n")
        return EXIT_FAILED if any(r.outcome == "failed" for r in reports) else EXIT_OK


async def _queue_polls(
    service: Newsprov, settings: Settings, feed_id: int | None, *, out: TextIO
) -> int:
    from bot.services.queue import Queue

    if feed_id is not None and feed_id not in {feed.id for feed in await service.list_feeds()}:
        raise NotFoundError(f"There is no feed {feed_id}.")
    feed_ids = [feed_id] if feed_id is not None else await service.due_feed_ids()
    queue = await Queue(settings).open()
    try:
        for one in feed_ids:
            await queue.poll_feed(one, due_only=feed_id is None)
    finally:
        await queue.close()
    out.write(f"Queued a poll of {len(feed_ids)} feed(s); `newsprov feeds list` shows them.\n")
    return EXIT_OK


def describe_feed(feed: FeedInfo) -> str:
    if feed.disabled:
        state = f"disabled after {feed.failures} failures: {feed.last_error}"
    elif feed.failures:
        state = f"failing ({feed.failures}): {feed.last_error}"
    elif feed.last_polled_at is None:
        state = "not polled yet"
    else:
        state = f"polled {feed.last_polled_at:%Y-%m-%d %H:%M} UTC"
    duplicates = f", {feed.duplicate_entries} duplicate entries" if feed.duplicate_entries else ""
    return (
        f"[{feed.id}] {feed.title or '(untitled)'} <{feed.url}> "
        f"every {feed.interval_minutes} min, {state}{duplicates}"
    )


def describe_poll(report: PollReport) -> str:
    head = f"feed {report.feed_id}:"
    if report.outcome == "failed":
        text = f"{head} failed: {report.error}"
        return f"{text}\n  {report.admin_message}" if report.admin_message else text
    if report.outcome == "not_modified":
        return f"{head} nothing new (not modified)."
    text = (
        f"{head} {report.new_articles} new articles, {report.duplicates} already stored, "
        f"{report.already_seen} entries seen before"
    )
    if report.postponed:
        text += f", {report.postponed} left for the next poll"
    lines = [text + "."] + [f"  could not ingest {error}" for error in report.entry_errors]
    return "\n".join(lines)
