"""Both sides of a dispute: the stored claims about one event, grouped by stance.

"Did the US bomb Al Bukamal?" has no yes or no in newsprov, only who said what: the coalition
denied it, SANA blamed the coalition, a US official pointed to Israel. Answers to such a
question put the best claim of each stance first, so that a page of three shows every side.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.answer.lexicon import OPPOSED_STANCES
from bot.answer.model import Answer

# The stances that take a side on whether something happened; the others follow as ranked.
SIDES = ("deny", "accuse", "claim", "confirm", "believe")


def is_dispute(answers: Sequence[Answer]) -> bool:
    """The answers disagree: one denies what another claims, confirms or blames."""
    stances = {answer.stance for answer in answers}
    return any(
        stance.value in stances and stances & {s.value for s in opposed}
        for stance, opposed in OPPOSED_STANCES.items()
    )


def sides_first(answers: Sequence[Answer]) -> list[Answer]:
    """The best answer of each side-taking stance first (best first), then the rest as ranked."""
    leaders: dict[str, Answer] = {}
    for answer in answers:
        if answer.stance in SIDES and answer.stance not in leaders:
            leaders[answer.stance] = answer
    first = sorted(leaders.values(), key=lambda answer: -answer.score)
    chosen = {answer.attribution_id for answer in first}
    return first + [answer for answer in answers if answer.attribution_id not in chosen]


def by_stance(answers: Sequence[Answer]) -> dict[str, list[Answer]]:
    """The answers grouped by stance, the groups in the order of their best answer."""
    groups: dict[str, list[Answer]] = {}
    for answer in answers:
        groups.setdefault(answer.stance, []).append(answer)
    return groups
