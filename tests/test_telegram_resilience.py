"""The bot survives what goes wrong: Telegram's flood limits, failing handlers, eager users."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from fake_bot_api import FakeBotApi
from telegram_harness import USER_ID, job_reply, start_bot, stop_bot, with_settings

from bot.conversation.split import TELEGRAM_LIMIT
from bot.settings import Settings


async def test_a_429_is_waited_out_and_the_reply_still_arrives(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    bot_api.throttle("sendMessage", retry_after=1)
    started = time.monotonic()
    bot_api.send("who denied the harbour fire?")
    reply = await bot_api.next_reply(USER_ID)
    assert reply["text"].startswith("Q: who denied the harbour fire?")
    assert time.monotonic() - started >= 1.0
    assert ("sendMessage", "Too Many Requests: retry after 1") in bot_api.refused
    bot_api.send("/stats")
    assert (await bot_api.next_reply(USER_ID))["text"].startswith("Stored:")


async def test_a_failing_handler_is_reported_in_one_sentence_and_the_bot_goes_on(
    bot_api: FakeBotApi, running_bot: Any, bot_settings: Settings
) -> None:
    database = Path(bot_settings.database_url.removeprefix("sqlite:///"))
    with sqlite3.connect(database) as connection:  # break the store under the running bot
        connection.execute("ALTER TABLE articles RENAME TO articles_gone")
    bot_api.send("/sources")
    failed = await bot_api.next_reply(USER_ID)
    assert failed["text"] == "Sorry, something went wrong on my side; please try again in a moment."
    bot_api.send("/help")
    assert "/ask" in (await bot_api.next_reply(USER_ID))["text"]


async def test_a_user_over_the_rate_limit_is_told_once(
    bot_api: FakeBotApi, bot_settings: Settings, newsprov: Any
) -> None:
    settings = with_settings(bot_settings, user_rate_per_minute=3)
    application, stop = await start_bot(bot_api, settings, newsprov)
    try:
        for number in range(6):
            bot_api.send(f"who denied claim number {number}?")
        await bot_api.settle()
        texts = [m["text"] for m in bot_api.unread(USER_ID)]
        assert sum(text.startswith("Q: ") for text in texts) == 3
        assert sum("faster than I can read" in text for text in texts) == 1
        bot_api.send("/help", user_id=USER_ID + 1)  # other users are not held back
        assert "/ask" in (await bot_api.next_reply(USER_ID + 1))["text"]
    finally:
        await stop_bot(application, stop)


def many_claims_article(count: int) -> str:
    lines = ["Statements on the Orrin dam", ""]
    lines += [
        f"Minister number {n} denied that the Orrin dam had leaked in the week of the flood."
        for n in range(count)
    ]
    return "\n\n".join(lines)


async def test_a_reply_over_4096_characters_is_split_into_accepted_messages(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    bot_api.send(many_claims_article(70))
    stored = await job_reply(bot_api)
    article_id = stored["text"].split(" as article ")[1].split(".")[0]
    bot_api.send(f"/article {article_id}")
    await bot_api.settle()
    pieces = bot_api.unread(USER_ID)
    assert len(pieces) >= 2
    assert all(len(piece["text"]) <= TELEGRAM_LIMIT for piece in pieces)
    assert sum(piece["text"].count("Minister number") for piece in pieces) == 70
    assert not bot_api.refusals()
