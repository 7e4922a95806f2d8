"""Who a pronoun, "I" in a quote, a description or a lone surname stands for, when the article
names the person: the nearest person a pronoun fits, the speaker of the quote, the person who
spoke last, the name written in full before or after. Every text here is written for the test."""

from __future__ import annotations

from bot.extract.model import ExtractedAttribution, Span, Stance
from bot.extract.quoted_speakers import first_person_speakers
from tests.extract_helpers import extractor


def _speakers(text: str) -> list[str | None]:
    return [item.speaker for item in extractor().extract(text)]


def test_a_pronoun_is_the_person_named_as_a_subject_since_the_last_speaker() -> None:
    speakers = _speakers(
        "Maria Lopez said the vote would be close.\n\n"
        "On Tuesday Tomas Ekdahl flew to Geneva for the talks. He said the deal was ready."
    )
    assert speakers == ["Maria Lopez", "Tomas Ekdahl"]


def test_a_pronoun_is_the_person_named_in_the_sentence_before_with_no_cue() -> None:
    speakers = _speakers(
        "The talks resumed in Vienna on Monday.\n\n"
        "Secretary General Ivo Marek arrived late. He told reporters that both sides had agreed."
    )
    assert speakers == ["Ivo Marek"]


def test_i_in_a_quote_is_its_speaker_and_outside_every_quote_keeps_its_own() -> None:
    def said(start: int, end: int, source: str, speaker: str | None) -> ExtractedAttribution:
        return ExtractedAttribution(
            source=Span(start, start + len(source), source),
            cue=Span(start + len(source) + 1, start + len(source) + 5, "said"),
            content=(Span(start + 10, end, "x" * (end - start - 10)),),
            stance=Stance.SAY,
            quote=True,
            sentence=Span(start, end, "x" * (end - start)),
            sentence_index=0,
            speaker=speaker,
        )

    outer = said(0, 40, "Ana Ruiz", "Ana Ruiz")
    inside = said(12, 30, "I", None)
    after = said(50, 80, "I", "Tom Berg")
    assert [item.speaker for item in first_person_speakers([outer, inside, after])] == [
        "Ana Ruiz",
        "Ana Ruiz",
        "Tom Berg",
    ]


def test_a_surname_is_the_name_with_its_generation_suffix() -> None:
    speakers = _speakers(
        "Arthur Kemble III, the group's president, said the ads were unfair. "
        "Kemble added that the group would sue."
    )
    assert speakers == ["Arthur Kemble III", "Arthur Kemble III"]


def test_a_surname_is_the_full_name_written_later() -> None:
    speakers = _speakers(
        "Okonkwo said the bridge would reopen in May.\n\n"
        "Adaeze Okonkwo, the transport minister, told reporters the cost had doubled."
    )
    assert speakers == ["Adaeze Okonkwo", "Adaeze Okonkwo"]


def test_a_description_of_one_person_is_the_person_who_spoke_last() -> None:
    speakers = _speakers(
        "Secretary General Ivo Marek said the talks would go on. "
        "The bespectacled, 70-year-old diplomat said he was still hopeful."
    )
    assert speakers == ["Ivo Marek", "Ivo Marek"]


def test_a_description_naming_the_other_sex_is_not_the_last_speaker() -> None:
    speakers = _speakers(
        "Paul Varga said the plant would close. He said 300 jobs would go. "
        "The woman said she had worked there for 20 years."
    )
    assert speakers[:2] == ["Paul Varga", "Paul Varga"]
    assert speakers[2] != "Paul Varga"


def test_a_plural_description_is_not_the_last_speaker() -> None:
    speakers = _speakers(
        "Paul Varga said the plant would close. The workers said they had not been told."
    )
    assert speakers[0] == "Paul Varga"
    assert speakers[1] != "Paul Varga"
