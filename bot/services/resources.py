"""What the services share: settings, the database engine and its sessions, the one writer
lock, the extractor and sentence model (loaded on first use), the HTTP client."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.answer.semantic import Semantic
from bot.services.search_stats import SearchStats
from bot.services.storing import ClaimVector, claims_outside_headline, embed_claims
from bot.settings import Settings
from bot.sources.fetch import Fetcher
from store.db import session_factory
from store.vectors import vector_count

if TYPE_CHECKING:
    from bot.extract.model import ExtractedAttribution
    from bot.extract.pipeline import Extraction, Extractor


class Resources:
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
        # One writer at a time: SQLite allows no more, and an ingest's duplicate check must
        # not race with another ingest of the same article in this process.
        self.write_lock = asyncio.Lock()
        self.search_stats = SearchStats(self.sessions)
        self._extractor = extractor
        self._extractor_lock = asyncio.Lock()
        self._extraction_turn = asyncio.Lock()  # first come, first served
        self._semantic: Semantic | None = None
        self._semantic_lock = asyncio.Lock()
        # Under ``auto``: the store was found beyond the limit once, and stores grow, so
        # answering stops asking (and never loads the model for it) until the next start.
        self._beyond_auto_limit = False
        self._fetcher: Fetcher | None = None

    async def close(self) -> None:
        if self._fetcher is not None:
            await self._fetcher.aclose()
        await self.engine.dispose()

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
        """The sentence model and vector index, loaded on first use; None when vectors are not
        stored (``NEWSPROV_SEMANTIC=false``)."""
        if not self.settings.stores_vectors:
            return None
        async with self._semantic_lock:
            if self._semantic is None:
                from bot.embedding import SentenceEncoder

                self._semantic = Semantic(await asyncio.to_thread(SentenceEncoder.load))
            return self._semantic

    @property
    def semantic_loaded(self) -> bool:
        """Whether the sentence model is in memory."""
        return self._semantic is not None

    async def semantic_for_answering(self, session: AsyncSession) -> Semantic | None:
        """The semantic signal for the next question, when it is on, or under ``auto`` while
        the vector index (read up to date first) holds at most the settings' limit. A store
        found beyond it is not asked again in this process, and the model is not loaded for
        it."""
        if self.settings.semantic == "auto":
            if self._beyond_auto_limit:
                return None
            if self._semantic is None and not self.settings.answers_in_meaning(
                await vector_count(session)
            ):
                self._beyond_auto_limit = True
                return None
        semantic = await self.semantic()
        if semantic is None or self.settings.semantic == "on":
            return semantic
        await semantic.index.refresh(session)
        if self.settings.answers_in_meaning(len(semantic.index)):
            return semantic
        self._beyond_auto_limit = True
        return None

    def fetcher(self) -> Fetcher:
        """The one HTTP client for links and feeds, made on first use."""
        if self._fetcher is None:
            self._fetcher = Fetcher.from_settings(self.settings)
        return self._fetcher

    async def read(self, text: str) -> Extraction:
        """Extract in a worker thread, one article at a time: spaCy's pipeline is not shared
        between threads, and the budget bounds how long one article keeps the others waiting."""
        extractor = await self.extractor()
        async with self._extraction_turn:
            return await asyncio.to_thread(
                extractor.read, text, budget=self.settings.extraction_budget
            )

    async def embed(
        self, title: str, found: list[ExtractedAttribution]
    ) -> list[ClaimVector] | None:
        """The embeddings of an article's claims as they will be stored (less the headline's),
        batched in a worker thread; None when embeddings are turned off."""
        semantic = await self.semantic()
        if semantic is None:
            return None
        claims = claims_outside_headline(title, found)
        return await asyncio.to_thread(embed_claims, semantic.encoder, claims)
