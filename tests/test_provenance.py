"""Text reuse at ingest, provenance of an article, and one answer per statement, on a real
SQLite file and a real PostgreSQL database, with articles written for these tests."""

from __future__ import annotations

from typing import Any

from reuse_articles import ADDED_PARAGRAPH_COPY, EDITED_COPY, ORIGINAL, SAME_TOPIC, Written

from bot.answer.provenance import Provenance


async def _ingest(service: Any, *articles: Written) -> dict[str, int]:
    ids = {}
    for article in articles:
        outcome = await service.ingest_draft(article.draft())
        assert outcome.status == "new"
        ids[article.outlet] = outcome.article_id
    return ids


def _copies(provenance: Provenance) -> dict[int, Any]:
    return {ref.article.id: ref for ref in provenance.copies_of}


async def test_copies_are_linked_with_their_share_and_the_same_topic_is_not(service: Any) -> None:
    ids = await _ingest(service, ORIGINAL, EDITED_COPY, ADDED_PARAGRAPH_COPY, SAME_TOPIC)
    original = ids[ORIGINAL.outlet]
    # Rava Desk shares the original's sentences with Coastal Daily too: it is linked to both.
    cases = (
        (EDITED_COPY, True, [original]),
        (ADDED_PARAGRAPH_COPY, False, [original, ids[EDITED_COPY.outlet]]),
    )
    for copy, names, linked in cases:
        provenance = await service.provenance(ids[copy.outlet])
        assert list(_copies(provenance)) == linked
        link = _copies(provenance)[original]
        assert abs(link.share - copy.copied_share) <= 0.10, (copy.outlet, link.share)
        assert link.names_source is names
        assert provenance.earliest_source is not None
        assert provenance.earliest_source.id == original
    listed = await service.provenance(original)
    assert listed.copies_of == [] and listed.earliest_source is None
    assert [ref.article.outlet for ref in listed.copied_by] == ["Coastal Daily", "Rava Desk"]
    unrelated = await service.provenance(ids[SAME_TOPIC.outlet])
    assert unrelated.copies_of == [] and unrelated.copied_by == []


async def test_a_copy_ingested_before_its_original_is_found_either_way(service: Any) -> None:
    ids = await _ingest(service, ADDED_PARAGRAPH_COPY, ORIGINAL)
    copy, original = ids[ADDED_PARAGRAPH_COPY.outlet], ids[ORIGINAL.outlet]
    provenance = await service.provenance(copy)
    assert list(_copies(provenance)) == [original]
    assert abs(_copies(provenance)[original].share - ADDED_PARAGRAPH_COPY.copied_share) <= 0.10
    assert [ref.article.id for ref in (await service.provenance(original)).copied_by] == [copy]
    as_json = provenance.as_json()
    assert set(as_json) == {"article", "copies_of", "copied_by", "earliest_source"}
    assert as_json["earliest_source"]["title"] == ORIGINAL.title
    assert as_json["copies_of"][0]["shared_sentences"] == 7


async def test_one_answer_lists_every_report_earliest_first(service: Any) -> None:
    await _ingest(service, ADDED_PARAGRAPH_COPY, EDITED_COPY, SAME_TOPIC, ORIGINAL)
    answers = await service.ask("What did Lena Varga say about closing the terminal?", limit=5)
    assert answers.answers, answers
    best = answers.answers[0]
    assert best.speaker == "Lena Varga"
    assert [r.outlet for r in best.reports] == ["Baltic Wire", "Coastal Daily", "Rava Desk"]
    assert [a.content for a in answers.answers].count(best.content) == 1
    assert best.chain[0] == "Lena Varga"
    assert "carried by Baltic Wire" in best.chain
    assert "repeated by Coastal Daily" in best.chain  # it names Baltic Wire; Rava Desk does not
    assert "repeated by Rava Desk" not in best.chain


async def test_provenance_questions_are_answered_from_the_reports(service: Any) -> None:
    await _ingest(service, EDITED_COPY, ORIGINAL, ADDED_PARAGRAPH_COPY, SAME_TOPIC)
    carried = await service.ask("Which outlets carried the port authority's denial?")
    assert carried.provenance == "outlets"
    denial = carried.answers[0]
    assert denial.speaker is not None and "port authority" in denial.speaker.lower()
    # Coastal Daily's "..., Baltic Wire reported" relays the same denial.
    assert [r.outlet for r in denial.reports] == ["Baltic Wire", "Coastal Daily", "Rava Desk"]
    assert denial.article.outlet == "Baltic Wire"
    first = await service.ask("Who first reported that the port would close the terminal?")
    assert first.provenance == "first"
    assert first.answers and first.answers[0].reports[0].outlet == "Baltic Wire"
    as_json = first.as_json()
    assert as_json["answers"][0]["reports"][0]["title"] == ORIGINAL.title
