"""How a claim's stance fits the act a question asks about: a denial never answers "who
blamed", "declined to confirm" is no confirmation, and a quote in the first person ("I announce
...") does the act it names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answer.lexicon import COMPATIBLE_STANCES, OPPOSED_STANCES, load_lexicon
from bot.answer.question import ParsedQuestion
from bot.answer.reading import words_of
from bot.extract.model import UNASSERTED_STANCES, Stance

STRICT_MISMATCH = 0.6  # stance factor of another stance when only the asked one answers
STRICT_SAME = 0.8  # ... of the same stance when its sentence lacks the phrase ("claimed" alone)
UNASSERTED = 0.3  # stance factor of "declined to confirm" for "who confirmed" (stance_factor)
_RESPONSIBILITY = re.compile(r"(?:the\s+)?(?:responsibility|credit)\b", re.IGNORECASE)


def asks_a_stance(question: ParsedQuestion) -> bool:
    """Whether the question asks about a marked act ("who denied"), not plain saying."""
    return question.stance not in (None, Stance.SAY) and not question.asks_both_sides


def does_the_act(stance: float) -> bool:
    """Whether a claim of this ``stance_factor`` does the act asked: its stance, or the
    stance's words in its frame."""
    return stance >= 1.0


def stance_factor(
    question: ParsedQuestion,
    claim_stance: str,
    *,
    frame: Sequence[str] | None = None,
    sentence: Sequence[str] | None = None,
    content: str = "",
) -> float:
    """How a claim's stance fits the one asked about: a denial never answers 'who blamed'.

    A claim stored with another stance whose frame (its sentence less what was said) uses the
    asked stance's words ("... rejected the claim, saying ...") fits almost as well as one
    stored with it; words inside the content ("storm warnings were lifted") do not count."""
    asked = question.stance
    withheld = _withheld_factor(question, claim_stance)
    if withheld is not None:
        return withheld
    if asked is None or asked is Stance.SAY or question.asks_both_sides:
        return 1.0
    if claim_stance in {s.value for s in OPPOSED_STANCES.get(asked, frozenset())}:
        return 0.3
    if question.strict_stance:  # "claimed responsibility" must be said in the sentence
        said = sentence is not None and asked in load_lexicon().stances_in(sentence, strict=True)
        if said:
            return 1.1
        return STRICT_SAME if claim_stance == asked.value else STRICT_MISMATCH
    if claim_stance == asked.value and not (
        asked is Stance.CLAIM and _RESPONSIBILITY.match(content)
    ):
        return 1.1  # "who claimed that ..." is not "who claimed responsibility"
    if frame and (asked in load_lexicon().stances_in(frame) or asked in _performed(content)):
        return 1.0
    if claim_stance in {s.value for s in COMPATIBLE_STANCES.get(asked, frozenset())}:
        return 0.95
    return 0.85


def _performed(content: str) -> set[Stance]:
    """The acts the content does in the first person ("I announce the passing of ...", "we
    deny any part in it"): quoted, they are the speaker's own act, as a frame's words are."""
    words = words_of(content)
    found: set[Stance] = set()
    for at, word in enumerate(words):
        if word in _FIRST_PERSON:
            verb = at + 2 if words[at + 1 : at + 2] and words[at + 1].endswith("ly") else at + 1
            found |= {  # a phrase from the verb on: not "we would announce"
                stance
                for phrase, stance in load_lexicon().matches(words[verb : verb + 3])
                if phrase[0] == words[verb]
            }
    return found


_FIRST_PERSON = frozenset({"i", "we"})  # "we strongly deny": an adverb may come between
_UNASSERTED = frozenset(stance.value for stance in UNASSERTED_STANCES)


def _withheld_factor(question: ParsedQuestion, claim_stance: str) -> float | None:
    """Claims that withhold ("did not say", "declined to confirm") or hedge ("may announce")
    against the question, or None when neither side is about withholding.

    Such a claim answers "who declined to comment" and a what-question ("what did the mayor
    say about the bridge": that she did not say), never a question about the act itself
    ("who confirmed", "who said the city would pay"); a question about declining is answered
    by them first, and a did-question ("did the company deny ...?") takes them as it takes
    every stance."""
    asked = question.stance
    if claim_stance not in _UNASSERTED:
        return None
    if asked is Stance.DECLINE:
        return 1.1
    if (
        asked is None
        or question.asks_both_sides
        or (asked is Stance.SAY and question.kind != "who")
    ):
        return 1.0  # "did the company deny ...?": that it has not denied is the answer
    return UNASSERTED
