"""``newsprov worker [--concurrency N] [--burst]``: run queued jobs (PostgreSQL)."""

from __future__ import annotations

import argparse

from bot.cli.output import EXIT_OK
from bot.conversation import HTML, Conversation
from bot.conversation.web_links import WebLinks
from bot.services.jobs import JobRunner, needs_queue
from bot.services.newsprov import Newsprov
from bot.services.queue import Queue
from bot.settings import Settings
from bot.telegram.notify import TelegramNotifier, worker_bot

HELP = "run queued jobs: ingests, feed polls, re-extraction (PostgreSQL)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--concurrency", type=int, metavar="N", help="jobs run at once (default 4)")
    parser.add_argument("--burst", action="store_true", help="stop when the queue is empty")


async def main(args: argparse.Namespace, settings: Settings) -> int:
    """Run jobs until SIGINT or SIGTERM (running jobs end first), or with ``--burst`` until the
    queue is empty. With a bot token, the outcome of a chat's job is sent to it from here."""
    needs_queue(settings, "newsprov worker")
    bot = worker_bot(settings)
    async with await Newsprov.open(settings) as service:
        runner = JobRunner(service)
        queue = await Queue(settings, runner=runner).open()
        try:
            if bot is not None:
                await bot.initialize()
                web = WebLinks.of(settings.public_url)
                conversation = Conversation(service, style=HTML, telegram=True, web=web)
                runner.notifier = TelegramNotifier(bot, conversation, settings=settings)
            concurrency = args.concurrency or settings.job_concurrency
            await queue.run_worker(concurrency=concurrency, burst=args.burst)
        finally:
            if bot is not None:
                await bot.shutdown()
            await queue.close()
    return EXIT_OK
