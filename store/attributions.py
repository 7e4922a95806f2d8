"""Attributions: stored with their article, read back with their article loaded."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer, joinedload, selectinload

from store.models import Article, Attribution

# What answering reads of an attribution: its article's reference, not its text.
_FOR_ANSWERS = (
    defer(Attribution.search_text),
    joinedload(Attribution.article).load_only(
        Article.id, Article.title, Article.url, Article.outlet, Article.published
    ),
)


async def attributions_by_ids(session: AsyncSession, ids: Iterable[int]) -> Sequence[Attribution]:
    """The attributions in the order of ``ids``, each with its article (less the article text)."""
    wanted = list(ids)
    if not wanted:
        return []
    query = select(Attribution).where(Attribution.id.in_(wanted)).options(*_FOR_ANSWERS)
    by_id = {row.id: row for row in (await session.scalars(query)).all()}
    return [by_id[i] for i in wanted if i in by_id]


async def attributions_with_stances(
    session: AsyncSession,
    article_ids: Sequence[int],
    stances: Iterable[str],
    *,
    excluding: Iterable[int] = (),
    limit: int,
) -> Sequence[Attribution]:
    """The articles' attributions with one of the stances, in article order, each with its
    article (less the article text)."""
    if not article_ids:
        return []
    query = (
        select(Attribution)
        .where(
            Attribution.article_id.in_(article_ids),
            Attribution.stance.in_(list(stances)),
            Attribution.id.not_in(list(excluding)),
        )
        .order_by(Attribution.article_id, Attribution.ordinal)
        .limit(limit)
        .options(*_FOR_ANSWERS)
    )
    return (await session.scalars(query)).all()


async def attributions_of_article(session: AsyncSession, article_id: int) -> Sequence[Attribution]:
    query = (
        select(Attribution)
        .where(Attribution.article_id == article_id)
        .order_by(Attribution.ordinal)
        .options(selectinload(Attribution.article))
    )
    return (await session.scalars(query)).all()


async def attributions_of_speakers(
    session: AsyncSession, speaker_ids: Sequence[int], *, limit: int = 20
) -> Sequence[Attribution]:
    query = (
        select(Attribution)
        .where(Attribution.speaker_id.in_(speaker_ids))
        .order_by(Attribution.id.desc())
        .limit(limit)
        .options(selectinload(Attribution.article))
    )
    return (await session.scalars(query)).all()


async def count_attributions(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count(Attribution.id))) or 0)
