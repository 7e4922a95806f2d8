"""One answer however the question is typed: a name typed with a slip of the keys, or the
question typed as keywords ("what Okafor harbour tax"), gets the answer of the question as
written (bench/retype.py measures it on the dev questions)."""

from __future__ import annotations

import pytest

from bot.answer.answerer import names_apart
from bot.answer.names import one_typo_apart
from bot.answer.question import parse_question
from bot.answer.truecase import respelt, truecased
from bot.sources.draft import Origin
from bot.sources.files import draft_from_plain_text

ARTICLE = """Harbour tax row splits Lumen council

The mayor of Lumen, Adaeze Okafor, said on Tuesday that the new harbour tax would pay for the
flood walls. "Every ship that docks here will pay its share," Okafor told reporters.
Councillor Teodor Varga said the tax would drive the ferry companies away. The Lumen
Shipping Guild, which speaks for the ferry companies, denied that its members had threatened
to leave. Shipping minister Ilse Brandt warned that the flood walls would take ten years.
"""


async def _ingest(service) -> None:  # type: ignore[no-untyped-def]
    await service.ingest_draft(draft_from_plain_text(ARTICLE, origin=Origin.FILE))


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Okafro", "Okafor"),  # two letters swapped
        ("Brant", "Brandt"),  # one dropped
        ("Vargga", "Varga"),  # one doubled
        ("Shiping", "Shipping"),
        ("Okafur", "Okafor"),  # one replaced
    ],
)
def test_a_slip_of_the_keys_is_the_name(typed: str, name: str) -> None:
    assert one_typo_apart(typed, name)


@pytest.mark.parametrize(
    ("typed", "name"),
    [("Rosen", "Rose"), ("Okafors", "Okafor"), ("Hernandez", "Fernandez"), ("Lumn", "Lumen")],
)
def test_a_letter_more_at_the_end_another_first_letter_or_a_short_name_is_not(
    typed: str, name: str
) -> None:
    assert not one_typo_apart(typed, name)


def test_a_name_the_texts_write_with_an_apostrophe_or_hyphen_stays_as_typed() -> None:
    texts = [
        "Harbour master Sean O'Brien said the ferry would sail. Ana Lopez-Vidal, a pilot, "
        "agreed with O'Brien."
    ]
    assert respelt("What did Obrien say?", texts) == "What did Obrien say?"
    assert respelt("What did Lopezvidal say?", texts) == "What did Lopezvidal say?"
    # one slip off and written nowhere: the texts' spelling, as before
    assert respelt("What did Obrein say?", texts) == "What did O'Brien say?"


def test_a_capitalised_name_no_text_uses_is_respelt_as_the_name_the_texts_write() -> None:
    texts = [ARTICLE]
    assert respelt("What did Okafro say about the harbour tax?", texts) == (
        "What did Okafor say about the harbour tax?"
    )
    assert (
        respelt("What did Ilse Brant warn?", texts, ["Ilse Brandt"]) == "What did Ilse Brandt warn?"
    )
    # a name the texts use, or one no text comes close to, stays as typed
    assert respelt("What did Okafor say?", texts) == "What did Okafor say?"
    assert respelt("What did Ngozi Adeyemi say?", texts) == "What did Ngozi Adeyemi say?"
    # typed in lower case too
    assert truecased("what did okafro say about the tax", texts) == (
        "what did Okafor say about the tax"
    )


def test_what_and_a_name_typed_as_keywords_asks_what_that_speaker_said() -> None:
    terse = parse_question("what Okafor harbour tax")
    named = [term.text for term in terse.terms if term.speaker_name]
    assert named == ["Okafor"]
    assert not any(term.speaker for term in terse.terms if term.text != "Okafor")
    described = parse_question("What Lumen shipping minister flood walls")
    assert [term.text for term in described.terms if term.speaker] == [
        "Lumen",
        "shipping",
        "minister",
    ]
    topic = parse_question("What Okafor foreign ships")  # a topic, not a kind of speaker
    assert [term.text for term in topic.terms if term.speaker] == ["Okafor"]


@pytest.mark.parametrize(
    ("written", "retyped"),
    [
        (
            "What did Okafor say about the harbour tax?",
            "What did Okafro say about the harbour tax?",
        ),
        ("What did Okafor say about the harbour tax?", "what okafor harbour tax"),
        ("Who denied that the ferry companies would leave?", "Who denied ferry companies leave"),
        ("What did Ilse Brandt warn about the flood walls?", "What Ilse Brant flood walls"),
    ],
)
async def test_the_retyped_question_gets_the_answer_as_written(  # type: ignore[no-untyped-def]
    service, written: str, retyped: str
) -> None:
    await _ingest(service)
    as_written = (await service.ask(written)).answers
    assert as_written, written
    again = (await service.ask(retyped)).answers
    assert again, retyped
    assert again[0].attribution_id == as_written[0].attribution_id, (retyped, again[0])


async def test_a_question_typed_as_keywords_asks_about_the_speaker_it_names(  # type: ignore[no-untyped-def]
    service,
) -> None:
    await _ingest(service)
    # Okafor and Brandt both speak of the flood walls: the name after "what" is the speaker
    answers = (await service.ask("what Okafor flood walls")).answers
    assert answers and answers[0].speaker == "Adaeze Okafor", answers[:1]
    assert not (await service.ask("what Adeyemi flood walls")).answers  # said nothing here


def test_two_names_typed_side_by_side_are_read_apart_where_the_texts_write_each_alone() -> None:
    lowered = [" ".join(ARTICLE.lower().split())]
    typed = parse_question("what Adaeze Okafor Ilse Brandt flood walls")
    apart = names_apart(typed, lowered)
    assert apart == {("okafor", "ilse")}
    read = parse_question(typed.text, apart=apart)
    assert [term.text for term in read.terms if term.speaker] == ["Adaeze Okafor"]
    assert "Ilse Brandt" in [term.text for term in read.terms]
    # a run the texts write whole, two words, or words the texts lack stay one name
    assert not names_apart(parse_question("What did the Lumen Shipping Guild deny?"), lowered)
    assert not names_apart(parse_question("what Adaeze Brandt flood walls"), lowered)
    assert not names_apart(parse_question("what Ngozi Chioma Adeyemi flood walls"), lowered)
