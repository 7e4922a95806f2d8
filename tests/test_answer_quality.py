"""Answer quality end to end on two articles written for the tests: paraphrased stances, roles,
surnames, transliterations, both sides of a dispute, and no answer rather than a wrong one."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.sources.draft import Origin
from bot.sources.files import draft_from_plain_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"


async def _ingest_fixtures(service) -> None:  # type: ignore[no-untyped-def]
    for name in ("qasr-depot.txt", "valmora-fire.txt"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        await service.ingest_draft(draft_from_plain_text(text, origin=Origin.FILE))


def _who(answer) -> str:  # type: ignore[no-untyped-def]
    return f"{answer.speaker} {answer.speaker_description or ''}".lower()


@pytest.mark.parametrize(
    ("question", "stance", "speaker_part"),
    [
        # a transliteration of the place, and "took credit" for "claimed responsibility"
        ("Who took credit for the drone strike on Kasr al-Hamra?", "claim", "militia"),
        # the speaker by role and outlet only
        (
            "What did the Teranian defence ministry spokesman tell the Coastline Post?",
            "say",
            "halvorsen",
        ),
        ("What did Halvorsen say about the drones?", "say", "halvorsen"),  # surname alone
        ("Which foreign minister blamed Belmar for the drones?", "accuse", "karimov"),
        ("Who dismissed the accusation that it supplied the drones?", "deny", "government"),
        ("Who warned that the conflict could spread to the coast?", "warn", "morozova"),
        ("Who denied starting the Valmora fire?", "deny", "northwind"),
        ("Who blamed the shipping company for the fire?", "accuse", "port authority"),
        ("What did the fire chief say?", None, "rilke"),
        ("Who demanded an inquiry into the harbour fire?", "demand", "residents"),
    ],
)
async def test_paraphrased_questions(  # type: ignore[no-untyped-def]
    service, question: str, stance: str | None, speaker_part: str
) -> None:
    await _ingest_fixtures(service)
    answers = (await service.ask(question)).answers
    assert answers, question
    if stance is not None:
        assert answers[0].stance == stance, (question, answers[0])
    assert speaker_part in _who(answers[0]), (question, _who(answers[0]))


async def test_a_denial_question_is_never_answered_by_an_accusation(service) -> None:  # type: ignore[no-untyped-def]
    await _ingest_fixtures(service)
    answers = (await service.ask("Who denied starting the Valmora fire?")).answers
    assert answers and not {a.stance for a in answers} & {"accuse", "claim", "confirm"}


async def test_did_question_shows_both_sides(service) -> None:  # type: ignore[no-untyped-def]
    await _ingest_fixtures(service)
    result = await service.ask("Did the drones hit the Qasr al-Hamra depot?")
    assert result.dispute
    assert {"claim", "deny"} <= {answer.stance for answer in result.answers[:2]}


@pytest.mark.parametrize(
    "question",
    [
        "What did the Teranian prime minister say about the depot?",
        "Who claimed responsibility for the Valmora fire?",
        "What did Zelensky say about the depot?",
        "Who won the 2030 world cup?",
    ],
)
async def test_unanswerable_questions_get_no_answer(service, question: str) -> None:  # type: ignore[no-untyped-def]
    await _ingest_fixtures(service)
    result = await service.ask(question)
    assert result.answers == [], (question, result.answers)
