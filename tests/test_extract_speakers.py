"""Speaker keys: how one speaker's mentions merge across articles."""

from __future__ import annotations

import pytest

from bot.extract.model import SpeakerKind, Stance
from bot.extract.speakers import speaker_key
from tests.extract_helpers import extractor


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Major Josh Jacques", "Josh Jacques"),
        ("President Emmanuel Macron", "Emmanuel Macron"),
        ("Dr. Anna Berg", "anna berg"),
        ("José Núñez", "Jose Nunez"),
        ("Trump's", "Trump"),
        ("Health Minister Veronika Skvortsova", "Veronika Skvortsova"),
        ("the Pentagon", "Pentagon"),
    ],
)
def test_same_speaker_same_key(left: str, right: str) -> None:
    assert speaker_key(left) == speaker_key(right)


def test_different_speakers_differ() -> None:
    assert speaker_key("Josh Jacques") != speaker_key("Jane Jacques")


def test_a_title_alone_is_kept() -> None:
    assert speaker_key("The President") == "president"


def _speakers(text: str) -> list[tuple[str | None, str | None]]:
    return [(item.speaker, item.speaker_role) for item in extractor().extract(text)]


def test_name_after_a_role_with_its_organisation() -> None:
    text = (
        "Nobody claimed the blast, but the general manager of Harbour Radio, "
        "Dr Omar bin Rashid, attributed it to rebel fighters."
    )
    assert ("Omar bin Rashid", "general manager of Harbour Radio") in _speakers(text)


def test_name_right_after_a_role_without_comma() -> None:
    text = "Lindham's fire chief Dana Moreno said the blaze began in a heater."
    assert _speakers(text) == [("Dana Moreno", "Lindham's fire chief")]


def test_name_with_a_particle_is_whole() -> None:
    text = "Colonel Ramon dela Paz of the coastal command said the rebels had retreated."
    assert _speakers(text)[0][0] == "Ramon dela Paz"


def test_pronoun_takes_the_subject_named_in_its_sentence() -> None:
    text = (
        "Mira Olsen said she believed the verdict was fair. "
        "Victor Hale was later accused of bribing the jury, which he denied."
    )
    speakers = [item.speaker for item in extractor().extract(text) if item.stance is Stance.DENY]
    assert speakers == ["Victor Hale"]


def test_he_is_not_a_person_described_as_a_woman() -> None:
    text = (
        "The driver's mother, Ines Baro, said the crash was an accident. "
        "The police said the road was icy. He said the brakes had failed."
    )
    found = extractor().extract(text)
    assert found[-1].speaker != "Ines Baro"


def test_role_alone_resolves_to_the_person_given_it() -> None:
    text = (
        "The head coach of the Lindham Lions, Petra Novak, said the team would rebuild. "
        "Later the head coach said two players would leave."
    )
    assert [item.speaker for item in extractor().extract(text)] == ["Petra Novak", "Petra Novak"]


def test_relative_pronoun_speaker_is_its_noun() -> None:
    text = "The islands are claimed by Arland, which insists that its fleet may fish there."
    found = [item for item in extractor().extract(text) if item.cue and item.cue.text == "insists"]
    assert [(item.source.text if item.source else None, item.speaker) for item in found] == [
        ("which", "Arland")
    ]


def test_a_document_speaks_for_its_issuer() -> None:
    text = (
        "The tribunal heard the appeal for a week. The tribunal found that the buyer had hidden "
        'its debts.\n\nThe summary of the verdict read in part: "The merger was unlawful."\n\n'
        "A letter from the Lindham council said the fee would rise. "
        "A statement posted online said the road was shut."
    )
    assert [item.speaker for item in extractor().extract(text)] == [
        "The tribunal",
        "The tribunal",
        "the Lindham council",
        "A statement",
    ]


def test_office_before_a_name_is_its_role() -> None:
    text = 'County sheriff Walt Brody told reporters a crowd "would be more than we can manage".'
    assert _speakers(text) == [("Walt Brody", "County sheriff")]
    assert speaker_key("Sheriff Walt Brody") == speaker_key("Walt Brody")


def test_pronoun_prefers_a_person_named_as_subject() -> None:
    text = (
        "Nora Vale was robbed by Paul Crane on Monday, police said. She said the man took her bag."
    )
    assert [item.speaker for item in extractor().extract(text)] == ["police", "Nora Vale"]


def test_a_name_given_a_role_is_a_person() -> None:
    text = "The minister, Ana Ruiz, said the plan would fail. The company, Acme Tools, said no."
    kinds = [(item.speaker, item.speaker_kind) for item in extractor().extract(text)]
    assert kinds[0] == ("Ana Ruiz", SpeakerKind.PERSON)
    assert ("Acme Tools", SpeakerKind.ORGANISATION) in kinds
