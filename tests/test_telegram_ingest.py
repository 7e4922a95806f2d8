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
from telegram_harness import ADMIN_ID, USER_ID, start_bot, stop_bot, with_settings

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


class _Page(tornado.web.RequestHandler):
    def get(self, name: str) -> None:
        if name == "bridge":
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(ARTICLE_PAGE)
        else:
            self.set_status(404)
            self.finish("not here")


@pytest.fixture
async def news_site() -> AsyncIterator[str]:
    sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
    server = tornado.httpserver.HTTPServer(tornado.web.Application([(r"/news/(\w+)", _Page)]))
    server.add_sockets(sockets)
    yield f"http://127.0.0.1:{sockets[0].getsockname()[1]}"
    server.stop()
    await server.close_all_connections()


def needs_links(service: Any) -> None:
    if not hasattr(service, "ingest_url"):
        pytest.skip("the service has no ingest_url yet (the web branch has not landed)")


async def test_links_in_a_message_are_read_or_explained(
    bot_api: FakeBotApi, running_bot: Any, newsprov: Any, news_site: str
) -> None:
    needs_links(newsprov)
    bot_api.send(f"Have a look: {news_site}/news/bridge and {news_site}/news/gone")
    reply = await bot_api.next_reply(USER_ID)
    paragraphs = reply["text"].split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Stored Bridge closure in Tarsk as article")
    assert paragraphs[1].startswith(f"{news_site}/news/gone")
    assert paragraphs[1].count(".") >= 1 and "\n" not in paragraphs[1]

    bot_api.send("who denied that the Tarsk bridge had cracks?")
    answer = await bot_api.next_reply(USER_ID)
    assert "transport ministry" in answer["text"].lower()
    assert f'href="{news_site}/news/bridge"' in answer["html"]


async def test_ingest_is_for_admins_only(
    bot_api: FakeBotApi, running_bot: Any, newsprov: Any, news_site: str
) -> None:
    needs_links(newsprov)
    bot_api.send(f"/ingest {news_site}/news/bridge", user_id=USER_ID)
    assert "only the bot's administrators" in (await bot_api.next_reply(USER_ID))["text"]
    assert (await newsprov.stats()).articles == 0
    bot_api.send(f"/ingest {news_site}/news/bridge", user_id=ADMIN_ID)
    assert (await bot_api.next_reply(ADMIN_ID))["text"].startswith("Stored Bridge closure")
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
    stored = await bot_api.next_reply(USER_ID)
    assert stored["text"].startswith("Stored")
    bot_api.send("who denied the Al Bukamal strike?")
    answer = await bot_api.next_reply(USER_ID)
    first = answer["text"].split("\n\n")[1]
    assert "denied" in first
    assert "coalition" in first.lower() or "jacques" in first.lower()
    assert "Frontline Wire" in first
    assert 'href="https://t.me/frontlinewire/4242"' in answer["html"]


async def test_scheduled_feed_polls_tell_admins_about_disabled_feeds(
    bot_api: FakeBotApi, bot_settings: Any, newsprov: Any, news_site: str
) -> None:
    if not hasattr(newsprov, "poll_feeds"):
        pytest.skip("the service has no feeds yet (the web branch has not landed)")
    settings = with_settings(bot_settings, feed_interval_minutes=60, feed_max_failures=1)
    bot_api.send("/help", user_id=ADMIN_ID)  # the admin's chat exists once they wrote to the bot
    application, stop = await start_bot(bot_api, settings, newsprov)
    try:
        await bot_api.next_reply(ADMIN_ID)
        await newsprov.add_feed(f"{news_site}/news/missingfeed")
        (job,) = application.job_queue.get_jobs_by_name("poll-feeds")
        await job.run(application)
        told = await bot_api.next_reply(ADMIN_ID)
        assert "now disabled" in told["text"]
        assert f"{news_site}/news/missingfeed" in told["text"]
        assert bot_api.unread(USER_ID) == []
    finally:
        await stop_bot(application, stop)
