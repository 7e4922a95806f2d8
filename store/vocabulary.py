"""What the store holds of a given set of words, by index: the full-text index's terms and the
words of stored speakers' names. Never the whole vocabulary: a question's spellings only."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession

_TERM = re.compile(r"[a-z0-9]+")
LEXEME_ROWS = 200  # PostgreSQL: claims read to count the terms, at most

_SQLITE_TERMS = text("SELECT term, doc FROM attribution_fts_vocab WHERE term IN :terms").bindparams(
    bindparam("terms", expanding=True)
)


def _postgres_terms(terms: Sequence[str]) -> str:
    """ts_stat over the claims the GIN index finds for any of the terms (lexemes as stored,
    the ``simple`` configuration: not stemmed again)."""
    query = " | ".join(terms)
    inner = (
        "SELECT search_vector FROM attributions"
        f" WHERE search_vector @@ to_tsquery(''simple'', ''{query}'') LIMIT {LEXEME_ROWS}"
    )
    return f"SELECT word, ndoc FROM ts_stat('{inner}') WHERE word = ANY(:terms)"


async def claims_with_terms(session: AsyncSession, terms: Sequence[str]) -> dict[str, int]:
    """How many claims hold each of the indexed terms (stemmed as the index stems), of those
    any claim holds. On PostgreSQL a count stops at ``LEXEME_ROWS``."""
    wanted = sorted({term for term in terms if _TERM.fullmatch(term)})
    if not wanted:
        return {}
    if session.get_bind().dialect.name == "postgresql":
        rows = await session.execute(text(_postgres_terms(wanted)), {"terms": wanted})
    else:
        rows = await session.execute(_SQLITE_TERMS, {"terms": wanted})
    return {str(term): int(count) for term, count in rows}


_SQLITE_TEXTS = text(
    "SELECT search_text FROM attributions WHERE id IN"
    " (SELECT rowid FROM attribution_fts WHERE attribution_fts MATCH :q LIMIT :n)"
)
_POSTGRES_TEXTS = text(
    "SELECT search_text FROM attributions WHERE search_vector @@ to_tsquery('simple', :q) LIMIT :n"
)


async def texts_with_term(session: AsyncSession, term: str, *, limit: int = 5) -> list[str]:
    """The searched text of some claims that hold the indexed term: how they write it."""
    if not _TERM.fullmatch(term):
        return []
    postgres = session.get_bind().dialect.name == "postgresql"
    query = _POSTGRES_TEXTS if postgres else _SQLITE_TEXTS
    found = await session.scalars(query, {"q": term if postgres else f'"{term}"', "n": limit})
    return [str(written) for written in found]


_HELD_WORDS = text("SELECT DISTINCT word FROM speaker_words WHERE word IN :words").bindparams(
    bindparam("words", expanding=True)
)
_NAMES_BESIDE = text(
    "SELECT a.word, s.name FROM speaker_words AS b"
    " JOIN speaker_words AS a ON a.speaker_id = b.speaker_id"
    " JOIN speakers AS s ON s.id = a.speaker_id"
    " WHERE b.word = :beside AND a.word <> :beside LIMIT :n"
)


async def speaker_words_held(session: AsyncSession, words: Sequence[str]) -> set[str]:
    """Those of the name words (``name_skeleton``'s spelling) some stored speaker has."""
    if not words:
        return set()
    return {str(word) for word in await session.scalars(_HELD_WORDS, {"words": sorted(set(words))})}


async def names_beside(
    session: AsyncSession, beside: str, *, limit: int = 500
) -> dict[str, list[str]]:
    """The other words of the stored speakers' names that have the word ``beside``, each with
    the names that have it (a speaker has a few words: the cost is one row per speaker)."""
    found: dict[str, list[str]] = defaultdict(list)
    for word, name in await session.execute(_NAMES_BESIDE, {"beside": beside, "n": limit}):
        found[str(word)].append(str(name))
    return dict(found)
