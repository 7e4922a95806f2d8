"""Reading a question: its kind, the stance it asks about and the words of its topic.

Pure functions over the question text and the lexicon (``bot/answer/data``); no model is
loaded, so a question is read in well under a millisecond.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from bot.answer.ascii import to_ascii
from bot.answer.initialisms import initialism_of, looks_like_initialism
from bot.answer.lexicon import QUESTION_WORDS, Lexicon, load_lexicon
from bot.answer.provenance_question import provenance_frame
from bot.answer.question_speaker import (
    AFFILIATIONS,
    CHOOSING,
    OBJECT_AUXILIARIES,
    Apart,
    modifies_next,
    name_runs,
    speaker_span,
    target_span,
    which_at,
)
from bot.answer.truecase import is_lower_case
from bot.extract.model import Stance

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-.]*[A-Za-z0-9]|[A-Za-z0-9]")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_TRUTH_OPENERS = (("is", "it", "true"), ("is", "it", "right"), ("was", "it"), ("is", "it"))


class TermKind(StrEnum):
    NAME = "name"  # a name as written: must be found, in some spelling
    PLACE = "place"  # a country, its people or its capital: any form of it counts
    WORD = "word"  # an ordinary topic word, with the words for the same event
    ROLE = "role"  # the kind of speaker asked for ("which *minister*"): helps, never required


@dataclass(frozen=True, slots=True)
class Term:
    """One name or word of the question's topic with the spellings that also count."""

    text: str
    alternatives: tuple[str, ...]  # lower case; the first is the word itself
    kind: TermKind = TermKind.WORD
    speaker: bool = False  # describes who is asked about ("which *Iranian* leader", "what did
    # *the health minister* say"): looked for in the claim's speaker and role first
    speaker_name: bool = False  # is the name of who is asked about ("what did *Pompeo* say"),
    # not a modifier of it ("the *Houthi* military spokesman")
    target: bool = False  # is who or what an accusation is asked about ("who blamed *the
    # pilot* for the crash"): a claim that does not name it blamed someone else, or no one

    @property
    def is_name(self) -> bool:
        return self.kind is TermKind.NAME


@dataclass(frozen=True, slots=True)
class ParsedQuestion:
    text: str
    kind: str  # who, what, when, where, did, other
    stance: Stance | None
    terms: tuple[Term, ...]
    stance_phrase: tuple[str, ...] = ()  # the words that asked for the stance
    provenance: str | None = (
        None  # "first" or "outlets": asks who reported it (provenance_question)
    )

    @property
    def term_groups(self) -> list[list[str]]:
        """What full-text retrieval looks for: one group of alternatives per term."""
        return [list(term.alternatives) for term in self.terms if term.kind is not TermKind.ROLE]

    @property
    def strict_stance(self) -> bool:
        """Only a claim of the asked stance answers ("who claimed responsibility")."""
        return self.stance_phrase in load_lexicon().strict_phrases

    @property
    def asks_whom(self) -> bool:
        """ "Who did British Transport Police blame?": the answer is whom the speaker asked
        about (the terms marked ``speaker``) named in the act asked about, not a speaker."""
        lowered = [word.lower() for word in tokens(self.text)[:2]]
        return (
            self.kind == "who"
            and lowered[:1] == ["who"]
            and lowered[1:2] != []
            and lowered[1] in OBJECT_AUXILIARIES
            and any(term.speaker for term in self.terms)
        )

    @property
    def asks_both_sides(self) -> bool:
        """'Did X happen?', 'Is it true that ...': every side of a dispute answers."""
        return self.kind == "did"


def tokens(text: str) -> list[str]:
    """Words of the text, ASCII-folded, without possessive 's."""
    return [_POSSESSIVE.sub("", t).strip(".'’-") for t in _TOKEN.findall(to_ascii(text))]


def question_kind(words: list[str]) -> str:
    lowered = tuple(word.lower() for word in words)
    if any(lowered[: len(opener)] == opener for opener in _TRUTH_OPENERS):
        return "did"
    for word in lowered[:3]:
        kind = QUESTION_WORDS.get(word)
        if kind:
            return kind
    return "other"


def question_stance(text: str, lexicon: Lexicon | None = None) -> tuple[Stance | None, set[str]]:
    """The stance asked about and the question words that expressed it."""
    lexicon = lexicon or load_lexicon()
    stance, phrase = lexicon.stance_of(word.lower() for word in tokens(text))
    return stance, set(phrase)


def _split_places(words: list[str], lexicon: Lexicon) -> list[tuple[str, TermKind]]:
    """A capitalised run as names and places: "Iranian foreign minister" -> place; "US Embassy"
    -> place "US" + name "Embassy"."""
    parts: list[tuple[str, TermKind]] = []
    position = 0
    while position < len(words):
        for size in (3, 2, 1):
            chunk = " ".join(words[position : position + size])
            if position + size <= len(words) and lexicon.groups_of(chunk.lower(), lexicon.places):
                parts.append((chunk, TermKind.PLACE))
                position += size
                break
        else:
            joins = not looks_like_initialism(words[position]) and not (
                parts and looks_like_initialism(parts[-1][0])
            )
            if parts and parts[-1][1] is TermKind.NAME and joins:
                parts[-1] = (f"{parts[-1][0]} {words[position]}", TermKind.NAME)
            else:
                parts.append((words[position], TermKind.NAME))
            position += 1
    return parts


def _word_term(
    word: str, lexicon: Lexicon, *, kind: TermKind = TermKind.WORD, speaker: bool = False
) -> Term:
    lowered = word.lower()
    groups = lexicon.roles if kind is TermKind.ROLE or speaker else lexicon.event_groups
    related = lexicon.groups_of(lowered, groups) | lexicon.irregular_forms.get(lowered, frozenset())
    alternatives = (lowered, *sorted(related - {lowered}))
    return Term(text=word, alternatives=alternatives, kind=kind, speaker=speaker)


def _name_term(text: str, kind: TermKind, lexicon: Lexicon, *, speaker: bool = False) -> Term:
    lowered = text.lower()
    groups = lexicon.places if kind is TermKind.PLACE else lexicon.name_variants
    related = sorted(lexicon.groups_of(lowered, groups) - {lowered})
    if kind is TermKind.NAME and not related:
        for word in lowered.split():  # "Zelenskiy" inside "Volodymyr Zelenskiy"
            related += sorted(lexicon.groups_of(word, lexicon.name_variants) - {word})
    shortened = initialism_of(text) if kind is TermKind.NAME else None
    # "National Health Service" is also "NHS"; "Ivanka Trump" is not "it", a word of no topic
    if shortened and shortened not in lexicon.stopwords:
        related.append(shortened)
    return Term(text=text, alternatives=(lowered, *related), kind=kind, speaker=speaker)


def parse_question(
    text: str, lexicon: Lexicon | None = None, *, apart: Apart = frozenset()
) -> ParsedQuestion:
    """The question read; ``apart``: pairs of capitalised words side by side that name two
    (``answerer.names_apart``: "what Vladimir Putin | Mugabe ...", typed as keywords)."""
    asked = provenance_frame(text)  # "who first reported X?": X is the question read
    if asked is not None:
        rest = parse_question(asked.rest, lexicon, apart=apart)
        kind = question_kind(tokens(text))
        return replace(rest, text=text, kind=kind, provenance=asked.aspect)
    lexicon = lexicon or load_lexicon()
    words = tokens(text)
    lowered = [word.lower() for word in words]
    stance, phrase = lexicon.stance_of(lowered)
    stance_words = set(phrase)
    kind = question_kind(words)
    lower_case = is_lower_case(text)
    speaker_start, speaker_end, role_at = speaker_span(words, kind, lexicon, stance_words, apart)
    if phrase and phrase[0] in lowered[speaker_start:speaker_end]:  # "which state senator said"
        stance, phrase = lexicon.stance_of(lowered[speaker_end:])
        stance_words = set(phrase)
    target = target_span(lowered, stance, phrase)
    asks_for_name = kind == "who" and which_at(lowered) >= 0

    terms: list[Term] = []
    seen: set[str] = set()
    runs = {}
    for start, end in name_runs(words, lexicon, apart):
        if start <= role_at < end:  # "Tory MP": the role is no part of a name
            end = role_at
        if start < end:
            runs[start] = end
    position = 0
    while position < len(words):
        if position in runs:
            end = runs[position]
            about_speaker = speaker_start <= position < speaker_end
            # "Which Tory MP ...": the name is what is asked, its words only describe it
            head = (
                about_speaker
                and not asks_for_name
                # ... unless the next word is past the speaker's words: the verb
                and not (end < speaker_end and modifies_next(words, end, lexicon))
                # "Sam Wilson of C-MORE": where the speaker works describes them
                and not (position - 1 > speaker_start and lowered[position - 1] in AFFILIATIONS)
            )
            parts = _split_places(words[position:end], lexicon)
            for index, (part, part_kind) in enumerate(parts):
                if part.lower() not in seen:
                    seen.add(part.lower())
                    term = _name_term(part, part_kind, lexicon, speaker=about_speaker)
                    # "Tunisian MP Souhail Alouini": the last part names, the others describe
                    speaker_name = head and term.is_name and index == len(parts) - 1
                    terms.append(
                        replace(term, speaker_name=speaker_name, target=position in target)
                    )
            position = end
            continue
        word, low = words[position], lowered[position]
        position += 1
        if kind == "who" and 0 < position - 1 < speaker_start and low in CHOOSING:
            continue
        if low in seen or low in lexicon.stopwords or low in stance_words:
            continue
        if low in QUESTION_WORDS or (len(low) < 2 and not low.isdigit()):
            continue
        seen.add(low)
        about_speaker = speaker_start <= position - 1 < speaker_end
        # "pm", "nsw": typed in lower case, still initialisms; so is "mp" for a kind of
        # speaker, when the question got its names' capitals from its articles (``truecase``)
        typed_lower = word.islower() and position - 1 != role_at
        shortened = lower_case or (about_speaker and typed_lower and low in lexicon.person_words)
        if shortened and looks_like_initialism(word, lower_case_question=True):
            terms.append(_name_term(word, TermKind.NAME, lexicon, speaker=about_speaker))
            continue
        term_kind = TermKind.ROLE if position - 1 == role_at else TermKind.WORD
        term = _word_term(word, lexicon, kind=term_kind, speaker=about_speaker)
        terms.append(replace(term, target=position - 1 in target))
    return ParsedQuestion(
        text=text.strip(), kind=kind, stance=stance, terms=tuple(terms), stance_phrase=phrase
    )
