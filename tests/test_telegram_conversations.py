"""Whole conversations with the bot: forwards, pasted articles, paging, sources, escaping."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fake_bot_api import FakeBotApi
from telegram_harness import KESSEL_POST, USER_ID, job_reply

POSTED = int(datetime(2026, 3, 6, 9, 30, tzinfo=UTC).timestamp())


async def forward_kessel(bot_api: FakeBotApi) -> dict[str, Any]:
    bot_api.forward_channel_post(
        KESSEL_POST,
        channel_title="Kessel Daily",
        channel_username="kesseldaily",
        post_id=77,
        posted=POSTED,
    )
    return await job_reply(bot_api)


async def test_a_forwarded_channel_post_is_stored_then_answers(
    bot_api: FakeBotApi, running_bot: Any, newsprov: Any
) -> None:
    stored = await forward_kessel(bot_api)
    assert "Stored Drone strike hits the Kessel market as article" in stored["text"]
    assert "denied" in stored["text"]

    bot_api.send("who denied the Kessel market strike?")
    answer = await bot_api.next_reply(USER_ID)
    assert answer["text"].startswith("Q: who denied the Kessel market strike?")
    assert "defence ministry" in answer["text"].lower() and "denied" in answer["text"]
    assert "Kessel Daily, 6 Mar 2026" in answer["text"]
    assert 'href="https://t.me/kesseldaily/77"' in answer["html"]
    labels = [button["text"] for button in bot_api.buttons(answer)]
    assert "Sources" in labels

    article = (await newsprov.recent_articles(limit=1))[0]
    assert article.url == "https://t.me/kesseldaily/77"
    assert article.outlet == "Kessel Daily"
    assert article.published is not None
    assert article.published.replace(tzinfo=UTC) == datetime.fromtimestamp(POSTED, UTC)


async def test_the_same_post_forwarded_twice_is_stored_once(
    bot_api: FakeBotApi, running_bot: Any, newsprov: Any
) -> None:
    first = await forward_kessel(bot_api)
    second = await forward_kessel(bot_api)
    assert first["text"].startswith("Stored")
    assert second["text"].startswith("I already have Drone strike hits the Kessel market")
    assert "stored once" in second["text"]
    assert (await newsprov.stats()).articles == 1


async def test_sources_button_lists_the_articles_behind_the_answers(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    await forward_kessel(bot_api)
    bot_api.send("/ask who blamed the defence ministry?")
    answer = await bot_api.next_reply(USER_ID)
    sources = next(b for b in bot_api.buttons(answer) if b["text"] == "Sources")
    assert len(sources["callback_data"].encode()) <= 64
    bot_api.press(answer, sources["callback_data"])
    listed = await bot_api.next_reply(USER_ID)
    assert listed["text"].startswith("Sources")
    assert "Drone strike hits the Kessel market — Kessel Daily, 6 Mar 2026" in listed["text"]
    assert not bot_api.refusals()


def many_claims_article(count: int) -> str:
    lines = ["Ministers on the Orrin dam", ""]
    lines += [
        f"Minister number {n} denied that the Orrin dam leaked in week {n}." for n in range(count)
    ]
    return "\n\n".join(lines)


async def test_more_pages_through_answers_by_editing_the_message(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    bot_api.send(many_claims_article(8))
    stored = await job_reply(bot_api)
    assert "I used the title “Ministers on the Orrin dam”" in stored["text"]

    bot_api.send("who denied that the Orrin dam leaked?")
    answer = await bot_api.next_reply(USER_ID)
    assert answer["text"].count("leaked in week") == 3
    assert "\n1. " in answer["text"]
    more = next(b for b in bot_api.buttons(answer) if b["text"] == "More")
    assert more["callback_data"].startswith("more:3:")

    bot_api.press(answer, more["callback_data"])
    edited = await bot_api.wait_until(lambda: bot_api.edits and bot_api.edits[-1])
    assert edited["message_id"] == answer["message_id"]
    assert edited["text"].startswith("Q: who denied that the Orrin dam leaked?")
    assert "\n4. " in edited["text"] and "\n1. " not in edited["text"]
    assert not bot_api.refusals()


async def test_stored_titles_arrive_escaped(bot_api: FakeBotApi, running_bot: Any) -> None:
    text = (
        "<script>alert('x')</script> & <b>news\n\n"
        "The water board denied that the <river> was poisoned by the factory & its owners.\n\n"
        "Fishermen on the lower reaches said dead fish had washed up for three days in a row, "
        "and the factory's owners said they would publish their own water samples next week."
    )
    bot_api.send(text)
    stored = await job_reply(bot_api)
    assert stored["text"].startswith("Stored")
    assert "<script>alert('x')</script> & <b>news" in stored["text"]
    assert "&lt;script&gt;" in stored["html"]
    bot_api.send("/sources")
    recent = await bot_api.next_reply(USER_ID)
    assert "<script>alert('x')</script>" in recent["text"]
    assert not bot_api.refusals()
