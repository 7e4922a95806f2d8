"""The service keeps its search-term counts in step with what it ingests."""

from __future__ import annotations

from pathlib import Path

from bot.ingest.draft import Origin
from bot.ingest.files import draft_from_plain_text
from store.term_stats import load_term_stats

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "valmora-fire.txt"


async def test_an_ingest_recounts_the_search_terms_and_answers_use_them(service) -> None:  # type: ignore[no-untyped-def]
    draft = draft_from_plain_text(FIXTURE.read_text(encoding="utf-8"), origin=Origin.FILE)
    outcome = await service.ingest_draft(draft)
    assert outcome.attributions
    async with service.sessions() as session:
        stats = await load_term_stats(session)
    assert stats.documents == len(outcome.attributions)
    answers = (await service.ask("Who denied starting the Valmora harbour fire?")).answers
    assert answers and answers[0].stance == "deny"
    assert "northwind" in f"{answers[0].speaker} {answers[0].speaker_description}".lower()
