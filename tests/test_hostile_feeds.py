"""Hostile feeds on a real local server, polled into SQLite and PostgreSQL: each feed is
polled in isolation, outside values are fitted to their columns, a feed removed mid-poll
loses nothing, and a feed that renames its entries every poll adds nothing new."""

from __future__ import annotations

import asyncio
import html
import io
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest
from http_fixtures import LocalHTTPServer, Reply, SeenRequest
from sqlalchemy import select, update
from test_feeds_polling import FULL_TEXT, article_page, rss

from bot.cli import build_parser
from bot.cli import feeds as feeds_command
from bot.conversation.render import render_feeds
from bot.conversation.style import HTML
from bot.errors import FeedError, NotFoundError
from bot.services.feeds import Feeds
from bot.settings import Settings
from bot.sources.fetch import Fetcher
from store.models import Article, Feed, FeedEntry


@pytest.fixture
def poll_settings(settings: Settings) -> Settings:
    return replace(settings, allow_private_networks=True, fetch_timeout_s=5.0)


@pytest.fixture
async def poller(service: Any, poll_settings: Settings) -> AsyncIterator[Feeds]:
    async with Fetcher.from_settings(poll_settings) as fetcher:
        yield Feeds(service.resources, service.ingesting, fetcher, settings=poll_settings)


def feed_reply(items: list[dict[str, str]], **headers: str) -> Reply:
    return Reply(body=rss(items), content_type="application/rss+xml", headers=headers)


def full_item(title: str, guid: str, **extra: str) -> dict[str, str]:
    """An entry carrying its full text, a text of its own (told apart by its title)."""
    full = f"{FULL_TEXT}<p>This report was filed under the heading {title[:40]}.</p>"
    return {"title": title, "guid": guid, "description": "Short.", "full": full, **extra}


async def all_of(service: Any, model: Any) -> list[Any]:
    async with service.sessions() as session:
        return list((await session.scalars(select(model))).all())


async def test_each_feed_is_polled_in_isolation_with_outside_values_fitted(
    poller: Feeds, service: Any, http_server: LocalHTTPServer
) -> None:
    ordinary = http_server.add("/ordinary.xml", feed_reply([full_item("Reservoir", "r-1")]))
    broken = http_server.add("/broken.xml", feed_reply([full_item("Other", "o-1")]))
    long_page = http_server.add(
        "/articles/long",
        Reply(
            body=article_page("Pier", [FULL_TEXT]).replace(
                b"</head>", f'<meta property="og:site_name" content="{"Gazette " * 60}">'.encode()
            )
        ),
    )
    hostile_items = [
        full_item("T" * 300_000, "g" * 3_000, link="https://gazette.test/" + "l" * 3_000),
        {"title": "Pier", "guid": "pier", "link": long_page, "description": "Pier news."},
    ]
    hostile = http_server.add("/hostile.xml", feed_reply(hostile_items, ETag='"' + "e" * 600 + '"'))
    failing = http_server.add("/failing.xml", feed_reply([]))
    feeds = [await poller.add_feed(url) for url in (broken, hostile, failing, ordinary)]
    http_server.add("/failing.xml", Reply(status=500, body=b"down"))
    async with service.sessions.begin() as session:  # as `--interval 2000000000` once stored
        await session.execute(
            update(Feed).where(Feed.id == feeds[0].id).values(interval_minutes=2_000_000_000)
        )

    reports = await poller.poller.poll_due()

    assert [r.outcome for r in reports] == ["failed", "polled", "failed", "polled"]
    assert "The polling interval must be between 1 and 525,600 minutes." in (reports[0].error or "")
    assert reports[1].new_articles == 2 and reports[1].entry_errors == []
    assert reports[3].new_articles == 1
    listed = {feed.id: feed for feed in await poller.list_feeds()}
    assert listed[feeds[0].id].failures == 1 and listed[feeds[0].id].next_poll_at is not None
    assert listed[feeds[2].id].failures == 1
    stored = {f.id: f for f in await all_of(service, Feed)}
    assert stored[feeds[1].id].etag is None  # an ETag too long to store is not kept
    articles = {a.title[:4]: a for a in await all_of(service, Article)}
    assert len(articles["TTTT"].title) == 500
    outlet = articles["Pier"].outlet
    assert outlet is not None and len(outlet) == 300 and outlet.endswith("…")
    entries = await all_of(service, FeedEntry)
    assert all(len(e.guid) <= 2048 and len(e.link or "") <= 2048 for e in entries)
    assert {e.link for e in entries if e.guid.startswith("sha256:")} == {None}

    again = await poller.poller.poll(feeds[1].id)  # hashed guid and dropped link: known again
    assert (again.outcome, again.new_articles, again.already_seen) == ("polled", 0, 2)


async def test_intervals_are_checked_when_a_feed_is_added(
    poller: Feeds, http_server: LocalHTTPServer
) -> None:
    url = http_server.add("/feed.xml", feed_reply([full_item("Reservoir", "r-1")]))
    for minutes in (5_000_000_000, 0, -3):
        with pytest.raises(FeedError, match="between 1 and 525,600 minutes"):
            await poller.add_feed(url, interval_minutes=minutes)
    assert http_server.requests == []  # refused before anything was fetched
    assert (await poller.add_feed(url, interval_minutes=525_600)).interval_minutes == 525_600


async def test_a_feed_removed_during_its_poll_keeps_the_articles_it_brought(
    poller: Feeds, service: Any, http_server: LocalHTTPServer
) -> None:
    pier = [
        "The harbour board said on Monday that the old pier would reopen in the spring.",
        "Its chairman, Olaf Brandt, told reporters that the repairs were almost finished.",
    ]
    page = http_server.add(
        "/articles/slow", Reply(body=article_page("Slow pier", pier), stall_s=1.0)
    )
    url = http_server.add(
        "/feed.xml",
        feed_reply(
            [
                full_item("Reservoir", "r-1"),
                {"title": "Slow", "guid": "s-1", "link": page, "description": "Soon."},
            ]
        ),
    )
    feed = await poller.add_feed(url)
    polling = asyncio.create_task(poller.poller.poll(feed.id))
    for _ in range(250):  # the page is being fetched (the server stalls it for a second)
        if any(r.path == "/articles/slow" for r in http_server.requests):
            break
        await asyncio.sleep(0.02)
    await poller.remove_feed(feed.id)

    report = await polling

    assert (report.outcome, report.new_articles, report.entry_errors) == ("polled", 2, [])
    articles = await all_of(service, Article)
    assert sorted(a.title for a in articles) == ["Reservoir", "Slow pier"]
    assert {a.feed_id for a in articles} == {None}
    assert await poller.list_feeds() == []


async def test_a_feed_renaming_its_entries_every_poll_adds_nothing_new(
    poller: Feeds, service: Any, http_server: LocalHTTPServer
) -> None:
    page = http_server.add("/articles/pier", Reply(body=article_page("Pier", [FULL_TEXT[3:-4]])))
    polls = {"count": 0}

    def renamed(request: SeenRequest) -> Reply:
        polls["count"] += 1
        n = polls["count"]
        return feed_reply(
            [
                full_item("Reservoir", f"r-{n}", link=f"https://gazette.test/r?v={n}"),
                {"title": "Pier", "guid": f"p-{n}", "link": f"{page}?v={n}",
                 "description": "Pier news."},
            ]
        )  # fmt: skip

    url = http_server.add("/feed.xml", renamed)
    feed = await poller.add_feed(url)
    reports = [await poller.poller.poll(feed.id) for _ in range(3)]

    assert [(r.new_articles, r.duplicates) for r in reports] == [(2, 0), (0, 2), (0, 2)]
    assert len(await all_of(service, Article)) == 2
    assert sum(r.path.startswith("/articles/pier") for r in http_server.requests) == 1
    [listed] = await poller.list_feeds()
    assert listed.duplicate_entries == 4
    assert "(4 duplicate entries)" in html.unescape(render_feeds([listed], HTML))


async def test_the_feeds_commands_refuse_numbers_no_database_holds(
    poll_settings: Settings, http_server: LocalHTTPServer, service: Any
) -> None:
    parser = build_parser()
    url = http_server.add("/feed.xml", feed_reply([full_item("Reservoir", "r-1")]))

    async def run(*argv: str) -> None:
        await feeds_command.main(parser.parse_args(argv), poll_settings, out=io.StringIO())

    with pytest.raises(FeedError, match="between 1 and 525,600 minutes"):
        await run("feeds", "add", url, "--interval", "5000000000")
    for command in ("poll", "remove"):
        with pytest.raises(NotFoundError, match="There is no feed 99999999999999999999"):
            await run("feeds", command, "99999999999999999999")
    with pytest.raises(NotFoundError, match="There is no article 99999999999999999999999"):
        await service.article_claims(99999999999999999999999)
