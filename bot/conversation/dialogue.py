"""The conversation shared by the Telegram bot and the console: intent in, reply out.

Every method calls the service once or a few times and renders the result; nothing is kept
between calls, so any process can answer any message.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace

import bot.conversation.render as render
from bot.conversation.classify import (
    MAX_QUESTION_CHARS,
    CommandCall,
    Intent,
    Links,
    Nothing,
    Paste,
    Question,
    classify,
)
from bot.conversation.commands import find_command, menu
from bot.conversation.language import OTHER_LANGUAGE, is_other_language
from bot.conversation.origin import render_provenance, render_repeat_note
from bot.conversation.profiles import choice_label, render_profile, render_who
from bot.conversation.reports import render_removed
from bot.conversation.service import IngestResult, ProfileResult, Service
from bot.conversation.style import Style
from bot.conversation.web_links import WebLinks
from bot.errors import USER_ERRORS, BlockedAddressError, NotFoundError, SourceError
from bot.sources.draft import ArticleDraft, Origin

PAGE_SIZE = 3
WHO_PAGE = 5  # a speaker's claims a /who reply shows at a time
INLINE_ANSWERS = 5
WATCH_COMMANDS = frozenset({"watch", "watches", "unwatch"})
MAX_LINKS = 5  # links read from one message
INTRO = (
    "I answer questions about who said, denied or claimed what in the news, from the "
    "articles I have read: ask me a question, forward me a news post, send a link or paste "
    "an article."
)


@dataclass(frozen=True, slots=True)
class Page:
    """Which answers to a question a reply shows, so that the next ones can be asked for."""

    question: str
    offset: int
    shown: int  # how many answers this page holds
    has_more: bool
    speaker_id: int | None = None  # set: a page of this speaker's claims (/who), not answers


@dataclass(frozen=True, slots=True)
class InlineAnswer:
    """One result of an inline query: what the list shows, and the message it sends."""

    id: str
    title: str
    description: str
    text: str  # the message, in the conversation's style


@dataclass(frozen=True, slots=True)
class Caller:
    """Who sent a message, where watches need it: the Telegram user and the chat to tell."""

    user_id: int
    chat_id: int


@dataclass(frozen=True, slots=True)
class Reply:
    text: str
    page: Page | None = None
    choices: tuple[tuple[int, str], ...] = ()  # speakers to choose from: id, button label


class Conversation:
    def __init__(
        self, service: Service, *, style: Style, telegram: bool, web: WebLinks | None = None
    ) -> None:
        self.service = service
        self.style = style
        self.telegram = telegram
        self.web = web  # the web view's pages, linked from replies when set

    async def respond(self, text: str, *, is_admin: bool) -> Reply | None:
        """The reply to a message typed by a person; ``None`` when there is nothing to say."""
        return await self.handle(classify(text), is_admin=is_admin)

    async def handle(
        self, intent: Intent, *, is_admin: bool, caller: Caller | None = None
    ) -> Reply | None:
        match intent:
            case Question(text):
                return await self.ask(text)
            case Links(urls):
                return await self.read_links(urls)
            case Paste():
                return await self.read_paste(intent)
            case CommandCall():
                return await self.command(intent, is_admin=is_admin, caller=caller)
            case Nothing():
                return None

    async def ask(self, question: str, *, offset: int = 0) -> Reply:
        question = " ".join(question.split())
        if not question:
            return Reply(self.style.text("Ask me a question, e.g. /ask who denied the strike?"))
        if len(question) > MAX_QUESTION_CHARS:
            return Reply(self.style.text(f"Please ask in at most {MAX_QUESTION_CHARS} characters."))
        found = await self.service.ask(question, limit=PAGE_SIZE + 1, offset=offset)
        # Only a question nothing answers is checked: the answered ones never pay for it.
        if not found.answers and not offset and await other_language(question):
            return Reply(self.style.text(OTHER_LANGUAGE))
        has_more = len(found.answers) > PAGE_SIZE
        # The header repeats the question as asked: the Telegram buttons read it back from there.
        found = replace(found, question=question, answers=found.answers[:PAGE_SIZE])
        where: render.Where = "telegram" if self.telegram else "console"
        text = render.render_answer_set(found, self.style, offset=offset, where=where, web=self.web)
        return Reply(text, Page(question, offset, len(found.answers), has_more))

    async def inline_answers(self, question: str) -> list[InlineAnswer]:
        """The top answers to a question typed after the bot's name in any chat
        (``@bot who denied ...``), each a message of its own; none for an empty question."""
        question = " ".join(question.split())
        if not question or len(question) > MAX_QUESTION_CHARS:
            return []
        found = await self.service.ask(question, limit=INLINE_ANSWERS)
        return [
            InlineAnswer(
                id=str(answer.attribution_id),
                title=render.inline_title(answer),
                description=render.inline_description(answer),
                text=render.render_inline_message(answer, self.style),
            )
            for answer in found.answers
        ]

    async def sources(self, question: str, *, offset: int = 0) -> Reply:
        found = await self.service.ask(question, limit=PAGE_SIZE, offset=offset)
        return Reply(render.render_sources(found, self.style))

    async def read_draft(self, draft: ArticleDraft) -> Reply:
        if await other_language(draft.text):
            return Reply(self.style.text(OTHER_LANGUAGE))
        try:
            outcome = await self.service.ingest_draft(draft)
        except SourceError as error:
            return Reply(self.style.text(str(error)))
        return Reply(await self._with_origin(outcome, render.render_ingest(outcome, self.style)))

    async def read_paste(self, paste: Paste) -> Reply:
        draft = ArticleDraft(title=paste.title, text=paste.text, origin=Origin.TEXT)
        if await other_language(draft.text):
            return Reply(self.style.text(OTHER_LANGUAGE))
        try:
            outcome = await self.service.ingest_draft(draft)
        except SourceError as error:
            return Reply(self.style.text(str(error)))
        text = render.render_ingest(outcome, self.style, title_note=True)
        return Reply(await self._with_origin(outcome, text, noun="text"))

    async def ingested(self, outcome: IngestResult, *, noun: str) -> str:
        """The reply to an article read as a job (a ``noun``: link "article", forwarded "post",
        pasted "text"), as ``read_links``, ``read_draft`` and ``read_paste`` write it."""
        text = render.render_ingest(outcome, self.style, title_note=noun == "text")
        return await self._with_origin(outcome, text, noun=noun)

    async def _with_origin(self, outcome: IngestResult, text: str, *, noun: str = "post") -> str:
        """The reply with a note when the article repeats a stored one (or is repeated)."""
        note = render_repeat_note(
            await self.service.provenance(outcome.article_id), self.style, noun=noun
        )
        return f"{text}\n{note}" if note else text

    async def read_links(self, urls: Sequence[str]) -> Reply:
        async def one(url: str) -> str:
            try:
                outcome = await self.service.ingest_url(url)
            except SourceError as error:
                return render.render_failure(url, error_text(error), self.style)
            return await self._with_origin(
                outcome, render.render_ingest(outcome, self.style), noun="article"
            )

        parts = list(await asyncio.gather(*(one(url) for url in urls[:MAX_LINKS])))
        if len(urls) > MAX_LINKS:
            parts.append(self.style.text(f"I read only the first {MAX_LINKS} links."))
        return Reply("\n\n".join(parts))

    async def command(
        self, call: CommandCall, *, is_admin: bool, caller: Caller | None = None
    ) -> Reply:
        command = find_command(call.name, telegram=self.telegram)
        if command is None:
            return Reply(self.style.text(f"I don't know /{call.name}. Send /help for what I do."))
        if command.admin and not is_admin:
            return Reply(
                self.style.text(f"Sorry, only the bot's administrators may use /{call.name}.")
            )
        try:
            if call.name in WATCH_COMMANDS:
                return await self.watch_command(call, caller)
            return await self._run(call.name, call.args, is_admin=is_admin)
        except BlockedAddressError as error:
            return Reply(render.render_failure(error.url, error_text(error), self.style))
        except USER_ERRORS as error:
            return Reply(self.style.text(str(error)))

    async def watch_command(self, call: CommandCall, caller: Caller | None) -> Reply:
        style, service = self.style, self.service
        if caller is None:
            return Reply(style.text(f"/{call.name} needs a Telegram account to tell."))
        if call.name == "watch":
            if not call.args.strip():
                return Reply(style.text("Which topic? e.g. /watch the Kessel market"))
            watch = await service.add_watch(
                user_id=caller.user_id, chat_id=caller.chat_id, topic=call.args
            )
            return Reply(render.render_watch_added(watch, style))
        if call.name == "unwatch":
            number = _number(call.args, "/unwatch <n>, the number /watches shows")
            watch = await service.remove_watch(user_id=caller.user_id, number=number)
            return Reply(style.text(f"No longer watching “{watch.topic}”."))
        return Reply(render.render_watches(await service.list_watches(caller.user_id), style))

    async def origin(self, args: str) -> Reply:
        """``/origin <id>``, or ``/origin <link>``: the link is read first, as any link is."""
        words = args.split()
        if words and words[0].lower().startswith(("http://", "https://")):
            try:
                outcome = await self.service.ingest_url(words[0])
            except SourceError as error:
                return Reply(render.render_failure(words[0], str(error), self.style))
            article_id = outcome.article_id
        else:
            article_id = _number(args, "/origin <article id or link>")
        provenance = await self.service.provenance(article_id)
        return Reply(render_provenance(provenance, self.style))

    def help(self, *, is_admin: bool) -> Reply:
        commands = menu(telegram=self.telegram, admin=is_admin)
        return Reply(render.render_help(commands, self.style, intro=INTRO))

    async def _run(self, name: str, args: str, *, is_admin: bool) -> Reply:
        run = _RUNNERS.get(name)
        if run is None:
            return Reply(self.style.text(f"/{name} is not available here."))
        return await run(self, args, is_admin)

    async def _start(self, args: str, is_admin: bool) -> Reply:
        return Reply(render.render_start(self.style))

    async def _help(self, args: str, is_admin: bool) -> Reply:
        return self.help(is_admin=is_admin)

    async def _ask(self, args: str, is_admin: bool) -> Reply:
        return await self.ask(args)

    async def _sources(self, args: str, is_admin: bool) -> Reply:
        articles = await self.service.recent_articles(limit=10)
        return Reply(render.render_recent(articles, self.style, self.web))

    async def _article(self, args: str, is_admin: bool) -> Reply:
        article, claims = await self.service.article_claims(_number(args, "/article <id>"))
        return Reply(render.render_article_claims(article, claims, self.style, self.web))

    async def _who(self, args: str, is_admin: bool) -> Reply:
        name = " ".join(args.split())
        if not name:
            return Reply(self.style.text("Whose claims? e.g. /who Josh Jacques"))
        number = name.removeprefix("#")
        if name.startswith("#") and _is_small_number(number):
            return await self.who_page(int(number))
        found = await self.service.who(name, limit=WHO_PAGE)
        if found.profile is not None:
            return self._profile_reply(found.profile)
        text = render_who(found, self.style, where=self._where, web=self.web)
        choices = tuple((c.speaker_id, choice_label(c)) for c in found.choices)
        return Reply(text, choices=choices if self.telegram else ())

    async def who_page(self, speaker_id: int, *, offset: int = 0) -> Reply:
        """A page of one speaker's profile (``/who #ID``, the More button, ``/more``)."""
        profile = await self.service.speaker_profile(speaker_id, limit=WHO_PAGE, offset=offset)
        return self._profile_reply(profile)

    def _profile_reply(self, profile: ProfileResult) -> Reply:
        text = render_profile(profile, self.style, web=self.web)
        page = Page(
            profile.name,
            profile.offset,
            len(profile.claims),
            profile.has_more,
            speaker_id=profile.speaker_id,
        )
        return Reply(text, page)

    @property
    def _where(self) -> render.Where:
        return "telegram" if self.telegram else "console"

    async def _origin(self, args: str, is_admin: bool) -> Reply:
        return await self.origin(args)

    async def _stats(self, args: str, is_admin: bool) -> Reply:
        return Reply(render.render_stats(await self.service.stats(), self.style))

    async def _ingest(self, args: str, is_admin: bool) -> Reply:
        if not args:
            return Reply(self.style.text("Which link? e.g. /ingest https://example.org/news/1"))
        return await self.read_links(args.split())

    async def _addfeed(self, args: str, is_admin: bool) -> Reply:
        words = args.split()
        if not words or (len(words) > 1 and not _is_small_number(words[1])):
            return Reply(self.style.text("Which feed? e.g. /addfeed https://example.org/rss 30"))
        minutes = int(words[1]) if len(words) > 1 else None
        feed = await self.service.add_feed(words[0], interval_minutes=minutes)
        return Reply(self.style.text("Following ") + render.render_feed(feed, self.style))

    async def _feeds(self, args: str, is_admin: bool) -> Reply:
        return Reply(render.render_feeds(await self.service.list_feeds(), self.style))

    async def _removefeed(self, args: str, is_admin: bool) -> Reply:
        feed = await self.service.remove_feed(_number(args, "/removefeed <id>"))
        return Reply(self.style.text("No longer following ") + render.render_feed(feed, self.style))

    async def _poll(self, args: str, is_admin: bool) -> Reply:
        return Reply(render.render_poll(await self.service.poll_feeds(), self.style))

    async def _delete(self, args: str, is_admin: bool) -> Reply:
        removed = await self.service.delete_article(_number(args, "/delete <article id>"))
        return Reply(render_removed(removed, self.style))


# What each command of ``commands.COMMANDS`` does here (the console's own: ``bot/console.py``).
_RUNNERS: dict[str, Callable[[Conversation, str, bool], Awaitable[Reply]]] = {
    "start": Conversation._start,
    "help": Conversation._help,
    "ask": Conversation._ask,
    "sources": Conversation._sources,
    "article": Conversation._article,
    "who": Conversation._who,
    "origin": Conversation._origin,
    "stats": Conversation._stats,
    "ingest": Conversation._ingest,
    "addfeed": Conversation._addfeed,
    "feeds": Conversation._feeds,
    "removefeed": Conversation._removefeed,
    "poll": Conversation._poll,
    "delete": Conversation._delete,
}


def error_text(error: Exception) -> str:
    """What went wrong, in a sentence or two; a refused private address says how to allow it."""
    if isinstance(error, BlockedAddressError):
        return error.with_hint()
    return str(error)


async def other_language(text: str) -> bool:
    """``is_other_language`` in a worker thread: the model's first load takes seconds."""
    return await asyncio.to_thread(is_other_language, text)


def _is_small_number(word: str) -> bool:
    return word.isascii() and word.isdigit() and len(word) <= 9


def _number(args: str, usage: str) -> int:
    try:
        return int(args.split()[0])
    except (IndexError, ValueError):
        raise NotFoundError(f"Give a number: {usage}") from None
