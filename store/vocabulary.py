"""What the store holds of a given set of words, by index: the full-text index's terms and the
words of stored speakers' names. Never the whole vocabulary: a question's spellings only."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import bindparam, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Speaker, SpeakerWord

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


async def speaker_words_held(session: AsyncSession, words: Sequence[str]) -> set[str]:
    """Those of the name words (``name_skeleton``'s spelling) some stored speaker has."""
    if not words:
        return set()
    query = select(SpeakerWord.word).where(SpeakerWord.word.in_(sorted(set(words)))).distinct()
    return set(await session.scalars(query))


async def names_beside(
    session: AsyncSession, beside: str, words: Sequence[str], *, limit: int = 50
) -> dict[str, list[str]]:
    """For each of the name words a stored speaker has together with ``beside``, the names of
    such speakers."""
    if not words:
        return {}
    other = SpeakerWord.__table__.alias("other")
    query = (
        select(SpeakerWord.word, Speaker.name)
        .join(other, other.c.speaker_id == SpeakerWord.speaker_id)
        .join(Speaker, Speaker.id == SpeakerWord.speaker_id)
        .where(other.c.word == beside, SpeakerWord.word.in_(sorted(set(words))))
        .limit(limit)
    )
    found: dict[str, list[str]] = defaultdict(list)
    for word, name in await session.execute(query):
        found[str(word)].append(str(name))
    return dict(found)
