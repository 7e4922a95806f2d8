"""Reading a question: its kind, the stance it asks about and the words of its topic."""

from __future__ import annotations

import re
from dataclasses import dataclass

from unidecode import unidecode

from bot.answer.lexicon import EVENT_WORD_GROUPS, QUESTION_WORDS, STANCE_WORDS, STOPWORDS
from bot.extract.model import Stance

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-.]*[A-Za-z0-9]|[A-Za-z0-9]")


@dataclass(frozen=True, slots=True)
class Term:
    """One word or name of the question's topic with the spellings that also count."""

    text: str
    alternatives: tuple[str, ...]
    is_name: bool  # capitalised or a number in the question: must be matched


@dataclass(frozen=True, slots=True)
class ParsedQuestion:
    text: str
    kind: str  # who, what, when, where, did, other
    stance: Stance | None
    terms: tuple[Term, ...]

    @property
    def term_groups(self) -> list[list[str]]:
        return [list(term.alternatives) for term in self.terms]


_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def tokens(text: str) -> list[str]:
    """Words of the text, ASCII-folded, without possessive 's."""
    return [_POSSESSIVE.sub("", t).strip(".'’-") for t in _TOKEN.findall(unidecode(text))]


def question_kind(words: list[str]) -> str:
    for word in words[:3]:
        kind = QUESTION_WORDS.get(word.lower())
        if kind:
            return kind
    return "other"


def question_stance(text: str) -> tuple[Stance | None, set[str]]:
    """The stance asked about and the question words that expressed it."""
    lowered = " " + " ".join(tokens(text.lower())) + " "
    for stance in (
        Stance.DENY,
        Stance.ACCUSE,
        Stance.CLAIM,
        Stance.CONFIRM,
        Stance.WARN,
        Stance.DEMAND,
        Stance.ANNOUNCE,
        Stance.BELIEVE,
        Stance.REPORT,
        Stance.SAY,
    ):
        for phrase in STANCE_WORDS[stance]:
            if f" {phrase} " in lowered:
                return stance, set(phrase.split())
    return None, set()


def _alternatives(word: str) -> tuple[str, ...]:
    lowered = word.lower()
    for group in EVENT_WORD_GROUPS:
        if lowered in group:
            return tuple(sorted(group))
    return (lowered,)


def parse_question(text: str) -> ParsedQuestion:
    words = tokens(text)
    stance, stance_words = question_stance(text)
    terms: list[Term] = []
    seen: set[str] = set()
    for position, word in enumerate(words):
        lowered = word.lower()
        acronym = len(word) > 1 and word.isupper()
        if (lowered in STOPWORDS and not acronym) or lowered in stance_words or lowered in seen:
            continue
        if len(lowered) < 2 and not lowered.isdigit():
            continue
        seen.add(lowered)
        is_name = (word[:1].isupper() and position > 0) or word.isdigit()
        terms.append(Term(text=word, alternatives=_alternatives(word), is_name=is_name))
    return ParsedQuestion(
        text=text.strip(), kind=question_kind(words), stance=stance, terms=tuple(terms)
    )
