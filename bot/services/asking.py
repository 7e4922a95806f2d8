"""Reading what is stored: questions answered, recent articles, an article's claims, counts
(a speaker's profile: ``bot.services.profiles``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.answer.answerer import answer_from_row, article_ref
from bot.answer.model import Answer, AnswerSet, ArticleRef
from bot.answer.provenance import Provenance
from bot.answer.views import ArticleView, PlacedClaim, place
from bot.errors import NotFoundError
from bot.services.provenance import provenance_of, with_provenance
from bot.services.resources import Resources
from bot.services.retrieval import answer_question
from store import articles as article_store
from store import attributions as attribution_store
from store import speakers as speaker_store
from store.feeds import count_feeds
from store.models import Article
from store.sizes import is_storable_id


@dataclass(frozen=True, slots=True, kw_only=True)
class Stats:
    articles: int
    attributions: int
    speakers: int
    feeds: int


class Asking:
    def __init__(self, resources: Resources) -> None:
        self._resources = resources
        self._sessions = resources.sessions

    async def ask(self, question: str, *, limit: int = 3, offset: int = 0) -> AnswerSet:
        async with self._sessions() as session:
            semantic = await self._resources.semantic_for_answering(session)
            stats = await self._resources.search_stats.current(session)
            answers = await answer_question(
                session, question, limit=limit, offset=offset, term_stats=stats, semantic=semantic
            )
            return await with_provenance(session, answers)

    async def recent_articles(self, *, limit: int = 10) -> list[ArticleRef]:
        async with self._sessions() as session:
            return [
                article_ref(a) for a in await article_store.recent_articles(session, limit=limit)
            ]

    async def article_claims(self, article_id: int) -> tuple[ArticleRef, list[Answer]]:
        async with self._sessions() as session:
            article = await _stored_article(session, article_id)
            rows = await attribution_store.attributions_of_article(session, article_id)
            return article_ref(article), [answer_from_row(row, score=100.0) for row in rows]

    async def article_id_by_url(self, url: str) -> int:
        async with self._sessions() as session:
            found = await article_store.article_id_by_url(session, url.strip())
        if found is None:
            raise NotFoundError(f"No stored article has the link {url}.")
        return found

    async def provenance(self, article_id: int) -> Provenance:
        """Which earlier articles this one repeats text of, and which later ones repeat it."""
        async with self._sessions() as session:
            article = await _stored_article(session, article_id)
            return await provenance_of(session, article)

    async def article_view(self, article_id: int) -> ArticleView:
        """The article's text with its claims and their places in it (the web page)."""
        async with self._sessions() as session:
            article = await _stored_article(session, article_id)
            rows = await attribution_store.attributions_of_article(session, article_id)
            claims = [
                PlacedClaim(
                    claim=answer_from_row(row, score=100.0),
                    source=place(row.source_start, row.source_end),
                    cue=place(row.cue_start, row.cue_end),
                    content=place(row.content_start, row.content_end),
                )
                for row in rows
            ]
            return ArticleView(article=article_ref(article), text=article.text, claims=claims)

    async def stats(self) -> Stats:
        async with self._sessions() as session:
            return Stats(
                articles=await article_store.count_articles(session),
                attributions=await attribution_store.count_attributions(session),
                speakers=await speaker_store.count_speakers(session),
                feeds=await count_feeds(session),
            )


async def _stored_article(session: AsyncSession, article_id: int) -> Article:
    article = None
    if is_storable_id(article_id):
        article = await article_store.get_article(session, article_id)
    if article is None:
        raise NotFoundError(f"There is no article {article_id}.")
    return article
