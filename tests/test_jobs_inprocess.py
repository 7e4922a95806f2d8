"""Jobs inside the bot's own process (the embedded default on SQLite), and feed entries whose
page failed tried again on a later poll (SQLite and PostgreSQL)."""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from cli_process import cli_command, cli_environment
from http_fixtures import LocalHTTPServer, Reply, SeenRequest

from bot.services.feed_entries import ENTRY_RETRIES
from bot.services.feeds import Feeds
from bot.services.inprocess import InProcessJobs
from bot.services.jobs import ChatRef, JobRunner
from bot.services.newsprov import IngestOutcome, Newsprov
from bot.settings import Settings
from bot.sources.fetch import Fetcher

PAGE = (
    b"<html><head><title>Port strike talks collapse</title></head><body><article>"
    b"<h1>Port strike talks collapse</h1>"
    b"<p>The dockers' union denied on Friday that it had walked out of the talks.</p>"
    b"<p>The port authority accused the union of refusing every offer since March.</p>"
    b"</article></body></html>"
)
CHAT = ChatRef(chat_id=42, message_id=7)


@dataclass
class Told:
    """A notifier that keeps what it was asked to tell (the Telegram one is tested through
    the fake Bot API in test_telegram_*)."""

    ingested: list[tuple[ChatRef, str, str]] = field(default_factory=list)
    failed: list[tuple[ChatRef, str, str]] = field(default_factory=list)
    admins: list[str] = field(default_factory=list)


class Notifier:
    def __init__(self, told: Told) -> None:
        self.told = told

    async def ingested(self, chat: ChatRef, outcome: IngestOutcome, *, noun: str) -> None:
        self.told.ingested.append((chat, outcome.title, outcome.status))

    async def failed(self, chat: ChatRef, source: str, reason: str) -> None:
        self.told.failed.append((chat, source, reason))

    async def tell_admins(self, text: str) -> None:
        self.told.admins.append(text)


@pytest.fixture
def job_settings(sqlite_url: str) -> Settings:
    return Settings(
        database_url=sqlite_url,
        allow_private_networks=True,
        semantic="off",
        job_retry_seconds=0.2,
        job_max_attempts=3,
    )


async def test_jobs_in_the_bots_process_retry_then_tell_the_chat(
    job_settings: Settings, extractor: Any, http_server: LocalHTTPServer
) -> None:
    tries: list[float] = []

    def flaky(request: SeenRequest) -> Reply:
        tries.append(time.monotonic())
        return Reply(body=PAGE) if len(tries) > 1 else Reply(status=502)

    flaky_link = http_server.add("/news/port", flaky)
    down_link = http_server.add("/news/down", Reply(status=503))
    pdf_link = http_server.add(
        "/news/a.pdf", Reply(body=b"%PDF-1.7", content_type="application/pdf")
    )
    told = Told()
    async with await Newsprov.open(job_settings, extractor=extractor) as service:
        jobs = InProcessJobs(JobRunner(service, Notifier(told)), settings=job_settings)
        assert not jobs.queued
        for link in (flaky_link, down_link, pdf_link, flaky_link):
            await jobs.ingest_link(link, chat=CHAT)
        await jobs.drain()
        await jobs.close()
        assert (await service.stats()).articles == 1

    assert sorted(status for _, _, status in told.ingested) == ["duplicate", "new"]
    assert {title for _, title, _ in told.ingested} == {"Port strike talks collapse"}
    failures = {source: reason for _, source, reason in told.failed}
    assert failures == {
        down_link: "The site answered with an error (503).",
        pdf_link: "The link leads to a PDF document, not a web page.",
    }
    assert all(chat == CHAT for chat, _, _ in told.ingested + told.failed)
    down_tries = [r for r in http_server.requests if r.path == "/news/down"]
    assert len(down_tries) == 3  # job_max_attempts; the PDF is not tried again
    assert len([r for r in http_server.requests if r.path == "/news/a.pdf"]) == 1


def test_the_queue_commands_say_plainly_that_sqlite_has_no_queue(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'newsprov.db'}"
    for command in (["worker", "--burst"], ["jobs"], ["ingest", "--enqueue", "x.txt"]):
        done = subprocess.run(
            cli_command(tmp_path, "--db", database, *command),
            env=cli_environment(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 1, done
        assert "needs the job queue, which lives in PostgreSQL" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def _feed(link: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>'
        f"<item><title>Port talks</title><link>{link}</link><guid>g-port</guid>"
        "<description>Talks at the port.</description></item>"
        f"<item><title>Report</title><link>{link}.pdf</link><guid>g-pdf</guid>"
        "<description>The annual report.</description></item>"
        "</channel></rss>"
    ).encode()


async def test_an_entry_whose_page_failed_is_tried_again_on_the_next_poll(
    settings: Settings, extractor: Any, http_server: LocalHTTPServer
) -> None:
    settings = replace(settings, allow_private_networks=True)
    state = {"page_up": False}

    def port(request: SeenRequest) -> Reply:
        return Reply(body=PAGE) if state["page_up"] else Reply(status=503)

    link = http_server.add("/news/port", port)
    http_server.add("/news/port.pdf", Reply(body=b"%PDF-1.7", content_type="application/pdf"))
    http_server.add(
        "/feed.xml",
        Reply(body=_feed(link), content_type="application/rss+xml", headers={"ETag": '"v1"'}),
    )

    def fetches(path: str) -> int:
        return sum(r.path == path for r in http_server.requests)

    async with (
        await Newsprov.open(settings, extractor=extractor) as service,
        Fetcher.from_settings(settings) as fetcher,
    ):
        feeds = Feeds(service.resources, service.ingesting, fetcher, settings=settings)
        poller = feeds.poller
        feed = await feeds.add_feed(http_server.url("/feed.xml"))

        first = await poller.poll(feed.id)
        assert (first.new_articles, len(first.entry_errors)) == (0, 2)
        state["page_up"] = True
        second = await poller.poll(feed.id)  # the 503 may pass: tried again; the PDF is not
        assert (second.outcome, second.new_articles, second.entry_errors) == ("polled", 1, [])
        third = await poller.poll(feed.id)
        assert third.new_articles == 0
        feed_asks = [r.headers for r in http_server.requests if r.path == "/feed.xml"]
        # The validators are forgotten while an entry waits to be tried again, kept after.
        assert ["if-none-match" in headers for headers in feed_asks] == [False, False, False, True]
        assert (fetches("/news/port"), fetches("/news/port.pdf")) == (2, 1)
        assert (await service.stats()).articles == 1


async def test_an_entry_that_keeps_failing_is_given_up_after_its_retries(
    sqlite_url: str, extractor: Any, http_server: LocalHTTPServer
) -> None:
    settings = Settings(database_url=sqlite_url, allow_private_networks=True, semantic="off")
    link = http_server.add("/news/port", Reply(status=500))
    http_server.add("/news/port.pdf", Reply(body=b"%PDF-1.7", content_type="application/pdf"))
    http_server.add("/feed.xml", Reply(body=_feed(link), content_type="application/rss+xml"))
    async with (
        await Newsprov.open(settings, extractor=extractor) as service,
        Fetcher.from_settings(settings) as fetcher,
    ):
        feeds = Feeds(service.resources, service.ingesting, fetcher, settings=settings)
        poller = feeds.poller
        feed = await feeds.add_feed(http_server.url("/feed.xml"))
        for _ in range(ENTRY_RETRIES + 3):
            await poller.poll(feed.id)
    assert sum(r.path == "/news/port" for r in http_server.requests) == 1 + ENTRY_RETRIES
