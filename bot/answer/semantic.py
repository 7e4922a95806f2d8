"""The semantic signal in answering: a question's meaning against each claim's.

A question and every stored claim are embedded by the same sentence model (``bot.embedding``).
Retrieval adds the claims nearest in meaning to the full-text candidates, so that a claim
sharing no rare word with the question ("insisted the operation complied with international
law" for "who claimed the raid was legal") is still scored. Scoring credits a topic word the
claim does not hold, in any spelling, by how close the claim's meaning is to the question's
(``paraphrase_credit``): names still have to be found.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from bot.answer.question import ParsedQuestion, TermKind
from bot.embedding import SentenceEncoder, Vectors, from_int8, to_bits
from bot.extract.model import Stance
from store.vectors import VectorIndex

SEARCHED = 64  # nearest by sign bits, re-scored by their int8 cosine
NEIGHBOURS = 8  # of those, the nearest by cosine (at least NEAR) join the full-text candidates
# Cosines of all-MiniLM-L6-v2 between a question as typed and a claim's content: under LOW
# little in common, from HIGH the same statement in other words. Chosen on the tune half
# (docs/benchmarks.md); a lower LOW credits claims of the same event that say something else.
LOW = 0.4
HIGH = 0.8
NEAR = 0.3  # a claim further from the question than this is not worth scoring for its meaning
PARAPHRASE_MAX = 0.8  # credit a word found only through the claim's meaning gets at most


@dataclass(slots=True)
class Semantic:
    """The sentence model and the index of stored vectors, shared by a service's questions."""

    encoder: SentenceEncoder
    index: VectorIndex = field(default_factory=VectorIndex)

    def look_up(self, question: str) -> tuple[Vectors, list[int]]:
        """The question's vector and the claims nearest to it by sign bits (CPU only: run in a
        worker thread, beside the full-text search)."""
        vector = self.encoder.encode([question])[0]
        return vector, self.index.nearest(to_bits(vector[None, :])[0], SEARCHED)


@dataclass(frozen=True, slots=True)
class QuestionMeaning:
    vector: Vectors
    neighbours: list[int]  # attribution ids nearest in meaning, nearest first
    similarities: dict[int, float]  # cosines known so far, by attribution id


def nearest_in_meaning(
    looked_up: tuple[Vectors, list[int]], embeddings: Mapping[int, bytes]
) -> QuestionMeaning:
    """What ``Semantic.look_up`` found, re-scored by the stored int8 cosines (``embeddings``,
    by attribution id, of the claims it found): the nearest."""
    vector, _ = looked_up
    similarities = cosines(vector, embeddings)
    close = [i for i in similarities if similarities[i] >= NEAR]
    nearest = sorted(close, key=lambda i: -similarities[i])[:NEIGHBOURS]
    return QuestionMeaning(vector, nearest, similarities)


def missing_similarities(meaning: QuestionMeaning, attribution_ids: Sequence[int]) -> list[int]:
    """Those of the claims whose cosine with the question is not known yet."""
    return [i for i in attribution_ids if i not in meaning.similarities]


def similarities_with(
    meaning: QuestionMeaning, attribution_ids: Sequence[int], embeddings: Mapping[int, bytes]
) -> dict[int, float]:
    """The question's cosine with each of those claims that has a vector; ``embeddings``: the
    vectors of ``missing_similarities``."""
    meaning.similarities.update(cosines(meaning.vector, embeddings))
    return {i: meaning.similarities[i] for i in attribution_ids if i in meaning.similarities}


def cosines(vector: Vectors, embeddings: Mapping[int, bytes]) -> dict[int, float]:
    if not embeddings:
        return {}
    ids = list(embeddings)
    stored = from_int8([embeddings[i] for i in ids])
    values = stored @ vector / np.maximum(np.linalg.norm(stored, axis=1), 1e-6)
    return {i: float(v) for i, v in zip(ids, values, strict=True)}


def paraphrase_credit(similarity: float) -> float:
    """Credit for a topic word the claim says in other words, from the claims' cosine."""
    share = (similarity - LOW) / (HIGH - LOW)
    return PARAPHRASE_MAX * min(1.0, max(0.0, share))


def with_paraphrase(
    question: ParsedQuestion, claim_stance: str, credits: Sequence[float], similarity: float
) -> list[float]:
    """Each plain word's credit raised to what the claim's meaning earns it; names, places and
    the speaker's description must still be found as written. A claim whose article lacks a
    name of the question is about something else, however close in meaning; and what a claim
    says tells nothing of whether it was denied (or claimed, ...) when that is asked and the
    claim was said otherwise: its stance decides."""
    terms = question.terms
    if any(term.is_name and credit == 0.0 for term, credit in zip(terms, credits, strict=True)):
        return list(credits)
    asked = question.stance
    marked = asked is not None and asked is not Stance.SAY and not question.asks_both_sides
    if marked and asked is not None and claim_stance != asked.value:
        return list(credits)
    meant = paraphrase_credit(similarity)
    return [
        max(credit, meant) if term.kind is TermKind.WORD and not term.speaker else credit
        for term, credit in zip(terms, credits, strict=True)
    ]


def question_text(parsed: ParsedQuestion) -> str:
    """What is embedded of a question: the question as typed."""
    return parsed.text
