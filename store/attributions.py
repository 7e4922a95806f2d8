"""Attributions: stored with their article, read back with their article loaded.

Answering reads dozens of candidates a question, as plain values (``StoredClaim``): building
ORM objects for them, with their identity map and instrumented attributes, cost more than the
query itself (docs/benchmarks.md)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, selectinload

from store.models import Article, Attribution


@dataclass(frozen=True, slots=True)
class ArticleHeading:
    """An article less its text: what an answer cites."""

    id: int
    title: str
    url: str | None
    outlet: str | None
    published: datetime | None
    opening: str = ""  # the text's first characters, when asked for: ranking reads them


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """What answering reads of a stored attribution, with its article's heading."""

    id: int
    article_id: int
    speaker_name: str | None
    source_text: str | None
    speaker_role: str | None
    stance: str
    cue: str | None
    content: str
    is_quote: bool
    via: str | None
    sentence: str
    article: ArticleHeading
    polarity: str = "affirmed"
    speaker_id: int | None = None


_CLAIM_COLUMNS = (
    Attribution.id,
    Attribution.article_id,
    Attribution.speaker_name,
    Attribution.source_text,
    Attribution.speaker_role,
    Attribution.stance,
    Attribution.cue,
    Attribution.content,
    Attribution.is_quote,
    Attribution.via,
    Attribution.sentence,
    Attribution.polarity,
    Attribution.speaker_id,
    Article.title,
    Article.url,
    Article.outlet,
    Article.published,
)


async def _claims(
    session: AsyncSession,
    *where: ColumnElement[bool],
    order_by: Sequence[InstrumentedAttribute[Any] | ColumnElement[Any]] = (),
    limit: int | None = None,
    offset: int = 0,
    opening: int = 0,
) -> list[StoredClaim]:
    columns = (
        (*_CLAIM_COLUMNS, func.substr(Article.text, 1, opening)) if opening else _CLAIM_COLUMNS
    )
    query = (
        select(*columns)
        .join(Article, Article.id == Attribution.article_id)
        .where(*where)
        .order_by(*order_by)
        .limit(limit)
        .offset(offset or None)
    )
    return [_claim(row) for row in await session.execute(query)]


def _claim(row: Any) -> StoredClaim:
    (id_, article_id, name, source, role, stance, cue, content, quote, via, sentence) = row[:11]
    heading = ArticleHeading(article_id, *row[13:])
    return StoredClaim(
        id_,
        article_id,
        name,
        source,
        role,
        stance,
        cue,
        content,
        quote,
        via,
        sentence,
        heading,
        polarity=row[11],
        speaker_id=row[12],
    )


async def claims_by_ids(
    session: AsyncSession, ids: Iterable[int], *, opening: int = 0
) -> list[StoredClaim]:
    """The attributions in the order of ``ids``, each with its article's heading (and its
    text's first ``opening`` characters: one query for both)."""
    wanted = list(ids)
    if not wanted:
        return []
    found = await _claims(session, Attribution.id.in_(wanted), opening=opening)
    by_id = {claim.id: claim for claim in found}
    return [by_id[i] for i in wanted if i in by_id]


async def claims_with_stances(
    session: AsyncSession,
    article_ids: Sequence[int],
    stances: Iterable[str],
    *,
    excluding: Iterable[int] = (),
    limit: int,
    opening: int = 0,
) -> list[StoredClaim]:
    """The articles' attributions with one of the stances, in article order."""
    if not article_ids:
        return []
    return await _claims(
        session,
        Attribution.article_id.in_(article_ids),
        Attribution.stance.in_(list(stances)),
        Attribution.id.not_in(list(excluding)),
        order_by=(Attribution.article_id, Attribution.ordinal),
        limit=limit,
        opening=opening,
    )


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


async def claims_of_speakers(
    session: AsyncSession, speaker_ids: Sequence[int], *, limit: int, offset: int = 0
) -> list[StoredClaim]:
    """The speakers' attributions, newest article first (by its date, else when it was
    stored), in text order within an article."""
    if not speaker_ids:
        return []
    newest = func.coalesce(Article.published, Article.ingested_at)
    return await _claims(
        session,
        Attribution.speaker_id.in_(list(speaker_ids)),
        order_by=(newest.desc(), Article.id.desc(), Attribution.ordinal),
        limit=limit,
        offset=offset,
    )


async def count_claims_of_speakers(session: AsyncSession, speaker_ids: Sequence[int]) -> int:
    if not speaker_ids:
        return 0
    query = select(func.count(Attribution.id)).where(Attribution.speaker_id.in_(speaker_ids))
    return int(await session.scalar(query) or 0)


async def count_attributions(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count(Attribution.id))) or 0)


async def delete_attributions_of_article(session: AsyncSession, article_id: int) -> int:
    """Remove an article's attributions (their search rows follow); how many there were."""
    result = await session.execute(delete(Attribution).where(Attribution.article_id == article_id))
    await session.flush()
    return int(getattr(result, "rowcount", 0) or 0)


async def count_attributions_of_article(session: AsyncSession, article_id: int) -> int:
    query = (
        select(func.count()).select_from(Attribution).where(Attribution.article_id == article_id)
    )
    return int(await session.scalar(query) or 0)


async def claims_of_articles(
    session: AsyncSession, article_ids: Iterable[int], *, limit: int
) -> list[StoredClaim]:
    """The articles' attributions, in article and text order."""
    wanted = sorted(set(article_ids))
    if not wanted:
        return []
    return await _claims(
        session,
        Attribution.article_id.in_(wanted),
        order_by=(Attribution.article_id, Attribution.ordinal),
        limit=limit,
    )
