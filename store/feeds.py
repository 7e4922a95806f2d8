"""Feeds and the entries seen in them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from sqlalchemy import and_, func, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Feed, FeedEntry


async def count_feeds(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count(Feed.id))) or 0)


async def add_feed(
    session: AsyncSession, *, url: str, interval_minutes: int, title: str | None
) -> Feed:
    feed = Feed(url=url, title=title, interval_minutes=interval_minutes, failures=0, disabled=False)
    session.add(feed)
    await session.flush()
    return feed


async def get_feed(session: AsyncSession, feed_id: int) -> Feed | None:
    return await session.get(Feed, feed_id)


async def find_feed_by_url(session: AsyncSession, url: str) -> Feed | None:
    return (await session.scalars(select(Feed).where(Feed.url == url))).first()


async def list_feeds(session: AsyncSession) -> Sequence[Feed]:
    return (await session.scalars(select(Feed).order_by(Feed.id))).all()


async def due_feeds(session: AsyncSession, *, now: datetime) -> Sequence[Feed]:
    """Enabled feeds never polled or whose next poll time has come."""
    query = (
        select(Feed)
        .where(Feed.disabled.is_(False))
        .where(or_(Feed.next_poll_at.is_(None), Feed.next_poll_at <= now))
        .order_by(Feed.next_poll_at.is_not(None), Feed.next_poll_at, Feed.id)
    )
    return (await session.scalars(query)).all()


async def seen_entry_keys(
    session: AsyncSession,
    feed_id: int,
    *,
    guids: Iterable[str],
    links: Iterable[str],
) -> tuple[set[str], set[str]]:
    """Which of these guids and links the feed has already had: (guids, links). An entry that
    failed with retries left is not had yet: the poll tries it again."""
    settled = not_(and_(FeedEntry.article_id.is_(None), FeedEntry.retries_left > 0))
    seen_guids: set[str] = set()
    seen_links: set[str] = set()
    for chunk in _chunks(list(dict.fromkeys(guids))):
        query = select(FeedEntry.guid).where(
            FeedEntry.feed_id == feed_id, FeedEntry.guid.in_(chunk), settled
        )
        seen_guids.update(await session.scalars(query))
    for chunk in _chunks(list(dict.fromkeys(links))):
        link_query = select(FeedEntry.link).where(
            FeedEntry.feed_id == feed_id, FeedEntry.link.in_(chunk), settled
        )
        seen_links.update(link for link in await session.scalars(link_query) if link)
    return seen_guids, seen_links


async def seen_content_hashes(
    session: AsyncSession, feed_id: int, hashes: Iterable[str]
) -> dict[str, int | None]:
    """Which of these entry content hashes the feed has had before, with the article each
    brought (``None`` when it brought none)."""
    seen: dict[str, int | None] = {}
    for chunk in _chunks(list(dict.fromkeys(hashes))):
        query = select(FeedEntry.content_hash, FeedEntry.article_id).where(
            FeedEntry.feed_id == feed_id, FeedEntry.content_hash.in_(chunk)
        )
        for content_hash, article_id in await session.execute(query):
            if content_hash and seen.get(content_hash) is None:
                seen[content_hash] = article_id
    return seen


async def entries_by_guid(
    session: AsyncSession, feed_id: int, guids: Iterable[str]
) -> dict[str, FeedEntry]:
    """The stored entries of the feed with these guids (those tried before), by guid."""
    found: dict[str, FeedEntry] = {}
    for chunk in _chunks(list(dict.fromkeys(guids))):
        query = select(FeedEntry).where(FeedEntry.feed_id == feed_id, FeedEntry.guid.in_(chunk))
        found.update((entry.guid, entry) for entry in await session.scalars(query))
    return found


def new_feed_entry(
    *,
    feed_id: int,
    guid: str,
    link: str | None,
    article_id: int | None,
    error: str | None,
    content_hash: str | None = None,
    retries_left: int = 0,
) -> FeedEntry:
    return FeedEntry(
        feed_id=feed_id,
        guid=guid,
        link=link,
        article_id=article_id,
        error=error,
        content_hash=content_hash,
        retries_left=retries_left,
    )


def _chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
