"""Polling feeds from a real local server into a real database, and the feeds commands."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

import pytest
from http_fixtures import LocalHTTPServer, Reply, SeenRequest

from bot.cli import build_parser
from bot.cli import feeds as feeds_command
from bot.errors import FeedError, NotFoundError
from bot.services.feed_schedule import backoff
from bot.services.feeds import Feeds
from bot.settings import Settings
from bot.sources.fetch import Fetcher

FULL_TEXT = " ".join(
    [
        "<p>The water board confirmed on Tuesday that the northern reservoir had fallen to its",
        "lowest level for the time of year since records began, and said that a hosepipe ban",
        "could follow within weeks if the dry weather continued.</p>",
        '<p>"We are asking everyone to use water wisely," the board\'s operations director,',
        "Samuel Reyes, told a meeting of farmers in the market hall. He said the board had",
        "already cut pressure at night and repaired more leaks this spring than in the whole",
        "of last year.</p>",
        "<p>Farmers accused the board of acting too late. The chair of the growers'",
        "association, Ingrid Halvorsen, said members had warned about the falling level in",
        "March and had heard nothing back. She demanded that the board publish its daily",
        "readings so that farms could plan their irrigation instead of guessing.</p>",
        "<p>The regional council said it would discuss the situation at its next meeting and",
        "denied that planning permission for new housing had added to the pressure on",
        "supplies. A spokeswoman said the council expected the board to report on the state",
        "of every reservoir in the district before the summer holidays began.</p>",
    ]
)


def article_page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title>"
        f'<meta property="og:site_name" content="The Valley Gazette"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        f"<footer>All rights reserved.</footer></body></html>"
    ).encode()


def rss(items: list[dict[str, str]]) -> bytes:
    parts = []
    for item in items:
        fields = "".join(
            f"<{name}>{escape(value)}</{name}>" for name, value in item.items() if name != "full"
        )
        if "full" in item:
            fields += f"<content:encoded>{escape(item['full'])}</content:encoded>"
        parts.append(f"<item>{fields}</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Valley Gazette</title><link>https://gazette.test/</link>"
        f"{''.join(parts)}</channel></rss>"
    ).encode()


def date(days_ago: int) -> str:
    return format_datetime(
        datetime(2024, 6, 10, tzinfo=UTC) - timedelta(days=days_ago), usegmt=True
    )


class FeedSite:
    """A feed with its article pages on the local server; the feed honours If-None-Match."""

    def __init__(self, server: LocalHTTPServer) -> None:
        self.server = server
        self.items: list[dict[str, str]] = []
        self.version = 0
        self.server.add("/feed.xml", self._feed)

    def _feed(self, request: SeenRequest) -> Reply:
        etag = f'"v{self.version}"'
        if request.headers.get("if-none-match") == etag:
            return Reply(status=304, content_type=None)
        return Reply(
            body=rss(self.items), content_type="application/rss+xml", headers={"ETag": etag}
        )

    def publish(self, item: dict[str, str]) -> None:
        self.items.insert(0, item)
        self.version += 1

    def page(self, path: str, title: str, paragraphs: list[str]) -> str:
        return self.server.add(path, Reply(body=article_page(title, paragraphs)))

    def article_fetches(self) -> list[str]:
        return [r.path for r in self.server.requests if r.path.startswith("/articles/")]


@pytest.fixture
def poll_settings(settings: Settings) -> Settings:
    return replace(settings, allow_private_networks=True, fetch_timeout_s=5.0, fetch_concurrency=2)


@pytest.fixture
async def poller(service: object, poll_settings: Settings) -> AsyncIterator[Feeds]:
    async with Fetcher.from_settings(poll_settings) as fetcher:
        yield Feeds(service.resources, service.ingesting, fetcher, settings=poll_settings)


@pytest.fixture
def site(http_server: LocalHTTPServer) -> FeedSite:
    site = FeedSite(http_server)
    bridge = site.page(
        "/articles/bridge",
        "Council denies bridge will close",
        [
            "The county council denied on Monday that the old stone bridge would close.",
            "Its highways officer, Dana Whitfield, said repairs would be done at night.",
        ],
    )
    market = site.page(
        "/articles/market",
        "Traders warn of market rent rise",
        [
            "Stallholders warned that a proposed rent increase would drive them out.",
            "The market manager said the increase had not been decided yet.",
        ],
    )
    pdf = http_server.add(
        "/articles/report.pdf", Reply(body=b"%PDF-1.7\n", content_type="application/pdf")
    )
    site.publish({"title": "Bridge", "link": bridge, "guid": "g-bridge", "pubDate": date(3),
                  "description": "The council spoke about the bridge."})  # fmt: skip
    site.publish({"title": "Annual report", "link": pdf, "guid": "g-report", "pubDate": date(2),
                  "description": "The report is out."})  # fmt: skip
    site.publish({"title": "Reservoir at record low", "link": "https://gazette.test/reservoir",
                  "guid": "g-reservoir", "pubDate": date(1), "description": "Water is short.",
                  "full": FULL_TEXT})  # fmt: skip
    site.publish({"title": "Market", "link": market, "guid": "g-market", "pubDate": date(0),
                  "description": "Traders are worried."})  # fmt: skip
    return site


async def test_a_feed_polled_twice_ingests_nothing_the_second_time(
    poller: Feeds, site: FeedSite, service: object
) -> None:
    feed = await poller.add_feed(site.server.url("/feed.xml"), interval_minutes=15)
    assert (feed.title, feed.interval_minutes) == ("Valley Gazette", 15)

    first = await poller.poller.poll(feed.id)
    assert (first.outcome, first.new_articles, first.duplicates) == ("polled", 3, 0)
    assert first.entry_errors == [
        f"{site.server.url('/articles/report.pdf')}: "
        "The link leads to a PDF document, not a web page."
    ]
    # Summary-only entries had their pages fetched; the full-text entry needed no fetch.
    assert sorted(site.article_fetches()) == [
        "/articles/bridge",
        "/articles/market",
        "/articles/report.pdf",
    ]
    stats = await service.stats()  # type: ignore[attr-defined]
    assert stats.articles == 3

    second = await poller.poller.poll(feed.id)
    assert second.outcome == "not_modified"
    assert site.server.requests[-1].headers["if-none-match"] == '"v4"'
    assert len(site.article_fetches()) == 3
    assert (await service.stats()).articles == 3  # type: ignore[attr-defined]


async def test_only_new_entries_are_ingested(
    poller: Feeds, site: FeedSite, service: object
) -> None:
    feed = await poller.add_feed(site.server.url("/feed.xml"))
    await poller.poller.poll(feed.id)
    ferry = site.page(
        "/articles/ferry",
        "Ferry operator announces winter timetable",
        ["The ferry operator announced a reduced winter timetable starting in November."],
    )
    assert ferry == site.server.url("/articles/ferry")
    site.publish(
        {"title": "Ferry", "link": "/articles/ferry", "guid": "g-ferry", "pubDate": date(0)}
    )  # relative
    # The same bridge story again under a new guid: known by its link, not ingested twice.
    site.publish({"title": "Bridge (updated)", "link": site.server.url("/articles/bridge"),
                  "guid": "g-bridge-2", "pubDate": date(0)})  # fmt: skip

    report = await poller.poller.poll(feed.id)
    assert (report.outcome, report.new_articles, report.already_seen) == ("polled", 1, 5)
    assert site.article_fetches().count("/articles/bridge") == 1
    assert site.article_fetches().count("/articles/ferry") == 1
    articles = await service.recent_articles(limit=10)  # type: ignore[attr-defined]
    assert "Ferry operator announces winter timetable" in [a.title for a in articles]


async def test_fetches_are_limited_to_the_concurrency_setting(
    poller: Feeds, http_server: LocalHTTPServer
) -> None:
    in_flight, peak, lock = [0], [0], threading.Lock()

    def slow_page(number: int) -> Callable[[SeenRequest], Reply]:
        def reply(_: SeenRequest) -> Reply:
            with lock:
                in_flight[0] += 1
                peak[0] = max(peak[0], in_flight[0])
            time.sleep(0.3)
            with lock:
                in_flight[0] -= 1
            return Reply(
                body=article_page(
                    f"Story number {number}",
                    [f"The mayor said on Friday that story number {number} was true and fair."],
                )
            )

        return reply

    site = FeedSite(http_server)
    for number in range(6):
        url = http_server.add(f"/articles/{number}", slow_page(number))
        site.publish({"title": f"Story {number}", "link": url, "guid": f"s-{number}"})
    feed = await poller.add_feed(http_server.url("/feed.xml"))
    report = await poller.poller.poll(feed.id)
    assert report.new_articles == 6
    assert peak[0] == 2


async def test_a_failing_feed_backs_off_and_is_disabled(
    service: object, poll_settings: Settings, http_server: LocalHTTPServer
) -> None:
    healthy = [True]
    good_feed = rss([{"title": "Quiet day", "guid": "q", "description": "Nothing happened today."}])

    def feed(_: SeenRequest) -> Reply:
        if healthy[0]:
            return Reply(body=good_feed, content_type="application/rss+xml")
        return Reply(status=500, body=b"down")

    url = http_server.add("/feed.xml", feed)
    now = [datetime(2024, 6, 1, 12, 0, tzinfo=UTC)]
    settings = replace(poll_settings, feed_max_failures=3)
    async with Fetcher.from_settings(settings) as fetcher:
        poller = Feeds(
            service.resources, service.ingesting, fetcher, settings=settings, clock=lambda: now[0]
        )
        added = await poller.add_feed(url, interval_minutes=10)
        healthy[0] = False
        reports = []
        for _ in range(3):
            assert [r.feed_id for r in await poller.poller.poll_due()] == [added.id]
            reports.append((await poller.list_feeds())[0])
            now[0] = reports[-1].next_poll_at or now[0]
        assert [r.failures for r in reports] == [1, 2, 3]
        gaps = [r.next_poll_at - r.last_polled_at for r in reports]  # type: ignore[operator]
        assert gaps == [timedelta(minutes=10), timedelta(minutes=20), timedelta(minutes=40)]
        assert reports[-1].disabled
        assert reports[-1].last_error == "The site answered with an error (500)."
        assert await poller.poller.poll_due() == []  # disabled: no longer polled

        healthy[0] = True
        revived = await poller.poller.poll(added.id)  # by hand, as the admin message says
        assert revived.outcome == "polled"
        info = (await poller.list_feeds())[0]
        assert (info.disabled, info.failures, info.last_error) == (False, 0, None)


async def test_the_admin_message_names_the_feed(
    service: object, poll_settings: Settings, http_server: LocalHTTPServer
) -> None:
    url = http_server.add("/feed.xml", Reply(body=rss([]), content_type="application/rss+xml"))
    settings = replace(poll_settings, feed_max_failures=1)
    async with Fetcher.from_settings(settings) as fetcher:
        poller = Feeds(service.resources, service.ingesting, fetcher, settings=settings)
        feed = await poller.add_feed(url)
        http_server.add("/feed.xml", Reply(body=b"<html><body>moved</body></html>"))
        report = await poller.poller.poll(feed.id)
    assert (report.outcome, report.disabled, report.feed_url) == ("failed", True, url)
    assert report.error == "The link leads to a file of type text/html, not a feed."
    assert report.admin_message is not None
    assert report.admin_message.startswith(f"Feed {feed.id} ({url}) failed 1 polls in a row")


async def test_adding_checks_the_feed(poller: Feeds, http_server: LocalHTTPServer) -> None:
    broken = http_server.add(
        "/broken.xml",
        Reply(body=b"<rss version='2.0'><channel><title>Half", content_type="text/xml"),
    )
    with pytest.raises(FeedError, match="broken"):
        await poller.add_feed(broken)
    good = http_server.add("/good.xml", Reply(body=rss([]), content_type="application/rss+xml"))
    await poller.add_feed(good)
    with pytest.raises(FeedError, match="already followed"):
        await poller.add_feed(good)
    with pytest.raises(NotFoundError):
        await poller.remove_feed(999)
    assert [f.url for f in await poller.list_feeds()] == [good]


async def burst_worker(service: object, settings: Settings) -> None:
    """Run the queued jobs in this process until none is left (``newsprov worker --burst``)."""
    from bot.services.jobs import JobRunner
    from bot.services.newsprov import Newsprov
    from bot.services.queue import Queue

    extractor = await service.extractor()  # type: ignore[attr-defined]
    async with await Newsprov.open(settings, extractor=extractor) as worker_service:
        queue = await Queue(settings, runner=JobRunner(worker_service)).open()
        try:
            await queue.run_worker(concurrency=2, burst=True, install_signal_handlers=False)
        finally:
            await queue.close()


def test_backoff_is_capped() -> None:
    assert backoff(30, 1) == timedelta(minutes=30)
    assert backoff(30, 3) == timedelta(minutes=120)
    assert backoff(30, 50) == timedelta(hours=24)


async def test_the_feeds_commands(service: object, poll_settings: Settings, site: FeedSite) -> None:
    parser = build_parser()

    async def run(*argv: str) -> tuple[int, str]:
        out = io.StringIO()
        code = await feeds_command.main(parser.parse_args(argv), poll_settings, out=out)
        return code, out.getvalue()

    url = site.server.url("/feed.xml")
    assert await run("feeds", "add", url, "--interval", "45") == (
        0,
        "Following feed 1: Valley Gazette, polled every 45 minutes.\n",
    )
    assert await run("feeds", "list") == (
        0,
        f"[1] Valley Gazette <{url}> every 45 min, not polled yet\n",
    )
    if poll_settings.uses_queue:  # PostgreSQL: a poll is a job (with the feed's lock)
        queued = "Queued a poll of 1 feed(s); `newsprov feeds list` shows them.\n"
        assert await run("feeds", "poll") == (0, queued)
        await burst_worker(service, poll_settings)
        code, listed = await run("feeds", "list")
        assert listed.startswith(f"[1] Valley Gazette <{url}> every 45 min, polled ")
        assert (await service.stats()).articles == 3  # type: ignore[attr-defined]
        assert await run("feeds", "poll", "1") == (0, queued)
        polls = [r.path for r in site.server.requests].count("/feed.xml")
        removed = "Stopped following feed 1: Valley Gazette.\n"
        assert await run("feeds", "remove", "1") == (0, removed)
        await burst_worker(service, poll_settings)  # the feed is gone: the job does nothing
        assert [r.path for r in site.server.requests].count("/feed.xml") == polls
        return
    code, polled = await run("feeds", "poll")
    assert code == 0  # an entry that is not an article does not fail the poll
    assert polled.splitlines()[0] == (
        "feed 1: 3 new articles, 0 already stored, 0 entries seen before."
    )
    assert "could not ingest" in polled
    assert await run("feeds", "poll", "1") == (0, "feed 1: nothing new (not modified).\n")
    assert await run("feeds", "poll") == (0, "No feed is due.\n")
    assert await run("feeds", "remove", "1") == (0, "Stopped following feed 1: Valley Gazette.\n")
    assert await run("feeds", "list") == (0, "No feeds.\n")
