"""The cue and stance vocabulary shipped as data files."""

from __future__ import annotations

from bot.extract.lexicon import load_lexicon
from bot.extract.model import UNASSERTED_STANCES, Polarity, Stance
from bot.extract.polarity import load_polarity_words
from bot.extract.quotes import find_quotes


def test_every_stance_has_words() -> None:
    """Decline and hedge come from how a cue is written (polarity.tsv), not from its verb."""
    lexicon = load_lexicon()
    assert set(lexicon.stances.values()) >= set(Stance) - {Stance.SAY} - UNASSERTED_STANCES


def test_polarity_words_cover_refusals_negations_and_modals() -> None:
    words = load_polarity_words()
    assert words.frames["decline"] is Polarity.REFUSED
    assert words.frames["refuse"] is Polarity.REFUSED
    assert {"may", "might", "will"} <= words.modals
    assert not {"can", "could", "would"} & words.modals  # "would say only that ..." is said
    assert "neither" in words.negators
    assert words.stance(Polarity.NEGATED, Stance.CONFIRM) is Stance.DECLINE
    assert words.stance(Polarity.MODAL, Stance.ANNOUNCE) is Stance.HEDGE
    assert words.stance(Polarity.AFFIRMED, Stance.DENY) is Stance.DENY


def test_stance_lookup_prefers_the_phrase() -> None:
    lexicon = load_lexicon()
    assert lexicon.stance_of("point", "to") is Stance.ACCUSE
    assert lexicon.stance_of("point") is Stance.SAY
    assert lexicon.stance_of("deny") is Stance.DENY
    assert lexicon.stance_of("murmur") is Stance.SAY


def test_cue_kinds_are_known() -> None:
    assert set(load_lexicon().cue_kinds.values()) <= {"speech", "state", "act"}


def test_outlets() -> None:
    lexicon = load_lexicon()
    assert lexicon.is_outlet("Reuters")
    assert lexicon.is_outlet("the Associated Press")
    assert not lexicon.is_outlet("reporters")


def test_quotes_curly_straight_and_doubled() -> None:
    text = "He said “one.” Then \"two\" and ``three'' too."
    assert [text[s:e] for s, e in find_quotes(text)] == ["“one.”", '"two"', "``three''"]


def test_quote_over_paragraphs_reopens() -> None:
    text = "“First part.\n\n“Second part,” she said."
    regions = [text[s:e] for s, e in find_quotes(text)]
    assert regions == ["“First part.", "“Second part,”"]
