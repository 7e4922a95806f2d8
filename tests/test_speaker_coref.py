"""Who "I" in a quote or a lone surname stands for, when the article names the person: the
speaker of the quote, the name written in full before or after, with its generation suffix and
without a possessive ending. Every text here is written for the test."""

from __future__ import annotations

from bot.extract.model import ExtractedAttribution, Span, Stance
from bot.extract.person_words import strip_possessive
from bot.extract.quoted_speakers import first_person_speakers
from tests.extract_helpers import extractor


def _speakers(text: str) -> list[str | None]:
    return [item.speaker for item in extractor().extract(text)]


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


def test_a_surname_is_the_name_written_before_its_generation_suffix() -> None:
    speakers = _speakers(
        "Arthur Kemble III, the group's president, said the ads were unfair. "
        "Kemble added that the group would sue."
    )
    assert speakers == ["Arthur Kemble III", "Arthur Kemble"]


def test_a_surname_is_the_full_name_written_later() -> None:
    speakers = _speakers(
        "Whitfield said the bridge would reopen in May.\n\n"
        "Ellen Whitfield, the transport minister, told reporters the cost had doubled."
    )
    assert speakers == ["Ellen Whitfield", "Ellen Whitfield"]


def test_a_name_loses_a_possessive_ending_an_entity_kept() -> None:
    assert strip_possessive("Ellen Whitfield’s") == "Ellen Whitfield"
    assert strip_possessive("Ellen Whitfield's") == "Ellen Whitfield"
    assert strip_possessive("Ellen Whitfield") == "Ellen Whitfield"
