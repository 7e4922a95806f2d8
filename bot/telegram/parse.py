"""Pure functions from Telegram objects to what the conversation needs."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from telegram import (
    Chat,
    Message,
    MessageEntity,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
)

from bot.conversation.classify import paste
from bot.extract.dates import stated_date
from bot.sources.draft import ArticleDraft, Origin

GROUP_CHATS = frozenset({Chat.GROUP, Chat.SUPERGROUP})


def message_text(message: Message) -> str:
    """The text or caption, with the targets of hidden links (``text_link``) written out."""
    text = message.text or message.caption or ""
    hidden = message.parse_entities([MessageEntity.TEXT_LINK]) or message.parse_caption_entities(
        [MessageEntity.TEXT_LINK]
    )
    urls = [entity.url for entity in hidden if entity.url and entity.url not in text]
    return " ".join([text, *urls]) if urls else text


def draft_from_forward(message: Message) -> ArticleDraft | None:
    """A forwarded post as an article whose provenance is where it was first posted."""
    origin = message.forward_origin
    text = (message.text or message.caption or "").strip()
    if origin is None or not text:
        return None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    detail: dict[str, Any] = {"forward": origin.type}
    if isinstance(origin, MessageOriginChannel):
        chat = origin.chat
        outlet = chat.title or chat.username
        author = origin.author_signature
        if chat.username:
            url = f"https://t.me/{chat.username}/{origin.message_id}"
        detail |= {"chat_id": chat.id, "username": chat.username, "message_id": origin.message_id}
    elif isinstance(origin, MessageOriginChat):
        chat = origin.sender_chat
        outlet = chat.title or chat.username
        author = origin.author_signature
        detail |= {"chat_id": chat.id, "username": chat.username}
    elif isinstance(origin, MessageOriginUser):
        author = origin.sender_user.full_name
        detail |= {"user_id": origin.sender_user.id, "username": origin.sender_user.username}
    elif isinstance(origin, MessageOriginHiddenUser):
        author = origin.sender_user_name
    guessed = paste(text)
    # The post's own date, never the forwarding's; a date the article states comes first.
    detail["posted"] = origin.date.isoformat()
    return ArticleDraft(
        title=guessed.title,
        text=guessed.text,
        origin=Origin.TELEGRAM,
        url=url,
        outlet=outlet,
        published=stated_date(text, not_after=origin.date) or origin.date,
        author=author,
        origin_detail=detail,
    )


def addressed_text(message: Message, *, bot_username: str, bot_id: int) -> str | None:
    """In a group, the text meant for the bot (its @mention removed), or ``None`` when the
    message neither mentions the bot nor replies to it."""
    text = message_text(message)
    mention = f"@{bot_username}".casefold()
    mentions = [
        entity
        for entity, value in message.parse_entities([MessageEntity.MENTION]).items()
        if value.casefold() == mention
    ]
    replied = message.reply_to_message
    is_reply = (
        replied is not None and replied.from_user is not None and replied.from_user.id == bot_id
    )
    if not mentions and not is_reply:
        return None
    # Entity offsets count UTF-16 units, so the mention is removed by its text instead.
    text = re.sub(re.escape(f"@{bot_username}") + r"\b", " ", text, flags=re.IGNORECASE)
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class ButtonPress:
    action: str  # "more" or "src"
    offset: int
    key: str


def question_key(question: str) -> str:
    """A short fingerprint of a question, to check a button against the message it sits on."""
    return hashlib.sha256(question.encode("utf-8")).hexdigest()[:10]


def button_data(action: str, offset: int, question: str) -> str:
    """Callback data such as ``more:3:1a2b3c4d5e``: the state lives in the button, and the
    question itself is read back from the message the button belongs to."""
    return f"{action}:{offset}:{question_key(question)}"


def speaker_button_data(offset: int, speaker_id: int) -> str:
    """``who:5:42``: claims from the 6th on of speaker 42's profile (a /who page or choice)."""
    return f"who:{offset}:{speaker_id}"


def parse_button(data: str | None) -> ButtonPress | None:
    parts = (data or "").split(":")
    if len(parts) != 3 or parts[0] not in {"more", "src", "who"}:
        return None
    if not (parts[1].isascii() and parts[1].isdigit() and len(parts[1]) <= 6):
        return None  # "²" is a digit to Python but no number to int()
    if parts[0] == "who" and not (
        parts[2].isascii() and parts[2].isdigit() and len(parts[2]) <= 18
    ):
        return None
    return ButtonPress(parts[0], int(parts[1]), parts[2])
