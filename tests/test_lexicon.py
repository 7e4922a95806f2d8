"""The answering lexicon is data: it loads, its entries are well formed, and it inflects."""

from __future__ import annotations

from importlib import resources

import pytest

from bot.answer.credits import DESCRIBED_NEARBY, Claim, ClaimTexts, term_credit
from bot.answer.lexicon import load_lexicon, regular_forms
from bot.answer.question import TermKind, parse_question
from bot.extract.model import Stance


def test_every_stance_line_names_a_stance_and_a_phrase() -> None:
    text = resources.files("bot.answer").joinpath("data", "stances.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        stance, phrase, *flags = line.split("\t")
        Stance(stance)
        assert phrase == phrase.lower().strip() and phrase
        assert set(flags) <= {"strict"}, line


def test_every_stance_is_asked_about_by_some_phrase() -> None:
    asked = set(load_lexicon().stance_phrases.values())
    assert asked == set(Stance)


@pytest.mark.parametrize(
    ("words", "stance"),
    [
        ("who denied the strike", Stance.DENY),
        ("who brushed off the report", Stance.DENY),
        ("who pushed back on the plan", Stance.DENY),
        ("who said it was not behind the attack", Stance.DENY),
        ("who denied responsibility", Stance.DENY),
        ("who pointed the finger at iran", Stance.ACCUSE),
        ("who held the coalition responsible", Stance.ACCUSE),
        ("who put the blame on the owner", Stance.ACCUSE),
        ("who took credit for the bombing", Stance.CLAIM),
        ("who claimed responsibility", Stance.CLAIM),
        ("which militia claimed the rocket attack", Stance.CLAIM),
        ("who declined the request", Stance.DENY),
        ("which officer said he had no contact with her", Stance.DENY),
        ("who admitted the mistake", Stance.CONFIRM),
        ("who acknowledged the deaths", Stance.CONFIRM),
        ("who cautioned the minister", Stance.WARN),
        ("who called for a ceasefire", Stance.DEMAND),
        ("who urged calm", Stance.DEMAND),
        ("who suspects the army", Stance.BELIEVE),
        ("who announced the ban", Stance.ANNOUNCE),
        ("what did she tell reporters", Stance.SAY),
    ],
)
def test_stance_phrases_in_any_form(words: str, stance: Stance) -> None:
    found, phrase = load_lexicon().stance_of(words.split())
    assert found is stance, (words, phrase)


def test_regular_forms() -> None:
    assert {"denies", "denied", "denying"} <= regular_forms("deny")
    assert {"admitted", "admitting"} <= regular_forms("admit")
    assert {"dismisses", "dismissed"} <= regular_forms("dismiss")
    assert {"urges", "urged", "urging"} <= regular_forms("urge")


def test_groups_are_symmetric_lookups() -> None:
    lexicon = load_lexicon()
    assert "bombing" in lexicon.groups_of("airstrike", lexicon.event_groups)
    assert "united states" in lexicon.groups_of("american", lexicon.places)
    assert "president" in lexicon.groups_of("leader", lexicon.roles)
    assert "zelenskyy" in lexicon.groups_of("zelenskiy", lexicon.name_variants)


def test_data_groups_hold_no_stopwords() -> None:
    lexicon = load_lexicon()
    for group in (*lexicon.event_groups, *lexicon.roles):
        assert not group & lexicon.stopwords, group


def test_a_title_is_found_in_its_abbreviation_before_a_name() -> None:
    opening = (
        "Sen. Ann Ruiz and Gov. Ed Park spoke in Dunmore on Friday. Ruiz said the bridge toll "
        "would go. Park said the road would wait."
    )

    def texts(speaker: str, content: str) -> ClaimTexts:
        sentence = f"{speaker.split()[-1]} said {content}."
        claim = Claim(speaker, None, "say", content, sentence, "Dunmore", article_text=opening)
        return ClaimTexts.of(claim)

    senator = parse_question("Which senator said the bridge toll would go?").terms[0]
    governor = parse_question("Which governor said the road would wait?").terms[0]
    assert "sen" in senator.alternatives and "gov" in governor.alternatives
    ruiz, park = (
        texts("Ann Ruiz", "the bridge toll would go"),
        texts("Ed Park", "the road would wait"),
    )
    assert term_credit(senator, ruiz) == DESCRIBED_NEARBY
    assert term_credit(governor, park) == DESCRIBED_NEARBY
    assert term_credit(senator, park) < DESCRIBED_NEARBY  # a governor is not a senator


def test_stance_phrases_are_found_where_their_first_word_stands() -> None:
    lexicon = load_lexicon()
    assert {phrase[0] for phrase in lexicon.stance_phrases} == lexicon.phrase_starts
    words = [
        "the",
        "harbour",
        "guild",
        "on",
        "monday",
        "denied",
        "it",
        "and",
        "claimed",
        "responsibility",
    ]
    assert "harbour" not in lexicon.phrase_starts
    assert lexicon.matches(words) == [
        (("denied",), Stance.DENY),
        (("claimed", "responsibility"), Stance.CLAIM),
    ]


def test_every_country_is_a_place_and_keeps_its_group() -> None:
    lexicon = load_lexicon()
    assert lexicon.groups_of("vietnam", lexicon.places) == {"vietnam"}
    assert lexicon.groups_of("bosnia and herzegovina", lexicon.places)
    assert "french" in lexicon.groups_of("france", lexicon.places)  # places.txt's group kept
    terms = parse_question("What did Vietnam's president say about the embargo?").terms
    assert [term.kind for term in terms if term.text.startswith("Vietnam")] == [TermKind.PLACE]
