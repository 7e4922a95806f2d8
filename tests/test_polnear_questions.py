"""bench/polnear_questions.py on a small PolNeAR-shaped corpus written here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.polnear_questions import (
    HALF_OF_SPLIT,
    articles_to_ingest,
    drafts,
    read_questions,
    synthetic_url,
)
from bench.qa import half_of

DEV_TEXT = (
    "Harbour Plan Stalls\n\n"
    "Mayor Ilse Brandvold said the ferry terminal would not open before the spring thaw.\n"
    "The council denied that the budget had run out.\n"
)
TRAIN_TEXT = "Quarry Vote Delayed\n\nThe quarry owner said no blasting would happen at night.\n"
METADATA = (
    "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\n"
    "dev\tgazette_2016-09-01_harbour-plan\t1\tx1\tgazette\t2016-09-01\tNone\tHarbour Plan Stalls\n"
    "dev\tgazette_2016-09-02_other-story\t1\tx1\tgazette\t2016-09-02\tNone\tOther Story\n"
    "train\tcourier_2016-05-01_quarry-vote\t1\tx1\tcourier\t2016-05-01\tA. Writer\tQuarry Vote\n"
)


def span(text: str, phrase: str) -> list[int]:
    start = text.index(phrase)
    return [start, start + len(phrase)]


def write_corpus(root: Path) -> None:
    """metadata.tsv and the texts; the loader reads no attributions (.ann files)."""
    (root / "metadata.tsv").write_text(METADATA, encoding="utf-8")
    articles = {
        ("dev", "gazette_2016-09-01_harbour-plan"): DEV_TEXT,
        ("dev", "gazette_2016-09-02_other-story"): "Other Story\n\nNothing said.\n",
        ("train", "courier_2016-05-01_quarry-vote"): TRAIN_TEXT,
    }
    for (split, name), text in articles.items():
        (root / split / "text").mkdir(parents=True, exist_ok=True)
        (root / split / "text" / f"{name}.txt").write_text(text, encoding="utf-8")


def item(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "pn-dev-001",
        "split": "dev",
        "article": "gazette_2016-09-01_harbour-plan",
        "question": "What did the mayor say about the ferry terminal?",
        "kind": "what",
        "stance": "say",
        "style": ["role"],
        "gold_speakers": ["Ilse Brandvold", "Brandvold", "Mayor"],
        "gold_content_spans": [span(DEV_TEXT, "would not open before the spring")],
    }
    return base | fields


def write_questions(path: Path, *items: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


def test_a_what_item_reads_its_phrases_from_the_corpus(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    questions = write_questions(tmp_path / "q.jsonl", item())
    [resolved] = read_questions([questions], tmp_path)
    assert resolved["gold_content"] == ["would not open before the spring"]
    assert resolved["article_title"] == "Harbour Plan Stalls"
    assert resolved["article_url"] == synthetic_url("dev", "gazette_2016-09-01_harbour-plan")
    assert HALF_OF_SPLIT[resolved["split"]] == "report"


def test_items_without_offsets_pass_through_unchanged(tmp_path: Path) -> None:
    shared_style = {"id": "dev-001", "article_url": "https://example.org/a", "gold_content": ["x"]}
    questions = write_questions(tmp_path / "q.jsonl", shared_style)
    assert read_questions([questions], tmp_path) == [shared_style]
    assert articles_to_ingest([shared_style], tmp_path) == []


def test_every_dev_article_and_the_asked_train_articles_are_ingested(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    train = item(
        id="pn-train-001",
        split="train",
        article="courier_2016-05-01_quarry-vote",
        gold_content_spans=[span(TRAIN_TEXT, "no blasting would happen")],
    )
    items = read_questions([write_questions(tmp_path / "q.jsonl", train)], tmp_path)
    articles = articles_to_ingest(items, tmp_path)
    assert [(a.split, a.name) for a in articles] == [
        ("dev", "gazette_2016-09-01_harbour-plan"),
        ("dev", "gazette_2016-09-02_other-story"),
        ("train", "courier_2016-05-01_quarry-vote"),
    ]
    by_url = {draft.url: draft for draft in drafts(tmp_path, articles)}
    quarry = by_url[synthetic_url("train", "courier_2016-05-01_quarry-vote")]
    assert (quarry.title, quarry.outlet, quarry.author) == ("Quarry Vote", "courier", "A. Writer")
    assert quarry.published is not None and quarry.published.date().isoformat() == "2016-05-01"
    assert quarry.text == TRAIN_TEXT
    other = by_url[synthetic_url("dev", "gazette_2016-09-02_other-story")]
    assert other.author is None  # metadata.tsv's "None"


def test_polnear_items_fall_in_the_half_of_their_split() -> None:
    assert half_of(item()) == "report"
    assert half_of(item(split="train")) == "tune"
    assert half_of({"article_url": "https://example.org/a"}) in ("tune", "report")  # by its hash
