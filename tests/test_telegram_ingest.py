"""Links read through the bot from a local web server, and the seed article as a channel post."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import tornado.httpserver
import tornado.netutil
import tornado.web
from fake_bot_api import FakeBotApi
from telegram_harness import ADMIN_ID, USER_ID, job_reply, start_bot, stop_bot, with_settings

ARTICLE_PAGE = """<!doctype html>
<html><head><title>Bridge closure in Tarsk</title>
<meta property="og:title" content="Bridge closure in Tarsk">
<meta property="og:site_name" content="Tarsk Courier">
<meta property="article:published_time" content="2026-02-11T08:00:00Z"></head>
<body><article><h1>Bridge closure in Tarsk</h1>
<p>The transport ministry denied that the Tarsk bridge had been closed because of cracks
in its pillars.</p>
<p>The engineers union blamed the transport ministry for years of missed inspections
on the bridge.</p>
<p>Mayor Ilse Varga said the bridge would reopen to buses within a month, after repairs
to its deck.</p>
</article></body></html>"""


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Tarsk Courier</title><link>{site}/news/</link>
<description>News from Tarsk</description></channel></rss>"""


class _Page(tornado.web.RequestHandler):
    def initialize(self, state: dict[str, bool]) -> None:
        self.state = state

    def get(self, name: str) -> None:
        if name == "feed" and self.state["feed_up"]:
            site = f"{self.request.protocol}://{self.request.host}"
            self.set_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.finish(FEED.format(site=site))
        elif name == "bridge":
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(ARTICLE_PAGE)
        else:
            self.set_status(404)
            self.finish("not here")


@pytest.fixture
def site_state() -> dict[str, bool]:
    return {"feed_up": True}


@pytest.fixture
async def news_site(site_state: dict[str, bool]) -> AsyncIterator[str]:
    sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
    routes = [(r"/news/(\w+)", _Page, {"state": site_state})]
    server = tornado.httpserver.HTTPServer(tornado.web.Application(routes))
    server.add_sockets(sockets)
    yield f"http://127.0.0.1:{sockets[0].getsockname()[1]}"
    server.stop()
    await server.close_all_connections()


async def test_links_in_a_message_are_read_or_explained(
    bot_api: FakeBotApi, running_bot: Any, newsprov: Any, news_site: str
) -> None:
    bot_api.send(f"Have a look: {news_site}/news/bridge and {news_site}/news/gone")
    first = await job_reply(bot_api)  # one acknowledgement, then one reply a link
    second = await bot_api.next_reply(USER_ID)
    stored, gone = sorted([first["text"], second["text"]], key=lambda t: t.startswith("http"))
    assert stored.startswith("Stored Bridge closure in Tarsk as article")
    assert gone.startswith(f"{news_site}/news/gone")
    assert gone.count(".") >= 1 and "\n" not in gone

    bot_api.send("who denied that the Tarsk bridge had cracks?")
    answer = await bot_api.next_reply(USER_ID)
    assert "transport ministry" in answer["text"].lower()
    assert f'href="{news_site}/news/bridge"' in answer["html"]


async def test_ingest_is_for_admins_only(
    bot_api: FakeBotApi, running_bot: Any, newsprov: Any, news_site: str
) -> None:
    bot_api.send(f"/ingest {news_site}/news/bridge", user_id=USER_ID)
    assert "only the bot's administrators" in (await bot_api.next_reply(USER_ID))["text"]
    assert (await newsprov.stats()).articles == 0
    bot_api.send(f"/ingest {news_site}/news/bridge", user_id=ADMIN_ID)
    assert (await job_reply(bot_api, ADMIN_ID))["text"].startswith("Stored Bridge closure")
    assert (await newsprov.stats()).articles == 1


async def test_the_seed_article_forwarded_from_a_channel_answers_the_denial(
    bot_api: FakeBotApi, running_bot: Any, seed_article: Path
) -> None:
    posted = int(datetime(2017, 11, 1, 12, 0, tzinfo=UTC).timestamp())
    seed_text = await asyncio.to_thread(seed_article.read_text, encoding="utf-8")
    bot_api.forward_channel_post(
        seed_text,
        channel_title="Frontline Wire",
        channel_username="frontlinewire",
        post_id=4242,
        posted=posted,
    )
    stored = await job_reply(bot_api)
    assert stored["text"].startswith("Stored")
    bot_api.send("who denied the Al Bukamal strike?")
    answer = await bot_api.next_reply(USER_ID)
    first = answer["text"].split("\n\n")[1]
    assert "denied" in first
    assert "coalition" in first.lower() or "jacques" in first.lower()
    assert "Frontline Wire" in first
    assert 'href="https://t.me/frontlinewire/4242"' in answer["html"]


async def test_admins_follow_a_feed_and_hear_when_the_scheduled_poll_disables_it(
    bot_api: FakeBotApi,
    bot_settings: Any,
    extractor: Any,
    news_site: str,
    site_state: dict[str, bool],
) -> None:
    from bot.services.newsprov import Newsprov

    settings = with_settings(bot_settings, feed_interval_minutes=60, feed_max_failures=1)
    service = await Newsprov.open(settings, extractor=extractor)
    application, stop = await start_bot(bot_api, settings, service)
    try:
        bot_api.send(f"/addfeed {news_site}/news/feed 60", user_id=ADMIN_ID)
        added = await bot_api.next_reply(ADMIN_ID)
        assert added["text"] == "Following 1. Tarsk Courier", added["text"]
        bot_api.send("/feeds", user_id=USER_ID)
        assert "only the bot's administrators" in (await bot_api.next_reply(USER_ID))["text"]

        site_state["feed_up"] = False
        (job,) = application.job_queue.get_jobs_by_name("poll-feeds")
        await job.run(application)  # what the schedule runs, run now
        told = await bot_api.next_reply(ADMIN_ID)
        assert "now disabled" in told["text"]
        assert f"{news_site}/news/feed" in told["text"]
        assert bot_api.unread(USER_ID) == []

        bot_api.send("/feeds", user_id=ADMIN_ID)
        assert "1. Tarsk Courier (disabled)" in (await bot_api.next_reply(ADMIN_ID))["text"]
        bot_api.send("/removefeed 1", user_id=ADMIN_ID)
        removed = await bot_api.next_reply(ADMIN_ID)
        assert removed["text"].startswith("No longer following 1. Tarsk Courier")
        assert not bot_api.refusals()
    finally:
        await stop_bot(application, stop)
        await service.close()
