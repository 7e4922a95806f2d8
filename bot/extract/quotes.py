"""Finding the quoted stretches of an article by its quote marks, before any parsing.

Quotes may run over several sentences and paragraphs, use curly (“ ”), straight (") or
doubled (`` '') marks, and a quote running over paragraphs reopens each paragraph without
closing the one before.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_OPENERS = {"“": "”", "„": "”", "«": "»", "``": "''"}
# "''" opens a quote as well as closing one: some outlets write ''so'' for “so”.
_CLOSERS = {"”", "»"}
_MARK = re.compile(r"``|''|[“”„«»\"]")


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character ranges ``(start, end)`` of quotations, marks included, in text order.

    A mark's neighbours decide what it does when the marks disagree (“…“ or “…"): one
    written after a word and before a space or punctuation closes the open quote.
    """
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in _MARK.finditer(text):
        mark, at, end = match.group(), match.start(), match.end()
        if open_at is not None and "\n\n" in text[open_at:at]:
            # An unclosed quote stops at its paragraph's end (or reopens in the next).
            regions.append((open_at, text.index("\n\n", open_at)))
            open_at = None
        before = text[at - 1] if at > 0 else " "
        after = text[end] if end < len(text) else " "
        closing_place = not before.isspace() and (after.isspace() or not after.isalnum())
        if open_at is None:
            if (mark in _OPENERS or mark == '"') or (mark == "''" and not closing_place):
                open_at = at
            continue
        if mark in _CLOSERS or mark in {'"', "''"} or closing_place:
            regions.append((open_at, end))
            open_at = None
        else:
            open_at = at  # an opener before any closer: the quote reopened
    if open_at is not None:
        stop = text.find("\n\n", open_at)
        regions.append((open_at, len(text) if stop < 0 else stop))
    return [(start, end) for start, end in regions if end - start > 2]


class QuoteIndex:
    """Answers "is this character inside a quote, and which one?" by bisection."""

    def __init__(self, regions: list[tuple[int, int]]) -> None:
        self.regions = regions
        self._starts = [start for start, _ in regions]

    def region_at(self, char: int) -> tuple[int, int] | None:
        pos = bisect_right(self._starts, char) - 1
        if pos >= 0:
            start, end = self.regions[pos]
            if start <= char < end:
                return start, end
        return None

    def inside(self, char: int) -> bool:
        """True when ``char`` lies strictly within a quote (not on its marks)."""
        region = self.region_at(char)
        return region is not None and region[0] < char < region[1] - 1

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        return [(s, e) for s, e in self.regions if s < end and start < e]
