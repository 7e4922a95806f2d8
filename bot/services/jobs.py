"""Ingestion as jobs: what each job does, whoever runs it.

The same job functions run in a ``newsprov worker`` process (procrastinate on PostgreSQL,
``bot.services.queue``) or inside the bot's own process (``bot.services.inprocess``, the
embedded default on SQLite). Their arguments are JSON (a job may wait in a table and run on
another machine); the person who asked is a ``ChatRef`` and hears the outcome through a
``Notifier`` when the job ends.

Failures: an error a later attempt may not meet (a site that cannot be reached, a 5xx, a
timeout, the database itself) is raised, and the runner tries the job again with backoff up
to ``job_max_attempts``; an error that will not change (not an article, a 404, a blocked
address) is final at once. Either way, the final failure is told to the person with its
reason. Each job's writes are one transaction (``Newsprov.ingest_draft`` and
``reextract_article`` own them), so a job killed half-way has stored nothing, and running it
again is safe: articles are unique by canonical URL and text hash.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from bot.errors import (
    BlockedAddressError,
    ConfigError,
    NewsprovError,
    NotFoundError,
    SourceError,
    may_pass,
)
from bot.settings import Settings
from bot.sources.draft import ArticleDraft, Origin
from store.errors import StoreError
from store.sizes import cut, no_nul

if TYPE_CHECKING:
    from bot.services.feed_poller import PollReport
    from bot.services.newsprov import IngestOutcome, Newsprov

log = logging.getLogger(__name__)

MAX_REASON_CHARS = 1_000


@dataclass(frozen=True, slots=True, kw_only=True)
class ChatRef:
    """Where a job's outcome goes: a chat, and the message it answers."""

    chat_id: int
    message_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def of(cls, value: dict[str, Any] | None) -> ChatRef | None:
        if value is None:
            return None
        return cls(chat_id=int(value["chat_id"]), message_id=value.get("message_id"))


class Notifier(Protocol):
    """Tells people how their jobs ended (the bot's Telegram client, or the Bot API)."""

    async def ingested(self, chat: ChatRef, outcome: IngestOutcome, *, noun: str) -> None: ...
    async def failed(self, chat: ChatRef, source: str, reason: str) -> None: ...
    async def tell_admins(self, text: str) -> None: ...


class FinalJobError(Exception):
    """A job failure that another attempt would meet again: the job fails now."""


def needs_queue(settings: Settings, what: str) -> None:
    """Refuse, in one sentence, a command that needs the queue on a database without one."""
    if not settings.uses_queue:
        raise ConfigError(
            f"{what} needs the job queue, which lives in PostgreSQL "
            "(NEWSPROV_DATABASE_URL=postgresql://...); on SQLite jobs run inside the bot."
        )


def is_transient(error: BaseException) -> bool:
    """Whether another attempt may succeed where this one raised ``error``."""
    if isinstance(error, FinalJobError):
        return False
    if isinstance(error, SourceError):
        return may_pass(error)  # a site down or slow for now; not "not an article"
    # Else the database, the network under it, or a bug: try again later.
    return not isinstance(error, NotFoundError)


def reason_of(error: BaseException) -> str:
    """One line for a person (and ``newsprov jobs --failed``)."""
    cause = error.__cause__ if isinstance(error, FinalJobError) and error.__cause__ else error
    if isinstance(cause, BlockedAddressError):
        text = cause.with_hint()
    elif isinstance(cause, NewsprovError | StoreError):
        text = str(cause)
    else:
        text = f"{type(cause).__name__}: {cause}".rstrip(": ")
    return cut(no_nul(" ".join(text.split())), MAX_REASON_CHARS)


def retry_wait_seconds(*, base: float, attempts_done: int) -> float:
    """The wait before the next attempt: ``base``, doubled after each failed attempt."""
    return float(base * 2 ** min(max(0, attempts_done - 1), 16))


def draft_as_json(draft: ArticleDraft) -> dict[str, Any]:
    values = asdict(draft)
    values["origin"] = draft.origin.value
    values["published"] = draft.published.isoformat() if draft.published else None
    return values


def draft_of_json(values: dict[str, Any]) -> ArticleDraft:
    published = values.get("published")
    return ArticleDraft(
        title=values["title"],
        text=values["text"],
        origin=Origin(values["origin"]),
        url=values.get("url"),
        outlet=values.get("outlet"),
        published=datetime.fromisoformat(published) if published else None,
        author=values.get("author"),
        origin_detail=dict(values.get("origin_detail") or {}),
    )


class JobRunner:
    """The job functions over one service. ``final``: this is the job's last attempt, so a
    failure is told to the person instead of being tried again."""

    def __init__(self, service: Newsprov, notifier: Notifier | None = None) -> None:
        self.service = service
        self.notifier = notifier

    async def ingest_link(self, url: str, *, chat: ChatRef | None, final: bool) -> None:
        try:
            outcome = await self.service.ingest_url(url)
        except Exception as error:
            await self._failed(error, chat=chat, source=url, final=final)
            raise
        await self._tell(chat, outcome, noun="article")

    async def ingest_draft(self, draft: ArticleDraft, *, chat: ChatRef | None, final: bool) -> None:
        try:
            outcome = await self.service.ingest_draft(draft)
        except Exception as error:
            await self._failed(error, chat=chat, source=draft.title, final=final)
            raise
        await self._tell(chat, outcome, noun="text" if draft.origin is Origin.TEXT else "post")

    async def poll_feed(self, feed_id: int, *, due_only: bool) -> PollReport | None:
        """Poll one feed; with ``due_only``, only when its time has come (a scheduled poll
        that waited behind another poll of the same feed finds it polled and does nothing)."""
        if due_only and feed_id not in await self.service.due_feed_ids():
            return None
        try:
            report = await self.service.poll_feed(feed_id)
        except NotFoundError:  # removed since the job was queued
            return None
        if report.admin_message and self.notifier is not None:
            await self.notifier.tell_admins(report.admin_message)
        return report

    async def reextract_article(self, article_id: int) -> None:
        await self.service.reextract_article(article_id)

    async def _tell(self, chat: ChatRef | None, outcome: IngestOutcome, *, noun: str) -> None:
        """Send the outcome to the chat. The article is stored whatever happens here: a reply
        that cannot be sent is logged, not retried (a retry would read the article again)."""
        if chat is None or self.notifier is None:
            return
        try:
            await self.notifier.ingested(chat, outcome, noun=noun)
        except Exception:
            log.warning("Could not tell chat %s about article %s", chat.chat_id,
                        outcome.article_id, exc_info=True)  # fmt: skip

    async def _failed(
        self, error: Exception, *, chat: ChatRef | None, source: str, final: bool
    ) -> None:
        if is_transient(error) and not final:
            log.info("job for %s failed, to be tried again: %s", source[:200], reason_of(error))
            return
        if chat is not None and self.notifier is not None:
            try:
                await self.notifier.failed(chat, source, reason_of(error))
            except Exception:  # the chat may be gone; the job's own failure is what counts
                log.warning("Could not tell chat %s that a job failed", chat.chat_id)


class Jobs(Protocol):
    """Where the front ends put work: a queue, or the bot's own process."""

    @property
    def queued(self) -> bool: ...  # True: jobs wait in a table for any worker
    async def ingest_link(self, url: str, *, chat: ChatRef | None = None) -> None: ...
    async def ingest_draft(self, draft: ArticleDraft, *, chat: ChatRef | None = None) -> None: ...
    async def poll_feed(self, feed_id: int, *, due_only: bool = False) -> None: ...
    async def reextract(self, article_ids: Sequence[int]) -> object: ...
    async def close(self) -> None: ...
