"""The semantic signal in answering: a question's meaning against each claim's.

A question and every stored claim's sentence (``bot.embedding.claim_text``) are embedded by the
same sentence model. Retrieval adds the claims nearest in meaning to the full-text candidates,
so that a claim sharing no rare word with the question ("insisted the operation complied with
international law" for "who claimed the raid was legal") is still scored. In ranking the cosine
is a feature of the learned ranker (``meaning``, with ``meaning_known`` the level it is
measured from: ``data/ranker.json``, learned on the tune half by ``bench/train_ranker.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from bot.answer.question import ParsedQuestion
from bot.embedding import SentenceEncoder, Vectors, from_int8, to_bits
from store.vectors import VectorIndex

SEARCHED = 64  # nearest by sign bits, re-scored by their int8 cosine
NEIGHBOURS = 8  # of those, the nearest by cosine (at least NEAR) join the full-text candidates
# A claim's sentence further from the question than this is not worth scoring for its meaning.
# The sentence holds its speaker's name and role, which a who-question does not say: the
# issue's own example is at 0.24 ("who claimed the raid was legal?", docs/benchmarks.md); on
# the tune half 93 % of the right claims' sentences are at 0.2 or nearer.
NEAR = 0.2


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


def question_text(parsed: ParsedQuestion) -> str:
    """What is embedded of a question: the question as typed."""
    return parsed.text
