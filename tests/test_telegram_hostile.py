"""Hostile input through the bot: a page with a 300,000-character title, bad button data,
ids too large for any database. Nothing is refused by Telegram and every user hears back."""

from __future__ import annotations

import html
from typing import Any

from fake_bot_api import FakeBotApi
from http_fixtures import LocalHTTPServer, Reply
from telegram_harness import USER_ID, job_reply

from bot.conversation.split import TELEGRAM_LIMIT

LONG_TITLE = "Harbour " * 37_500  # 300,000 characters
PAGE = f"""<!doctype html><html><head><title>{LONG_TITLE}</title>
<meta property="og:site_name" content="{"Courier " * 100}"></head><body><article>
<p>The harbour master denied that the ferry had left without its safety checks on Monday.</p>
<p>The crew's union accused the operator of cutting corners to keep to the timetable.</p>
<p>Mayor Ilse Varga said the ferry would stay in port until the inspection was done.</p>
</article></body></html>"""


async def test_a_page_with_a_huge_title_breaks_no_reply_and_not_sources(
    bot_api: FakeBotApi, running_bot: Any, http_server: LocalHTTPServer
) -> None:
    url = http_server.add("/news/ferry", Reply(body=PAGE.encode()))
    bot_api.send(url)
    stored = await job_reply(bot_api)
    assert stored["text"].startswith("Stored Harbour Harbour")
    assert len(stored["text"]) < TELEGRAM_LIMIT

    bot_api.send("/sources")
    listed = await bot_api.next_reply(USER_ID)
    assert listed["text"].startswith("Recent")
    assert "Harbour Harbour" in listed["text"] and "…" in listed["text"]

    bot_api.send("who denied that the ferry left without safety checks?")
    answer = await bot_api.next_reply(USER_ID)
    assert "harbour master" in answer["text"]
    assert bot_api.refusals() == []


async def test_button_data_with_a_superscript_digit_is_answered(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    bot_api.send("who denied the harbour fire?")
    answer = await bot_api.next_reply(USER_ID)
    bot_api.press(answer, "more:²:key")
    answered = await bot_api.wait_until(
        lambda: [p for m, p in bot_api.calls if m == "answerCallbackQuery"]
    )
    assert answered[0]["text"] == "This answer is too old for that; please ask again."
    await bot_api.settle()
    assert bot_api.unread(USER_ID) == []  # no "something went wrong"


async def test_ids_too_large_for_any_database_get_a_plain_answer(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    bot_api.send("/article 99999999999999999999999")
    reply = await bot_api.next_reply(USER_ID)
    assert html.unescape(reply["text"]) == "There is no article 99999999999999999999999."
    bot_api.send("/article 0")
    assert (await bot_api.next_reply(USER_ID))["text"] == "There is no article 0."


async def test_a_huge_title_stored_before_titles_were_capped_breaks_nothing(
    bot_api: FakeBotApi, running_bot: Any, newsprov: Any
) -> None:
    from sqlalchemy import update

    from bot.sources.draft import ArticleDraft, Origin
    from store.models import Article

    draft = ArticleDraft(
        title="Ferry", text=PAGE.split("<p>")[1].split("</p>")[0], origin=Origin.TEXT
    )
    outcome = await newsprov.ingest_draft(draft)
    async with newsprov.sessions.begin() as session:
        await session.execute(
            update(Article)
            .where(Article.id == outcome.article_id)
            .values(title=LONG_TITLE, outlet="Courier " * 100)
        )
    for command in ("/sources", f"/article {outcome.article_id}"):
        bot_api.send(command)
        reply = await bot_api.next_reply(USER_ID)
        assert "Harbour Harbour" in reply["text"] and len(reply["text"]) < TELEGRAM_LIMIT
    assert bot_api.refusals() == []
