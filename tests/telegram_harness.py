"""Fixtures for driving the real Telegram ``Application`` through the fake Bot API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fake_bot_api import TOKEN, FakeBotApi

from bot.settings import Settings

ADMIN_ID = 7001
USER_ID = 501

KESSEL_POST = """Drone strike hits the Kessel market

The defence ministry denied that its drones struck the Kessel market on Friday.

The regional council blamed the defence ministry for the deaths of four traders at the market.

Council leader Mira Halden said the market would stay closed for a week."""


@pytest.fixture
async def bot_api() -> AsyncIterator[FakeBotApi]:
    api = FakeBotApi()
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
def bot_settings(tmp_path: Path, bot_api: FakeBotApi) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'newsprov.db'}",
        telegram_token=TOKEN,
        telegram_api_base=bot_api.base_url,
        admin_ids=frozenset({ADMIN_ID}),
        allow_private_networks=True,
        semantic="off",
    )


@pytest.fixture
async def newsprov(bot_settings: Settings, extractor: Any) -> AsyncIterator[Any]:
    from bot.services.newsprov import Newsprov

    async with await Newsprov.open(bot_settings, extractor=extractor) as service:
        yield service


async def start_bot(api: FakeBotApi, settings: Settings, service: Any) -> tuple[Any, asyncio.Event]:
    from bot.conversation import HTML, Conversation
    from bot.conversation.web_links import WebLinks
    from bot.services.inprocess import InProcessJobs
    from bot.services.jobs import JobRunner
    from bot.telegram import build_application, serve
    from bot.telegram.notify import TelegramNotifier

    # As `newsprov serve` wires it on SQLite: articles read as jobs inside this process.
    runner = JobRunner(service)
    jobs = InProcessJobs(runner, settings=settings)
    application = build_application(settings, service, jobs=jobs)
    conversation = Conversation(
        service, style=HTML, telegram=True, web=WebLinks.of(settings.public_url)
    )
    runner.notifier = TelegramNotifier(application.bot, conversation, settings=settings)
    application._test_jobs = jobs
    stop = asyncio.Event()
    task = asyncio.create_task(
        serve(application, settings, stop=stop, poll_timeout=1, on_started=jobs.resume)
    )
    listening = {"getUpdates", "setWebhook"}
    await api.wait_until(lambda: task.done() or any(m in listening for m, _ in api.calls))
    if task.done():
        task.result()
    application._test_task = task  # the task serving it, awaited by stop_bot
    return application, stop


async def stop_bot(application: Any, stop: asyncio.Event) -> None:
    stop.set()
    await asyncio.wait_for(application._test_task, 20)
    await application._test_jobs.close()


@pytest.fixture
async def running_bot(
    bot_api: FakeBotApi, bot_settings: Settings, newsprov: Any
) -> AsyncIterator[Any]:
    application, stop = await start_bot(bot_api, bot_settings, newsprov)
    yield application
    await stop_bot(application, stop)


READING = "Reading it…"


async def job_reply(
    api: FakeBotApi, user_id: int = USER_ID, *, within: float = 30
) -> dict[str, Any]:
    """The reply a job sends when it ends, after the bot's at-once acknowledgement."""
    ack = await api.next_reply(user_id, within=within)
    assert ack["text"].startswith(READING), ack["text"]
    return await api.next_reply(user_id, within=within)


async def outcome_reply(
    api: FakeBotApi, user_id: int = USER_ID, *, within: float = 30
) -> dict[str, Any]:
    """What the bot finally says to a forward, link or paste: the job's reply after the
    at-once acknowledgement, or the at-once reply itself when there was nothing to queue."""
    reply = await api.next_reply(user_id, within=within)
    if reply["text"].startswith(READING):
        return await api.next_reply(user_id, within=within)
    return reply


def with_settings(settings: Settings, **changes: Any) -> Settings:
    return replace(settings, **changes)
