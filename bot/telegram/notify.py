"""Telling a chat how its job ended, through a python-telegram-bot ``Bot``.

In the bot's process that is the Application's own bot (its rate limiter included); in a
``newsprov worker`` elsewhere, a ``Bot`` made from the same token (``worker_bot``) that talks
to the Bot API directly. Either way the reply is the one the bot would have sent had it
waited: the conversation's rendering of the ingest (``Conversation.ingested``), as an answer
to the message.
"""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING

from telegram import Bot, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.conversation import HTML, Conversation
from bot.conversation.render import render_failure
from bot.conversation.split import split_message
from bot.services.jobs import ChatRef
from bot.settings import Settings
from bot.telegram.handlers import NO_PREVIEW

if TYPE_CHECKING:
    from bot.services.newsprov import IngestOutcome

log = logging.getLogger(__name__)


def worker_bot(settings: Settings) -> Bot | None:
    """A Bot API client for a worker process; ``None`` without a token (no one to tell)."""
    if not settings.telegram_token:
        return None
    if settings.telegram_api_base:
        base = settings.telegram_api_base.rstrip("/")
        return Bot(settings.telegram_token, base_url=f"{base}/bot")
    return Bot(settings.telegram_token)


class TelegramNotifier:
    """``noun``: what was read, as the reply names it (link "article", "post", pasted "text")."""

    def __init__(self, bot: Bot, conversation: Conversation, *, settings: Settings) -> None:
        self.bot = bot
        self.conversation = conversation
        self.admin_ids = settings.admin_ids

    async def ingested(self, chat: ChatRef, outcome: IngestOutcome, *, noun: str) -> None:
        await self._send(chat, await self.conversation.ingested(outcome, noun=noun))

    async def failed(self, chat: ChatRef, source: str, reason: str) -> None:
        if source.lower().startswith(("http://", "https://")):
            text = render_failure(source, reason, HTML)
        else:
            text = f"I could not read <b>{html.escape(source[:200])}</b>: {html.escape(reason)}"
        await self._send(chat, text)

    async def tell_admins(self, text: str) -> None:
        for admin_id in self.admin_ids:
            try:
                await self.bot.send_message(
                    admin_id, html.escape(text, quote=False), parse_mode=ParseMode.HTML
                )
            except TelegramError as error:
                log.warning("Could not tell admin %s: %s", admin_id, error)

    async def _send(self, chat: ChatRef, text: str) -> None:
        reply = (
            ReplyParameters(chat.message_id, allow_sending_without_reply=True)
            if chat.message_id is not None
            else None
        )
        for number, piece in enumerate(split_message(text)):
            await self.bot.send_message(
                chat.chat_id,
                piece,
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
                reply_parameters=reply if number == 0 else None,
            )
