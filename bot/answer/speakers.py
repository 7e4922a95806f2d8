"""What kind of speaker a claim has and a who-question asks for: a person or body, not a
thing ("the ruling said"); one of them or many ("officials"). Read from the speaker's head
noun against the lexicon's person words (``data/person_words.txt`` and the roles) and the
kind of speaker the question asks for: "which *engineer*" makes "engineers" people, whether
or not the lexicon lists the word. Ranking (``many_for_one``) and abstention (a bare plural
for the one asked about) read one speaker through the same ``plural_person_word``."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.answer.lexicon import load_lexicon
from bot.answer.question import ParsedQuestion, Term, TermKind
from bot.answer.question_speaker import NAME_JOINERS
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


def plural_person_word(
    word: str, kinds: frozenset[str] = frozenset(), *, collective: bool = True
) -> bool:
    """ "officials", "representatives", "agencies": the plural of a person word, one the
    lexicon knows or one of the ``kinds`` of speaker a question asks for ("engineers" when
    it asks "which *engineer*"; stems compared). Not "press", "campus" or "analysis".
    ``collective``: the words that are many without a plural's "s" count too ("police",
    "staff", "people"); without it, only a word written as a plural does."""
    word = word.lower()
    if collective and word in _PLURAL_PERSON_WORDS:
        return True
    if not _plural_shape(word):
        return False
    singulars = {word[:-1], word[:-2]} | ({word[:-3] + "y"} if word.endswith("ies") else set())
    if not singulars.isdisjoint(load_lexicon().person_words):
        return True
    return any(stem(word) == stem(kind.lower()) for kind in kinds)


def _plural_shape(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


@lru_cache(maxsize=8192)
def speaker_is_plural(
    speaker: str | None, kinds: frozenset[str] = frozenset(), *, collective: bool = True
) -> bool:
    """Whether the speaker is many people or bodies by its head noun ("Representatives",
    "police and county officials"; "Engineers" when ``kinds``, the kinds of speaker asked
    for, hold "engineer"; ``collective`` as for ``plural_person_word``); a name ("Reuters",
    "Lehman Brothers") is not."""
    found = _HEAD.search(POSSESSIVE_END.sub("", (speaker or "").strip()))
    if found is None:
        return False
    head = found.group(1)
    capitalised = [word for word in (speaker or "").split() if word[:1].isupper()]
    return not (head[:1].isupper() and len(capitalised) > 1) and plural_person_word(
        head, kinds, collective=collective
    )


def _kind_terms(question: ParsedQuestion) -> list[Term]:
    return [
        term
        for term in question.terms
        if term.kind is TermKind.ROLE or (term.speaker and not term.speaker_name)
    ]


def asked_kinds(question: ParsedQuestion) -> frozenset[str]:
    """The head words of the kinds of speaker a question asks for: "which Tory *MP*",
    "what did *the health minister* say" (not a speaker's name)."""
    return frozenset(term.text.split()[-1] for term in _kind_terms(question))


def asks_for_one(question: ParsedQuestion, *, role_plurals: bool = False) -> bool:
    """Whether a who-question asks for one speaker of a kind ("which *minister*", "which
    Tory *MP*"), not for many ("which ministers") nor for anyone ("who said").
    ``role_plurals``: a role asked in a plural's shape is many too, whatever the lexicon
    lists ("which geologists"); ranking leaves it out (on the PolNeAR train half it let
    "which superdelegates" be answered by "political supporters", a near miss)."""
    terms = _kind_terms(question)
    return bool(terms) and not any(
        plural_person_word(term.text.split()[-1])
        or (
            role_plurals
            and term.kind is TermKind.ROLE
            and _plural_shape(term.text.split()[-1].lower())
        )
        for term in terms
    )
