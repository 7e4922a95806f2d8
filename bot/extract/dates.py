"""The date an article states near its top ("Published 5 March 2026", "March 5, 2026",
"2026-03-05"): pure text, no parse."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

OPENING_CHARS = 400  # a stated date is in the headline, the byline or the first sentence
EARLIEST_YEAR = 1990
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = (
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? {_MONTH},? (?P<year>\d{{4}})\b", re.I),
    re.compile(rf"\b{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<year>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
)


def stated_date(text: str, *, not_after: datetime | None = None) -> datetime | None:
    """The first date written in the opening of ``text`` (midnight UTC), or None. A date after
    ``not_after`` (with a day's grace for time zones) is not the article's own."""
    opening = text[:OPENING_CHARS]
    found: list[tuple[int, datetime]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(opening):
            value = _date(match)
            if value is not None:
                found.append((match.start(), value))
                break
    for _, value in sorted(found, key=lambda item: item[0]):
        if not_after is not None and value > not_after + timedelta(days=1):
            continue
        return value
    return None


def _date(match: re.Match[str]) -> datetime | None:
    month_text = match["month"].lower()
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text]
    try:
        value = datetime(int(match["year"]), month, int(match["day"]), tzinfo=UTC)
    except ValueError:  # 31 February, month 13
        return None
    return value if value.year >= EARLIEST_YEAR else None
