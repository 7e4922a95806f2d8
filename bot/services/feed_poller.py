"""Polling feeds for new articles.

A poll asks conditionally (the ETag and Last-Modified of the previous answer), reads the
entries, skips every entry the feed has had before (``feed_entries.py``; one whose page failed
for a reason that may pass is tried again by later polls, and the validators are forgotten
meanwhile so that a 304 cannot hide it), and ingests the
rest with at most ``fetch_concurrency`` pages being fetched at once. An entry that carries
its full text is ingested as it is; one with only a summary gets its article page fetched
(``bot/sources/feed_entries.py``). A feed that keeps failing is polled less and less often,
and disabled after ``feed_max_failures`` failures in a row, with a message for the admins
(``feed_schedule.py``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.errors import NewsprovError, NotFoundError, SourceError, may_pass
from bot.services.feed_entries import (
    EntryResult,
    new_entries,
    prepared,
    remember_entries,
    repeated_by_content,
)
from bot.services.feed_schedule import cut_error, schedule_failure, schedule_success
from bot.services.fitting import fitted_title
from bot.services.ingesting import Ingesting
from bot.settings import Settings
from bot.sources.feed_entries import entry_draft, entry_hash
from bot.sources.feeds import FeedEntry, ParsedFeed, parse_feed
from bot.sources.fetch import Fetcher
from store import feeds as feed_store
from store.models import Feed
from store.sizes import fitting_or_none, is_storable_id

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class PollReport:
    feed_id: int
    feed_url: str
    outcome: Literal["polled", "not_modified", "failed"]
    new_articles: int = 0
    duplicates: int = 0  # new entries whose article was already stored another way
    already_seen: int = 0  # entries this feed had before
    postponed: int = 0  # new entries left for the next poll (more than one poll takes)
    entry_errors: list[str] = field(default_factory=list)
    error: str | None = None
    disabled: bool = False  # the feed is disabled after this poll
    admin_message: str | None = None  # set when this poll disabled the feed


class FeedPoller:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        ingesting: Ingesting,
        fetcher: Fetcher,
        *,
        settings: Settings,
        max_entries_per_poll: int = 100,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._sessions = sessions
        self._ingesting = ingesting
        self._fetcher = fetcher
        self._settings = settings
        self._max_entries = max_entries_per_poll
        self.clock = clock
        self._slots = asyncio.Semaphore(max(1, settings.fetch_concurrency))

    async def poll_due(self) -> list[PollReport]:
        """Poll every enabled feed whose time has come, one feed after another. Whatever
        goes wrong with one feed is that feed's failure; the others are polled all the same."""
        async with self._sessions() as session:
            due = [feed.id for feed in await feed_store.due_feeds(session, now=self.clock())]
        reports = []
        for feed_id in due:
            try:
                reports.append(await self.poll_isolated(feed_id))
            except NotFoundError:  # removed since it was found due
                continue
        return reports

    async def poll_isolated(self, feed_id: int) -> PollReport:
        """``poll``, with any error but NotFoundError recorded as the feed's failure (and
        its backoff)."""
        try:
            return await self.poll(feed_id)
        except NotFoundError:
            raise
        except NewsprovError as error:
            message = str(error)
        except Exception as error:
            log.exception("Polling feed %s failed", feed_id)
            message = f"Polling failed unexpectedly ({type(error).__name__})."
        try:
            return await self._record_failure(feed_id, "", message)
        except Exception:  # the database itself is failing: the log has it, the others go on
            log.exception("Could not record the failure of feed %s", feed_id)
            return PollReport(feed_id=feed_id, feed_url="", outcome="failed", error=message)

    async def poll(self, feed_id: int) -> PollReport:
        """Poll one feed now, even a disabled one (a success enables it again). Two polls of
        one feed never run at once: on PostgreSQL every poll is a job with the feed's lock
        (``bot.services.queue``), inside one process ``InProcessJobs`` keeps them apart."""
        if not is_storable_id(feed_id):
            raise NotFoundError(f"There is no feed {feed_id}.")
        async with self._sessions() as session:
            feed = await feed_store.get_feed(session, feed_id)
            if feed is None:
                raise NotFoundError(f"There is no feed {feed_id}.")
            url, etag, last_modified = feed.url, feed.etag, feed.last_modified
        try:
            fetched = await self._fetcher.fetch_feed(url, etag=etag, last_modified=last_modified)
            parsed = (
                None if fetched.not_modified else await asyncio.to_thread(parse_feed, fetched.body)
            )
        except SourceError as error:  # FetchError, NotAnArticleError, FeedError
            return await self._record_failure(feed_id, url, str(error))
        if parsed is None:
            await self._record_success(feed_id, etag=etag, last_modified=last_modified)
            return PollReport(feed_id=feed_id, feed_url=url, outcome="not_modified")
        parsed = prepared(parsed, base=fetched.final_url)
        async with self._sessions() as session:
            fresh, seen, postponed = await new_entries(
                session, feed_id, parsed, limit=self._max_entries
            )
        async with self._sessions() as session:
            fresh, repeated = await repeated_by_content(session, feed_id, fresh)
        results = [
            *repeated,
            *await asyncio.gather(*(self._ingest(feed_id, parsed, e) for e in fresh)),
        ]
        # With entries left for the next poll (postponed, or to be tried again), forget the
        # validators: a 304 must not hide them.
        again = postponed or any(r.passing for r in results)
        await self._record_success(
            feed_id,
            etag=None if again else fetched.etag,
            last_modified=None if again else fetched.last_modified,
            title=parsed.title,
            results=results,
        )
        return PollReport(
            feed_id=feed_id,
            feed_url=url,
            outcome="polled",
            new_articles=sum(r.status == "new" for r in results),
            duplicates=sum(r.status == "duplicate" for r in results),
            already_seen=seen,
            postponed=postponed,
            entry_errors=[f"{r.entry.link or r.entry.guid}: {r.error}" for r in results if r.error],
        )

    async def _ingest(self, feed_id: int, parsed: ParsedFeed, entry: FeedEntry) -> EntryResult:
        async with self._slots:
            try:
                draft = await entry_draft(self._fetcher, feed_id, parsed, entry)
                outcome = await self._ingesting.ingest_draft(draft, feed_id=feed_id)
            except SourceError as error:
                log.info("feed %s entry %s not ingested: %s", feed_id, entry.guid, error)
                return EntryResult(entry, error=cut_error(str(error)), passing=may_pass(error))
            except Exception as error:  # one entry's failure, never the whole poll's
                log.exception("feed %s entry %s not ingested", feed_id, entry.guid)
                return EntryResult(entry, error=f"not read ({type(error).__name__})", passing=True)
        return EntryResult(
            entry,
            article_id=outcome.article_id,
            status=outcome.status,
            content_hash=entry_hash(entry),
        )

    async def _record_success(
        self,
        feed_id: int,
        *,
        etag: str | None,
        last_modified: str | None,
        title: str | None = None,
        results: list[EntryResult] | None = None,
    ) -> None:
        now = self.clock()
        async with self._sessions.begin() as session:
            feed = await feed_store.get_feed(session, feed_id)
            if feed is None:  # removed while it was being polled
                return
            feed.etag = fitting_or_none(etag, Feed.etag)
            feed.last_modified = fitting_or_none(last_modified, Feed.last_modified)
            feed.title = (fitted_title(title) if title else None) or feed.title
            schedule_success(feed, now=now)
            feed.duplicate_entries += sum(r.status == "duplicate" for r in results or [])
            await remember_entries(session, feed_id, results or [])

    async def _record_failure(self, feed_id: int, url: str, message: str) -> PollReport:
        now = self.clock()
        async with self._sessions.begin() as session:
            feed = await feed_store.get_feed(session, feed_id)
            if feed is None:
                return PollReport(feed_id=feed_id, feed_url=url, outcome="failed", error=message)
            url = url or feed.url
            admin_message = schedule_failure(
                feed, message, url=url, now=now, max_failures=self._settings.feed_max_failures
            )
            message, disabled = feed.last_error or "", feed.disabled
        return PollReport(
            feed_id=feed_id,
            feed_url=url,
            outcome="failed",
            error=message,
            disabled=disabled,
            admin_message=admin_message,
        )
