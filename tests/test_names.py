"""Names as people write them: transliterations and spelling variants are one name."""

from __future__ import annotations

import pytest

from bot.answer.names import NameKeys, find_name, name_key, same_name


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Al Bukamal", "Abu Kamal"),
        ("Al Bukamal", "Albu Kamal"),
        ("Al Bukamal", "Boukamal"),
        ("Al-Bukamal", "al Bukamal"),
        ("Zelensky", "Zelenskyy"),
        ("Zelenskiy", "Zelensky"),
        ("Qasr al-Hamra", "Kasr al-Hamra"),
        ("Rouhani", "Rohani"),
        ("Erdoğan", "Erdogan"),
        ("Gaddafi", "Ghadafi"),
    ],
)
def test_spellings_of_one_name(one: str, other: str) -> None:
    assert same_name(one, other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Iran", "Iraq"), ("Austria", "Australia"), ("Obama", "Osama"), ("Sudan", "Sweden")],
)
def test_different_names_stay_apart(one: str, other: str) -> None:
    assert not same_name(one, other)


def test_name_key_drops_the_arabic_article_and_folds_sounds() -> None:
    assert name_key("Al-Bukamal") == name_key("Boukamal") == "bukamal"
    assert name_key("Zelenskyy") == "zelenski"


def test_find_name_looks_at_runs_of_words() -> None:
    words = ["the", "bombing", "of", "abu", "kamal", "near", "the", "border"]
    assert find_name("Al Bukamal", words)
    assert find_name("Zelenskiy", ["president", "zelensky", "told", "reporters"])
    assert not find_name("Zelenskiy", ["president", "macron", "told", "reporters"])


def test_find_name_uses_listed_variants() -> None:
    words = ["muhammad", "spoke", "first"]
    assert find_name("Mohammed", words, variants=frozenset({"muhammad"}))


def test_find_name_matches_whole_words_only() -> None:
    assert not find_name("Iran", ["the", "tirana", "office"])
    assert find_name("Iran", ["the", "iran", "office"])
    assert find_name("Abu Kamal", ["near", "albu", "kamal", "today"])  # runs of any length


def test_a_text_repeating_its_words_gives_each_run_once() -> None:
    words = ["the", "mayor", "said", "the", "mayor", "said", "nothing"]
    keys = NameKeys.of(words)
    assert keys.windows(2) == ["themaior", "maiorsaid", "saidthe", "saidnothing"]
    assert find_name("Maiyor", words, keys=keys)  # a misspelling, among the repeated runs


@pytest.mark.parametrize(
    "word",
    ["bukamal", "zelenskyy", "mohammed", "khaled", "phillips", "qatar", "2019", "g20", "ouu", "al"],
)
def test_a_texts_word_has_the_name_key_of_the_word(word: str) -> None:
    # NameKeys reads a text's words (lower-case letters and digits) by a shorter way
    assert NameKeys.of([word]).keys == (name_key(word),)
    assert NameKeys.of([word.capitalize()]).keys == (name_key(word.capitalize()),)


def test_a_texts_words_are_keyed_with_sounds_folded_and_letters_single() -> None:
    assert NameKeys.of(["zelenskyy", "phillips", "g20", "2019"]).keys == (
        "zelenski",
        "filips",
        "g",
        "",
    )
