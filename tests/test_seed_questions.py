"""The article the project started from: its questions must always work (read from ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest.draft import Origin
from bot.ingest.files import draft_from_plain_text


async def _ingest_seed(service, seed_article: Path):  # type: ignore[no-untyped-def]
    text = seed_article.read_text(encoding="utf-8")
    return await service.ingest_draft(draft_from_plain_text(text, origin=Origin.FILE))


async def test_who_denied_the_al_bukamal_strike(service, seed_article: Path) -> None:  # type: ignore[no-untyped-def]
    outcome = await _ingest_seed(service, seed_article)
    assert outcome.status == "new"
    answers = (await service.ask("who denied the Al Bukamal strike?")).answers
    assert answers, "the denial must be answered"
    top = answers[0]
    assert top.stance == "deny"
    who = f"{top.speaker} {top.speaker_description or ''}".lower()
    assert "coalition" in who or "jacques" in who
    assert top.article.title.startswith("United States denies")
    again = await _ingest_seed(service, seed_article)
    assert again.status == "duplicate" and again.article_id == outcome.article_id


@pytest.mark.parametrize(
    ("question", "stance", "speaker_part"),
    [
        ("Who blamed the coalition for the bombing?", "accuse", "sana"),
        ("Who announced that Islamic State was expelled from Dashisha?", "announce", "sdf"),
        ("What did Brett McGurk say about Dashisha?", "say", "mcgurk"),
    ],
)
async def test_other_seed_questions(  # type: ignore[no-untyped-def]
    service, seed_article: Path, question: str, stance: str, speaker_part: str
) -> None:
    await _ingest_seed(service, seed_article)
    answers = (await service.ask(question)).answers
    assert answers, question
    top = answers[0]
    assert top.stance == stance
    assert speaker_part in f"{top.speaker} {top.speaker_description}".lower()


async def test_josh_jacques_is_answered_with_his_role_and_outlet(
    service, seed_article: Path
) -> None:  # type: ignore[no-untyped-def]
    await _ingest_seed(service, seed_article)
    answers = (await service.ask("What did the US Central Command spokesman tell Reuters?")).answers
    assert answers
    top = answers[0]
    assert "Jacques" in (top.speaker or "")
    assert "spokesman for the US Central Command" in (top.speaker_description or "")
    assert top.via == "Reuters" and top.quote
    assert "No member of the US-led coalition" in top.content
