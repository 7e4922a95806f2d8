"""The Newsprov service: every front end (CLI, console, Telegram) goes through it.

It owns the database engine and decides where transactions begin and end; the store
functions it calls only take a session. Slow, CPU-bound work (the spaCy parse) runs in a
worker thread so that a bot serving many chats is never blocked by one long article.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Literal

from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.answer.answerer import answer_from_row, answer_question, article_ref
from bot.answer.model import Answer, AnswerSet, ArticleRef
from bot.answer.semantic import Semantic
from bot.errors import NotFoundError, SourceError
from bot.ingest.draft import ArticleDraft
from bot.ingest.feed_poller import FeedInfo, FeedPoller, PollReport
from bot.ingest.fetch import Fetcher
from bot.ingest.fitting import fit_draft, read_in_part_note
from bot.ingest.links import fetch_article
from bot.ingest.storing import (
    ClaimVector,
    add_attributions,
    claims_outside_headline,
    embed_claims,
    store_article,
)
from bot.settings import Settings
from store import articles as article_store
from store import attributions as attribution_store
from store import speakers as speaker_store
from store.db import create_engine, session_factory, upgrade_to_head
from store.feeds import count_feeds, due_feeds, get_feed
from store.models import Article
from store.sizes import is_storable_id
from store.term_stats import TermStatsCache, refresh_if_changed
from store.vectors import NewVector, add_vectors, claims_without_vectors

if TYPE_CHECKING:
    from bot.extract.model import ExtractedAttribution
    from bot.extract.pipeline import Extraction, Extractor

log = logging.getLogger(__name__)

TERM_STATS_CHECK_S = 60.0  # how often ingests may check whether search terms need a recount
EMBED_BATCH = 256  # attributions embedded and stored at a time by ``embed_missing``


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestOutcome:
    article_id: int
    title: str
    status: Literal["new", "duplicate"]
    attributions: list[Answer]  # the article's claims, in text order
    note: str | None = None  # set when a long article was read in part


@dataclass(frozen=True, slots=True, kw_only=True)
class ReextractReport:
    articles: int
    before: int  # attributions the articles had
    after: int  # ... and have now


@dataclass(frozen=True, slots=True, kw_only=True)
class Stats:
    articles: int
    attributions: int
    speakers: int
    feeds: int


async def _outcome(
    session: AsyncSession,
    article: Article,
    *,
    status: Literal["new", "duplicate"],
    note: str | None = None,
) -> IngestOutcome:
    rows = await attribution_store.attributions_of_article(session, article.id)
    return IngestOutcome(
        article_id=article.id,
        title=article.title,
        status=status,
        attributions=[answer_from_row(row, score=100.0) for row in rows],
        note=note,
    )


class Newsprov:
    def __init__(
        self,
        settings: Settings,
        *,
        engine: AsyncEngine,
        extractor: Extractor | None = None,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.sessions: async_sessionmaker[AsyncSession] = session_factory(engine)
        self._extractor = extractor
        self._extractor_lock = asyncio.Lock()
        self._extraction_turn = asyncio.Lock()  # first come, first served
        self._semantic: Semantic | None = None
        self._semantic_lock = asyncio.Lock()
        self._write_lock = asyncio.Lock()
        self._term_stats = TermStatsCache()
        self._fetcher: Fetcher | None = None
        self._poller: FeedPoller | None = None
        self._term_stats_checked_at = -TERM_STATS_CHECK_S

    @classmethod
    async def open(
        cls, settings: Settings, *, migrate: bool = True, extractor: Extractor | None = None
    ) -> Newsprov:
        """Connect to the settings' database, bringing its schema to the newest migration."""
        if migrate:
            await upgrade_to_head(settings.database_url)
        return cls(settings, engine=create_engine(settings.database_url), extractor=extractor)

    async def close(self) -> None:
        if self._fetcher is not None:
            await self._fetcher.aclose()
        await self.engine.dispose()

    async def __aenter__(self) -> Newsprov:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def extractor(self) -> Extractor:
        """The attribution extractor, loaded on first use (loading spaCy takes a second)."""
        async with self._extractor_lock:
            if self._extractor is None:
                from bot.extract.pipeline import load_extractor

                self._extractor = await asyncio.to_thread(
                    load_extractor, budget=self.settings.extraction_budget
                )
            return self._extractor

    async def semantic(self) -> Semantic | None:
        """The sentence model and vector index, loaded on first use; None when turned off."""
        if not self.settings.semantic:
            return None
        async with self._semantic_lock:
            if self._semantic is None:
                from bot.embedding import SentenceEncoder

                self._semantic = Semantic(await asyncio.to_thread(SentenceEncoder.load))
            return self._semantic

    async def _embed(
        self, title: str, found: list[ExtractedAttribution]
    ) -> list[ClaimVector] | None:
        """The embeddings of an article's claims as they will be stored (less the headline's),
        batched in a worker thread; None when embeddings are turned off."""
        semantic = await self.semantic()
        if semantic is None:
            return None
        claims = claims_outside_headline(title, found)
        return await asyncio.to_thread(embed_claims, semantic.encoder, claims)

    # Getting articles in

    async def ingest_draft(
        self, draft: ArticleDraft, *, feed_id: int | None = None
    ) -> IngestOutcome:
        """Store the article and its attributions once; a second time reports the duplicate.
        A text over the extraction budget's length is stored and read in part (the outcome's
        ``note`` says so); one over its time raises ExtractionBudgetError."""
        draft, total_chars = fit_draft(draft, max_chars=self.settings.max_article_chars)
        existing = await self._find_existing(draft)
        if existing is not None:
            return existing
        extraction = await self._read(draft.text)
        found = extraction.attributions
        note = read_in_part_note(read_chars=extraction.read_chars, total_chars=total_chars)
        vectors = await self._embed(draft.title, found)
        # One writer at a time: SQLite allows no more, and the duplicate check above must
        # not race with another ingest of the same article in this process.
        async with self._write_lock:
            existing = await self._find_existing(draft)
            if existing is not None:
                return existing
            try:
                outcome = await self._store(
                    draft, found, feed_id=feed_id, note=note, embeddings=vectors
                )
            except IntegrityError:  # stored by another process meanwhile, or the feed removed
                existing = await self._find_existing(draft)
                if existing is not None:
                    return existing
                if feed_id is None or await self._feed_exists(feed_id):
                    raise
                outcome = await self._store(draft, found, feed_id=None, note=note)
            await self._recount_search_terms_now_and_then()
            return outcome

    async def _store(
        self,
        draft: ArticleDraft,
        found: list[ExtractedAttribution],
        *,
        feed_id: int | None,
        note: str | None,
        embeddings: list[ClaimVector] | None = None,
    ) -> IngestOutcome:
        try:
            async with self.sessions.begin() as session:
                article = await store_article(
                    session, draft, found, feed_id=feed_id, embeddings=embeddings
                )
                return await _outcome(session, article, status="new", note=note)
        except DataError as error:  # a value the database refuses, past every fitting
            log.warning("Article %r not stored: %s", draft.title[:80], error)
            raise SourceError("The database refused a value of this article; not stored.") from None

    async def _feed_exists(self, feed_id: int) -> bool:
        async with self.sessions() as session:
            return await get_feed(session, feed_id) is not None

    async def _read(self, text: str) -> Extraction:
        """Extract in a worker thread, one article at a time: spaCy's pipeline is not shared
        between threads, and the budget bounds how long one article keeps the others waiting."""
        extractor = await self.extractor()
        async with self._extraction_turn:
            return await asyncio.to_thread(
                extractor.read, text, budget=self.settings.extraction_budget
            )

    async def reextract(
        self,
        *,
        progress: Callable[[int, int], None] | None = None,
        article_ids: list[int] | None = None,
    ) -> ReextractReport:
        """Read stored articles (every one, or ``article_ids``) again with the current
        extractor and replace their attributions, one transaction per article: article ids and
        speakers stay (speakers are got by their key), and a failure leaves that article as
        it was."""
        ids = article_ids if article_ids is not None else await self.reextract_ids(older_than=None)
        before = after = 0
        for number, article_id in enumerate(ids, start=1):
            had, has = await self.reextract_article(article_id)
            before, after = before + had, after + has
            if progress is not None:
                progress(number, len(ids))
        await self.refresh_search_stats()
        return ReextractReport(articles=len(ids), before=before, after=after)

    async def reextract_article(self, article_id: int) -> tuple[int, int]:
        """Read one article again (a job): how many attributions it had and has now (0, 0
        when it is gone). One transaction; the article id and its speakers stay."""
        async with self.sessions() as session:
            article = await article_store.get_article(session, article_id)
            if article is None:  # removed meanwhile
                return 0, 0
            title, text = article.title, article.text
        try:
            found = (await self._read(text)).attributions
        except SourceError as error:  # over the time budget: the article stays as it was
            log.warning("Article %s not read again: %s", article_id, error)
            return 0, 0
        vectors = await self._embed(title, found)
        async with self._write_lock, self.sessions.begin() as session:
            article = await article_store.get_article(session, article_id)
            if article is None:
                return 0, 0
            had = await attribution_store.delete_attributions_of_article(session, article_id)
            await add_attributions(session, article, found, embeddings=vectors)
            return had, await attribution_store.count_attributions_of_article(session, article_id)

    async def _find_existing(self, draft: ArticleDraft) -> IngestOutcome | None:
        async with self.sessions() as session:
            article = await article_store.find_existing(
                session, url=draft.url, content_hash=draft.content_hash
            )
            if article is None:
                return None
            return await _outcome(session, article, status="duplicate")

    def fetcher(self) -> Fetcher:
        """The one HTTP client for links and feeds, made on first use."""
        if self._fetcher is None:
            self._fetcher = Fetcher.from_settings(self.settings)
        return self._fetcher

    async def ingest_url(self, url: str) -> IngestOutcome:
        """Fetch a link safely and ingest the article on it (FetchError says why not)."""
        return await self.ingest_draft(await fetch_article(self.fetcher(), url))

    # Feeds

    def _feeds(self) -> FeedPoller:
        """One poller for the service, so its limit on concurrent fetches holds across polls."""
        if self._poller is None:
            self._poller = FeedPoller(self, self.fetcher(), settings=self.settings)
        return self._poller

    async def add_feed(self, url: str, *, interval_minutes: int | None = None) -> FeedInfo:
        return await self._feeds().add_feed(url, interval_minutes=interval_minutes)

    async def list_feeds(self) -> list[FeedInfo]:
        return await self._feeds().list_feeds()

    async def remove_feed(self, feed_id: int) -> FeedInfo:
        return await self._feeds().remove_feed(feed_id)

    async def due_feed_ids(self) -> list[int]:
        """The enabled feeds whose next poll time has come, soonest first."""
        async with self.sessions() as session:
            return [feed.id for feed in await due_feeds(session, now=datetime.now(UTC))]

    async def poll_feed(self, feed_id: int) -> PollReport:
        """Poll one feed now (a job: the caller keeps two polls of a feed apart)."""
        return await self._feeds().poll_isolated(feed_id)

    async def reextract_ids(self, *, older_than: int | None) -> list[int]:
        """The articles a re-extraction reads: all of them (``None``), or those last read by
        an extractor older than ``older_than``."""
        async with self.sessions() as session:
            if older_than is None:
                return list(await article_store.article_ids(session))
            return await article_store.article_ids_read_before(session, older_than)

    async def poll_feeds(self, feed_id: int | None = None) -> list[PollReport]:
        """Poll one feed now, or every feed whose time has come."""
        poller = self._feeds()
        if feed_id is not None:
            return [await poller.poll_isolated(feed_id)]
        return await poller.poll_due()

    # Answering

    async def ask(self, question: str, *, limit: int = 3, offset: int = 0) -> AnswerSet:
        semantic = await self.semantic()
        async with self.sessions() as session:
            stats = await self._term_stats.current(session)
            return await answer_question(
                session, question, limit=limit, offset=offset, term_stats=stats, semantic=semantic
            )

    async def embed_missing(self, *, batch: int = EMBED_BATCH) -> int:
        """Embed the stored attributions that have no vector yet (stored before migration
        0007, or while embeddings were turned off); how many were embedded."""
        semantic = await self.semantic()
        if semantic is None:
            return 0
        from bot.embedding import MODEL_NAME, to_bits, to_int8

        done = 0
        while True:
            async with self.sessions() as session:
                claims = await claims_without_vectors(session, limit=batch)
            if not claims:
                return done
            texts = [claim.content for claim in claims]
            vectors = await asyncio.to_thread(semantic.encoder.encode, texts)
            rows = [
                NewVector(claim.id, embedding, bits)
                for claim, embedding, bits in zip(
                    claims, to_int8(vectors), to_bits(vectors), strict=True
                )
            ]
            async with self._write_lock, self.sessions.begin() as session:
                await add_vectors(session, rows, model=MODEL_NAME)
            done += len(rows)

    async def _recount_search_terms_now_and_then(self) -> None:
        """After ingests, at most once a minute: recount search terms if much has changed."""
        now = time.monotonic()
        if now - self._term_stats_checked_at >= TERM_STATS_CHECK_S:
            self._term_stats_checked_at = now
            await self.refresh_search_stats()

    async def refresh_search_stats(self) -> bool:
        """Recount common search terms if the attributions changed much (a periodic job)."""
        async with self.sessions.begin() as session:
            refreshed = await refresh_if_changed(session)
        if refreshed:
            self._term_stats.forget()
        return refreshed

    async def recent_articles(self, *, limit: int = 10) -> list[ArticleRef]:
        async with self.sessions() as session:
            return [
                article_ref(a) for a in await article_store.recent_articles(session, limit=limit)
            ]

    async def article_claims(self, article_id: int) -> tuple[ArticleRef, list[Answer]]:
        async with self.sessions() as session:
            article = None
            if is_storable_id(article_id):
                article = await article_store.get_article(session, article_id)
            if article is None:
                raise NotFoundError(f"There is no article {article_id}.")
            rows = await attribution_store.attributions_of_article(session, article_id)
            return article_ref(article), [answer_from_row(row, score=100.0) for row in rows]

    async def speaker_claims(self, name: str, *, limit: int = 10) -> list[Answer]:
        from bot.extract.speakers import speaker_key

        async with self.sessions() as session:
            speakers = await speaker_store.find_speakers(session, key=speaker_key(name), name=name)
            if not speakers:
                raise NotFoundError(f"I know no speaker called {name!r}.")
            rows = await attribution_store.attributions_of_speakers(
                session, [s.id for s in speakers], limit=limit
            )
            return [answer_from_row(row, score=100.0) for row in rows]

    async def stats(self) -> Stats:
        async with self.sessions() as session:
            return Stats(
                articles=await article_store.count_articles(session),
                attributions=await attribution_store.count_attributions(session),
                speakers=await speaker_store.count_speakers(session),
                feeds=await count_feeds(session),
            )
