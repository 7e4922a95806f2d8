"""Whether the ranked candidates answer at all: the threshold, and a clear lead under it.

A claim scoring ``ANSWER_THRESHOLD`` or more answers. The best one also answers a little under
it when it is far ahead of every other answer: a question whose best claim scores 47 while the
next scores 30 has found what it asks about, in words that differ from the question's more than
usual; one whose best two claims tie near 50 has not told them apart. For a who-question, the
other claims of the best one's speaker are no other answer. Ranking says which claims a lead
may carry (``rank.may_lead``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from bot.answer.rank import ANSWER_THRESHOLD

LEAD_CREDIT = 0.5  # of the best claim's lead over the next answer, what counts towards answering
LEAD_CAP = 10.0  # ... of a lead of at most this: the best claim answers from 45 at most

Row = TypeVar("Row")


def lead(
    ranked: Sequence[tuple[float, Row]], *, who: bool, speaker: Callable[[Row], str | None]
) -> float:
    """How far the first claim scores above every other answer (0 for a tie or less)."""
    if not ranked:
        return 0.0
    best, first = ranked[0]
    asked_by = (speaker(first) or "").casefold()
    others = [
        score
        for score, row in ranked[1:]
        if not (who and (speaker(row) or "").casefold() == asked_by)
    ]
    return max(0.0, best - max(others, default=0.0))


def answering(
    ranked: Sequence[tuple[float, Row]],
    *,
    who: bool,
    speaker: Callable[[Row], str | None],
    may_lead: Callable[[Row], bool],
) -> list[tuple[float, Row]]:
    """The ranked claims that answer, in their order: those at the threshold, and the first
    one when its score and part of its lead (``LEAD_CREDIT``, ``LEAD_CAP``) reach it and
    ``may_lead`` allows it (``rank.may_lead``)."""
    if not ranked:
        return []
    best, first = ranked[0]
    credit = 0.0
    if may_lead(first):
        credit = LEAD_CREDIT * min(lead(ranked, who=who, speaker=speaker), LEAD_CAP)
    answers = [ranked[0]] if best + credit >= ANSWER_THRESHOLD else []
    return answers + [pair for pair in ranked[1:] if pair[0] >= ANSWER_THRESHOLD]
