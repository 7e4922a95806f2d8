"""The one reading of a published date, whatever the source wrote."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def parse_date(value: object) -> datetime | None:
    """An aware datetime from ISO 8601 (``2024-03-14``, ``2024-03-14T09:30:00Z``), RFC 2822
    (``Thu, 14 Mar 2024 09:30:00 GMT``), a ``datetime`` or the UTC ``struct_time`` feedparser
    gives; ``None`` for anything else. A date without a time zone is taken to be in UTC, and
    one with an offset keeps it.

    >>> parse_date("2024-03-14T09:30:00+01:00").isoformat()
    '2024-03-14T09:30:00+01:00'
    """
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC)
    if isinstance(value, datetime):
        return _aware(value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return _aware(datetime.fromisoformat(text))
    except ValueError:
        pass
    try:
        return _aware(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        return None


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
