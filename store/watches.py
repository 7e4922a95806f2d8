"""Watches (topics users follow) and the notices of claims found for them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Attribution, Watch, WatchNotice


async def add_watch(session: AsyncSession, *, user_id: int, chat_id: int, topic: str) -> Watch:
    watch = Watch(user_id=user_id, chat_id=chat_id, topic=topic)
    session.add(watch)
    await session.flush()
    return watch


async def watches_of_user(session: AsyncSession, user_id: int) -> Sequence[Watch]:
    """A user's watches, oldest first: /watches numbers them in this order."""
    query = select(Watch).where(Watch.user_id == user_id).order_by(Watch.id)
    return (await session.scalars(query)).all()


async def find_watch(session: AsyncSession, *, user_id: int, topic: str) -> Watch | None:
    query = select(Watch).where(Watch.user_id == user_id, Watch.topic == topic)
    return (await session.scalars(query)).first()


async def remove_watch(session: AsyncSession, watch_id: int) -> None:
    await session.execute(delete(Watch).where(Watch.id == watch_id))


async def all_watches(session: AsyncSession) -> Sequence[Watch]:
    return (await session.scalars(select(Watch).order_by(Watch.id))).all()


async def count_watches(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count(Watch.id))) or 0)


async def noticed_pairs(
    session: AsyncSession, attribution_ids: Iterable[int]
) -> set[tuple[int, int]]:
    """The (watch, attribution) pairs already recorded among these attributions."""
    wanted = list(attribution_ids)
    if not wanted:
        return set()
    query = select(WatchNotice.watch_id, WatchNotice.attribution_id).where(
        WatchNotice.attribution_id.in_(wanted)
    )
    return {(row.watch_id, row.attribution_id) for row in await session.execute(query)}


async def add_notices(session: AsyncSession, found: Iterable[tuple[int, int, float]]) -> int:
    """Record (watch, attribution, score) notices not recorded before; how many are new.
    The unique pair is the guarantee; this check keeps the transaction from failing on it."""
    found = list(found)
    seen = await noticed_pairs(session, {attribution for _, attribution, _ in found})
    new = [
        WatchNotice(watch_id=watch, attribution_id=attribution, score=score)
        for watch, attribution, score in found
        if (watch, attribution) not in seen
    ]
    session.add_all(new)
    await session.flush()
    return len(new)


async def pending_notices(
    session: AsyncSession, *, limit: int
) -> Sequence[tuple[WatchNotice, Watch, int]]:
    """Notices not sent yet, oldest first, with their watch and claim's article id."""
    query = (
        select(WatchNotice, Watch, Attribution.article_id)
        .join(Watch, Watch.id == WatchNotice.watch_id)
        .join(Attribution, Attribution.id == WatchNotice.attribution_id)
        .where(WatchNotice.sent_at.is_(None))
        .order_by(WatchNotice.id)
        .limit(limit)
    )
    return [(notice, watch, article) for notice, watch, article in await session.execute(query)]


async def mark_sent(
    session: AsyncSession,
    notice_ids: Iterable[int],
    *,
    at: datetime | None,
    error: str | None = None,
) -> None:
    """Set the notices' ``sent_at`` (None: to be sent again) and why sending failed."""
    ids = list(notice_ids)
    if ids:
        await session.execute(
            update(WatchNotice).where(WatchNotice.id.in_(ids)).values(sent_at=at, error=error)
        )
