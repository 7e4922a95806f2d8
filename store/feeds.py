"""Feeds and the entries seen in them."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Feed


async def count_feeds(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count(Feed.id))) or 0)
