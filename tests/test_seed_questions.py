"""The article the project started from: its questions must always work (read from ../shared).

Every attribution of the seed article is asked about in other words than the article's, and
questions it does not answer must get no answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings
from bot.sources.draft import Origin
from bot.sources.files import draft_from_plain_text


@pytest.fixture(params=["off", "on"], ids=["lexical", "semantic"])
def settings(request: pytest.FixtureRequest, database_url: str) -> Settings:
    """The seed's questions must work with the semantic signal (NEWSPROV_SEMANTIC) on as well
    as off."""
    return Settings(database_url=database_url, semantic=request.param)


async def _ingest_seed(service, seed_article: Path):  # type: ignore[no-untyped-def]
    text = seed_article.read_text(encoding="utf-8")
    return await service.ingest_draft(draft_from_plain_text(text, origin=Origin.FILE))


def _who(answer) -> str:  # type: ignore[no-untyped-def]
    return f"{answer.speaker} {answer.speaker_description or ''} {answer.via or ''}".lower()


async def test_who_denied_the_al_bukamal_strike(service, seed_article: Path) -> None:  # type: ignore[no-untyped-def]
    outcome = await _ingest_seed(service, seed_article)
    assert outcome.status == "new"
    answers = (await service.ask("who denied the Al Bukamal strike?")).answers
    assert answers, "the denial must be answered"
    top = answers[0]
    assert top.stance == "deny"
    who = _who(top)
    assert "coalition" in who or "jacques" in who
    assert top.article.title.startswith("United States denies")
    assert not {a.stance for a in answers} & {"accuse", "claim", "confirm"}
    again = await _ingest_seed(service, seed_article)
    assert again.status == "duplicate" and again.article_id == outcome.article_id


# (question, stance of the top answer or None for any, words one of which names its speaker)
SEED_QUESTIONS = [
    ("Who rejected responsibility for the bombing of Abu Kamal?", "deny", ("coalition",)),
    ("Who denied bombing Boukamal?", "deny", ("coalition", "united states")),
    (
        "Which alliance said there was no bombing by the coalition forces in that area?",
        None,
        ("alliance", "coalition"),
    ),
    ("What did the coalition say it was aware of?", "say", ("coalition",)),
    ("What did Josh Jacques say about the attacks near Al Bukamal?", "say", ("jacques",)),
    ("What did the US Central Command spokesman tell Reuters?", "say", ("jacques",)),
    ("Who blamed the coalition for the bombing?", "accuse", ("sana",)),
    (
        "Which news agency held the coalition responsible for the Al Bukamal bombing?",
        "accuse",
        ("sana",),
    ),
    (
        "Who pointed the finger at the United States over the Al Bukamal attack?",
        "accuse",
        ("iraqi",),
    ),
    ("What did a US official tell AFP about the attack?", "say", ("official",)),
    ("Who thinks Israel was behind the Al Bukamal airstrike?", None, ("official",)),
    (
        "Who said the Pentagon wanted to make clear it did not take part in the attack?",
        None,
        ("official",),
    ),
    (
        "Who is worried that Syrian forces could retaliate against US troops in Iraq?",
        None,
        ("testimonies",),
    ),
    ("Who announced that Islamic State was expelled from Dashisha?", "announce", ("sdf",)),
    ("What did Brett McGurk say about Dashisha?", "say", ("mcgurk",)),
    ("What did the President's special envoy say about Dashisha?", "say", ("mcgurk",)),
]


@pytest.mark.parametrize(("question", "stance", "speaker_parts"), SEED_QUESTIONS)
async def test_seed_attributions_asked_in_other_words(  # type: ignore[no-untyped-def]
    service, seed_article: Path, question: str, stance: str | None, speaker_parts: tuple[str]
) -> None:
    await _ingest_seed(service, seed_article)
    answers = (await service.ask(question)).answers
    assert answers, question
    top = answers[0]
    if stance is not None:
        assert top.stance == stance, (question, top)
    assert any(part in _who(top) for part in speaker_parts), (question, _who(top))


@pytest.mark.parametrize(
    "question",
    [
        "Did the US bomb Al Bukamal?",
        "Is it true that the coalition carried out the attack on Albu Kamal?",
    ],
)
async def test_did_questions_get_both_sides(  # type: ignore[no-untyped-def]
    service, seed_article: Path, question: str
) -> None:
    await _ingest_seed(service, seed_article)
    result = await service.ask(question)
    assert result.dispute
    first_two = {answer.stance for answer in result.answers[:2]}
    assert first_two == {"deny", "accuse"}, result.answers
    sides = {answer.stance: _who(answer) for answer in result.answers}
    assert "coalition" in sides["deny"] and "sana" in sides["accuse"]


@pytest.mark.parametrize(
    "question",
    [
        "Who claimed responsibility for the Al Bukamal bombing?",
        "What did the Iranian foreign minister say about the Al Bukamal strike?",
        "Who denied the Dashisha offensive?",
        "What did Zelensky say about Al Bukamal?",
        "Who won the 2030 world cup?",
    ],
)
async def test_questions_the_seed_does_not_answer_get_no_answer(  # type: ignore[no-untyped-def]
    service, seed_article: Path, question: str
) -> None:
    await _ingest_seed(service, seed_article)
    assert (await service.ask(question)).answers == [], question


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
