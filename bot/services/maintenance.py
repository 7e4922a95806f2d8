"""Keeping what is stored in step with the code: articles read again by the current extractor,
attributions stored without a vector embedded, articles stored before text reuse
fingerprinted, search-term counts refreshed; an article removed with all that refers to it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass

from bot.errors import NotFoundError, SourceError
from bot.extract.fingerprints import fingerprint
from bot.services.profile_index import relink_surname
from bot.services.provenance import link_article
from bot.services.resources import Resources
from bot.services.storing import add_attributions
from store import articles as article_store
from store import attributions as attribution_store
from store import reuse as reuse_store
from store.removal import RemovedArticle, delete_article
from store.sizes import is_storable_id
from store.vectors import NewVector, claims_without_vectors, replace_vectors

log = logging.getLogger(__name__)

EMBED_BATCH = 256  # attributions embedded and stored at a time by ``embed_missing``


@dataclass(frozen=True, slots=True, kw_only=True)
class ReextractReport:
    articles: int
    before: int  # attributions the articles had
    after: int  # ... and have now


class Maintenance:
    def __init__(self, resources: Resources) -> None:
        self._resources = resources
        self._sessions = resources.sessions

    async def reextract(
        self,
        *,
        progress: Callable[[int, int], None] | None = None,
        article_ids: list[int] | None = None,
    ) -> ReextractReport:
        """Read stored articles (every one, or ``article_ids``) again with the current
        extractor and replace their attributions, one transaction per article: article ids
        and speakers stay (speakers are got by their key), and a failure leaves that article
        as it was."""
        ids = article_ids if article_ids is not None else await self.reextract_ids(older_than=None)
        before = after = 0
        for number, article_id in enumerate(ids, start=1):
            had, has = await self.reextract_article(article_id)
            before, after = before + had, after + has
            if progress is not None:
                progress(number, len(ids))
        await self.refresh_search_stats()
        return ReextractReport(articles=len(ids), before=before, after=after)

    async def reextract_ids(self, *, older_than: int | None) -> list[int]:
        """The articles a re-extraction reads: all of them (``None``), or those last read by
        an extractor older than ``older_than``."""
        async with self._sessions() as session:
            if older_than is None:
                return list(await article_store.article_ids(session))
            return await article_store.article_ids_read_before(session, older_than)

    async def reextract_article(self, article_id: int) -> tuple[int, int]:
        """Read one article again (a job): how many attributions it had and has now (0, 0
        when it is gone). One transaction; the article id and its speakers stay."""
        async with self._sessions() as session:
            article = await article_store.get_article(session, article_id)
            if article is None:  # removed meanwhile
                return 0, 0
            title, text = article.title, article.text
        try:
            extraction = await self._resources.read(text)
        except SourceError as error:  # over the time budget: the article stays as it was
            log.warning("Article %s not read again: %s", article_id, error)
            return 0, 0
        found = extraction.attributions
        vectors = await self._resources.embed(title, found)
        async with self._resources.write_lock, self._sessions.begin() as session:
            article = await article_store.get_article(session, article_id)
            if article is None:
                return 0, 0
            had = await attribution_store.delete_attributions_of_article(session, article_id)
            await add_attributions(
                session, article, found, embeddings=vectors, entities=extraction.entities
            )
            return had, await attribution_store.count_attributions_of_article(session, article_id)

    async def delete_article(self, article_id: int) -> RemovedArticle:
        """Remove an article with its attributions, search rows, vectors, fingerprints, reuse
        links, entity rows and watch notices, in one transaction (``store.removal``); a later
        ingest of the same text or link stores it as new."""
        missing = NotFoundError(f"There is no article {article_id}.")
        if not is_storable_id(article_id):
            raise missing
        async with self._resources.write_lock, self._sessions.begin() as session:
            removed = await delete_article(session, article_id)
            for profile in removed.people_profiles if removed else ():
                if " " in profile:  # a full name: its surname stored alone elsewhere moves
                    await relink_surname(session, profile.rsplit(" ", 1)[-1])
        if removed is None:
            raise missing
        log.info(
            "Removed article %s (%s attributions, %s speakers with nothing else stored)",
            article_id,
            removed.attributions,
            removed.speakers,
        )
        return removed

    async def embed_missing(self, *, batch: int = EMBED_BATCH) -> int:
        """Embed the stored attributions that have no vector yet (stored before migration
        0007, or while embeddings were turned off) or one of another text embedded (their
        content, before the sentence: ``VECTOR_MODEL``); how many were embedded."""
        semantic = await self._resources.semantic()
        if semantic is None:
            return 0
        from bot.embedding import VECTOR_MODEL, claim_text, embed_texts

        done = 0
        while True:
            async with self._sessions() as session:
                claims = await claims_without_vectors(session, model=VECTOR_MODEL, limit=batch)
            if not claims:
                return done
            texts = [claim_text(claim.sentence, claim.content) for claim in claims]
            vectors = await asyncio.to_thread(embed_texts, semantic.encoder, texts)
            rows = [
                NewVector(claim.id, embedding, bits)
                for claim, (embedding, bits) in zip(claims, vectors, strict=True)
            ]
            async with self._resources.write_lock, self._sessions.begin() as session:
                await replace_vectors(session, rows, model=VECTOR_MODEL)
            done += len(rows)

    async def refresh_search_stats(self, *, force: bool = False) -> bool:
        """Recount common search terms if the attributions changed much (a periodic job), or
        whatever changed (``force``)."""
        return await self._resources.search_stats.refresh(force=force)

    async def fingerprint_missing(self, *, batch: int = EMBED_BATCH) -> int:
        """Fingerprint and link the articles stored without fingerprints (before migration
        0009), oldest first, one transaction each; how many were done."""
        done = after = 0
        while True:
            async with self._sessions() as session:
                ids = await reuse_store.articles_without_prints(session, after=after, limit=batch)
            if not ids:
                return done
            for article_id in ids:
                async with self._resources.write_lock, self._sessions.begin() as session:
                    article = await article_store.get_article(session, article_id)
                    if article is None or await reuse_store.has_prints(session, article_id):
                        continue
                    prints = await asyncio.to_thread(fingerprint, article.text)
                    _, vias = (await reuse_store.texts_and_vias(session, [article_id]))[article_id]
                    await link_article(session, article, prints, vias=vias)
                    done += 1
            after = ids[-1]
