"""Speaker keys: how one speaker's mentions merge across articles."""

from __future__ import annotations

import pytest

from bot.extract.speakers import speaker_key


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
