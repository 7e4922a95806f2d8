"""End to end on the article newsprov started from (read from ../shared, never copied)."""

from __future__ import annotations

import pytest

from bot.extract.model import ExtractedAttribution, SpeakerKind, Stance
from tests.extract_helpers import SHARED, extractor

SEED = SHARED / "corpus" / "seed" / "al-bukamal.txt"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not SEED.exists(), reason="../shared/corpus/seed is not beside the project"),
]


@pytest.fixture(scope="module")
def found() -> tuple[str, list[ExtractedAttribution]]:
    text = SEED.read_text(encoding="utf-8")
    return text, extractor().extract(text)


def by_cue(
    found: tuple[str, list[ExtractedAttribution]], cue: str, content_has: str
) -> ExtractedAttribution:
    _text, attributions = found
    hits = [
        item
        for item in attributions
        if item.cue is not None
        and cue.split()[0] in item.cue.text.split()
        and content_has in item.content_text
    ]
    assert hits, f"no attribution with cue {cue!r} and content holding {content_has!r}"
    return hits[0]


def test_spans_are_offsets_into_the_text(found: tuple[str, list[ExtractedAttribution]]) -> None:
    text, attributions = found
    assert len(attributions) >= 10
    for item in attributions:
        for span in (item.source, item.cue, item.sentence, *item.content):
            if span is not None:
                assert text[span.start : span.end] == span.text


def test_coalition_denies(found: tuple[str, list[ExtractedAttribution]]) -> None:
    item = by_cue(found, "denied", "having participated")
    assert item.stance is Stance.DENY
    assert item.source is not None and "international coalition" in item.source.text
    assert item.speaker_kind is SpeakerKind.ORGANISATION


def test_spokesman_told_reuters(found: tuple[str, list[ExtractedAttribution]]) -> None:
    item = by_cue(found, "told", "No member of")
    assert item.stance is Stance.SAY
    assert item.quote
    assert item.via == "Reuters"
    assert item.speaker == "Josh Jacques"
    assert item.speaker_role == "spokesman for the US Central Command"
    assert item.speaker_kind is SpeakerKind.PERSON
    assert not item.anonymous


def test_statement_explained(found: tuple[str, list[ExtractedAttribution]]) -> None:
    item = by_cue(found, "explained", "there was no bombing")
    assert item.stance is Stance.SAY
    assert item.quote
    assert item.source is not None and item.source.text == "the alliance"


def test_sana_blamed(found: tuple[str, list[ExtractedAttribution]]) -> None:
    item = by_cue(found, "blamed", "coalition")
    assert item.stance is Stance.ACCUSE
    assert item.source is not None
    assert item.source.text == "The official Syrian news agency, SANA"
    assert item.speaker == "SANA"
    assert item.speaker_kind is SpeakerKind.ORGANISATION


def test_iraqi_authorities_pointed(found: tuple[str, list[ExtractedAttribution]]) -> None:
    item = by_cue(found, "pointed", "United States")
    assert item.stance is Stance.ACCUSE
    assert item.source is not None and item.source.text == "The Iraqi authorities"


def test_anonymous_official_told_afp(found: tuple[str, list[ExtractedAttribution]]) -> None:
    item = by_cue(found, "told", "reason to believe")
    assert item.stance in {Stance.SAY, Stance.BELIEVE}
    assert item.quote
    assert item.via == "AFP"
    assert item.anonymous
    assert item.speaker_kind is SpeakerKind.ANONYMOUS
    assert item.source is not None and item.source.text == "a US official"


def test_the_official_resolves_to_the_us_official(
    found: tuple[str, list[ExtractedAttribution]],
) -> None:
    item = by_cue(found, "said", "Pentagon")
    assert item.speaker == "a US official"
    assert item.anonymous


def test_mcgurk_said(found: tuple[str, list[ExtractedAttribution]]) -> None:
    item = by_cue(found, "said", "Dashisha")
    assert item.stance is Stance.SAY
    assert item.quote
    assert item.speaker == "Brett McGurk"
    assert item.speaker_role is not None and item.speaker_role.startswith("special envoy")


def test_sdf_announced(found: tuple[str, list[ExtractedAttribution]]) -> None:
    item = by_cue(found, "announced", "expelled")
    assert item.stance is Stance.ANNOUNCE
    assert item.source is not None and "SDF" in item.source.text
    assert not item.quote


def test_unofficial_sources_are_anonymous(found: tuple[str, list[ExtractedAttribution]]) -> None:
    item = by_cue(found, "according to", "work of Israel")
    assert item.source is not None and item.source.text == "unofficial sources"
    assert item.anonymous


def test_no_attribution_from_inside_a_quote(found: tuple[str, list[ExtractedAttribution]]) -> None:
    _text, attributions = found
    assert all(item.cue is None or item.cue.text != "believe" for item in attributions)
