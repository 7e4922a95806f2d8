"""How common each indexed term is, known before a question comes in.

The ``search_terms`` table (migration 0003) is refreshed from the full-text index's own
vocabulary and read once into a :class:`TermStats` held in memory; retrieval uses it to put a
question's rarest words first. Only terms in at least ``MIN_DOCUMENTS`` attributions are kept:
a term that is missing is rare (or new since the last refresh), which is what retrieval needs
to know. Question words are stemmed as the index stems them (Porter for SQLite's FTS5,
Snowball English for PostgreSQL's ``english`` configuration) to find their counts.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import snowballstemmer  # type: ignore[import-untyped]
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

MIN_DOCUMENTS = 50
_TOTAL = ""  # the row of search_terms that holds the number of attributions counted
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def stemmer_for(dialect: str) -> Callable[[str], str]:
    """The stemmer the dialect's full-text index applies to words."""
    algorithm = "english" if dialect == "postgresql" else "porter"
    stem: Callable[[str], str] = snowballstemmer.stemmer(algorithm).stemWord
    return stem


@dataclass(frozen=True, slots=True)
class TermStats:
    """Document frequencies of the common indexed terms, and the number of documents."""

    documents: int
    frequencies: Mapping[str, int]
    stem: Callable[[str], str]
    loaded_at: float = field(default_factory=time.monotonic)

    def term_frequency(self, term: str) -> int:
        """Estimated attributions containing ``term`` (a word or a phrase); 0 when rare."""
        words = _WORD.findall(term.lower())
        if not words:
            return 0
        return min(self.frequencies.get(self.stem(word), 0) for word in words)

    def group_frequency(self, alternatives: Sequence[str]) -> int:
        """Estimated attributions containing any of the alternatives."""
        total = sum(self.term_frequency(term) for term in alternatives)
        return min(total, self.documents) if self.documents else total


def empty_term_stats(dialect: str) -> TermStats:
    return TermStats(documents=0, frequencies={}, stem=stemmer_for(dialect))


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


async def refresh_term_stats(session: AsyncSession, *, min_documents: int = MIN_DOCUMENTS) -> int:
    """Recount the common terms from the full-text index; returns how many were kept.

    Reads the whole index once (seconds at a million attributions): run it after bulk loads
    and periodically, not per question. The caller commits.
    """
    if _dialect(session) == "postgresql":
        vocabulary = (
            "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM attributions') "
            "WHERE ndoc >= :m"
        )
    else:
        vocabulary = "SELECT term, doc FROM attribution_fts_vocab WHERE doc >= :m"
    await session.execute(text("DELETE FROM search_terms"))
    await session.execute(
        text(f"INSERT INTO search_terms (term, documents) {vocabulary}"), {"m": min_documents}
    )
    await session.execute(
        text(
            "INSERT INTO search_terms (term, documents) SELECT :total, count(*) FROM attributions"
        ),
        {"total": _TOTAL},
    )
    kept = await session.scalar(text("SELECT count(*) FROM search_terms"))
    return int(kept or 1) - 1


async def load_term_stats(session: AsyncSession) -> TermStats:
    rows = (await session.execute(text("SELECT term, documents FROM search_terms"))).all()
    frequencies = {str(term): int(documents) for term, documents in rows}
    documents = frequencies.pop(_TOTAL, 0)
    return TermStats(
        documents=documents, frequencies=frequencies, stem=stemmer_for(_dialect(session))
    )


async def counted_documents(session: AsyncSession) -> int:
    """The number of attributions at the last refresh (0 before the first)."""
    value = await session.scalar(
        text("SELECT documents FROM search_terms WHERE term = :total"), {"total": _TOTAL}
    )
    return int(value or 0)


async def refresh_if_changed(
    session: AsyncSession, *, changed_fraction: float = 0.05, min_documents: int = MIN_DOCUMENTS
) -> bool:
    """Refresh when the number of attributions moved by more than ``changed_fraction``."""
    counted = await counted_documents(session)
    now = int(await session.scalar(text("SELECT count(*) FROM attributions")) or 0)
    if counted and abs(now - counted) <= changed_fraction * counted:
        return False
    await refresh_term_stats(session, min_documents=min_documents)
    return True


class TermStatsCache:
    """The statistics one answering process keeps, reread from the table every ``max_age_s``.

    Readers never recount: a refresh job (``refresh_if_changed``) updates the table, and every
    process picks the new counts up on its next reread.
    """

    def __init__(self, *, max_age_s: float = 600.0) -> None:
        self.max_age_s = max_age_s
        self._stats: TermStats | None = None

    async def current(self, session: AsyncSession) -> TermStats:
        stats = self._stats
        if stats is None or time.monotonic() - stats.loaded_at > self.max_age_s:
            stats = self._stats = await load_term_stats(session)
        return stats

    def forget(self) -> None:
        self._stats = None
