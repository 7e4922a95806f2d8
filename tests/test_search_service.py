"""The service keeps its search-term counts in step with what it ingests."""

from __future__ import annotations

from pathlib import Path

from bot.sources.draft import Origin
from bot.sources.files import draft_from_plain_text
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


SEPARATE_DENIAL = "\n".join(
    [
        "Court jails brother of Darsa singer",
        "",
        "DARSA, 4 March 2025 (Harbour Wire) - A court in Darsa jailed Kamal Noor on Tuesday"
        " for the killing of his sister, the singer Lina Noor.",
        "Prosecutors said the cleric Habib Tarsi had encouraged the killing of Lina Noor.",
        "Tarsi was later accused of inciting it, which he denied.",
    ]
)


async def test_a_denial_in_a_sentence_of_its_own_is_read_with_its_article(service) -> None:  # type: ignore[no-untyped-def]
    from bot.answer.question import parse_question
    from bot.services.retrieval import ranked_claims

    outcome = await service.ingest_draft(draft_from_plain_text(SEPARATE_DENIAL, origin=Origin.FILE))
    denial = [a for a in outcome.attributions if a.stance == "deny"]
    assert denial, outcome.attributions
    question = parse_question("Which cleric denied encouraging the killing of Lina Noor?")
    async with service.sessions() as session:
        ranked = await ranked_claims(session, question)
    assert any(row.stance == "deny" and "Tarsi" in (row.speaker_name or "") for _, row in ranked)


async def test_a_forced_recount_counts_what_the_last_minute_ingested(service) -> None:  # type: ignore[no-untyped-def]
    first = await service.ingest_draft(
        draft_from_plain_text(FIXTURE.read_text(encoding="utf-8"), origin=Origin.FILE)
    )
    second = await service.ingest_draft(draft_from_plain_text(SEPARATE_DENIAL, origin=Origin.FILE))
    assert second.attributions
    async with service.sessions() as session:
        assert (await load_term_stats(session)).documents == len(first.attributions)
    assert await service.refresh_search_stats(force=True)
    async with service.sessions() as session:
        stats = await load_term_stats(session)
    assert stats.documents == len(first.attributions) + len(second.attributions)
