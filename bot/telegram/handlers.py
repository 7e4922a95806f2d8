"""Telegram handlers: parse the update, ask the conversation, send what it wrote."""

from __future__ import annotations

import logging

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ChatAction, ParseMode
from telegram.ext import ContextTypes

from bot.conversation import Conversation, Reply
from bot.conversation.classify import Links, Paste, classify, parse_command
from bot.conversation.dialogue import MAX_LINKS, PAGE_SIZE, Caller, other_language
from bot.conversation.language import OTHER_LANGUAGE
from bot.conversation.render import question_from_reply
from bot.conversation.split import split_message
from bot.errors import USER_ERRORS
from bot.services.jobs import ChatRef, Jobs
from bot.settings import Settings
from bot.sources.draft import ArticleDraft, Origin
from bot.telegram.limits import UserRateLimit
from bot.telegram.parse import (
    GROUP_CHATS,
    addressed_text,
    button_data,
    draft_from_forward,
    message_text,
    parse_button,
    question_key,
    speaker_button_data,
)

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
INLINE_CACHE_S = 60  # Telegram may reuse an inline answer this long; stores change slowly
NOTHING_INLINE = "No stored claim answers that: open the bot"
FAILURE_SENTENCE = "Sorry, something went wrong on my side; please try again in a moment."
READING = "Reading it… I will reply here when I have."


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    page = reply.page
    if reply.choices:  # several speakers: one button each
        return InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(label, callback_data=speaker_button_data(0, speaker_id))]
                for speaker_id, label in reply.choices
            ]
        )
    if page is None or not page.shown:
        return None
    if page.speaker_id is not None:  # a page of a speaker's claims
        if not page.has_more:
            return None
        data = speaker_button_data(page.offset + page.shown, page.speaker_id)
        return InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data=data)]])
    buttons = []
    if page.has_more:
        next_offset = page.offset + PAGE_SIZE
        buttons.append(
            InlineKeyboardButton(
                "More", callback_data=button_data("more", next_offset, page.question)
            )
        )
    buttons.append(
        InlineKeyboardButton(
            "Sources", callback_data=button_data("src", page.offset, page.question)
        )
    )
    return InlineKeyboardMarkup([buttons])


async def send(message: Message, reply: Reply) -> None:
    """Send ``reply`` as an answer to ``message``, in as many messages as it needs."""
    pieces = split_message(reply.text)
    for number, piece in enumerate(pieces, start=1):
        await message.reply_text(
            piece,
            parse_mode=ParseMode.HTML,
            link_preview_options=NO_PREVIEW,
            reply_markup=keyboard(reply) if number == len(pieces) else None,
        )


def caller(update: Update) -> Caller | None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return None
    return Caller(user_id=user.id, chat_id=chat.id)


class Handlers:
    """With ``jobs``, articles are read as jobs: the user hears "reading it…" at once and the
    outcome when the job ends (``bot.telegram.notify``); without, the reply waits for it."""

    def __init__(
        self, conversation: Conversation, settings: Settings, *, jobs: Jobs | None = None
    ) -> None:
        self.conversation = conversation
        self.settings = settings
        self.jobs = jobs
        self.limit = UserRateLimit(settings.user_rate_per_minute)

    async def _queue_links(self, message: Message, urls: list[str]) -> None:
        assert self.jobs is not None
        chat = ChatRef(chat_id=message.chat_id, message_id=message.message_id)
        for url in urls[:MAX_LINKS]:
            await self.jobs.ingest_link(url, chat=chat)
        more = f" (only the first {MAX_LINKS} links)" if len(urls) > MAX_LINKS else ""
        await message.reply_text(READING + more, link_preview_options=NO_PREVIEW)

    async def _queue_polls(self, message: Message) -> None:
        """On a queue a poll is a job with the feed's lock, so no two polls of a feed overlap."""
        assert self.jobs is not None
        feed_ids = await self.conversation.service.due_feed_ids()
        for feed_id in feed_ids:
            await self.jobs.poll_feed(feed_id, due_only=True)
        await message.reply_text(
            f"Polling {len(feed_ids)} feed(s) that are due; /feeds shows how they did."
        )

    async def _queue_draft(self, message: Message, draft: ArticleDraft) -> None:
        assert self.jobs is not None
        if await other_language(draft.text):
            await message.reply_text(OTHER_LANGUAGE, link_preview_options=NO_PREVIEW)
            return
        chat = ChatRef(chat_id=message.chat_id, message_id=message.message_id)
        await self.jobs.ingest_draft(draft, chat=chat)
        await message.reply_text(READING, link_preview_options=NO_PREVIEW)

    def is_admin(self, update: Update) -> bool:
        user = update.effective_user
        return user is not None and user.id in self.settings.admin_ids

    async def admit(self, update: Update) -> bool:
        """Count the update against its user's rate; tell them once when they are over it."""
        user = update.effective_user
        if user is None or self.limit.allow(user.id):
            return True
        if self.limit.first_refusal(user.id):
            text = (
                "You are sending messages faster than I can read them. "
                f"Please wait about {self.limit.retry_in(user.id)} seconds."
            )
            if update.callback_query is not None:
                await update.callback_query.answer(text, show_alert=True)
            elif update.effective_message is not None:
                await update.effective_message.reply_text(text)
        elif update.callback_query is not None:
            await update.callback_query.answer()
        return False

    async def command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        call = parse_command(message.text or "") if message else None
        if message is None or call is None or not await self.admit(update):
            return
        if call.name == "ingest" and self.jobs is not None and self.is_admin(update) and call.args:
            await self._queue_links(message, call.args.split())
            return
        if (
            call.name == "poll"
            and self.jobs is not None
            and self.jobs.queued
            and self.is_admin(update)
        ):
            await self._queue_polls(message)
            return
        if call.name == "ingest":
            await message.chat.send_action(ChatAction.TYPING)
        reply = await self.conversation.command(
            call, is_admin=self.is_admin(update), caller=caller(update)
        )
        await send(message, reply)

    async def unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or not message.text:
            return
        target = message.text.split(maxsplit=1)[0].partition("@")[2]
        in_group = message.chat.type in GROUP_CHATS
        if (target and target.casefold() != (context.bot.username or "").casefold()) or (
            in_group and not target
        ):
            return  # meant for another bot, or a group command not addressed to anyone
        call = parse_command(message.text)
        if call is not None and await self.admit(update):
            reply = await self.conversation.command(
                call, is_admin=self.is_admin(update), caller=caller(update)
            )
            await send(message, reply)

    async def forward(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or not await self.admit(update):
            return
        draft = draft_from_forward(message)
        if draft is None:
            await message.reply_text("I can only read forwarded posts that have text.")
            return
        if self.jobs is not None:
            await self._queue_draft(message, draft)
            return
        await message.chat.send_action(ChatAction.TYPING)
        await send(message, await self.conversation.read_draft(draft))

    async def private_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is not None:
            await self._respond(update, message, message_text(message))

    async def group_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None:
            return
        text = addressed_text(message, bot_username=context.bot.username, bot_id=context.bot.id)
        if text is not None:
            await self._respond(update, message, text)

    async def _respond(self, update: Update, message: Message, text: str) -> None:
        intent = classify(text)
        if not await self.admit(update):
            return
        if self.jobs is not None and isinstance(intent, Links):
            await self._queue_links(message, list(intent.urls))
            return
        if self.jobs is not None and isinstance(intent, Paste):
            draft = ArticleDraft(title=intent.title, text=intent.text, origin=Origin.TEXT)
            await self._queue_draft(message, draft)
            return
        if isinstance(intent, Links | Paste):
            await message.chat.send_action(ChatAction.TYPING)
        reply = await self.conversation.handle(
            intent, is_admin=self.is_admin(update), caller=caller(update)
        )
        if reply is None:
            reply = Reply("Ask me who said, denied or claimed something, or send /help.")
        await send(message, reply)

    async def inline(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """``@bot question`` in any chat: the top answers as results, each a message."""
        query = update.inline_query
        if query is None or not await self.admit(update):
            return
        found = await self.conversation.inline_answers(query.query)
        results = [
            InlineQueryResultArticle(
                id=answer.id,
                title=answer.title,
                description=answer.description,
                input_message_content=InputTextMessageContent(
                    answer.text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
                ),
            )
            for answer in found
        ]
        button = None
        if query.query.strip() and not results:
            button = InlineQueryResultsButton(NOTHING_INLINE, start_parameter="inline")
        await query.answer(results, cache_time=INLINE_CACHE_S, button=button)

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None or not await self.admit(update):
            return
        press = parse_button(query.data)
        message = query.message
        if press is not None and press.action == "who":
            await self._speaker_page(query, int(press.key), press.offset)
            return
        text = message.text if isinstance(message, Message) else None
        question = question_from_reply(text or "")
        if press is None or question is None or question_key(question) != press.key:
            await query.answer("This answer is too old for that; please ask again.")
            return
        await query.answer()
        if press.action == "src":
            reply = await self.conversation.sources(question, offset=press.offset)
            assert isinstance(message, Message)
            await send(message, reply)
            return
        reply = await self.conversation.ask(question, offset=press.offset)
        await query.edit_message_text(
            split_message(reply.text)[0],
            parse_mode=ParseMode.HTML,
            link_preview_options=NO_PREVIEW,
            reply_markup=keyboard(reply),
        )

    async def _speaker_page(self, query: CallbackQuery, speaker_id: int, offset: int) -> None:
        """A speaker chosen from several (a new message) or their next claims (in place)."""
        try:
            reply = await self.conversation.who_page(speaker_id, offset=offset)
        except USER_ERRORS as error:  # the speaker is gone
            await query.answer(str(error))
            return
        await query.answer()
        message = query.message
        if not offset and isinstance(message, Message):
            await send(message, reply)
            return
        await query.edit_message_text(
            split_message(reply.text)[0],
            parse_mode=ParseMode.HTML,
            link_preview_options=NO_PREVIEW,
            reply_markup=keyboard(reply),
        )

    async def error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The one error handler: log the failure with its update, tell the user one sentence."""
        log.error("Handling update %r failed", update, exc_info=context.error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        try:
            await context.bot.send_message(update.effective_chat.id, FAILURE_SENTENCE)
        except Exception:  # the chat may be gone or the API down; the log has the story
            log.warning("Could not tell chat %s about the failure", update.effective_chat.id)
