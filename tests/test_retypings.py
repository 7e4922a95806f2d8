"""bench/retypings.py: a question retyped the way people type, the same way every run."""

from __future__ import annotations

from bench.retypings import (
    Context,
    defined_initialisms,
    initialism,
    lowercased,
    misspelt,
    retyped,
    terse,
)

ARTICLE = (
    "The Lumen Harbour Authority (LHA) said on Monday that the eastern pier would close. "
    "Harbour master Teodor Varga told reporters the pier was unsafe. The LHA board meets again "
    "in March; the Prime Minister said she would visit."
)
CONTEXT = Context("q-1", ("Lumen", "Teodor", "Varga"), ARTICLE)


def test_lower_case_drops_capitals_and_punctuation_but_keeps_hyphens_and_numbers() -> None:
    typed = lowercased("What did Teodor Varga's team say about Pier-4, in 2019?", CONTEXT)
    assert typed == "what did teodor vargas team say about pier-4 in 2019"


def test_one_name_is_misspelt_and_the_rest_is_as_written() -> None:
    question = "Who told reporters that Varga's pier was unsafe?"
    typed = misspelt(question, CONTEXT)
    assert typed is not None and typed != question
    assert typed.startswith("Who told reporters that V") and typed.endswith("'s pier was unsafe?")
    assert misspelt(question, CONTEXT) == typed  # seeded: the same every time
    assert misspelt("Who said the pier was unsafe?", CONTEXT) is None  # no name to misspell


def test_terse_keeps_the_question_word_and_the_keywords() -> None:
    typed = terse("Who said that the eastern pier would close on Monday?", CONTEXT)
    assert typed == "Who eastern pier close Monday"
    typed = terse("What did Teodor Varga tell reporters about the pier?", CONTEXT)
    assert typed == "What Teodor Varga reporters pier"


def test_an_initialism_the_article_defines_or_a_common_short_form_replaces_the_name() -> None:
    assert defined_initialisms(ARTICLE) == {"Lumen Harbour Authority": "LHA"}
    typed = initialism("What did the Lumen Harbour Authority say about the pier?", CONTEXT)
    assert typed == "What did LHA say about the pier?"
    typed = initialism("Which prime minister said she would visit the pier?", CONTEXT)
    assert typed == "Which PM said she would visit the pier?"
    assert initialism("Who said the pier was unsafe?", CONTEXT) is None


def test_combinations_apply_in_turn_and_only_changed_questions_are_kept() -> None:
    variants = retyped("What did the Lumen Harbour Authority tell Teodor Varga?", CONTEXT)
    assert variants["lowercase"] == "what did the lumen harbour authority tell teodor varga"
    assert variants["all"].startswith("what lha ")
    assert "lowercase" not in retyped("who said the pier was unsafe", CONTEXT)
