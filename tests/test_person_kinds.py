"""One notion of a person word for ranking's ``many_for_one`` and abstention's bare plural
(``speakers.plural_person_word``): the lexicon's person words and the kind of speaker the
question asks for, whether or not the lexicon lists it ("which *geologist*")."""

from __future__ import annotations

from dataclasses import replace

from bot.answer.abstain import Placement, unmet
from bot.answer.credits import Claim, ClaimTexts
from bot.answer.question import parse_question
from bot.answer.rank import claim_features
from bot.answer.speakers import asked_kinds, asks_for_one, plural_person_word, speaker_is_plural
from bot.sources.draft import Origin
from bot.sources.files import draft_from_plain_text

ARTICLE = """Landslide closes the Kessa valley road

A landslide closed the Kessa valley road on Sunday after two days of heavy rain.

Geologists said the slope had been stable for decades.

Dr. Ines Morrow, a geologist at Kessa University, said the rain had loosened the clay under
the road.

Nurse Petra Lund said the valley clinic had run out of beds by noon.
"""


def test_a_plural_person_word_is_the_lexicons_or_the_kind_asked_for() -> None:
    assert plural_person_word("officials")
    assert plural_person_word("agencies")
    assert plural_person_word("police")
    assert not plural_person_word("police", collective=False)  # one body, not a plural
    # "geologist" is in no list: a person word only where a question asks for one
    assert not plural_person_word("geologists")
    assert plural_person_word("geologists", frozenset({"geologist"}))
    assert plural_person_word("Geologists", frozenset({"Geologist"}))
    for thing in ("press", "campus", "analysis", "bus", "rains"):
        assert not plural_person_word(thing, frozenset({"geologist"})), thing
    asked = parse_question("Which Kessa University geologist said the slope was stable?")
    assert "geologist" in asked_kinds(asked)
    assert speaker_is_plural("Geologists", asked_kinds(asked))
    assert speaker_is_plural("the geologists", asked_kinds(asked))
    assert not speaker_is_plural("Lehman Brothers", asked_kinds(asked))


def _claim(speaker: str) -> Claim:
    return Claim(
        speaker=speaker,
        speaker_role=None,
        stance="say",
        content="the slope had been stable for decades",
        sentence=f"{speaker} said the slope had been stable for decades.",
        title="Landslide closes the Kessa valley road",
    )


def test_ranking_and_abstention_read_a_bare_plural_of_the_kind_asked_alike() -> None:
    """ "Which geologist" answered by "Geologists": ranking's ``many_for_one`` (which read
    only the lexicon's person words) and ``abstain.unmet`` (which compared stems with the
    asked role) both see many speakers for the one asked about."""
    question = parse_question("Which geologist said the slope had been stable for decades?")
    many = _claim("Geologists")
    assert claim_features(question, many, ClaimTexts.of(many))["many_for_one"] == 1.0
    one = replace(many, speaker="Ines Morrow", speaker_role="geologist")
    assert claim_features(question, one, ClaimTexts.of(one))["many_for_one"] == 0.0
    credits = [1.0] * len(question.terms)
    placed = Placement(
        in_claim=[True] * len(question.terms), in_speaker=[False] * len(question.terms)
    )
    lacks = unmet(question, credits, {"stance": 0.0}, speaker="Geologists", placed=placed)
    assert lacks == "many speakers, none named, for the one asked about"
    assert unmet(question, credits, {"stance": 0.0}, speaker="Ines Morrow", placed=placed) is None
    plural = parse_question("Which geologists said the slope had been stable for decades?")
    assert unmet(plural, credits, {"stance": 0.0}, speaker="Geologists", placed=placed) is None
    assert asks_for_one(plural)  # ranking reads a role the lexicon lacks by the lexicon
    assert not asks_for_one(plural, role_plurals=True)


async def test_one_geologist_asked_is_not_answered_by_geologists(service) -> None:  # type: ignore[no-untyped-def]
    await service.ingest_draft(draft_from_plain_text(ARTICLE, origin=Origin.FILE))
    missed = await service.ask("Which Kessa University geologist said the slope had been stable?")
    assert missed.answers == [], missed.answers
    found = (await service.ask("Which geologists said the slope had been stable?")).answers
    assert found and found[0].speaker == "Geologists", found
    named = (await service.ask("Which geologist said the rain had loosened the clay?")).answers
    assert named and named[0].speaker == "Ines Morrow", named
