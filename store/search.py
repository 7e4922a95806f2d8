"""Full-text candidate retrieval: SQLite FTS5 or PostgreSQL tsvector, same call.

A query is a list of *term groups*; a group is a set of alternatives (a word and its
variants). Retrieval first asks for attributions matching every group, then relaxes to any
group, until enough candidates come back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

TermGroups = Sequence[Sequence[str]]

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _words(term: str) -> list[str]:
    return _WORD.findall(term.lower())


def fts5_expression(groups: TermGroups, *, require_all: bool) -> str | None:
    """``[["strike", "bombing"], ["bukamal"]]`` -> ``("strike" OR "bombing") AND ("bukamal")``."""
    rendered = []
    for group in groups:
        phrases = {" ".join(_words(term)) for term in group} - {""}
        if phrases:
            rendered.append("(" + " OR ".join(f'"{p}"' for p in sorted(phrases)) + ")")
    if not rendered:
        return None
    return (" AND " if require_all else " OR ").join(rendered)


def tsquery_expression(groups: TermGroups, *, require_all: bool) -> str | None:
    """The same for PostgreSQL's ``to_tsquery``: phrases as ``a <-> b``."""
    rendered = []
    for group in groups:
        phrases = {" <-> ".join(_words(term)) for term in group} - {""}
        if phrases:
            rendered.append("(" + " | ".join(sorted(phrases)) + ")")
    if not rendered:
        return None
    return (" & " if require_all else " | ").join(rendered)


async def _sqlite_ids(session: AsyncSession, expression: str, limit: int) -> list[int]:
    rows = await session.execute(
        text(
            "SELECT rowid FROM attribution_fts WHERE attribution_fts MATCH :q "
            "ORDER BY rank LIMIT :n"
        ),
        {"q": expression, "n": limit},
    )
    return [row[0] for row in rows]


async def _postgres_ids(session: AsyncSession, expression: str, limit: int) -> list[int]:
    rows = await session.execute(
        text(
            "SELECT id FROM attributions, to_tsquery('english', :q) AS query "
            "WHERE search_vector @@ query "
            "ORDER BY ts_rank(search_vector, query) DESC LIMIT :n"
        ),
        {"q": expression, "n": limit},
    )
    return [row[0] for row in rows]


async def search_attribution_ids(
    session: AsyncSession, groups: TermGroups, *, limit: int = 200
) -> list[int]:
    """Ids of attributions matching the groups, best first, at most ``limit``."""
    postgres = session.get_bind().dialect.name == "postgresql"
    render = tsquery_expression if postgres else fts5_expression
    fetch = _postgres_ids if postgres else _sqlite_ids
    found: list[int] = []
    for require_all in (True, False):
        if require_all and len(groups) < 2:
            continue
        expression = render(groups, require_all=require_all)
        if expression is None:
            return found
        for attribution_id in await fetch(session, expression, limit):
            if attribution_id not in found:
                found.append(attribution_id)
        if len(found) >= limit // 4:
            break
    return found[:limit]
