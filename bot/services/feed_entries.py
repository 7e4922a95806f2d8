"""A feed's entries against what it had before: which are new (by guid and by link), which
repeat an earlier entry's text under a new guid and link, and the rows that remember them.
An entry whose page failed for a reason that may pass (a timeout, a 5xx, a site down) is not
"had" yet: up to ``ENTRY_RETRIES`` later polls try it again."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import urljoin

from sqlalchemy.ext.asyncio import AsyncSession

from bot.sources.feed_entries import canonical_link, entry_hash
from bot.sources.feeds import FeedEntry, ParsedFeed
from store import feeds as feed_store
from store.models import FeedEntry as StoredFeedEntry
from store.sizes import fitting_or_none


@dataclass(frozen=True)
class EntryResult:
    entry: FeedEntry
    article_id: int | None = None
    status: Literal["new", "duplicate", "error"] = "error"
    error: str | None = None
    content_hash: str | None = None
    passing: bool = False  # the error may pass (a timeout, a 5xx): a later poll tries again


ENTRY_RETRIES = 4  # later polls that try again an entry whose page failed for a passing reason


def prepared(parsed: ParsedFeed, *, base: str) -> ParsedFeed:
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


async def new_entries(
    session: AsyncSession, feed_id: int, parsed: ParsedFeed, *, limit: int
) -> tuple[list[FeedEntry], int, int]:
    """Entries the feed has not had before, newest first, at most ``limit``; with how many
    were seen before and how many wait for the next poll."""
    unique = list({entry.guid: entry for entry in reversed(parsed.entries)}.values())[::-1]
    links = [stored_link(e.link) for e in unique if e.link]
    seen_guids, seen_links = await feed_store.seen_entry_keys(
        session, feed_id, guids=[e.guid for e in unique], links=[k for k in links if k]
    )
    fresh = [
        entry
        for entry in unique
        if entry.guid not in seen_guids and stored_link(entry.link) not in seen_links
    ]
    fresh.sort(key=lambda e: e.published or datetime.min.replace(tzinfo=UTC), reverse=True)
    seen = len(parsed.entries) - len(fresh)
    return fresh[:limit], seen, max(0, len(fresh) - limit)


async def repeated_by_content(
    session: AsyncSession, feed_id: int, entries: list[FeedEntry]
) -> tuple[list[FeedEntry], list[EntryResult]]:
    """New entries split into those to read and those whose own text the feed has had
    before (under another guid and link): duplicates, neither fetched nor read again."""
    hashes = {entry.guid: entry_hash(entry) for entry in entries}
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
                EntryResult(entry, article_id=article_id, status="duplicate", content_hash=digest)
            )
            continue
        if digest is not None:
            in_this_poll.add(digest)
        fresh.append(entry)
    return fresh, repeated


async def remember_entries(session: AsyncSession, feed_id: int, results: list[EntryResult]) -> None:
    """Add a row for each entry read (or refused), so that the next poll skips it; an entry
    tried again updates its row, and one that failed for a passing reason keeps retries."""
    tried = await feed_store.entries_by_guid(session, feed_id, [r.entry.guid for r in results])
    for result in results:
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
                link=stored_link(result.entry.link),
                article_id=result.article_id,
                error=result.error,
                content_hash=result.content_hash,
                retries_left=ENTRY_RETRIES if result.passing else 0,
            )
        )


def stored_link(link: str | None) -> str | None:
    """An entry's link as stored and compared: canonical, or none when it is too long."""
    return fitting_or_none(canonical_link(link), StoredFeedEntry.link)


def _fitted_guid(guid: str) -> str:
    if fitting_or_none(guid, StoredFeedEntry.guid) is not None:
        return guid
    return "sha256:" + hashlib.sha256(guid.encode("utf-8", "surrogatepass")).hexdigest()
