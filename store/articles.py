"""Articles: idempotent insert by natural keys (canonical URL, content hash) and look-ups."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Article


async def find_existing(
    session: AsyncSession, *, url: str | None, content_hash: str
) -> Article | None:
    """The stored article with this URL or this text, if any."""
    condition = Article.content_hash == content_hash
    if url:
        condition = or_(condition, Article.url == url)
    return (await session.scalars(select(Article).where(condition).limit(1))).first()


def new_article(
    *,
    title: str,
    text: str,
    content_hash: str,
    origin: str,
    url: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    published: datetime | None = None,
    origin_detail: dict[str, Any] | None = None,
    feed_id: int | None = None,
) -> Article:
    return Article(
        title=title,
        text=text,
        content_hash=content_hash,
        origin=origin,
        url=url,
        outlet=outlet,
        author=author,
        published=published,
        origin_detail=origin_detail or {},
        feed_id=feed_id,
    )


async def get_article(session: AsyncSession, article_id: int) -> Article | None:
    return await session.get(Article, article_id)


async def recent_articles(session: AsyncSession, *, limit: int = 10) -> Sequence[Article]:
    query = select(Article).order_by(Article.ingested_at.desc(), Article.id.desc()).limit(limit)
    return (await session.scalars(query)).all()


async def count_articles(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count(Article.id))) or 0)


async def article_ids(session: AsyncSession) -> list[int]:
    """Every stored article's id, oldest first."""
    return list(await session.scalars(select(Article.id).order_by(Article.id)))


async def article_id_by_url(session: AsyncSession, url: str) -> int | None:
    return await session.scalar(select(Article.id).where(Article.url == url).limit(1))


async def article_ids_read_before(session: AsyncSession, version: int) -> list[int]:
    """The ids of the articles last read by an extractor older than ``version``, oldest first."""
    query = select(Article.id).where(Article.extractor_version < version).order_by(Article.id)
    return list(await session.scalars(query))
