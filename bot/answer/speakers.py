"""What kind of speaker a claim has and a who-question asks for: a person or body, not a
thing ("the ruling said"); one of them or many ("officials"). Read from the speaker's head
noun against the lexicon's person words (``data/person_words.txt`` and the roles)."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.answer.lexicon import load_lexicon
from bot.answer.question import NAME_JOINERS, ParsedQuestion, TermKind
from bot.answer.reading import stem

_HEAD = re.compile(r"([A-Za-z][\w.\-]*)\W*$")
POSSESSIVE_END = re.compile(r"['’]s?$")
# The person words whose plural is not made with "s", or is the word itself
_PLURAL_PERSON_WORDS = frozenset(
    {"people", "men", "women", "children", "police", "staff", "troops", "forces", "authorities"}
)


@lru_cache(maxsize=8192)
def speaker_is_person(speaker: str | None) -> bool:
    """Whether a speaker can answer "who": a name ("Mara Vell", "Police", "a UN official")
    or a description whose head noun is a person or body ("the general manager") — not "the
    ruling", "a port report" or "its water levels"."""
    if not speaker:
        return False
    found = _HEAD.search(POSSESSIVE_END.sub("", speaker.strip()))
    if found is None:
        return False
    head = found.group(1)
    if head[:1].isupper() or head.isdigit() or head in NAME_JOINERS:  # "Juan dela" cut short
        return True
    return stem(head.lower()) in person_stems()


@lru_cache(maxsize=1)
def person_stems() -> frozenset[str]:
    return frozenset(stem(word) for word in load_lexicon().person_words)


def _plural_person_word(word: str) -> bool:
    """ "officials", "representatives", "agencies": the regular plural of a person word."""
    word = word.lower()
    if word in _PLURAL_PERSON_WORDS:
        return True
    if not word.endswith("s") or word.endswith("ss"):
        return False
    singulars = {word[:-1], word[:-2]} | ({word[:-3] + "y"} if word.endswith("ies") else set())
    return not singulars.isdisjoint(load_lexicon().person_words)


@lru_cache(maxsize=8192)
def speaker_is_plural(speaker: str | None) -> bool:
    """Whether the speaker is many people or bodies by its head noun ("Representatives",
    "police and county officials"); a name ("Reuters", "Lehman Brothers") is not."""
    found = _HEAD.search(POSSESSIVE_END.sub("", (speaker or "").strip()))
    if found is None:
        return False
    head = found.group(1)
    capitalised = [word for word in (speaker or "").split() if word[:1].isupper()]
    return not (head[:1].isupper() and len(capitalised) > 1) and _plural_person_word(head)


def asks_for_one(question: ParsedQuestion) -> bool:
    """Whether a who-question asks for one speaker of a kind ("which *minister*", "which
    Tory *MP*"), not for many ("which ministers") nor for anyone ("who said")."""
    kinds = [
        term.text.split()[-1]
        for term in question.terms
        if term.kind is TermKind.ROLE or (term.speaker and not term.speaker_name)
    ]
    return bool(kinds) and not any(_plural_person_word(word) for word in kinds)
