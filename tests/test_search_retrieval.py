"""Candidate retrieval on a small generated corpus, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alembic import command
from bench.answer_latency import load
from bench.synthetic import COMMON_WORDS, Claim, Corpus, Vocabulary, attribution_values, questions
from bot.services.retrieval import answer_question
from store.db import alembic_config, create_engine, session_factory, upgrade_to_head
from store.models import Article, Attribution
from store.search import RARE_DOCUMENTS, plan, search_attribution_ids
from store.term_stats import TermStats, load_term_stats, refresh_term_stats

ATTRIBUTIONS = 1_500


@pytest.fixture
async def corpus(database_url: str) -> AsyncIterator[tuple[str, list[tuple[int, Claim]]]]:
    await upgrade_to_head(database_url)
    _, sample = await load(database_url, ATTRIBUTIONS)
    engine = create_engine(database_url)
    try:
        async with session_factory(engine).begin() as session:
            await refresh_term_stats(session, min_documents=1)
    finally:
        await engine.dispose()
    yield database_url, sample


@pytest.fixture
async def session(
    corpus: tuple[str, list[tuple[int, Claim]]],
) -> AsyncIterator[AsyncSession]:
    engine = create_engine(corpus[0])
    try:
        async with session_factory(engine)() as opened:
            yield opened
    finally:
        await engine.dispose()


def _rare_words(claim: Claim) -> list[str]:
    return [w for w in claim.topic if w not in COMMON_WORDS]


async def test_every_claim_is_found_by_its_speaker_and_topic(
    corpus: tuple[str, list[tuple[int, Claim]]], session: AsyncSession
) -> None:
    stats = await load_term_stats(session)
    assert stats.documents == ATTRIBUTIONS
    for attribution_id, claim in random.Random(5).sample(corpus[1], 25):
        surname = claim.speaker.split()[-1]
        groups = [[surname], *([w] for w in claim.topic[:3])]
        found = await search_attribution_ids(session, groups, limit=40, stats=stats)
        assert attribution_id in found, (claim.sentence, groups)


async def test_a_word_found_nowhere_relaxes_the_query(
    corpus: tuple[str, list[tuple[int, Claim]]], session: AsyncSession
) -> None:
    stats = await load_term_stats(session)
    attribution_id, claim = next(pair for pair in corpus[1] if len(_rare_words(pair[1])) >= 2)
    absent = Vocabulary.build().absent_names[0].lower()
    groups = [[absent], [claim.speaker.split()[-1]], *([w] for w in _rare_words(claim)[:2])]
    assert stats.term_frequency(absent) == 0
    found = await search_attribution_ids(session, groups, limit=40, stats=stats)
    assert attribution_id in found


async def _count_containing(session: AsyncSession, word: str) -> int:
    query = select(func.count()).where(Attribution.search_text.like(f"%{word}%"))
    return int(await session.scalar(query) or 0)


async def test_term_stats_follow_ingest_and_delete(session: AsyncSession) -> None:
    word = "security"  # a common word of the generator; no generated word contains it
    stats = await load_term_stats(session)
    assert stats.term_frequency(word) == await _count_containing(session, word) > 0
    article_id = await session.scalar(
        select(Attribution.article_id).where(Attribution.search_text.like(f"%{word}%")).limit(1)
    )
    await session.execute(delete(Article).where(Article.id == article_id))
    claim = Claim(
        "Ana Quimby",
        "head of the Port Authority",
        "deny",
        "denied",
        ["zorblaxian", "harbour", "closure"],
        "Valmora",
        None,
    )
    values = next(Corpus(Vocabulary.build(scale=0.05)).articles(1, start=10**6))[0]
    article = Article(**values)
    session.add(article)
    await session.flush()
    rows = attribution_values(article.id, article.title, [claim, claim], speaker_ids={})
    session.add_all(Attribution(**row) for row in rows)
    await session.flush()
    await refresh_term_stats(session, min_documents=1)
    await session.commit()
    after = await load_term_stats(session)
    assert after.documents == stats.documents - 5 + 2
    assert after.term_frequency(word) == await _count_containing(session, word)
    assert after.term_frequency(word) < stats.term_frequency(word)
    assert after.term_frequency("zorblaxian") == 2
    found = await search_attribution_ids(session, [["zorblaxian"], ["quimby"]], stats=after)
    assert sorted(found) == sorted(
        row.id
        for row in await session.scalars(
            select(Attribution).where(Attribution.article_id == article.id)
        )
    )


async def test_generated_questions_are_answered_through_the_answerer(
    corpus: tuple[str, list[tuple[int, Claim]]], session: AsyncSession
) -> None:
    stats = await load_term_stats(session)
    asked = [q for q in questions(corpus[1], Vocabulary.build(), count=40) if q.expected]
    hits = 0
    for question in asked:
        answers = await answer_question(session, question.text, term_stats=stats)
        hits += question.expected in {a.attribution_id for a in answers.answers}
    assert hits >= 0.9 * len(asked)


async def test_common_words_are_never_ored_alone(session: AsyncSession) -> None:
    stats = await load_term_stats(session)
    common = max(stats.frequencies, key=lambda term: stats.frequencies[term])
    bulky = TermStats(
        documents=10 * RARE_DOCUMENTS,
        frequencies={**stats.frequencies, common: 5 * RARE_DOCUMENTS},
        stem=stats.stem,
    )
    steps = plan([[common], ["zorblaxian"], ["quimby"]], bulky, postgres=False)
    expressions = [step.expression for step in steps]
    assert expressions[0] == f'("zorblaxian") AND ("quimby") AND ("{common}")'
    assert common in expressions[1] and expressions[1].count(" OR ") == 2  # any two of three
    assert expressions[-1] == '("zorblaxian") OR ("quimby")'
    # Ranking would count the common word's matches in the whole index: newest first instead.
    assert [step.ranked for step in steps] == [False, False, True]
    alone = plan([[common]], bulky, postgres=True)
    assert [step.expression for step in alone] == [f"({common})"]


async def test_upgrade_counts_the_terms_of_stored_attributions(database_url: str) -> None:
    await asyncio.to_thread(command.upgrade, alembic_config(database_url), "0002")
    await load(database_url, 600)
    await upgrade_to_head(database_url)
    engine = create_engine(database_url)
    try:
        async with session_factory(engine)() as session:
            migrated = await load_term_stats(session)
            await refresh_term_stats(session)
            recounted = await load_term_stats(session)
    finally:
        await engine.dispose()
    assert migrated.documents == 600
    assert migrated.frequencies and migrated.frequencies == recounted.frequencies
