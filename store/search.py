"""Full-text candidate retrieval: SQLite FTS5 or PostgreSQL tsvector, same call.

A query is a list of *term groups*; a group is a set of alternatives (a word and its
variants). With term statistics (``store.term_stats``) known in advance, retrieval asks for
the attributions matching every group, then for those matching at least two of the rarest
groups, then for any of the rarest groups, until enough candidates come back. Common words are
never ORed on their own, and every step's cost is bounded by what the statistics predict:

- SQLite ranks (bm25) only steps over rare words, since bm25 first counts each word's matches
  in the whole index, and then only the ``WINDOW`` newest matches; other steps take the newest
  matches, which FTS5 reads straight off its index.
- PostgreSQL ranks (ts_rank) only steps expecting at most ``WINDOW`` matches, as it reads each
  match's row; otherwise it takes the newest matches: fetched through the GIN index when
  few are expected, found by walking the primary key backwards when they are everywhere.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import String, bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession

from store.term_stats import TermStats, empty_term_stats

TermGroups = Sequence[Sequence[str]]

WINDOW = 2_000  # newest matches a step ranks at most
RARE_DOCUMENTS = 20_000  # a group in more attributions than this is common: never ORed alone
RANKED_DOCUMENTS = 20_000  # a step ranks its matches when its words occur in no more in all
FENCED_MATCHES = 3_000  # PostgreSQL: up to this many matches are fetched through the index
PAIRED_GROUPS = 4  # "at least two of" looks at this many of the rarest groups

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _words(term: str) -> list[str]:
    return _WORD.findall(term.lower())


def _fts5_group(group: Sequence[str]) -> str | None:
    phrases = {" ".join(_words(term)) for term in group} - {""}
    return "(" + " OR ".join(f'"{p}"' for p in sorted(phrases)) + ")" if phrases else None


def _tsquery_group(group: Sequence[str]) -> str | None:
    phrases = {" <-> ".join(_words(term)) for term in group} - {""}
    return "(" + " | ".join(sorted(phrases)) + ")" if phrases else None


def fts5_expression(groups: TermGroups, *, require_all: bool) -> str | None:
    """``[["strike", "bombing"], ["bukamal"]]`` -> ``("bombing" OR "strike") AND ("bukamal")``."""
    rendered = [part for part in map(_fts5_group, groups) if part]
    if not rendered:
        return None
    return (" AND " if require_all else " OR ").join(rendered)


def tsquery_expression(groups: TermGroups, *, require_all: bool) -> str | None:
    """The same for PostgreSQL's ``to_tsquery``: phrases as ``a <-> b``."""
    rendered = [part for part in map(_tsquery_group, groups) if part]
    if not rendered:
        return None
    return (" & " if require_all else " | ").join(rendered)


def _at_least_two(groups: TermGroups, *, postgres: bool) -> str | None:
    """Attributions matching at least two of the groups: an OR of pairwise ANDs."""
    render = _tsquery_group if postgres else _fts5_group
    rendered = [part for part in map(render, groups) if part]
    if len(rendered) < 2:
        return None
    both, either = (" & ", " | ") if postgres else (" AND ", " OR ")
    return either.join(f"({a}{both}{b})" for a, b in itertools.combinations(rendered, 2))


@dataclass(frozen=True, slots=True)
class Step:
    expression: str
    ranked: bool  # by relevance; otherwise newest first
    matches: int  # expected matches, assuming words occur independently


def _expected(frequencies: Sequence[int], documents: int) -> float:
    """Attributions expected to hold all the words, were they independent of each other."""
    if not documents:
        return 0.0
    return documents * math.prod(f / documents for f in frequencies)


def _step(
    expression: str | None, frequencies: Sequence[int], matches: float, *, postgres: bool
) -> Step | None:
    if expression is None:
        return None
    # Ranking cost: SQLite's bm25 first counts every word's matches in the whole index;
    # PostgreSQL's ts_rank reads each match's row, so there only few matches may be ranked.
    ranked = matches <= WINDOW if postgres else sum(frequencies) <= RANKED_DOCUMENTS
    return Step(expression, ranked=ranked, matches=round(matches))


def plan(groups: TermGroups, stats: TermStats, *, postgres: bool) -> list[Step]:
    """The queries to try in turn, most demanding first."""
    render = tsquery_expression if postgres else fts5_expression
    usable = sorted(
        (group for group in groups if _words(" ".join(group))), key=stats.group_frequency
    )
    frequencies = [stats.group_frequency(group) for group in usable]
    if not usable:
        return []
    documents = stats.documents
    steps: list[Step | None] = []
    if len(usable) >= 2:
        every = render(usable, require_all=True)
        steps.append(
            _step(every, frequencies, _expected(frequencies, documents), postgres=postgres)
        )
    if len(usable) >= 3:
        paired = frequencies[:PAIRED_GROUPS]
        two = _at_least_two(usable[:PAIRED_GROUPS], postgres=postgres)
        matches = sum(_expected(pair, documents) for pair in itertools.combinations(paired, 2))
        steps.append(_step(two, paired, matches, postgres=postgres))
    # Any of the rarest groups, as many as stay under RARE_DOCUMENTS together (at least one):
    # in one query when its matches can be ranked, else one group at a time, rarest first, as
    # the newest matches of them all would mostly be the commonest group's.
    rare = list(itertools.accumulate(frequencies))
    count = max(1, sum(1 for total in rare if total <= RARE_DOCUMENTS))
    anyone = render(usable[:count], require_all=False)
    either = _step(anyone, frequencies[:count], rare[count - 1], postgres=postgres)
    if either is None or either.ranked or count == 1:
        steps.append(either)
    else:
        for group, frequency in zip(usable[:count], frequencies[:count], strict=True):
            alone = render([group], require_all=False)
            steps.append(_step(alone, [frequency], frequency, postgres=postgres))
    unique: dict[str, Step] = {}
    for step in steps:
        if step is not None:
            unique.setdefault(step.expression, step)
    return list(unique.values())


_SQLITE_RANKED = text(
    "SELECT rowid FROM ("
    " SELECT rowid, rank FROM attribution_fts WHERE attribution_fts MATCH :q"
    " ORDER BY rowid DESC LIMIT :window"
    ") ORDER BY rank LIMIT :n"
)
_SQLITE_NEWEST = text(
    "SELECT rowid FROM attribution_fts WHERE attribution_fts MATCH :q ORDER BY rowid DESC LIMIT :n"
)
# PostgreSQL: the question's words go into the statement as a (quoted) literal, so that every
# statement is planned for its own words; a cached generic plan, blind to how common they are,
# can pick a bitmap scan over half the table. The GIN index finds matches in no particular
# order: the inner LIMIT fences the subquery, so the planner fetches them through the index
# (at most :window of them) instead of walking the primary key past rows that do not match.
_QUERY = bindparam("q", type_=String(), literal_execute=True)
_POSTGRES_RANKED = text(
    "SELECT id FROM ("
    " SELECT id, search_vector FROM attributions"
    " WHERE search_vector @@ to_tsquery('english', :q) LIMIT :window"
    ") AS found ORDER BY ts_rank(search_vector, to_tsquery('english', :q)) DESC, id DESC"
    " LIMIT :n"
).bindparams(_QUERY)
_POSTGRES_NEWEST_FEW = text(
    "SELECT id FROM ("
    " SELECT id FROM attributions WHERE search_vector @@ to_tsquery('english', :q) LIMIT :window"
    ") AS found ORDER BY id DESC LIMIT :n"
).bindparams(_QUERY)
# Matches everywhere: walking the primary key backwards finds the newest ones at once.
_POSTGRES_NEWEST_MANY = text(
    "SELECT id FROM attributions WHERE search_vector @@ to_tsquery('english', :q)"
    " ORDER BY id DESC LIMIT :n"
).bindparams(_QUERY)


async def _fetch(session: AsyncSession, step: Step, limit: int, *, postgres: bool) -> list[int]:
    parameters: dict[str, object] = {"q": step.expression, "n": limit}
    if not postgres:
        query = _SQLITE_RANKED if step.ranked else _SQLITE_NEWEST
        if step.ranked:
            parameters["window"] = WINDOW
    elif step.ranked:
        query = _POSTGRES_RANKED
        parameters["window"] = WINDOW
    elif step.matches <= FENCED_MATCHES:
        query = _POSTGRES_NEWEST_FEW
        parameters["window"] = FENCED_MATCHES
    else:
        query = _POSTGRES_NEWEST_MANY
    rows = await session.execute(query, parameters)
    return [row[0] for row in rows]


async def search_attribution_ids(
    session: AsyncSession,
    groups: TermGroups,
    *,
    limit: int = 200,
    stats: TermStats | None = None,
) -> list[int]:
    """Ids of attributions matching the groups, best first, at most ``limit``.

    Without ``stats`` every word counts as rare: right for small databases, slow for big ones.
    """
    postgres = session.get_bind().dialect.name == "postgresql"
    known = stats or empty_term_stats(session.get_bind().dialect.name)
    found: dict[int, None] = {}
    for step in plan(groups, known, postgres=postgres):
        for attribution_id in await _fetch(session, step, limit, postgres=postgres):
            found.setdefault(attribution_id)
        if len(found) >= limit // 4:
            break
    return list(found)[:limit]
