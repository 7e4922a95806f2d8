"""Finding the quoted stretches of an article by its quote marks, before any parsing.

Quotes may run over several sentences and paragraphs, use curly (“ ”), straight (") or
doubled (`` '') marks, and a quote running over paragraphs reopens each paragraph without
closing the one before.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_OPENERS = {"“": "”", "„": "”", "«": "»", "``": "''"}
_MARK = re.compile(r"``|''|[“”„«»\"]")


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character ranges ``(start, end)`` of quotations, marks included, in text order."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    closer = ""
    for match in _MARK.finditer(text):
        mark, at = match.group(), match.start()
        if open_at is not None and "\n\n" in text[open_at:at]:
            # An unclosed quote stops at its paragraph's end (or reopens in the next).
            para_end = text.index("\n\n", open_at)
            regions.append((open_at, para_end))
            open_at = None
        if open_at is None:
            if mark in _OPENERS:
                open_at, closer = at, _OPENERS[mark]
            elif mark == '"':
                open_at, closer = at, '"'
            continue
        if mark == closer or (closer == '"' and mark == "”"):
            regions.append((open_at, match.end()))
            open_at = None
        elif mark in _OPENERS and mark != closer:
            # A new opener before the closer: the quote reopened in a new paragraph.
            open_at, closer = at, _OPENERS[mark]
    if open_at is not None:
        end = text.find("\n\n", open_at)
        regions.append((open_at, len(text) if end < 0 else end))
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
