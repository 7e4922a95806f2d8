"""Following feeds: add, list and remove them, and poll them (``feed_poller.py``)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.errors import FeedError, NotFoundError
from bot.services.feed_poller import FeedPoller, PollReport
from bot.services.feed_schedule import validated_interval
from bot.services.fitting import fitted_title
from bot.services.ingesting import Ingesting
from bot.services.resources import Resources
from bot.settings import Settings
from bot.sources.feeds import parse_feed
from bot.sources.fetch import Fetcher
from store import feeds as feed_store
from store.models import Feed
from store.sizes import fitting_or_none, is_storable_id

__all__ = ["FeedInfo", "Feeds", "PollReport"]


@dataclass(frozen=True, kw_only=True)
class FeedInfo:
    id: int
    url: str
    title: str | None
    interval_minutes: int
    last_polled_at: datetime | None
    next_poll_at: datetime | None
    failures: int
    disabled: bool
    last_error: str | None
    duplicate_entries: int = 0  # entries repeated by content or already stored another way

    @classmethod
    def of(cls, feed: Feed) -> FeedInfo:
        return cls(
            id=feed.id,
            url=feed.url,
            title=feed.title,
            interval_minutes=feed.interval_minutes,
            last_polled_at=_aware(feed.last_polled_at),
            next_poll_at=_aware(feed.next_poll_at),
            failures=feed.failures,
            disabled=feed.disabled,
            last_error=feed.last_error,
            duplicate_entries=feed.duplicate_entries or 0,
        )


class Feeds:
    def __init__(
        self,
        resources: Resources,
        ingesting: Ingesting,
        fetcher: Fetcher | None = None,
        *,
        settings: Settings | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._sessions = resources.sessions
        self._settings = settings or resources.settings
        self._fetcher = fetcher or resources.fetcher()
        # One poller for the service, so its limit on concurrent fetches holds across polls.
        self.poller = FeedPoller(
            self._sessions, ingesting, self._fetcher, settings=self._settings, clock=clock
        )

    async def add_feed(self, url: str, *, interval_minutes: int | None = None) -> FeedInfo:
        """Follow a feed. It is fetched once first, so a wrong link is refused at once."""
        url = url.strip()
        default = self._settings.feed_interval_minutes
        interval = validated_interval(default if interval_minutes is None else interval_minutes)
        if fitting_or_none(url, Feed.url) is None:
            raise FeedError("That feed's address is too long to follow.")
        async with self._sessions() as session:
            existing = await feed_store.find_feed_by_url(session, url)
        if existing is not None:
            raise FeedError(f"That feed is already followed (feed {existing.id}).")
        fetched = await self._fetcher.fetch_feed(url)
        parsed = await asyncio.to_thread(parse_feed, fetched.body)
        title = fitted_title(parsed.title) if parsed.title else None
        async with self._sessions.begin() as session:
            feed = await feed_store.add_feed(
                session, url=url, interval_minutes=interval, title=title
            )
            return FeedInfo.of(feed)

    async def list_feeds(self) -> list[FeedInfo]:
        async with self._sessions() as session:
            return [FeedInfo.of(feed) for feed in await feed_store.list_feeds(session)]

    async def remove_feed(self, feed_id: int) -> FeedInfo:
        """Stop following a feed. Articles it brought stay stored."""
        if not is_storable_id(feed_id):
            raise NotFoundError(f"There is no feed {feed_id}.")
        async with self._sessions.begin() as session:
            feed = await feed_store.get_feed(session, feed_id)
            if feed is None:
                raise NotFoundError(f"There is no feed {feed_id}.")
            info = FeedInfo.of(feed)
            await session.delete(feed)
            return info

    async def poll_feeds(self, feed_id: int | None = None) -> list[PollReport]:
        """Poll one feed now, or every feed whose time has come."""
        if feed_id is not None:
            return [await self.poller.poll_isolated(feed_id)]
        return await self.poller.poll_due()

    async def poll_feed(self, feed_id: int) -> PollReport:
        """Poll one feed now, its errors recorded as the feed's failure (a job)."""
        return await self.poller.poll_isolated(feed_id)

    async def due_feed_ids(self) -> list[int]:
        """The enabled feeds whose next poll time has come, soonest first."""
        async with self._sessions() as session:
            now = self.poller.clock()
            return [feed.id for feed in await feed_store.due_feeds(session, now=now)]


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything newsprov stores is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)
