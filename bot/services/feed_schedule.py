"""When a feed is polled next: its interval after a success, a growing backoff after each
failure in a row, disabled after ``feed_max_failures`` of them."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.errors import FeedError
from store.models import Feed
from store.sizes import cut, no_nul

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=24)
MAX_INTERVAL_MINUTES = 525_600  # a year
MAX_ERROR_CHARS = 1_000  # of an error kept with a feed or an entry


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


def schedule_success(feed: Feed, *, now: datetime) -> None:
    """A poll went well: the next at the feed's interval, the failures forgotten."""
    feed.last_polled_at = now
    feed.next_poll_at = now + timedelta(minutes=validated_interval(feed.interval_minutes))
    feed.failures, feed.disabled, feed.last_error = 0, False, None


def schedule_failure(
    feed: Feed, message: str, *, url: str, now: datetime, max_failures: int
) -> str | None:
    """A poll failed: the next after the backoff, or never once it failed ``max_failures``
    times in a row; the message for the admins when this failure disabled the feed."""
    feed.failures += 1
    feed.last_error = message = cut_error(message)
    feed.last_polled_at = now
    feed.next_poll_at = now + backoff(feed.interval_minutes, feed.failures)
    if feed.failures < max_failures or feed.disabled:
        return None
    feed.disabled = True
    admin_message = (
        f"Feed {feed.id} ({url}) failed {feed.failures} polls in a row and is now "
        f"disabled. Last error: {message} "
        f"Poll it by hand (newsprov feeds poll {feed.id}) to enable it again."
    )
    log.warning("%s", admin_message)
    return admin_message


def cut_error(message: str) -> str:
    return cut(no_nul(message), MAX_ERROR_CHARS)
