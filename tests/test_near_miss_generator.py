"""``bench/near_misses.py``: a question made unanswerable keeps its names and its kind of
speaker, and asks for words its article writes outside all of its claims."""

from __future__ import annotations

from collections import Counter
from typing import Any

from bench.near_misses import near_miss, substitutes, to_replace
from bot.answer.question import parse_question

TITLE = "Ferry service to Marrow Island suspended"
ARTICLE = """Ferry service to Marrow Island suspended

The ferry service to Marrow Island was suspended on Friday after storms damaged the harbour.
Fishermen moored their boats in sheltered coves while gales battered the coastline.

Harbourmaster Ilse Varga said the pier would be repaired within a month.
"""
CLAIMS = [
    "Harbourmaster Ilse Varga said the pier would be repaired within a month.",
    "the pier would be repaired within a month",
]


def test_substitutes_are_article_words_outside_every_claim_and_the_title() -> None:
    pool = substitutes(ARTICLE, CLAIMS, TITLE)
    assert "coves" in pool and "coastline" in pool
    assert "repaired" not in pool  # in the claim
    assert "suspended" not in pool  # in the title
    assert "fishermen" not in pool  # written with a capital here: it may be a name


def test_a_near_miss_keeps_names_and_replaces_the_rarer_topic_words() -> None:
    item: dict[str, Any] = {
        "id": "t-1",
        "question": "What did Ilse Varga say about repairing the pier?",
        "kind": "what",
        "gold_content": ["the pier would be repaired"],
        "gold_speakers": [],
        "article_url": "https://example.org/marrow",
    }
    frequency = Counter({"pier": 1, "repair": 9})
    replaced = to_replace(list(parse_question(item["question"]).terms), frequency, 0.5)
    assert [term.text for term in replaced] == ["pier"]  # the rarer one; names are kept
    made = near_miss(item, substitutes(ARTICLE, CLAIMS, TITLE), frequency, 1.0)
    assert made["kind"] == "unanswerable" and made["synthetic"]
    assert made["id"] == "syn-t-1" and made["article_url"] == item["article_url"]
    assert "Ilse Varga" in made["question"]
    assert "pier" not in made["question"] and "repairing" not in made["question"]
    assert made["gold_content"] == []
