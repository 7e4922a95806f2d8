"""Re-ranking candidate claims against a question with rapidfuzz, and the answer threshold."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from unidecode import unidecode

from bot.answer.lexicon import OPPOSED_STANCES
from bot.answer.question import ParsedQuestion, Term
from bot.extract.model import Stance

ANSWER_THRESHOLD = 62.0  # below this a claim is at most "related"
RELATED_THRESHOLD = 35.0
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Claim:
    """The parts of a stored attribution that ranking looks at."""

    speaker: str | None
    speaker_role: str | None
    stance: str
    content: str
    sentence: str
    title: str


def stem(word: str) -> str:
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + keep
    return word


def _words(text: str) -> list[str]:
    return _WORD.findall(unidecode(text).lower())


def term_found(term: Term, text_words: list[str], stems: set[str], joined: str) -> bool:
    for alternative in term.alternatives:
        if " " in alternative:
            if f" {alternative} " in joined:
                return True
        elif stem(alternative) in stems:
            return True
    if len(term.text) >= 5 and text_words:  # spelling variants of names: Zelensky, Zelenskyy
        best = process.extractOne(term.text.lower(), text_words, scorer=fuzz.ratio)
        return best is not None and best[1] >= 85
    return False


def score_claim(question: ParsedQuestion, claim: Claim) -> float:
    """0-100: how well the claim answers the question."""
    about = " ".join(
        part for part in (claim.speaker, claim.speaker_role, claim.content, claim.sentence) if part
    )
    text_words = _words(about + " " + claim.title)
    stems = {stem(w) for w in text_words}
    joined = " " + " ".join(text_words) + " "
    if not question.terms:
        return 0.0
    weights = [2.0 if term.is_name else 1.0 for term in question.terms]
    found = [term_found(term, text_words, stems, joined) for term in question.terms]
    coverage = sum(w for w, f in zip(weights, found, strict=True) if f) / sum(weights)
    names_missing = any(
        term.is_name and not f for term, f in zip(question.terms, found, strict=True)
    )
    topic = " ".join(term.text for term in question.terms)
    similarity = fuzz.token_set_ratio(topic.lower(), unidecode(about).lower())
    score = 80.0 * coverage + 20.0 * similarity / 100.0
    if names_missing:
        score *= 0.7
    score *= _stance_factor(question, claim)
    if question.kind == "who" and not claim.speaker:
        score *= 0.6
    return max(0.0, min(100.0, score))


def _stance_factor(question: ParsedQuestion, claim: Claim) -> float:
    asked = question.stance
    if asked is None or asked is Stance.SAY:
        return 1.0
    if claim.stance == asked.value:
        return 1.1
    if claim.stance in {s.value for s in OPPOSED_STANCES.get(asked, frozenset())}:
        return 0.3
    return 0.85
