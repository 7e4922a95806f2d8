"""Getting an article in: fit the draft, skip a stored one, extract its attributions, embed
them, then store article and attributions in one transaction."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.answer.answerer import answer_from_row
from bot.answer.model import Answer
from bot.errors import SourceError
from bot.extract.fingerprints import SentencePrint, fingerprint
from bot.services.fitting import fit_draft, read_in_part_note
from bot.services.provenance import link_article
from bot.services.resources import Resources
from bot.services.storing import ClaimVector, store_article
from bot.sources.draft import ArticleDraft
from bot.sources.links import fetch_article
from store import articles as article_store
from store import attributions as attribution_store
from store.feeds import get_feed
from store.models import Article

if TYPE_CHECKING:
    from bot.extract.model import ExtractedAttribution

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestOutcome:
    article_id: int
    title: str
    status: Literal["new", "duplicate"]
    attributions: list[Answer]  # the article's claims, in text order
    note: str | None = None  # set when a long article was read in part


async def outcome_of(
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


class Ingesting:
    def __init__(self, resources: Resources) -> None:
        self._resources = resources
        self._sessions = resources.sessions

    async def ingest_draft(
        self, draft: ArticleDraft, *, feed_id: int | None = None
    ) -> IngestOutcome:
        """Store the article and its attributions once; a second time reports the duplicate.
        A text over the extraction budget's length is stored and read in part (the outcome's
        ``note`` says so); one over its time raises ExtractionBudgetError."""
        resources = self._resources
        draft, total_chars = fit_draft(draft, max_chars=resources.settings.max_article_chars)
        existing = await self._find_existing(draft)
        if existing is not None:
            return existing
        extraction = await resources.read(draft.text)
        found = extraction.attributions
        note = read_in_part_note(read_chars=extraction.read_chars, total_chars=total_chars)
        vectors = await resources.embed(draft.title, found)
        prints = await asyncio.to_thread(fingerprint, draft.text)
        async with resources.write_lock:
            existing = await self._find_existing(draft)
            if existing is not None:
                return existing
            try:
                outcome = await self._store(
                    draft, found, feed_id=feed_id, note=note, embeddings=vectors, prints=prints
                )
            except IntegrityError:  # stored by another process meanwhile, or the feed removed
                existing = await self._find_existing(draft)
                if existing is not None:
                    return existing
                if feed_id is None or await self._feed_exists(feed_id):
                    raise
                outcome = await self._store(draft, found, feed_id=None, note=note, prints=prints)
            await resources.search_stats.refresh_now_and_then()
            return outcome

    async def ingest_url(self, url: str) -> IngestOutcome:
        """Fetch a link safely and ingest the article on it (FetchError says why not)."""
        return await self.ingest_draft(await fetch_article(self._resources.fetcher(), url))

    async def _store(
        self,
        draft: ArticleDraft,
        found: list[ExtractedAttribution],
        *,
        feed_id: int | None,
        note: str | None,
        embeddings: list[ClaimVector] | None = None,
        prints: list[SentencePrint] | None = None,
    ) -> IngestOutcome:
        try:
            async with self._sessions.begin() as session:
                article = await store_article(
                    session, draft, found, feed_id=feed_id, embeddings=embeddings
                )
                await link_article(session, article, prints or [], vias=[f.via for f in found])
                return await outcome_of(session, article, status="new", note=note)
        except DataError as error:  # a value the database refuses, past every fitting
            log.warning("Article %r not stored: %s", draft.title[:80], error)
            raise SourceError("The database refused a value of this article; not stored.") from None

    async def _feed_exists(self, feed_id: int) -> bool:
        async with self._sessions() as session:
            return await get_feed(session, feed_id) is not None

    async def _find_existing(self, draft: ArticleDraft) -> IngestOutcome | None:
        async with self._sessions() as session:
            article = await article_store.find_existing(
                session, url=draft.url, content_hash=draft.content_hash
            )
            if article is None:
                return None
            return await outcome_of(session, article, status="duplicate")
