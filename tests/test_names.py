"""Names as people write them: transliterations and spelling variants are one name."""

from __future__ import annotations

import pytest

from bot.answer.names import find_name, name_key, same_name


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
