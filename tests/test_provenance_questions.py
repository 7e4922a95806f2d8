"""Questions about provenance: the frame is read off, the rest is asked as any question."""

from __future__ import annotations

import pytest

from bot.answer.provenance_question import FIRST, OUTLETS, provenance_frame
from bot.answer.question import parse_question


@pytest.mark.parametrize(
    ("question", "aspect", "rest"),
    [
        ("Who first reported that the port would close?", FIRST, "the port would close"),
        ("which outlet first published the memo", FIRST, "the memo"),
        ("Who was the first to report the strike on the base?", FIRST, "the strike on the base"),
        ("Where does the claim that the port will close come from?", FIRST, "the port will close"),
        ("Which outlets carried Varga's denial?", OUTLETS, "Varga's denial"),
        ("what media reported the ministry's warning?", OUTLETS, "the ministry's warning"),
        ("Who else carried the denial?", OUTLETS, "the denial"),
    ],
)
def test_provenance_frames(question: str, aspect: str, rest: str) -> None:
    asked = provenance_frame(question)
    assert asked is not None and (asked.aspect, asked.rest) == (aspect, rest)


@pytest.mark.parametrize(
    "question",
    ["Who denied the strike?", "Who said the port will close?", "What did Varga say?", "Where?"],
)
def test_other_questions_ask_no_provenance(question: str) -> None:
    assert provenance_frame(question) is None
    assert parse_question(question).provenance is None


def test_the_rest_is_read_as_a_question_with_its_own_stance() -> None:
    parsed = parse_question("Which outlets carried the port authority's denial?")
    assert parsed.provenance == OUTLETS
    assert parsed.stance is not None and parsed.stance.value == "deny"
    assert {term.text.lower() for term in parsed.terms} >= {"port", "authority"}
    assert not {"outlets", "carried"} & {term.text.lower() for term in parsed.terms}
    assert parsed.text == "Which outlets carried the port authority's denial?"
