"""From Telegram objects to conversation input: forwards, group addressing, button data."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from telegram import Message

from bot.sources.draft import Origin
from bot.telegram.limits import UserRateLimit
from bot.telegram.parse import (
    addressed_text,
    button_data,
    draft_from_forward,
    parse_button,
    question_key,
)

DATE = 1_772_800_000
POST = "Harbour reopens\n\nThe port authority said the harbour would reopen on Monday."


def message(text: str, **fields: Any) -> Message:
    data = {
        "message_id": 10,
        "date": DATE,
        "chat": {"id": 5, "type": "private"},
        "from": {"id": 5, "is_bot": False, "first_name": "Ada"},
        "text": text,
        **fields,
    }
    return Message.de_json(data, None)


def test_a_public_channel_post_keeps_its_channel_link_and_date() -> None:
    origin = {
        "type": "channel",
        "chat": {"id": -100777, "type": "channel", "title": "Port News", "username": "portnews"},
        "message_id": 321,
        "date": DATE,
        "author_signature": "J. Doe",
    }
    draft = draft_from_forward(message(POST, forward_origin=origin))
    assert draft is not None
    assert draft.origin is Origin.TELEGRAM
    assert (draft.title, draft.outlet, draft.author) == ("Harbour reopens", "Port News", "J. Doe")
    assert draft.url == "https://t.me/portnews/321"
    assert draft.published == datetime.fromtimestamp(DATE, UTC)
    assert draft.text.startswith("The port authority said")


def test_a_private_channel_has_no_link_but_keeps_its_name() -> None:
    origin = {
        "type": "channel",
        "chat": {"id": -100778, "type": "channel", "title": "Closed Desk"},
        "message_id": 5,
        "date": DATE,
    }
    draft = draft_from_forward(message(POST, forward_origin=origin))
    assert draft is not None and draft.url is None and draft.outlet == "Closed Desk"


@pytest.mark.parametrize(
    ("origin", "author"),
    [
        (
            {
                "type": "user",
                "sender_user": {"id": 9, "is_bot": False, "first_name": "Bo", "last_name": "Lind"},
                "date": DATE,
            },
            "Bo Lind",
        ),
        (
            {"type": "hidden_user", "sender_user_name": "Anonymous Fox", "date": DATE},
            "Anonymous Fox",
        ),
        (
            {
                "type": "chat",
                "sender_chat": {"id": -100779, "type": "supergroup", "title": "Desk Chat"},
                "date": DATE,
            },
            None,
        ),
    ],
)
def test_user_and_chat_forwards_keep_who_sent_them(
    origin: dict[str, Any], author: str | None
) -> None:
    draft = draft_from_forward(message(POST, forward_origin=origin))
    assert draft is not None and draft.author == author and draft.url is None
    assert draft.published == datetime.fromtimestamp(DATE, UTC)


def test_a_forward_without_text_is_not_an_article() -> None:
    origin = {"type": "hidden_user", "sender_user_name": "X", "date": DATE}
    assert draft_from_forward(message("", forward_origin=origin)) is None


def test_group_messages_are_for_the_bot_only_when_addressed() -> None:
    entities = [{"type": "mention", "offset": 0, "length": 8}]
    mention = message("@newsbot who denied it?", entities=entities)
    assert addressed_text(mention, bot_username="newsbot", bot_id=1) == "who denied it?"
    assert addressed_text(message("who denied it?"), bot_username="newsbot", bot_id=1) is None
    bot_message = {
        "message_id": 3,
        "date": DATE,
        "chat": {"id": 5, "type": "group"},
        "from": {"id": 1, "is_bot": True, "first_name": "N"},
        "text": "Q: x",
    }
    reply = message("and who said it?", reply_to_message=bot_message)
    assert addressed_text(reply, bot_username="newsbot", bot_id=1) == "and who said it?"
    assert addressed_text(reply, bot_username="newsbot", bot_id=2) is None


def test_button_data_fits_telegram_and_reads_back() -> None:
    question = "who " + "denied " * 60 + "it?"
    data = button_data("more", 3000, question)
    assert len(data.encode()) <= 64
    press = parse_button(data)
    assert press is not None and (press.action, press.offset) == ("more", 3000)
    assert press.key == question_key(question) != question_key(question + " ")
    assert parse_button("more:x:abc") is None and parse_button("evil:1:abc") is None


def test_rate_limit_counts_a_sliding_minute_per_user() -> None:
    now = [0.0]
    limit = UserRateLimit(2, clock=lambda: now[0])
    assert limit.allow(1) and limit.allow(1) and not limit.allow(1)
    assert limit.first_refusal(1) and not limit.first_refusal(1)
    assert limit.allow(2)
    assert limit.retry_in(1) == 60
    now[0] = 60.0
    assert limit.allow(1)
