"""The Telegram application: wiring, feed polling on schedule, polling or webhook serving."""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import secrets
import signal
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any
from urllib.parse import urlsplit

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ExtBot,
    InlineQueryHandler,
    JobQueue,
    MessageHandler,
    filters,
)

from bot.conversation import HTML, Conversation
from bot.conversation.commands import menu
from bot.conversation.language import warm_up_in_background
from bot.conversation.render import render_notice
from bot.conversation.service import Service
from bot.conversation.split import split_message
from bot.conversation.web_links import WebLinks
from bot.errors import ConfigError
from bot.services.inprocess import InProcessJobs
from bot.services.jobs import JobRunner, Jobs
from bot.services.queue import Queue
from bot.settings import Settings
from bot.telegram.handlers import NO_PREVIEW, Handlers
from bot.telegram.notify import TelegramNotifier
from bot.telegram.updates import ChatOrderedUpdates

log = logging.getLogger(__name__)
BotApplication = Application[
    ExtBot[int],  # the rate limiter's per-call data
    ContextTypes.DEFAULT_TYPE,
    dict[Any, Any],
    dict[Any, Any],
    dict[Any, Any],
    JobQueue[ContextTypes.DEFAULT_TYPE],
]
# A 429 from Telegram is waited out (retry_after) this many times before the call fails.
MAX_FLOOD_RETRIES = 3
FIRST_FEED_POLL_S = 30.0
# Each feed has its own interval; the job only looks for the feeds that are due.
FEED_CHECK_INTERVAL_S = 60.0
# Watch notices: how often the waiting ones are looked for, and how many go out each time
# (AIORateLimiter keeps the bot within Telegram's 30 messages a second and 20 a minute a group).
NOTICE_CHECK_INTERVAL_S = 2.0
NOTICES_PER_ROUND = 20


def build_application(
    settings: Settings, service: Service, *, jobs: Jobs | None = None
) -> BotApplication:
    """The bot, wired: handlers, the error handler, rate limits and the feed-polling job.
    With ``jobs`` articles are read as jobs (the bot never waits on them); on a queue the
    queue's own periodic task polls the feeds, so the bot schedules none."""
    if not settings.telegram_token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set; the bot cannot log in without it.")
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .rate_limiter(AIORateLimiter(max_retries=MAX_FLOOD_RETRIES))
        .concurrent_updates(ChatOrderedUpdates(settings.concurrent_chats))
    )
    if settings.telegram_api_base:
        base = settings.telegram_api_base.rstrip("/")
        # PTB appends the token to both: <base>/bot<token>/<method>, <base>/file/bot<token>/...
        builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
    application = builder.build()

    web = WebLinks.of(settings.public_url)
    handlers = Handlers(
        Conversation(service, style=HTML, telegram=True, web=web), settings, jobs=jobs
    )
    names = [command.name for command in menu(telegram=True, admin=True)]
    # New messages only: an edited question or a channel's own posts get no second answer.
    new = filters.UpdateType.MESSAGE
    private, groups = new & filters.ChatType.PRIVATE, new & filters.ChatType.GROUPS
    application.add_handlers(
        [
            CommandHandler(names, handlers.command, filters=new),
            MessageHandler(new & filters.COMMAND, handlers.unknown_command),
            MessageHandler(private & filters.FORWARDED, handlers.forward),
            MessageHandler(private & (filters.TEXT | filters.CAPTION), handlers.private_text),
            MessageHandler(groups & filters.TEXT, handlers.group_text),
        ]
    )
    application.add_handler(CallbackQueryHandler(handlers.button, pattern=r"^(more|src|who):"))
    application.add_handler(InlineQueryHandler(handlers.inline))
    application.add_error_handler(handlers.error)

    if application.job_queue is not None:
        if jobs is not None and not jobs.queued:
            application.job_queue.run_repeating(
                queue_due_feeds_job(service, jobs),
                interval=FEED_CHECK_INTERVAL_S,
                first=FIRST_FEED_POLL_S,
                name="poll-feeds",
            )
        elif jobs is None:
            application.job_queue.run_repeating(
                poll_feeds_job(service, settings),
                interval=FEED_CHECK_INTERVAL_S,
                first=FIRST_FEED_POLL_S,
                name="poll-feeds",
            )
        application.job_queue.run_repeating(
            deliver_notices_job(service),
            interval=NOTICE_CHECK_INTERVAL_S,
            first=NOTICE_CHECK_INTERVAL_S,
            name="watch-notices",
        )
    return application


def deliver_notices_job(
    service: Service,
) -> Callable[[ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]:
    """Send the watch notices waiting in SQL (found by any process, kept over restarts).
    Each is marked sent before it is sent, so none goes out twice; a flood wait or a network
    failure puts it back for the next round, a chat that refuses it marks it failed."""

    async def deliver(context: ContextTypes.DEFAULT_TYPE) -> None:
        for notice in await service.pending_notices(limit=NOTICES_PER_ROUND):
            await service.mark_notices_sent(notice.notice_ids)
            text = render_notice(notice.topic, notice.claims, HTML)
            try:
                for piece in split_message(text):
                    await context.bot.send_message(
                        notice.chat_id,
                        piece,
                        parse_mode=ParseMode.HTML,
                        link_preview_options=NO_PREVIEW,
                    )
            except (RetryAfter, NetworkError) as error:  # TimedOut is a NetworkError
                await service.release_notices(notice.notice_ids, error=str(error))
                return  # the rest wait for the next round
            except TelegramError as error:  # blocked by the user, chat gone: not again
                log.info("Watch notice to chat %s refused: %s", notice.chat_id, error)
                await service.mark_notices_sent(notice.notice_ids, error=str(error))

    return deliver


def queue_due_feeds_job(
    service: Service, jobs: Jobs
) -> Callable[[ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]:
    """The scheduled feed poll as jobs: each due feed polled once at a time; the job's
    notifier tells the admins about a feed it disables."""

    async def poll(context: ContextTypes.DEFAULT_TYPE) -> None:
        for feed_id in await service.due_feed_ids():
            await jobs.poll_feed(feed_id, due_only=True)

    return poll


def poll_feeds_job(
    service: Service, settings: Settings
) -> Callable[[ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]:
    """The scheduled feed poll; admins hear about feeds disabled after repeated failures."""

    async def poll(context: ContextTypes.DEFAULT_TYPE) -> None:
        reports = await service.poll_feeds()
        # Only the poll that disables a feed carries a message, so admins are told once.
        notices = [report.admin_message for report in reports if report.admin_message]
        if not notices:
            return
        text = "\n\n".join(html.escape(notice, quote=False) for notice in notices)
        for admin_id in settings.admin_ids:
            try:
                await context.bot.send_message(admin_id, text, parse_mode=ParseMode.HTML)
            except TelegramError as error:
                log.warning("Could not tell admin %s about disabled feeds: %s", admin_id, error)

    return poll


async def publish_commands(application: BotApplication, settings: Settings) -> None:
    """The command menu: the public commands for everyone, all of them for each admin."""
    public = [BotCommand(c.name, c.description) for c in menu(telegram=True, admin=False)]
    await application.bot.set_my_commands(public)
    every = [BotCommand(c.name, c.description) for c in menu(telegram=True, admin=True)]
    for admin_id in settings.admin_ids:
        try:
            await application.bot.set_my_commands(every, scope=BotCommandScopeChat(admin_id))
        except TelegramError as error:  # an admin who never opened the bot has no chat yet
            log.info("No admin command menu for %s: %s", admin_id, error)


async def serve(
    application: BotApplication,
    settings: Settings,
    *,
    stop: asyncio.Event,
    poll_interval: float = 0.0,
    poll_timeout: int = 10,
    on_started: Callable[[], Awaitable[object]] | None = None,
) -> None:
    """Run ``application`` until ``stop`` is set: long polling, or a webhook with a secret token
    when ``settings.webhook_url`` is set. ``on_started`` runs once the bot can send (the jobs a
    stopped bot left start again then)."""
    async with application:
        await publish_commands(application, settings)
        await application.start()
        if on_started is not None:
            await on_started()
        # The language model takes seconds to load: load it before the first message needs it.
        warm_up_in_background()
        updater = application.updater
        assert updater is not None
        if settings.webhook_url:
            await updater.start_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
                webhook_url=settings.webhook_url,
                secret_token=settings.webhook_secret or secrets.token_urlsafe(32),
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            await updater.start_polling(
                poll_interval=poll_interval,
                timeout=poll_timeout,
                allowed_updates=Update.ALL_TYPES,
            )
        try:
            await stop.wait()
        finally:
            await updater.stop()
            await application.stop()


async def run_bot(settings: Settings) -> None:
    """``newsprov serve``: open the service and run the bot until SIGINT or SIGTERM."""
    from bot.services.newsprov import Newsprov

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # not on Windows
            loop.add_signal_handler(signum, stop.set)
    async with await Newsprov.open(settings) as service:
        runner = JobRunner(service)
        jobs = await open_jobs(settings, runner)
        application = build_application(settings, service, jobs=jobs)
        web = WebLinks.of(settings.public_url)
        conversation = Conversation(service, style=HTML, telegram=True, web=web)
        runner.notifier = TelegramNotifier(application.bot, conversation, settings=settings)
        worker = None
        if isinstance(jobs, Queue) and settings.bot_runs_jobs:
            worker = asyncio.create_task(
                jobs.run_worker(concurrency=settings.job_concurrency, install_signal_handlers=False)
            )
        log.info("newsprov bot running (%s)", "webhook" if settings.webhook_url else "polling")
        try:
            resume = jobs.resume if isinstance(jobs, InProcessJobs) else None
            await serve(application, settings, stop=stop, on_started=resume)
        except InvalidToken:  # its message quotes the token
            raise ConfigError(
                "Telegram rejected TELEGRAM_BOT_TOKEN: copy the token again from @BotFather."
            ) from None
        finally:
            if worker is not None:
                worker.cancel()  # procrastinate stops the worker; its jobs are run again
                await asyncio.gather(worker, return_exceptions=True)
            await jobs.close()


async def open_jobs(settings: Settings, runner: JobRunner) -> Jobs:
    """A queue on PostgreSQL (running jobs here too with ``bot_runs_jobs``), else the bot's
    own process."""
    if settings.uses_queue:
        return await Queue(settings, runner=runner if settings.bot_runs_jobs else None).open()
    return InProcessJobs(runner, settings=settings, concurrency=settings.job_concurrency)
