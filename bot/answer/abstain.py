"""Whether the ranked candidates answer at all: the threshold, and a clear lead under it.

A claim scoring ``ANSWER_THRESHOLD`` or more answers. The best one also answers a little under
it when it is far ahead of every other answer: a question whose best claim scores 47 while the
next scores 30 has found what it asks about, in words that differ from the question's more than
usual; one whose best two claims tie near 50 has not told them apart. For a who-question, the
other claims of the best one's speaker are no other answer. Ranking says which claims a lead
may carry (``rank.may_lead``).

Whatever its score, a claim answers only if it holds what the question requires of it
(``unmet``): a question about the corpus's own names and topics that no article answers finds
claims of the right event that score well, said by someone else, or of another act.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from bot.answer.credits import IN_ARTICLE, SPOKEN_BY, SURNAME_ONLY
from bot.answer.lexicon import load_lexicon
from bot.answer.question import ParsedQuestion, Term, TermKind
from bot.answer.question_speaker import STATEMENT_KINDS
from bot.answer.rank import ANSWER_THRESHOLD
from bot.answer.reading import stem
from bot.answer.speakers import (
    POSSESSIVE_END,
    asked_kinds,
    asks_for_one,
    person_stems,
    speaker_is_plural,
)
from bot.extract.model import Stance

LEAD_CREDIT = 0.5  # of the best claim's lead over the next answer, what counts towards answering
LEAD_CAP = 10.0  # ... of a lead of at most this: the best claim answers from 45 at most

Row = TypeVar("Row")
_NAMES = (TermKind.NAME, TermKind.PLACE)


def unmet(
    question: ParsedQuestion,
    credits: Sequence[float],
    features: Mapping[str, float],
    *,
    speaker: str | None = None,
    role: str | None = None,
    typed_names: bool = True,
    placed: Placement | None = None,
) -> str | None:
    """What the question requires that the claim lacks, or None when it holds all of it.
    ``credits``: each term's credit in the claim (``credits.term_credits``); ``features``: its
    ``rank.claim_features``; ``speaker``: the claim's speaker, ``role`` its role.
    ``typed_names``: the question's names are as the user typed them, not capitals a
    lower-case question was given from the candidates (``truecase.py``).

    - A place, or a name of two words or more, that the user typed and the claim's article
      never names, in any spelling ("New Zealand's prime minister", in an article on Samoa's).
      A one-word name may be an abbreviation the article spells out ("Afreximbank",
      "AFP") or another name for what it names ("Tory"), a number may be written otherwise.
    - A what-question (or "When did X say ...") about a named speaker, answered by another
      person or body named ("What did James Fields say", answered by the judge): none of the
      speaker's names asked is the claim's speaker. A speaker stored as "the company" or "It"
      may be the one asked about.
    - A speaker asked about by the place they speak for ("Vietnam's president"), answered by
      one whose name and role name another place and not that one ("U.S. President").
    - A what-question about a kind of speaker ("Manafort's *lawyers*") whose person word the
      claim's speaker and role do not hold.
    - "Who did the police blame?" (``ParsedQuestion.asks_whom``): the claim must be said by
      the speaker asked about and be the act asked about, as only that act names whom.

    With ``placed`` (where the claim holds each term, ``Placement``), three more:

    - "Which university *scientist* said ...", one speaker asked for, answered by a bare
      plural ("Scientists said"): no one of them is named.
    - "Who said the bridge would stay closed?": a plain-saying who-question whose statement
      the claim's own words hold none of, while its article says some of it elsewhere: the
      claim is about the event, not the statement asked about.
    - "Who blamed *the police* for ...": a claim whose speaker is whom the act is about, or
      whose own words (or title) do not name whom: another blame, or a plain "said"."""
    pairs = list(zip(question.terms, credits, strict=True))
    if typed_names:
        for term, credit in pairs:
            if credit == 0.0 and _spelt_out(term):
                return f"its article does not name {term.text}"
    named = [credit for term, credit in pairs if term.speaker_name]
    statement = question.kind in STATEMENT_KINDS
    if statement and named and max(named) < SURNAME_ONLY and _is_named(speaker):
        return "said by someone else"  # "NASA's Bill Gerstenmaier": either name is the speaker
    if _another_place(pairs, " ".join(part for part in (speaker, role) if part)):
        return "speaks for another place"
    if statement and any(
        term.speaker and _person_word(term.text) and credit < SPOKEN_BY for term, credit in pairs
    ):
        return "said by another kind of speaker"
    if question.asks_whom:
        if any(
            term.speaker
            and (term.kind in _NAMES or _person_word(term.text))
            and credit < SURNAME_ONLY
            for term, credit in pairs
        ):
            return "not said by the speaker asked about"
        if math.exp(features["stance"]) < 1.0:
            return "not the act asked about"
    if placed is not None:
        return _misplaced(question, credits, speaker, placed)
    return None


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a claim holds each of the question's terms, in the question's order."""

    in_claim: Sequence[bool]  # in its own words (speaker, role, sentence), not its article's
    in_speaker: Sequence[bool]  # in its speaker's name or role


def _misplaced(
    question: ParsedQuestion,
    credits: Sequence[float],
    speaker: str | None,
    placed: Placement,
) -> str | None:
    """The checks of ``unmet`` that need to know where the claim holds each term."""
    if question.kind != "who":
        return None
    if _one_asked_many_given(question, speaker):
        return "many speakers, none named, for the one asked about"
    terms = list(zip(question.terms, credits, placed.in_claim, placed.in_speaker, strict=True))
    targets = [(credit, in_speaker) for term, credit, _, in_speaker in terms if term.target]
    if any(in_speaker for _, in_speaker in targets):
        return "said by whom the act is about"
    if targets and all(credit < 1.0 for credit, _ in targets):
        return "does not name whom the act is about"
    if question.stance not in (None, Stance.SAY):
        return None
    topic = [(credit, own) for term, credit, own, _ in terms if _is_topic(term)]
    # between IN_ARTICLE and 1: one letter off, or a surname, in the claim's own words
    held = any(own or IN_ARTICLE < credit < 1.0 for credit, own in topic)
    if topic and not held and any(0.0 < credit <= IN_ARTICLE for credit, _ in topic):
        return "says none of the statement asked about"
    return None


def _another_place(pairs: Sequence[tuple[Term, float]], said_by: str) -> bool:
    """A name or place describing the speaker asked about ("*Vietnam's* president"), not in
    the claim's speaker or role (credit under 1), whose speaker or role is qualified by a place
    of the lexicon's ("U.S. President", ``_qualifying_places``) that is none of the asked
    ones in any form."""
    asked = [
        term
        for term, credit in pairs
        if term.speaker and not term.speaker_name and term.kind in _NAMES and credit < 1.0
    ]
    if not asked:
        return False
    places = _qualifying_places(said_by)
    allowed = {alternative for term in asked for alternative in term.alternatives}
    return bool(places) and not any(places & _places_in(name.split()) for name in allowed)


def _qualifying_places(text: str) -> frozenset[str]:
    """The places (``_places_in``) a speaker and role are qualified by: "U.S. President",
    "President of France", "French"; not a place inside a longer name ("the *American*
    Journal of Medicine"): one followed by a capitalised word that is no person or role
    word."""
    words = [POSSESSIVE_END.sub("", word).strip(",;:()") for word in text.split()]
    people = person_stems()
    found: set[str] = set()
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            after = words[start + size] if start + size < len(words) else ""
            if after[:1].isupper() and stem(after.lower()) not in people:
                continue
            found |= _places_in(words[start : start + size])
    return frozenset(found)


def _places_in(words: Sequence[str]) -> frozenset[str]:
    """The lexicon's places (``places.txt``, each as its whole group) the words name whole."""
    lexicon = load_lexicon()
    chunk = " ".join(words).lower()
    return lexicon.groups_of(chunk, lexicon.places) | lexicon.groups_of(
        chunk.rstrip("."), lexicon.places
    )


def _is_topic(term: Term) -> bool:
    return not term.speaker and term.kind is not TermKind.ROLE


def _one_asked_many_given(question: ParsedQuestion, speaker: str | None) -> bool:
    """ "Which university *scientist*": a kind of speaker asked in the singular; "Scientists"
    (or "the engineers"): a plural of a person word (``speakers.plural_person_word``, the
    notion ranking's ``many_for_one`` reads) with no name before it. Written as a plural:
    "Police" or "staff" speak as one body, and may be the one asked about."""
    if not any(term.kind is TermKind.ROLE for term in question.terms):
        return False
    if not asks_for_one(question, role_plurals=True):
        return False
    words = [word for word in (speaker or "").split() if word.lower() not in _ARTICLES]
    if not words or len(words) > 2 or any(word[:1].isupper() for word in words[1:]):
        return False
    return speaker_is_plural(speaker, asked_kinds(question), collective=False)


_ARTICLES = frozenset({"the", "a", "an", "some", "several", "two", "three", "many"})


_NAMED = re.compile(r"[A-Z][\w'’\-]*[a-z][\w'’\-]*$")  # "Urbanski", "McArthur"; not "It", "NASA"


def _is_named(speaker: str | None) -> bool:
    """Whether the speaker is given by a name ("Michael Urbanski"), not a description ("the
    company", "a news source") or a pronoun."""
    words = (speaker or "").split()
    return bool(words) and len(words[-1]) > 2 and bool(_NAMED.match(words[-1]))


def _spelt_out(term: Term) -> bool:
    """A term whose absence from an article shows the article is not about it."""
    if any(character.isdigit() for character in term.text):
        return False
    if term.kind is TermKind.PLACE:
        return True
    return term.kind is TermKind.NAME and len(term.text.split()) > 1


def _person_word(word: str) -> bool:
    return stem(word.lower()) in person_stems()


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
    fits: Callable[[Row], bool] = lambda row: True,
) -> list[tuple[float, Row]]:
    """The ranked claims that answer, in their order: those at the threshold, and the first
    one when its score and part of its lead (``LEAD_CREDIT``, ``LEAD_CAP``) reach it and
    ``may_lead`` allows it (``rank.may_lead``); of those, the ones that hold what the question
    requires (``fits``: ``unmet`` found nothing)."""
    return [
        pair
        for pair in _passing(ranked, who=who, speaker=speaker, may_lead=may_lead)
        if fits(pair[1])
    ]


def _passing(
    ranked: Sequence[tuple[float, Row]],
    *,
    who: bool,
    speaker: Callable[[Row], str | None],
    may_lead: Callable[[Row], bool],
) -> list[tuple[float, Row]]:
    if not ranked:
        return []
    best, first = ranked[0]
    credit = 0.0
    if may_lead(first):
        credit = LEAD_CREDIT * min(lead(ranked, who=who, speaker=speaker), LEAD_CAP)
    answers = [ranked[0]] if best + credit >= ANSWER_THRESHOLD else []
    return answers + [pair for pair in ranked[1:] if pair[0] >= ANSWER_THRESHOLD]
