"""Inline mode through the real Application and the fake Bot API: ``@bot question`` in any
chat is answered with the top answers, each a message with speaker, claim and article link."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fake_bot_api import FakeBotApi
from telegram_harness import KESSEL_POST, outcome_reply

POSTED = int(datetime(2026, 3, 6, 9, 30, tzinfo=UTC).timestamp())


async def store_kessel(bot_api: FakeBotApi) -> None:
    bot_api.forward_channel_post(
        KESSEL_POST,
        channel_title="Kessel <Daily> & Co",
        channel_username="kesseldaily",
        post_id=77,
        posted=POSTED,
    )
    await outcome_reply(bot_api)


async def test_an_inline_question_gets_the_top_answers_as_messages(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    await store_kessel(bot_api)
    answer = await bot_api.inline_answer(
        bot_api.inline_query("who denied the Kessel market strike?", user_id=777)
    )
    results = answer["results"]
    assert 1 <= len(results) <= 5
    best = results[0]
    assert "defence ministry" in best["title"].lower() and "denied" in best["title"]
    assert "Kessel <Daily> & Co, 6 Mar 2026" in best["description"]
    content = best["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert 'href="https://t.me/kesseldaily/77"' in content["message_text"]
    assert "Kessel &lt;Daily&gt; &amp; Co" in content["message_text"]
    assert "denied" in best["text"] and "Drone strike hits the Kessel market" in best["text"]
    assert answer["button"] is None
    assert not bot_api.refusals("answerInlineQuery")


async def test_an_inline_question_nothing_answers_offers_to_open_the_bot(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    answer = await bot_api.inline_answer(bot_api.inline_query("who denied the Orrin dam leak?"))
    assert answer["results"] == []
    assert answer["button"]["start_parameter"] == "inline"
    empty = await bot_api.inline_answer(bot_api.inline_query("   "))
    assert empty["results"] == [] and empty["button"] is None
    assert not bot_api.refusals("answerInlineQuery")
