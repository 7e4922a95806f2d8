"""Jobs on the real engine: procrastinate on a real PostgreSQL database, run by real
``newsprov worker`` processes, reading pages from a real local HTTP server."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from cli_process import cli_command, cli_environment
from fake_bot_api import TOKEN, FakeBotApi
from http_fixtures import LocalHTTPServer, Reply, SeenRequest
from sqlalchemy import text
from telegram_harness import READING, USER_ID

from bot.services.queue import Queue
from bot.settings import Settings
from store.db import create_engine, session_factory, upgrade_to_head
from store.jobs import JobRow, list_jobs

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

WORKER_SETTINGS = {
    "NEWSPROV_ALLOW_PRIVATE_NETWORKS": "true",
    "NEWSPROV_FETCH_TIMEOUT": "60",
    "NEWSPROV_JOB_RETRY_SECONDS": "1",
    "NEWSPROV_JOB_MAX_ATTEMPTS": "3",
    "NEWSPROV_JOB_CHECK_SECONDS": "1",
    "NEWSPROV_JOB_STALLED_SECONDS": "3",
}
SPEAKERS = ["Amira Haddad", "Jonas Lindqvist", "Carmen Ruiz", "Tobias Brandt", "Nadia Petrova"]
TOPICS = ["the ferry route", "the bridge repairs", "the water tariff", "the hospital wing"]


def page(number: int) -> bytes:
    """A distinct article page, written here."""
    speaker, topic = SPEAKERS[number % len(SPEAKERS)], TOPICS[number % len(TOPICS)]
    title = f"Row over {topic}, report {number}"
    paragraphs = [
        f"{speaker}, a spokesperson for the council, denied on Monday that {topic} had cost "
        f"more than the {number + 2} million planned.",
        f"Residents accused the council of hiding the true cost of {topic} for {number + 3} "
        "months.",
        f"Article {number} gives the background of {topic}.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}"
        "</article></body></html>"
    ).encode()


@pytest.fixture
def queue_settings(postgres_url: str) -> Settings:
    return replace(
        Settings.from_mapping({"NEWSPROV_DATABASE_URL": postgres_url, **WORKER_SETTINGS}),
        database_url=postgres_url,
    )


@pytest.fixture
async def queue(queue_settings: Settings) -> AsyncIterator[Queue]:
    await upgrade_to_head(queue_settings.database_url)
    opened = await Queue(queue_settings).open()
    yield opened
    await opened.close()


class Workers:
    """``newsprov worker`` processes, each logging to its own file."""

    def __init__(self, url: str, folder: Path) -> None:
        self.url, self.folder = url, folder
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self, *args: str, **settings: str) -> subprocess.Popen[bytes]:
        with (self.folder / f"worker-{len(self.processes)}.log").open("wb") as log:
            process = subprocess.Popen(
                cli_command(self.folder, "--db", self.url, "worker", *args),
                cwd=self.folder,
                env=cli_environment(**WORKER_SETTINGS, **settings),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.processes.append(process)
        return process

    def log(self, number: int) -> str:
        return (self.folder / f"worker-{number}.log").read_text(errors="replace")

    def stop(self) -> list[int]:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        return [process.wait(timeout=60) for process in self.processes]


@pytest.fixture
def workers(postgres_url: str, tmp_path: Path) -> Iterator[Workers]:
    running = Workers(postgres_url, tmp_path)
    yield running
    for process in running.processes:  # whatever a failed test left running
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


async def jobs_of(url: str, task: str) -> list[JobRow]:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            return [row for row in await list_jobs(session, limit=10_000) if row.task == task]
    finally:
        await engine.dispose()


async def scalar(url: str, query: str) -> Any:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.scalar(text(query))
    finally:
        await engine.dispose()


async def until(check: Callable[[], Any], *, within: float, what: str) -> Any:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        result = await check()
        if result:
            return result
        await asyncio.sleep(0.25)
    raise AssertionError(f"not within {within} s: {what}")


async def all_ended(url: str, task: str, count: int) -> bool:
    rows = await jobs_of(url, task)
    return len(rows) == count and all(row.status in {"succeeded", "failed"} for row in rows)


async def test_two_worker_processes_share_the_jobs_and_store_each_article_once(
    queue: Queue, workers: Workers, http_server: LocalHTTPServer, postgres_url: str
) -> None:
    links = [http_server.add(f"/news/{n}", Reply(body=page(n), stall_s=0.3)) for n in range(10)]
    workers.start("--concurrency", "2")
    workers.start("--concurrency", "2")
    for link in links + links:  # every link twice: two jobs race for each article
        await queue.ingest_link(link)

    await until(lambda: all_ended(postgres_url, "ingest_link", 20), within=180, what="20 ingests")
    rows = await jobs_of(postgres_url, "ingest_link")
    assert {row.status for row in rows} == {"succeeded"}
    assert await scalar(postgres_url, "SELECT count(*) FROM articles") == 10
    assert await scalar(postgres_url, "SELECT count(DISTINCT content_hash) FROM articles") == 10
    ran_by = await scalar(
        postgres_url,
        "SELECT count(DISTINCT worker_id) FROM procrastinate_jobs"
        " WHERE task_name = 'ingest_link' AND worker_id IS NOT NULL",
    )
    assert ran_by == 2, (workers.log(0)[-2000:], workers.log(1)[-2000:])
    assert workers.stop() == [0, 0]  # SIGTERM: running jobs end first, then a clean exit


async def test_a_worker_killed_mid_job_leaves_nothing_stored_and_the_job_runs_again(
    queue: Queue, workers: Workers, http_server: LocalHTTPServer, postgres_url: str
) -> None:
    served: list[float] = []

    def slow_first(request: SeenRequest) -> Reply:
        served.append(time.monotonic())
        return Reply(body=page(1), stall_s=60 if len(served) == 1 else None)

    link = http_server.add("/news/slow", slow_first)
    first = workers.start()
    await queue.ingest_link(link)

    async def fetching() -> bool:
        return bool(served)

    await until(fetching, within=120, what="the first worker fetching the page")
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    (job,) = await jobs_of(postgres_url, "ingest_link")
    assert job.status == "doing"  # left so by the dead worker
    assert await scalar(postgres_url, "SELECT count(*) FROM articles") == 0
    assert await scalar(postgres_url, "SELECT count(*) FROM attributions") == 0

    workers.start()  # notices the dead worker's silence and runs its job again
    await until(lambda: all_ended(postgres_url, "ingest_link", 1), within=120, what="rerun")
    (job,) = await jobs_of(postgres_url, "ingest_link")
    assert job.status == "succeeded"
    assert len(served) == 2
    assert await scalar(postgres_url, "SELECT count(*) FROM articles") == 1
    assert await scalar(postgres_url, "SELECT count(*) FROM attributions") > 0


async def test_failing_jobs_are_retried_with_backoff_then_failed_with_their_reason(
    queue: Queue, workers: Workers, http_server: LocalHTTPServer, postgres_url: str, tmp_path: Path
) -> None:
    tries: dict[str, list[float]] = {"flaky": [], "down": []}

    def flaky(request: SeenRequest) -> Reply:
        tries["flaky"].append(time.monotonic())
        return Reply(body=page(2)) if len(tries["flaky"]) > 2 else Reply(status=503)

    def down(request: SeenRequest) -> Reply:
        tries["down"].append(time.monotonic())
        return Reply(status=503, body=b"busy")

    flaky_link = http_server.add("/news/flaky", flaky)
    down_link = http_server.add("/news/down", down)
    gone_link = http_server.url("/news/never-was")  # a 404: final at once
    workers.start()
    for link in (flaky_link, down_link, gone_link):
        await queue.ingest_link(link)

    await until(lambda: all_ended(postgres_url, "ingest_link", 3), within=120, what="3 jobs")
    by_url = {row.args["url"]: row for row in await jobs_of(postgres_url, "ingest_link")}
    assert by_url[flaky_link].status == "succeeded"
    assert len(tries["flaky"]) == 3
    assert by_url[down_link].status == "failed"
    assert by_url[down_link].reason == "The site answered with an error (503)."
    assert len(tries["down"]) == 3  # NEWSPROV_JOB_MAX_ATTEMPTS
    waits = [
        later - earlier for earlier, later in zip(tries["down"], tries["down"][1:], strict=False)
    ]
    assert waits[0] >= 0.9 and waits[1] >= 1.9, waits  # 1 s, then doubled
    assert by_url[gone_link].status == "failed"
    assert by_url[gone_link].reason == "The page was not found (404)."
    assert await scalar(postgres_url, "SELECT count(*) FROM articles") == 1

    listed = await asyncio.to_thread(
        subprocess.run,
        cli_command(tmp_path, "--db", postgres_url, "jobs", "--failed", "--json"),
        env=cli_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    failed = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {(job["args"]["url"], job["status"]) for job in failed} == {
        (down_link, "failed"),
        (gone_link, "failed"),
    }
    assert all(job["reason"] for job in failed)


async def test_a_feed_is_never_polled_twice_at_once(
    queue: Queue,
    workers: Workers,
    http_server: LocalHTTPServer,
    postgres_url: str,
    queue_settings: Settings,
) -> None:
    from bot.services.newsprov import Newsprov

    state = {"in_flight": 0, "most": 0, "polls": 0}
    lock = threading.Lock()

    def feed(request: SeenRequest) -> Reply:
        with lock:
            state["in_flight"] += 1
            state["polls"] += 1
            state["most"] = max(state["most"], state["in_flight"])
        time.sleep(1.5)  # a slow feed: every poll overlaps the next one's chance to start
        with lock:
            state["in_flight"] -= 1
        body = (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>Slow Gazette</title>'
            b"<item><title>Nothing new</title><guid>g-1</guid>"
            b"<description>The council met.</description></item></channel></rss>"
        )
        return Reply(body=body, content_type="application/rss+xml")

    url = http_server.add("/feed.xml", feed)
    settings = replace(queue_settings, allow_private_networks=True)
    async with await Newsprov.open(settings) as service:
        added = await service.add_feed(url, interval_minutes=1)
    state["polls"] = 0
    workers.start("--concurrency", "4")
    workers.start("--concurrency", "4")
    # Besides the periodic check (every second here), polls asked for by hand, again and
    # again: one waits while another runs, and more are refused while one waits.
    deadline = time.monotonic() + 120
    while state["polls"] < 4 and time.monotonic() < deadline:
        await queue.poll_feed(added.id)
        await asyncio.sleep(0.3)
    assert state["polls"] >= 4, state
    await asyncio.sleep(2)
    assert state["most"] == 1, state
    polls = await jobs_of(postgres_url, "poll_feed")
    assert polls and {row.status for row in polls} <= {"succeeded", "todo", "doing"}
    locks = await scalar(
        postgres_url, "SELECT array_agg(DISTINCT lock) FROM procrastinate_jobs"
        " WHERE task_name = 'poll_feed'"
    )  # fmt: skip
    assert locks == [f"feed:{added.id}"]
    assert workers.stop() == [0, 0]


async def test_the_bot_queues_a_link_and_a_worker_elsewhere_replies_to_the_chat(
    queue_settings: Settings,
    workers: Workers,
    http_server: LocalHTTPServer,
    bot_api: FakeBotApi,
    extractor: Any,
) -> None:
    from bot.services.newsprov import Newsprov
    from bot.telegram import build_application, serve

    settings = replace(
        queue_settings,
        telegram_token=TOKEN,
        telegram_api_base=bot_api.base_url,
        allow_private_networks=True,
        bot_runs_jobs=False,  # the workers run every job
    )
    link = http_server.add("/news/7", Reply(body=page(7)))
    async with await Newsprov.open(settings, extractor=extractor) as service:
        jobs = await Queue(settings).open()
        application = build_application(settings, service, jobs=jobs)
        stop = asyncio.Event()
        serving = asyncio.create_task(serve(application, settings, stop=stop, poll_timeout=1))
        try:
            await bot_api.wait_until(lambda: any(m == "getUpdates" for m, _ in bot_api.calls))
            bot_api.send(f"Please read {link}")
            ack = await bot_api.next_reply(USER_ID)
            assert ack["text"].startswith(READING)
            (job,) = await jobs_of(settings.database_url, "ingest_link")
            assert job.status == "todo" and job.args["chat"]["chat_id"] == USER_ID

            workers.start(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE=bot_api.base_url)
            stored = await bot_api.next_reply(USER_ID, within=120)
            assert stored["text"].startswith("Stored Row over the hospital wing, report 7")
            assert "denied" in stored["text"]
        finally:
            stop.set()
            await asyncio.wait_for(serving, 30)
            await jobs.close()
    assert workers.stop() == [0]


async def test_reextract_queues_one_job_per_older_article_and_keeps_the_ids(
    queue_settings: Settings, http_server: LocalHTTPServer, extractor: Any
) -> None:
    import io

    from sqlalchemy import select, update

    from bot.cli.reextract import reextract
    from bot.extract.version import EXTRACTOR_VERSION
    from bot.services.jobs import JobRunner
    from bot.services.newsprov import Newsprov
    from store.models import Article, Attribution

    settings = replace(queue_settings, allow_private_networks=True)
    async with await Newsprov.open(settings, extractor=extractor) as service:
        old = await service.ingest_url(http_server.add("/news/3", Reply(body=page(3))))
        new = await service.ingest_url(http_server.add("/news/4", Reply(body=page(4))))
        async with service.sessions.begin() as session:  # as an older extractor left it
            await session.execute(
                update(Article).where(Article.id == old.article_id).values(extractor_version=0)
            )
            await session.execute(
                update(Attribution)
                .where(Attribution.article_id == old.article_id)
                .values(extractor_version=0, stance="say")
            )
        async with service.sessions() as session:
            before = list(await session.execute(select(Attribution.id, Attribution.speaker_id)))

        out = io.StringIO()
        assert await reextract(settings, older_than=EXTRACTOR_VERSION, as_json=True, out=out) == 0
        assert json.loads(out.getvalue()) == {"articles": 1, "queued": True}
        (job,) = await jobs_of(settings.database_url, "reextract_article")
        assert (job.status, job.args) == ("todo", {"article_id": old.article_id})

        queue = await Queue(settings, runner=JobRunner(service)).open()
        try:
            await queue.run_worker(concurrency=1, burst=True, install_signal_handlers=False)
        finally:
            await queue.close()
        async with service.sessions() as session:
            versions = set(await session.scalars(select(Attribution.extractor_version)))
            stances = set(
                await session.scalars(
                    select(Attribution.stance).where(Attribution.article_id == old.article_id)
                )
            )
            after = list(await session.execute(select(Attribution.id, Attribution.speaker_id)))
        assert versions == {EXTRACTOR_VERSION}
        assert stances != {"say"}  # read again
        assert {speaker for _, speaker in after} == {speaker for _, speaker in before}
        assert await service.reextract_ids(older_than=EXTRACTOR_VERSION) == []
        assert new.article_id != old.article_id
