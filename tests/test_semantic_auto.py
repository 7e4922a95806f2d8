"""NEWSPROV_SEMANTIC=auto: sentence vectors stored at ingest, the signal used in answering while
the vector index holds at most ``semantic_auto_max_vectors``, and answering without vectors.

The articles are written for these tests; each runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select

from bot.answer.question import parse_question
from bot.services.newsprov import Newsprov
from bot.services.retrieval import candidates_in_meaning
from bot.settings import SemanticMode, Settings
from bot.sources.draft import Origin
from bot.sources.files import draft_from_plain_text
from store.models import AttributionVector

# No claim shares a word with "who said the boat was safe?": only its meaning finds Calloway.
HARBOUR_ARTICLE = "\n".join(
    [
        "Harbour board speaks after ferry inspection",
        "",
        "DUNMORE, 3 June 2025 (Coast Herald) - Inspectors spent Tuesday aboard the ferry that"
        " links Dunmore to the islands.",
        "Harbour master Ines Calloway insisted the vessel posed no danger to passengers.",
        "Local trader Bram Okafor said the crossing had been cancelled twice this spring.",
    ]
)
MARKET_ARTICLE = "\n".join(
    [
        "Town council extends Saturday market",
        "",
        "ASHWELL, 4 June 2025 (Valley Post) - The Ashwell council voted to keep the market"
        " square open until eight on Saturdays.",
        "Councillor Mira Jansen said stallholders had asked for the longer hours.",
    ]
)
QUESTION = "who said the boat was safe?"


async def _ingest(settings: Settings, extractor: object, *texts: str) -> int:
    """Ingest under ``settings``; how many vectors are stored."""
    async with await Newsprov.open(settings, extractor=extractor) as service:  # type: ignore[arg-type]
        for text in texts:
            await service.ingest_draft(draft_from_plain_text(text, origin=Origin.FILE))
        async with service.sessions() as session:
            stored = await session.scalar(select(func.count()).select_from(AttributionVector))
    return int(stored or 0)


async def _found_by_meaning(settings: Settings, extractor: object) -> tuple[bool, list[str]]:
    """Whether the signal answers the next question, and the speakers of its candidates."""
    async with (
        await Newsprov.open(settings, extractor=extractor) as service,  # type: ignore[arg-type]
        service.sessions() as session,
    ):
        semantic = await service.semantic_for_answering(session)
        _, rows, _ = await candidates_in_meaning(
            session, parse_question(QUESTION), semantic=semantic
        )
    return semantic is not None, [row.speaker_name or "" for row in rows]


async def test_auto_stores_vectors_and_answers_by_meaning_only_up_to_its_limit(
    settings: Settings, extractor: object
) -> None:
    auto = replace(settings, semantic="auto")
    stored = await _ingest(auto, extractor, HARBOUR_ARTICLE, MARKET_ARTICLE)
    assert stored >= 3  # every claim but the headline's
    small = await _found_by_meaning(replace(auto, semantic_auto_max_vectors=stored), extractor)
    assert small[0] and "Ines Calloway" in small[1]
    large = await _found_by_meaning(replace(auto, semantic_auto_max_vectors=stored - 1), extractor)
    assert large == (False, [])
    forced = replace(settings, semantic="on", semantic_auto_max_vectors=0)
    assert (await _found_by_meaning(forced, extractor))[0]


async def test_auto_beyond_its_limit_does_not_load_the_model_to_answer(
    settings: Settings, extractor: object
) -> None:
    auto = replace(settings, semantic="auto")
    stored = await _ingest(auto, extractor, HARBOUR_ARTICLE, MARKET_ARTICLE)
    beyond = replace(auto, semantic_auto_max_vectors=stored - 1)
    async with await Newsprov.open(beyond, extractor=extractor) as service:  # type: ignore[arg-type]
        answers = (await service.ask("Who said stallholders asked for longer hours?")).answers
        assert answers and "Mira Jansen" in answers[0].speaker
        async with service.sessions() as session:
            assert await service.semantic_for_answering(session) is None
        assert not service.resources.semantic_loaded


async def test_a_database_without_vectors_still_answers_under_auto(
    settings: Settings, extractor: object
) -> None:
    assert await _ingest(replace(settings, semantic="off"), extractor, MARKET_ARTICLE) == 0
    modes: tuple[SemanticMode, ...] = ("auto", "on")
    for mode in modes:
        forced = replace(settings, semantic=mode)
        async with await Newsprov.open(forced, extractor=extractor) as service:  # type: ignore[arg-type]
            answers = (await service.ask("Who said stallholders asked for longer hours?")).answers
        assert answers and "Mira Jansen" in answers[0].speaker
