"""Provenance through the bot: a forwarded post that repeats a stored article says so, even
when the post came first, and /origin lists an article's sources and copies."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fake_bot_api import FakeBotApi
from reuse_articles import ADDED_PARAGRAPH_COPY, ORIGINAL
from telegram_harness import USER_ID, job_reply

POSTED = int(datetime(2026, 3, 12, 10, 0, tzinfo=UTC).timestamp())


def _forward_copy(bot_api: FakeBotApi) -> None:
    bot_api.forward_channel_post(
        f"{ADDED_PARAGRAPH_COPY.title}\n\n{ADDED_PARAGRAPH_COPY.text}",
        channel_title="Rava Desk",
        channel_username="ravadesk",
        post_id=77,
        posted=POSTED,
    )


async def test_a_forwarded_copy_is_told_what_it_repeats_even_when_it_came_first(
    bot_api: FakeBotApi, running_bot: Any, newsprov: Any
) -> None:
    _forward_copy(bot_api)
    first = await job_reply(bot_api)
    assert first["text"].startswith("Stored") and "repeats" not in first["text"]
    original = await newsprov.ingest_draft(ORIGINAL.draft())

    _forward_copy(bot_api)
    again = await job_reply(bot_api)
    assert again["text"].startswith("I already have")
    note = again["text"].splitlines()[-1]
    assert note.startswith("This post repeats Baltic Wire's report of 10 March, "), note
    share = int(note.split(", ")[1].split(" %")[0])
    assert abs(share - 100 * ADDED_PARAGRAPH_COPY.copied_share) <= 10

    bot_api.send(f"/origin {original.article_id}")
    origin = await bot_api.next_reply(USER_ID)
    assert f"Article {original.article_id}" in origin["text"]
    assert "Its text is repeated by" in origin["text"] and "Rava Desk" in origin["text"]
    assert 'href="https://baltic-wire.example/port-denies-closure"' in origin["html"]

    bot_api.send("/origin nothing")
    assert "Give a number" in (await bot_api.next_reply(USER_ID))["text"]
