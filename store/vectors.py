"""Attribution vectors: stored beside their attributions, searched through an index in memory.

Neither vector extension can be used here: this CPython's ``sqlite3`` is built without
loadable extensions (so no sqlite-vec), and Debian 12 packages no pgvector for PostgreSQL 15.
The vectors are plain rows on both databases (``attribution_vectors``), and ``VectorIndex``
keeps their sign bits in memory (48 bytes an attribution, 48 MB at a million), reading only
rows it has not seen, and finds nearest neighbours by Hamming distance in a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Attribution, AttributionVector

WORDS = 6  # 384 sign bits as 64-bit words
READ_CHUNK = 50_000


@dataclass(frozen=True, slots=True)
class NewVector:
    attribution_id: int
    embedding: bytes  # int8 components
    bits: bytes  # sign bits


async def add_vectors(session: AsyncSession, vectors: Sequence[NewVector], *, model: str) -> None:
    if not vectors:
        return
    await session.execute(
        insert(AttributionVector),
        [
            {
                "attribution_id": v.attribution_id,
                "model": model,
                "embedding": v.embedding,
                "bits": v.bits,
            }
            for v in vectors
        ],
    )


async def vector_count(session: AsyncSession) -> int:
    """How many vectors are stored (a full count: once, not for every question)."""
    return int(await session.scalar(select(func.count()).select_from(AttributionVector)) or 0)


async def embeddings_of(session: AsyncSession, attribution_ids: Sequence[int]) -> dict[int, bytes]:
    """The int8 embeddings of those attributions that have one."""
    if not attribution_ids:
        return {}
    rows = await session.execute(
        select(AttributionVector.attribution_id, AttributionVector.embedding).where(
            AttributionVector.attribution_id.in_(list(attribution_ids))
        )
    )
    return {attribution_id: embedding for attribution_id, embedding in rows}


@dataclass(frozen=True, slots=True)
class UnembeddedClaim:
    id: int
    content: str
    sentence: str


async def claims_without_vectors(
    session: AsyncSession, *, model: str, limit: int
) -> list[UnembeddedClaim]:
    """Attributions stored without an embedding (before migration 0007, or with embeddings
    turned off), or with one of another ``model`` (another text embedded), oldest first."""
    rows = await session.execute(
        select(Attribution.id, Attribution.content, Attribution.sentence)
        .outerjoin(AttributionVector, AttributionVector.attribution_id == Attribution.id)
        .where(or_(AttributionVector.id.is_(None), AttributionVector.model != model))
        .order_by(Attribution.id)
        .limit(limit)
    )
    return [UnembeddedClaim(id_, content, sentence) for id_, content, sentence in rows]


async def replace_vectors(
    session: AsyncSession, vectors: Sequence[NewVector], *, model: str
) -> None:
    """Store the vectors in place of those the attributions have (of another model): new rows,
    so that an index in memory reads them as new."""
    ids = [v.attribution_id for v in vectors]
    if ids:
        await session.execute(
            delete(AttributionVector).where(AttributionVector.attribution_id.in_(ids))
        )
    await add_vectors(session, vectors, model=model)


class VectorIndex:
    """Every stored vector's sign bits, word-major (one row of 64-bit words per word position,
    so the Hamming distance to a question streams through memory once)."""

    def __init__(self) -> None:
        # (ids, codes, size) in one attribute: a search in a worker thread reads it at once
        # while a refresh may be publishing grown arrays.
        self._state: tuple[npt.NDArray[np.int64], npt.NDArray[np.uint64], int] = (
            np.zeros(0, dtype=np.int64),
            np.zeros((WORDS, 0), dtype=np.uint64),
            0,
        )
        self._last_row = 0

    def __len__(self) -> int:
        return self._state[2]

    async def refresh(self, session: AsyncSession) -> int:
        """Read the vectors stored since the last refresh; how many were new."""
        added = 0
        while True:
            rows = (
                await session.execute(
                    select(
                        AttributionVector.id,
                        AttributionVector.attribution_id,
                        AttributionVector.bits,
                    )
                    .where(AttributionVector.id > self._last_row)
                    .order_by(AttributionVector.id)
                    .limit(READ_CHUNK)
                )
            ).all()
            if not rows:
                return added
            ids = np.fromiter((row[1] for row in rows), dtype=np.int64, count=len(rows))
            codes = np.frombuffer(b"".join(row[2] for row in rows), dtype=np.uint64)
            self._append(ids, codes.reshape(len(rows), WORDS).T)
            self._last_row = rows[-1][0]
            added += len(rows)
            if len(rows) < READ_CHUNK:
                return added

    def _append(self, ids: npt.NDArray[np.int64], codes: npt.NDArray[np.uint64]) -> None:
        known, known_codes, size = self._state
        needed = size + len(ids)
        if needed > len(known):
            capacity = max(needed, 2 * len(known), 1024)
            grown = np.zeros(capacity, dtype=np.int64)
            grown[:size] = known[:size]
            grown_codes = np.zeros((WORDS, capacity), dtype=np.uint64)
            grown_codes[:, :size] = known_codes[:, :size]
            known, known_codes = grown, grown_codes
        known[size:needed] = ids  # past what a search reads until the state below is published
        known_codes[:, size:needed] = codes
        self._state = (known, known_codes, needed)

    def nearest(self, bits: bytes, k: int) -> list[int]:
        """Attribution ids of the ``k`` vectors nearest to ``bits`` (ties: all of the last
        distance that fit), nearest first. Ids of attributions deleted since may be among them."""
        ids, codes, size = self._state
        if not size or k <= 0:
            return []
        query = np.frombuffer(bits, dtype=np.uint64)
        distance = np.bitwise_count(codes[0, :size] ^ query[0]).astype(np.uint16)
        for word in range(1, WORDS):
            distance += np.bitwise_count(codes[word, :size] ^ query[word])
        if size > k:
            # The k-th smallest distance from a histogram: cheaper than a partition of 1M.
            counts = np.cumsum(np.bincount(distance, minlength=WORDS * 64 + 1))
            cut = int(np.searchsorted(counts, k))
            chosen = np.flatnonzero(distance <= cut)
        else:
            chosen = np.arange(size)
        order = chosen[np.argsort(distance[chosen], kind="stable")][:k]
        return [int(i) for i in ids[order]]
