"""The candidates of a question, fetched from the store and handed to the pure ranking of
``bot.answer``: full-text search, the claims nearest in meaning, the claims of a stance asked
about in the articles found first."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from bot.answer.answerer import (
    ARTICLE_CONTEXT,
    CANDIDATES,
    STANCE_SIBLINGS,
    answer_set,
    rank_rows,
    rank_rows_flagged,
    read_with_candidates,
    stance_articles,
)
from bot.answer.model import AnswerSet
from bot.answer.question import ParsedQuestion, parse_question
from bot.answer.semantic import (
    QuestionMeaning,
    Semantic,
    missing_similarities,
    nearest_in_meaning,
    question_text,
    similarities_with,
)
from bot.embedding import Vectors
from bot.services.respelling import respelt_by_store
from store.attributions import StoredClaim, claims_by_ids, claims_with_stances
from store.search import search_attribution_ids
from store.term_stats import TermStats
from store.vectors import embeddings_of


async def answer_question(
    session: AsyncSession,
    question: str,
    *,
    limit: int = 3,
    offset: int = 0,
    term_stats: TermStats | None = None,
    semantic: Semantic | None = None,
) -> AnswerSet:
    parsed = parse_question(question)
    read, rows, meanings = await candidates_in_meaning(
        session, parsed, term_stats=term_stats, semantic=semantic
    )
    flagged = rank_rows_flagged(read, rows, meanings, typed_names=read.text == parsed.text)
    ranked = [(score, row) for score, row, _ in flagged]
    leading = frozenset(row.id for _, row, verdict in flagged if verdict.leads)
    unfit = frozenset(row.id for _, row, verdict in flagged if verdict.unmet)
    return answer_set(parsed, ranked, limit=limit, offset=offset, may_lead=leading, unfit=unfit)


async def ranked_claims(
    session: AsyncSession,
    parsed: ParsedQuestion,
    *,
    term_stats: TermStats | None = None,
    semantic: Semantic | None = None,
) -> list[tuple[float, StoredClaim]]:
    """Candidates from full-text search and, with ``semantic``, the claims nearest in meaning,
    scored against the question, best first."""
    parsed, rows, meanings = await candidates_in_meaning(
        session, parsed, term_stats=term_stats, semantic=semantic
    )
    return rank_rows(parsed, rows, meanings)


async def candidates_in_meaning(
    session: AsyncSession,
    parsed: ParsedQuestion,
    *,
    term_stats: TermStats | None = None,
    semantic: Semantic | None = None,
) -> tuple[ParsedQuestion, list[StoredClaim], dict[int, float] | None]:
    """``candidates`` with, given ``semantic``, the claims nearest to the question in meaning
    among them, and the question's cosine with each candidate by attribution id. The question,
    respelt as the store spells its names (``respelling.py``), is embedded and its neighbours
    searched in a worker thread while full-text search runs."""
    parsed = await respelt_by_store(session, parsed, term_stats=term_stats)
    if semantic is None or not parsed.terms:
        parsed, rows = await candidates(session, parsed, term_stats=term_stats)
        return parsed, rows, None
    await semantic.index.refresh(session)
    looking = asyncio.ensure_future(asyncio.to_thread(semantic.look_up, question_text(parsed)))
    meanings: list[QuestionMeaning] = []

    async def nearest() -> Sequence[int]:
        meanings.append(await rescored(session, await looking))
        return meanings[0].neighbours

    try:
        parsed, rows = await candidates(session, parsed, term_stats=term_stats, nearest=nearest)
    finally:
        if not looking.done():
            looking.cancel()
    if not meanings:
        return parsed, rows, None
    return parsed, rows, await similarities_of(session, meanings[0], [row.id for row in rows])


async def candidates(
    session: AsyncSession,
    parsed: ParsedQuestion,
    *,
    term_stats: TermStats | None = None,
    nearest: Callable[[], Awaitable[Sequence[int]]] | None = None,
) -> tuple[ParsedQuestion, list[StoredClaim]]:
    """The claims full-text search finds for the question, then those ``nearest`` gives after
    it (the claims nearest in meaning) not found already, and the question as read with their
    help (a lower-case question's names: ``truecase.py``)."""
    if not parsed.terms:
        return parsed, []
    ids = await search_attribution_ids(
        session, parsed.term_groups, limit=CANDIDATES, stats=term_stats
    )
    if nearest is not None:
        ids = list(dict.fromkeys([*ids, *await nearest()]))
    rows = await claims_by_ids(session, ids, opening=ARTICLE_CONTEXT)
    rows += await _same_stance_in_articles(session, parsed, rows)
    read = read_with_candidates(parsed, rows)
    if _respelt(read, parsed):
        # a name typed wrong, read as the candidates spell it ("Kipchoeg": "Kipchoge"): its
        # claims were not among those the misspelling found
        more = await search_attribution_ids(
            session, read.term_groups, limit=CANDIDATES, stats=term_stats
        )
        known = {row.id for row in rows}
        fresh = [found for found in more if found not in known]
        rows += await claims_by_ids(session, fresh, opening=ARTICLE_CONTEXT)
    return read, list(rows)


def _respelt(read: ParsedQuestion, typed: ParsedQuestion) -> bool:
    """Whether the question as read spells a word otherwise than typed: not its capitals, nor
    a possessive typed without its apostrophe ("lams": "Lam's")."""
    typed_words = {word for term in typed.terms for word in term.text.lower().split()}
    read_words = {word for term in read.terms for word in term.text.lower().split()}
    return any(f"{word}s" not in typed_words for word in read_words - typed_words)


async def _same_stance_in_articles(
    session: AsyncSession, parsed: ParsedQuestion, rows: Sequence[StoredClaim]
) -> list[StoredClaim]:
    articles = stance_articles(parsed, rows)
    if articles is None or parsed.stance is None:
        return []
    return await claims_with_stances(
        session,
        articles,
        [parsed.stance.value],
        excluding=[row.id for row in rows],
        limit=STANCE_SIBLINGS,
        opening=ARTICLE_CONTEXT,
    )


async def question_meaning(
    session: AsyncSession, semantic: Semantic, question: str
) -> QuestionMeaning:
    """Embed the question and find the stored claims nearest to it in meaning."""
    await semantic.index.refresh(session)
    return await rescored(session, semantic.look_up(question))


async def rescored(session: AsyncSession, looked_up: tuple[Vectors, list[int]]) -> QuestionMeaning:
    """What ``Semantic.look_up`` found, re-scored by the stored int8 cosines: the nearest."""
    _, searched = looked_up
    return nearest_in_meaning(looked_up, await embeddings_of(session, searched))


async def similarities_of(
    session: AsyncSession, meaning: QuestionMeaning, attribution_ids: Sequence[int]
) -> dict[int, float]:
    """The question's cosine with each of those claims that has a vector."""
    missing = missing_similarities(meaning, attribution_ids)
    return similarities_with(meaning, attribution_ids, await embeddings_of(session, missing))
