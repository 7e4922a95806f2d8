"""Following feeds: add, list and remove them, and poll them for new articles.

A poll asks conditionally (the ETag and Last-Modified of the previous answer), reads the
entries, skips every entry the feed has had before (by guid and by link) but those whose page
failed for a reason that may pass (tried again on up to ``ENTRY_RETRIES`` later polls; the
validators are forgotten meanwhile, so a 304 cannot hide them), and ingests the rest with at
most ``fetch_concurrency`` pages being fetched at once. An entry that carries
its full text is ingested as it is; one with only a summary gets its article page fetched.
A feed that keeps failing is polled less and less often, and disabled after
``feed_max_failures`` failures in a row, with a message for the admins.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Literal
from urllib.parse import urljoin

from bot.errors import (
    FeedError,
    NewsprovError,
    NotAnArticleError,
    NotFoundError,
    SourceError,
    may_pass,
)
from bot.ingest.draft import ArticleDraft, Origin, content_hash
from bot.ingest.feeds import FeedEntry, ParsedFeed, parse_feed
from bot.ingest.fetch import Fetcher
from bot.ingest.links import fetch_article
from bot.ingest.urls import canonical_url
from bot.settings import Settings
from store import feeds as feed_store
from store.models import Feed
from store.models import FeedEntry as StoredFeedEntry
from store.sizes import TITLE_MAX, cut, fitting_or_none, is_storable_id, no_nul

if TYPE_CHECKING:
    from bot.service import Newsprov

log = logging.getLogger(__name__)

FULL_TEXT_WORDS = 150  # an entry's own content this long is the article, not a teaser
MAX_BACKOFF = timedelta(hours=24)
MAX_INTERVAL_MINUTES = 525_600  # a year
MAX_ERROR_CHARS = 1_000  # of an error kept with a feed or an entry
ENTRY_RETRIES = 4  # later polls that try again an entry whose page failed for a passing reason


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


@dataclass(frozen=True)
class _EntryResult:
    entry: FeedEntry
    article_id: int | None = None
    status: Literal["new", "duplicate", "error"] = "error"
    error: str | None = None
    content_hash: str | None = None
    passing: bool = False  # the error may pass (a timeout, a 5xx): a later poll tries again


class FeedPoller:
    def __init__(
        self,
        service: Newsprov,
        fetcher: Fetcher,
        *,
        settings: Settings,
        max_entries_per_poll: int = 100,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._service = service
        self._fetcher = fetcher
        self._settings = settings
        self._max_entries = max_entries_per_poll
        self._clock = clock
        self._slots = asyncio.Semaphore(max(1, settings.fetch_concurrency))

    async def add_feed(self, url: str, *, interval_minutes: int | None = None) -> FeedInfo:
        """Follow a feed. It is fetched once first, so a wrong link is refused at once."""
        url = url.strip()
        default = self._settings.feed_interval_minutes
        interval = validated_interval(default if interval_minutes is None else interval_minutes)
        if fitting_or_none(url, Feed.url) is None:
            raise FeedError("That feed's address is too long to follow.")
        async with self._service.sessions() as session:
            existing = await feed_store.find_feed_by_url(session, url)
        if existing is not None:
            raise FeedError(f"That feed is already followed (feed {existing.id}).")
        fetched = await self._fetcher.fetch_feed(url)
        parsed = await asyncio.to_thread(parse_feed, fetched.body)
        async with self._service.sessions.begin() as session:
            feed = await feed_store.add_feed(
                session, url=url, interval_minutes=interval, title=_title(parsed.title)
            )
            return FeedInfo.of(feed)

    async def list_feeds(self) -> list[FeedInfo]:
        async with self._service.sessions() as session:
            return [FeedInfo.of(feed) for feed in await feed_store.list_feeds(session)]

    async def remove_feed(self, feed_id: int) -> FeedInfo:
        """Stop following a feed. Articles it brought stay stored."""
        if not is_storable_id(feed_id):
            raise NotFoundError(f"There is no feed {feed_id}.")
        async with self._service.sessions.begin() as session:
            feed = await feed_store.get_feed(session, feed_id)
            if feed is None:
                raise NotFoundError(f"There is no feed {feed_id}.")
            info = FeedInfo.of(feed)
            await session.delete(feed)
            return info

    async def poll_due(self) -> list[PollReport]:
        """Poll every enabled feed whose time has come, one feed after another. Whatever
        goes wrong with one feed is that feed's failure; the others are polled all the same."""
        async with self._service.sessions() as session:
            due = [feed.id for feed in await feed_store.due_feeds(session, now=self._clock())]
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
        async with self._service.sessions() as session:
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
        parsed = _prepared(parsed, base=fetched.final_url)
        fresh, seen, postponed = await self._new_entries(feed_id, parsed)
        fresh, repeated = await self._repeated_by_content(feed_id, fresh)
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

    async def _new_entries(
        self, feed_id: int, parsed: ParsedFeed
    ) -> tuple[list[FeedEntry], int, int]:
        """Entries the feed has not had before, newest first, at most one poll's worth;
        with how many were seen before and how many wait for the next poll."""
        unique = list({entry.guid: entry for entry in reversed(parsed.entries)}.values())[::-1]
        links = [_stored_link(e.link) for e in unique if e.link]
        async with self._service.sessions() as session:
            seen_guids, seen_links = await feed_store.seen_entry_keys(
                session,
                feed_id,
                guids=[e.guid for e in unique],
                links=[k for k in links if k],
            )
        fresh = [
            entry
            for entry in unique
            if entry.guid not in seen_guids and _stored_link(entry.link) not in seen_links
        ]
        fresh.sort(key=lambda e: e.published or datetime.min.replace(tzinfo=UTC), reverse=True)
        seen = len(parsed.entries) - len(fresh)
        return fresh[: self._max_entries], seen, max(0, len(fresh) - self._max_entries)

    async def _repeated_by_content(
        self, feed_id: int, entries: list[FeedEntry]
    ) -> tuple[list[FeedEntry], list[_EntryResult]]:
        """New entries split into those to read and those whose own text the feed has had
        before (under another guid and link): duplicates, neither fetched nor read again."""
        hashes = {entry.guid: entry_hash(entry) for entry in entries}
        async with self._service.sessions() as session:
            known = await feed_store.seen_content_hashes(
                session, feed_id, [h for h in hashes.values() if h]
            )
        fresh, repeated = [], []
        in_this_poll: set[str] = set()
        for entry in entries:
            digest = hashes[entry.guid]
            if digest is not None and (digest in known or digest in in_this_poll):
                article_id = known.get(digest)
                repeated.append(
                    _EntryResult(
                        entry, article_id=article_id, status="duplicate", content_hash=digest
                    )
                )
                continue
            if digest is not None:
                in_this_poll.add(digest)
            fresh.append(entry)
        return fresh, repeated

    async def _ingest(self, feed_id: int, parsed: ParsedFeed, entry: FeedEntry) -> _EntryResult:
        async with self._slots:
            try:
                draft = await self._entry_draft(feed_id, parsed, entry)
                outcome = await self._service.ingest_draft(draft, feed_id=feed_id)
            except SourceError as error:
                log.info("feed %s entry %s not ingested: %s", feed_id, entry.guid, error)
                return _EntryResult(entry, error=_cut(str(error)), passing=may_pass(error))
            except Exception as error:  # one entry's failure, never the whole poll's
                log.exception("feed %s entry %s not ingested", feed_id, entry.guid)
                return _EntryResult(entry, error=f"not read ({type(error).__name__})", passing=True)
        return _EntryResult(
            entry,
            article_id=outcome.article_id,
            status=outcome.status,
            content_hash=entry_hash(entry),
        )

    async def _entry_draft(
        self, feed_id: int, parsed: ParsedFeed, entry: FeedEntry
    ) -> ArticleDraft:
        detail = {"feed_id": feed_id, "guid": entry.guid}
        full_text = entry.content if _words(entry.content) >= FULL_TEXT_WORDS else None
        if full_text is None and entry.link:
            draft = await fetch_article(
                self._fetcher, entry.link, origin=Origin.FEED, origin_detail=detail
            )
            return replace(draft, published=draft.published or entry.published)
        text = full_text or entry.content or entry.summary
        if not text:
            raise NotAnArticleError("The entry has neither a link nor any text.")
        return ArticleDraft(
            title=entry.title or text.strip().split("\n", 1)[0][:300] or "(untitled)",
            text=text,
            origin=Origin.FEED,
            url=_canonical(entry.link),
            outlet=parsed.title,
            published=entry.published,
            origin_detail=detail,
        )

    async def _record_success(
        self,
        feed_id: int,
        *,
        etag: str | None,
        last_modified: str | None,
        title: str | None = None,
        results: list[_EntryResult] | None = None,
    ) -> None:
        now = self._clock()
        async with self._service.sessions.begin() as session:
            feed = await feed_store.get_feed(session, feed_id)
            if feed is None:  # removed while it was being polled
                return
            feed.etag = fitting_or_none(etag, Feed.etag)
            feed.last_modified = fitting_or_none(last_modified, Feed.last_modified)
            feed.title = _title(title) or feed.title
            feed.last_polled_at = now
            feed.next_poll_at = now + timedelta(minutes=validated_interval(feed.interval_minutes))
            feed.failures, feed.disabled, feed.last_error = 0, False, None
            feed.duplicate_entries += sum(r.status == "duplicate" for r in results or [])
            tried = await feed_store.entries_by_guid(
                session, feed_id, [r.entry.guid for r in results or []]
            )
            for result in results or []:
                earlier = tried.get(result.entry.guid)
                if earlier is not None:  # a failed entry tried again
                    earlier.article_id, earlier.error = result.article_id, result.error
                    earlier.content_hash = result.content_hash or earlier.content_hash
                    earlier.retries_left = earlier.retries_left - 1 if result.passing else 0
                    continue
                session.add(
                    feed_store.new_feed_entry(
                        feed_id=feed_id,
                        guid=result.entry.guid,
                        link=_stored_link(result.entry.link),
                        article_id=result.article_id,
                        error=result.error,
                        content_hash=result.content_hash,
                        retries_left=ENTRY_RETRIES if result.passing else 0,
                    )
                )

    async def _record_failure(self, feed_id: int, url: str, message: str) -> PollReport:
        now = self._clock()
        admin_message = None
        disabled = False
        async with self._service.sessions.begin() as session:
            feed = await feed_store.get_feed(session, feed_id)
            if feed is None:
                return PollReport(feed_id=feed_id, feed_url=url, outcome="failed", error=message)
            url = url or feed.url
            feed.failures += 1
            feed.last_error = message = _cut(message)
            feed.last_polled_at = now
            feed.next_poll_at = now + backoff(feed.interval_minutes, feed.failures)
            if feed.failures >= self._settings.feed_max_failures and not feed.disabled:
                feed.disabled = True
                admin_message = (
                    f"Feed {feed_id} ({url}) failed {feed.failures} polls in a row and is now "
                    f"disabled. Last error: {message} "
                    f"Poll it by hand (newsprov feeds poll {feed_id}) to enable it again."
                )
                log.warning("%s", admin_message)
            disabled = feed.disabled
        return PollReport(
            feed_id=feed_id,
            feed_url=url,
            outcome="failed",
            error=message,
            disabled=disabled,
            admin_message=admin_message,
        )


def backoff(interval_minutes: int, failures: int) -> timedelta:
    """The wait before the next poll of a failing feed: the interval, doubled per failure
    after the first, at most a day."""
    factor: int = 2 ** min(max(0, failures - 1), 20)
    minutes = min(interval_minutes * factor, MAX_BACKOFF // timedelta(minutes=1))
    return timedelta(minutes=max(1, minutes))


def validated_interval(minutes: int) -> int:
    """Minutes between polls, refused (FeedError) below a minute or above a year."""
    if not 1 <= minutes <= MAX_INTERVAL_MINUTES:
        raise FeedError(
            f"The polling interval must be between 1 and {MAX_INTERVAL_MINUTES:,} minutes."
        )
    return minutes


def _prepared(parsed: ParsedFeed, *, base: str) -> ParsedFeed:
    """Entry links relative to the feed (``/2024/story``) made absolute, and guids too long
    for their column replaced by their hash (a guid is only compared, never shown)."""
    entries = [
        replace(
            entry,
            link=urljoin(base, entry.link) if entry.link else entry.link,
            guid=_fitted_guid(entry.guid),
        )
        for entry in parsed.entries
    ]
    return replace(parsed, entries=entries)


def _fitted_guid(guid: str) -> str:
    if fitting_or_none(guid, StoredFeedEntry.guid) is not None:
        return guid
    return "sha256:" + hashlib.sha256(guid.encode("utf-8", "surrogatepass")).hexdigest()


def entry_hash(entry: FeedEntry) -> str | None:
    """The hash of an entry's own text (title and content or summary), ``None`` without text:
    the same words under a new guid and link are the same entry."""
    text = entry.content or entry.summary
    if not text or not text.strip():
        return None
    return content_hash(f"{entry.title or ''}\n{text}")


def _stored_link(link: str | None) -> str | None:
    """An entry's link as stored and compared: canonical, or none when it is too long."""
    return fitting_or_none(_canonical(link), StoredFeedEntry.link)


def _title(title: str | None) -> str | None:
    return cut(" ".join(no_nul(title).split()), TITLE_MAX) if title else None


def _cut(message: str) -> str:
    return cut(no_nul(message), MAX_ERROR_CHARS)


def _canonical(link: str | None) -> str | None:
    return canonical_url(link) if link else None


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything newsprov stores is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)
