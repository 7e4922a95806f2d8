"""On SQLite the bot runs jobs in its own process; one the person was told "reading it…"
about is kept in ``pending_jobs`` and survives the bot's stop: stopped cleanly mid-job, or
killed with SIGKILL, the bot reads the article when it starts again and replies in the chat."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from fake_bot_api import TOKEN, FakeBotApi
from http_fixtures import LocalHTTPServer, Reply, SeenRequest
from telegram_harness import READING, USER_ID, start_bot, stop_bot

from bot.services.inprocess import InProcessJobs
from bot.services.jobs import ChatRef, JobRunner
from bot.services.newsprov import Newsprov
from bot.settings import Settings
from store.pending import add_pending, list_pending

PAGE = (
    b"<html><head><title>Ferry operator cancels winter timetable</title></head><body>"
    b"<article><h1>Ferry operator cancels winter timetable</h1>"
    b"<p>The ferry operator denied on Monday that the crossings were unsafe in winter.</p>"
    b"<p>The island council accused the operator of leaving three villages without a link.</p>"
    b"</article></body></html>"
)
TITLE = "Ferry operator cancels winter timetable"


class HeldPage:
    """A page whose first request is held (the job is mid-fetch) until ``release``."""

    def __init__(self) -> None:
        self.released = threading.Event()
        self.held = threading.Event()

    def __call__(self, request: SeenRequest) -> Reply:
        if not self.released.is_set():
            self.held.set()
            self.released.wait(60)
        return Reply(body=PAGE)


def _replies_to(api: FakeBotApi, message_id: int) -> list[str]:
    """The texts the bot sent as replies to the person's message ``message_id``."""
    texts = []
    for method, params in api.calls:
        reply = params.get("reply_parameters")
        if method == "sendMessage" and reply:
            reply = json.loads(reply) if isinstance(reply, str) else reply
            if int(reply["message_id"]) == message_id:
                texts.append(str(params.get("text")))
    return texts


async def test_a_link_being_read_when_the_bot_stops_is_read_and_answered_after_restart(
    bot_api: FakeBotApi, bot_settings: Settings, extractor: Any, http_server: LocalHTTPServer
) -> None:
    page = HeldPage()
    link = http_server.add("/news/ferry", page)
    async with await Newsprov.open(bot_settings, extractor=extractor) as service:
        application, stop = await start_bot(bot_api, bot_settings, service)
        sent = bot_api.send(f"Who denied this? {link}")
        ack = await bot_api.next_reply(USER_ID)
        assert ack["text"].startswith(READING)
        await asyncio.to_thread(page.held.wait, 30)  # the job is mid-fetch
        assert page.held.is_set()
        await stop_bot(application, stop)
        async with service.sessions() as session:
            left = await list_pending(session)
        assert [(row.task, row.args["url"]) for row in left] == [("ingest_link", link)]
        assert left[0].args["chat"] == {"chat_id": USER_ID, "message_id": sent["message_id"]}
        assert (await service.stats()).articles == 0

    page.released.set()
    async with await Newsprov.open(bot_settings, extractor=extractor) as service:
        application, stop = await start_bot(bot_api, bot_settings, service)
        try:
            reply = await bot_api.next_reply(USER_ID, within=60)
            assert TITLE in reply["text"], reply["text"]
            await application._test_jobs.drain()
            async with service.sessions() as session:
                assert await list_pending(session) == []
            assert (await service.stats()).articles == 1
        finally:
            await stop_bot(application, stop)
    assert any(TITLE in text for text in _replies_to(bot_api, sent["message_id"]))
    assert [r.path for r in http_server.requests] == ["/news/ferry", "/news/ferry"]


async def test_a_job_that_keeps_being_cut_short_fails_and_the_chat_is_told(
    bot_api: FakeBotApi, bot_settings: Settings, extractor: Any, http_server: LocalHTTPServer
) -> None:
    link = http_server.add("/news/ferry", Reply(body=PAGE))
    asked = bot_api.message(link)  # sent before the bots that were killed
    chat = ChatRef(chat_id=USER_ID, message_id=asked["message_id"])
    async with await Newsprov.open(bot_settings, extractor=extractor) as service:
        async with service.sessions.begin() as session:  # what bots killed 5 times left
            job_id = await add_pending(
                session, task="ingest_link", args={"url": link, "chat": chat.as_json()}
            )
            (await list_pending(session))[0].attempts = bot_settings.job_max_attempts
        application, stop = await start_bot(bot_api, bot_settings, service)
        try:
            reply = await bot_api.next_reply(USER_ID)
            assert "stopped while reading it, 5 times" in reply["text"], reply["text"]
            async with service.sessions() as session:
                assert [row.id for row in await list_pending(session)] == []
        finally:
            await stop_bot(application, stop)
    assert job_id > 0
    assert _replies_to(bot_api, asked["message_id"]) == [reply["html"]]
    assert http_server.requests == []  # not tried a sixth time


async def test_jobs_that_end_leave_nothing_kept(
    bot_settings: Settings, extractor: Any, http_server: LocalHTTPServer
) -> None:
    good = http_server.add("/news/ferry", Reply(body=PAGE))
    gone = http_server.add("/news/gone", Reply(status=404))
    async with await Newsprov.open(bot_settings, extractor=extractor) as service:
        jobs = InProcessJobs(JobRunner(service), settings=bot_settings)
        await jobs.ingest_link(good, chat=ChatRef(chat_id=1))
        await jobs.ingest_link(gone, chat=ChatRef(chat_id=1))
        await jobs.drain()
        async with service.sessions() as session:
            assert await list_pending(session) == []
        assert await jobs.resume() == 0
        assert (await service.stats()).articles == 1


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
async def test_newsprov_serve_killed_with_sigkill_mid_job_answers_after_it_starts_again(
    bot_api: FakeBotApi, tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    page = HeldPage()
    link = http_server.add("/news/ferry", page)
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("NEWSPROV_", "TELEGRAM_"))},
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE": bot_api.base_url,
        "NEWSPROV_DATABASE_URL": f"sqlite:///{tmp_path / 'served.db'}",
        "NEWSPROV_ALLOW_PRIVATE_NETWORKS": "true",
    }
    log_path = tmp_path / "serve.log"
    log = log_path.open("wb")

    async def serve() -> asyncio.subprocess.Process:
        polls = sum(method == "getUpdates" for method, _ in bot_api.calls)
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "--env-file", str(tmp_path / "no.env"), "serve",
            env=environment, cwd=Path(__file__).resolve().parents[1],
            stdout=log, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        await bot_api.wait_until(
            lambda: sum(method == "getUpdates" for method, _ in bot_api.calls) > polls, within=90
        )
        return process

    process = await serve()
    try:
        sent = bot_api.send(link)
        ack = await bot_api.next_reply(USER_ID, within=60)
        assert ack["text"].startswith(READING)
        await asyncio.to_thread(page.held.wait, 60)
        assert page.held.is_set()
        process.send_signal(signal.SIGKILL)
        assert await asyncio.wait_for(process.wait(), 30) == -signal.SIGKILL
        page.released.set()

        process = await serve()
        reply = await bot_api.next_reply(USER_ID, within=90)
        assert TITLE in reply["text"], (reply["text"], log_path.read_text())
        assert any(TITLE in text for text in _replies_to(bot_api, sent["message_id"]))
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 60) == 0, log_path.read_text()
    finally:
        page.released.set()
        if process.returncode is None:
            process.kill()
            await process.wait()
        log.close()
