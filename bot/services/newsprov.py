"""The Newsprov service: every front end (CLI, console, Telegram, web) goes through it.

A thin facade over the services' parts, which share one ``Resources`` (settings, engine,
the writer lock, the extractor and sentence model, the HTTP client): ``ingesting``,
``asking``, ``feeds`` and ``maintenance``. It decides nothing itself: the parts own the
transactions, and the store functions they call only take a session. Slow, CPU-bound work
(the spaCy parse) runs in a worker thread so that a bot serving many chats is never blocked
by one long article.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.answer.model import Answer, AnswerSet, ArticleRef
from bot.answer.provenance import Provenance
from bot.answer.semantic import Semantic
from bot.answer.views import ArticleView, SpeakerView
from bot.services.asking import Asking, Stats
from bot.services.feeds import FeedInfo, Feeds, PollReport
from bot.services.ingesting import Ingesting, IngestOutcome
from bot.services.maintenance import EMBED_BATCH, Maintenance, ReextractReport
from bot.services.profiles import PROFILE_CLAIMS, Profile, Profiles, WhoResult
from bot.services.resources import Resources
from bot.services.watches import Notice, Watches, WatchInfo
from bot.settings import Settings
from bot.sources.draft import ArticleDraft
from bot.sources.fetch import Fetcher
from store.db import create_engine, upgrade_to_head
from store.export import stream_attributions
from store.removal import RemovedArticle

if TYPE_CHECKING:
    from bot.extract.pipeline import Extractor

__all__ = ["IngestOutcome", "Newsprov", "ReextractReport", "Stats"]


class Newsprov:
    def __init__(
        self,
        settings: Settings,
        *,
        engine: AsyncEngine,
        extractor: Extractor | None = None,
    ) -> None:
        self.resources = Resources(settings, engine=engine, extractor=extractor)
        self.watches = Watches(self.resources)
        self.ingesting = Ingesting(self.resources, watches=self.watches)
        self.asking = Asking(self.resources)
        self.maintenance = Maintenance(self.resources)
        self.profiles = Profiles(self.resources)
        self._feeds: Feeds | None = None

    @classmethod
    async def open(
        cls, settings: Settings, *, migrate: bool = True, extractor: Extractor | None = None
    ) -> Newsprov:
        """Connect to the settings' database, bringing its schema to the newest migration."""
        if migrate:
            await upgrade_to_head(settings.database_url)
        return cls(settings, engine=create_engine(settings.database_url), extractor=extractor)

    async def close(self) -> None:
        await self.watches.matched()
        await self.resources.close()

    async def __aenter__(self) -> Newsprov:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def settings(self) -> Settings:
        return self.resources.settings

    @property
    def engine(self) -> AsyncEngine:
        return self.resources.engine

    @property
    def sessions(self) -> async_sessionmaker[AsyncSession]:
        return self.resources.sessions

    @property
    def feeds(self) -> Feeds:
        """Made on first use (it makes the HTTP client)."""
        if self._feeds is None:
            self._feeds = Feeds(self.resources, self.ingesting)
        return self._feeds

    async def extractor(self) -> Extractor:
        return await self.resources.extractor()

    async def semantic(self) -> Semantic | None:
        return await self.resources.semantic()

    async def semantic_for_answering(self, session: AsyncSession) -> Semantic | None:
        return await self.resources.semantic_for_answering(session)

    def fetcher(self) -> Fetcher:
        return self.resources.fetcher()

    # Getting articles in

    async def ingest_draft(
        self, draft: ArticleDraft, *, feed_id: int | None = None
    ) -> IngestOutcome:
        return await self.ingesting.ingest_draft(draft, feed_id=feed_id)

    async def ingest_url(self, url: str) -> IngestOutcome:
        return await self.ingesting.ingest_url(url)

    # Feeds

    async def add_feed(self, url: str, *, interval_minutes: int | None = None) -> FeedInfo:
        return await self.feeds.add_feed(url, interval_minutes=interval_minutes)

    async def list_feeds(self) -> list[FeedInfo]:
        return await self.feeds.list_feeds()

    async def remove_feed(self, feed_id: int) -> FeedInfo:
        return await self.feeds.remove_feed(feed_id)

    async def poll_feeds(self, feed_id: int | None = None) -> list[PollReport]:
        return await self.feeds.poll_feeds(feed_id)

    async def poll_feed(self, feed_id: int) -> PollReport:
        """Poll one feed now (a job: the caller keeps two polls of a feed apart)."""
        return await self.feeds.poll_feed(feed_id)

    async def due_feed_ids(self) -> list[int]:
        return await self.feeds.due_feed_ids()

    # Answering

    async def ask(self, question: str, *, limit: int = 3, offset: int = 0) -> AnswerSet:
        return await self.asking.ask(question, limit=limit, offset=offset)

    async def recent_articles(self, *, limit: int = 10) -> list[ArticleRef]:
        return await self.asking.recent_articles(limit=limit)

    async def article_claims(self, article_id: int) -> tuple[ArticleRef, list[Answer]]:
        return await self.asking.article_claims(article_id)

    async def article_id_by_url(self, url: str) -> int:
        return await self.asking.article_id_by_url(url)

    async def who(self, name: str, *, limit: int = PROFILE_CLAIMS, offset: int = 0) -> WhoResult:
        """The speaker a name means (in any spelling), or the speakers it may mean."""
        return await self.profiles.who(name, limit=limit, offset=offset)

    async def speaker_profile(
        self, speaker_id: int, *, limit: int = PROFILE_CLAIMS, offset: int = 0
    ) -> Profile:
        return await self.profiles.profile(speaker_id, limit=limit, offset=offset)

    async def article_view(self, article_id: int) -> ArticleView:
        return await self.asking.article_view(article_id)

    async def speaker_view(self, speaker_id: int, *, limit: int = 50) -> SpeakerView:
        """The web page of the profile the speaker belongs to: names, roles, latest claims."""
        profile = await self.profiles.profile(speaker_id, limit=limit)
        return SpeakerView(
            id=profile.speaker_id,
            name=profile.name,
            kind=profile.kind,
            aliases=profile.aliases,
            roles=profile.roles,
            claims=profile.claims,
        )

    async def provenance(self, article_id: int) -> Provenance:
        return await self.asking.provenance(article_id)

    async def stats(self) -> Stats:
        return await self.asking.stats()

    async def export_rows(self) -> AsyncIterator[dict[str, Any]]:
        """Every attribution with its speaker and article (``store.export.COLUMNS``), streamed
        in one read-only transaction, a batch at a time."""
        async with self.sessions() as session:
            async for row in stream_attributions(session):
                yield row

    # Keeping what is stored in step

    async def delete_article(self, article_id: int) -> RemovedArticle:
        """Remove an article and everything that refers to it. Watch matching still running
        for articles just stored finishes first, so it cannot add a notice for a claim gone."""
        await self.watches.matched()
        return await self.maintenance.delete_article(article_id)

    async def reextract(
        self,
        *,
        progress: Callable[[int, int], None] | None = None,
        article_ids: list[int] | None = None,
    ) -> ReextractReport:
        return await self.maintenance.reextract(progress=progress, article_ids=article_ids)

    async def reextract_ids(self, *, older_than: int | None) -> list[int]:
        return await self.maintenance.reextract_ids(older_than=older_than)

    async def reextract_article(self, article_id: int) -> tuple[int, int]:
        return await self.maintenance.reextract_article(article_id)

    async def embed_missing(self, *, batch: int = EMBED_BATCH) -> int:
        return await self.maintenance.embed_missing(batch=batch)

    async def fingerprint_missing(self, *, batch: int = EMBED_BATCH) -> int:
        return await self.maintenance.fingerprint_missing(batch=batch)

    async def index_profiles(self) -> int:
        """Work out the profiles of speakers stored before migration 0014; how many."""
        return await self.profiles.index_missing()

    async def refresh_search_stats(self, *, force: bool = False) -> bool:
        return await self.maintenance.refresh_search_stats(force=force)

    # Watches

    async def add_watch(self, *, user_id: int, chat_id: int, topic: str) -> WatchInfo:
        return await self.watches.add(user_id=user_id, chat_id=chat_id, topic=topic)

    async def list_watches(self, user_id: int) -> list[WatchInfo]:
        return await self.watches.of_user(user_id)

    async def remove_watch(self, *, user_id: int, number: int) -> WatchInfo:
        return await self.watches.remove(user_id=user_id, number=number)

    async def pending_notices(self, *, limit: int = 20) -> list[Notice]:
        return await self.watches.pending(limit=limit)

    async def mark_notices_sent(
        self, notice_ids: Sequence[int], *, error: str | None = None
    ) -> None:
        await self.watches.mark_sent(notice_ids, error=error)

    async def release_notices(self, notice_ids: Sequence[int], *, error: str) -> None:
        await self.watches.release(notice_ids, error=error)

    async def watches_matched(self) -> None:
        """Wait until the articles stored so far have been matched against the watches."""
        await self.watches.matched()
