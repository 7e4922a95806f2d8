"""Interview transcripts: a paragraph opened by a speaker's initials and a colon ("NG: This
study started in 1982 ...") is that speaker's answer. The initials stand for the person the
article introduced in full before ("biologist Natasha Gownaris"); initials that stand for no
one named before (the interviewer's "WN") are left alone."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from bot.extract.lexicon import Lexicon
from bot.extract.model import Stance
from bot.extract.name_spans import ORGANISATION_HEADS, territory_names
from bot.extract.rules import Found, text_of, trim

if TYPE_CHECKING:
    from spacy.tokens import Doc

_TURN = re.compile(r"(?m)^[ \t]*([A-Z]{2,4}):[ \t]+(\S[^\n]*)")
_FULL_NAME = re.compile(r"\b[A-Z][a-z][\w'’-]*(?:[ \t]+[A-Z][a-z][\w'’-]*){1,2}\b")


def interview_turns(doc: Doc, lexicon: Lexicon) -> list[Found]:
    """Each answer of a transcript as found, named for the full name its initials stand for."""
    text = text_of(doc)
    turns: list[Found] = []
    for match in _TURN.finditer(text):
        name = _named_before(match.group(1), text[: match.start()], lexicon)
        if name is None:
            continue
        initials = doc.char_span(match.start(1), match.end(1))
        colon = doc.char_span(match.end(1), match.end(1) + 1)
        start, end = trim(text, match.start(2), match.end(2))
        if initials is None or colon is None or end <= start:
            continue
        cue = colon[0]
        found = Found(
            named=name,
            cue=cue,
            cue_tokens=[cue],
            source=list(initials),
            content=[(start, end)],
            stance=Stance.SAY,
            quote=True,
            sentence=cue.sent,
        )
        turns.append(found)
    return turns


def _named_before(initials: str, before: str, lexicon: Lexicon) -> str | None:
    """The full name written before whose initials these are, the most often named of them."""
    letters = initials.casefold()
    counts: Counter[str] = Counter()
    for match in _FULL_NAME.finditer(before):
        words = match.group(0).split()
        if "".join(word[0] for word in words).casefold() == letters and _a_person(words, lexicon):
            counts[match.group(0)] += 1
    if not counts:
        return None
    return max(counts, key=lambda name: (counts[name] + before.count(name.split()[-1]), name))


def _a_person(words: list[str], lexicon: Lexicon) -> bool:
    lowered = [word.lower() for word in words]
    return (
        not any(
            word in STOP_WORDS
            or word.rstrip(".") in lexicon.titles
            or word in ORGANISATION_HEADS
            or word in territory_names()
            for word in lowered
        )
        and " ".join(lowered) not in territory_names()
    )
