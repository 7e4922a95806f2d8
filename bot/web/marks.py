"""An article's text cut into pieces at its attributions' places, for ``<mark>`` spans.

Pieces are plain text: the template escapes each one, so nothing of the article is ever
inserted as HTML. Places may nest (a quote in pieces spans its own source and cue) or overlap
(two attributions in one sentence); each character is marked once, by the innermost kind
(source, then cue, then content) of the first attribution that covers it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from bot.answer.views import Place, PlacedClaim

Kind = Literal["source", "cue", "content"]
_RANK: dict[Kind, int] = {"source": 0, "cue": 1, "content": 2}


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    kind: Kind | None = None  # None: text outside every attribution
    number: int = 0  # the attribution's number on the page (1, 2, ...), 0 when unmarked
    stance: str = ""
    last: bool = False  # the attribution's last marked piece: its stance is shown after it


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    kind: Kind
    number: int


def _spans(claims: Sequence[PlacedClaim], length: int) -> list[_Span]:
    spans = []
    for number, placed in enumerate(claims, start=1):
        places: tuple[tuple[Kind, Place | None], ...] = (
            ("source", placed.source),
            ("cue", placed.cue),
            ("content", placed.content),
        )
        for kind, where in places:
            if where is None:
                continue
            start, end = max(0, where.start), min(length, where.end)
            if start < end:
                spans.append(_Span(start, end, kind, number))
    return spans


def _winner(covering: Sequence[_Span]) -> _Span | None:
    if not covering:
        return None
    return min(covering, key=lambda span: (span.number, _RANK[span.kind]))


def mark_pieces(text: str, claims: Sequence[PlacedClaim]) -> list[Piece]:
    """The text in order, in pieces that are each unmarked or one attribution's source, cue
    or content; joined they give ``text`` back."""
    spans = _spans(claims, len(text))
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    stances = {n: placed.claim.stance for n, placed in enumerate(claims, start=1)}
    by_start: dict[int, list[_Span]] = {}
    for each in spans:
        by_start.setdefault(each.start, []).append(each)
    active: list[_Span] = []
    runs: list[tuple[int, int, _Span | None]] = []
    for start, end in pairwise(cuts):
        active = [s for s in active if s.end > start] + by_start.get(start, [])
        winner = _winner(active)
        if runs and runs[-1][2] == winner:
            runs[-1] = (runs[-1][0], end, winner)
        else:
            runs.append((start, end, winner))
    last_run = {won.number: i for i, (_, _, won) in enumerate(runs) if won is not None}
    pieces = []
    for i, (start, end, span) in enumerate(runs):
        if span is None:
            pieces.append(Piece(text[start:end]))
            continue
        pieces.append(
            Piece(
                text[start:end],
                span.kind,
                span.number,
                stances[span.number],
                last=last_run[span.number] == i,
            )
        )
    return pieces
