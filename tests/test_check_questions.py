"""The PolNeAR question checker on a two-sentence article written for the test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.check_questions import Corpus, check_lines, copied_run, counts

ARTICLE = "harbour-bridge"
TEXT = (
    "Harbour Bridge to close for repairs.\n\n"
    "Mayor Lena Ortiz said the old bridge will close for three weeks in March. "
    "The ferry company warned that boats would be crowded."
)
CONTENT = "the old bridge will close for three weeks in March"


def _ann(text: str) -> str:
    source, cue = "Mayor Lena Ortiz", "said"
    spans = [
        ("T1", "Source", source),
        ("T2", "Cue", cue),
        ("T3", "Content", CONTENT),
        ("T4", "Attribution", cue),
    ]
    lines = []
    for ident, label, phrase in spans:
        start = text.index(phrase)
        lines.append(f"{ident}\t{label} {start} {start + len(phrase)}\t{phrase}")
    lines.append("E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1")
    return "\n".join(lines) + "\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    (tmp_path / "train" / "text").mkdir(parents=True)
    (tmp_path / "train" / "attributions").mkdir()
    (tmp_path / "train" / "text" / f"{ARTICLE}.txt").write_text(TEXT, encoding="utf-8")
    ann = tmp_path / "train" / "attributions" / f"{ARTICLE}_ab12.ann"
    ann.write_text(_ann(TEXT), encoding="utf-8")
    metadata = "compartment\tfilename\ttitle\n" + f"train\t{ARTICLE}\tHarbour Bridge\n"
    (tmp_path / "metadata.tsv").write_text(metadata, encoding="utf-8")
    return Corpus(tmp_path)


def _item(**changes: Any) -> dict[str, Any]:
    start = TEXT.index("close for three weeks")
    item: dict[str, Any] = {
        "id": "pn-train-001",
        "split": "train",
        "article": ARTICLE,
        "question": "How long did the mayor say the bridge would be shut?",
        "kind": "what",
        "stance": "say",
        "style": ["role", "paraphrase"],
        "gold_speakers": ["Lena Ortiz", "Ortiz", "Mayor"],
        "gold_content_spans": [[start, start + len("close for three weeks")]],
    }
    item.update(changes)
    return item


def _problems(corpus: Corpus, *items: dict[str, Any]) -> list[str]:
    return check_lines([json.dumps(item) for item in items], corpus)[1]


def test_a_well_formed_item_has_no_problems(corpus: Corpus) -> None:
    assert _problems(corpus, _item()) == []


def test_a_span_outside_the_gold_content_is_reported(corpus: Corpus) -> None:
    start = TEXT.index("boats would be crowded")
    item = _item(gold_content_spans=[[start, start + len("boats would be crowded")]])

    assert _problems(corpus, item) == [
        "pn-train-001: span "
        f"{start}-{start + 22} 'boats would be crowded' is not inside a gold Content span"
    ]


def test_values_and_kinds_are_checked(corpus: Corpus) -> None:
    item = _item(
        kind="unanswerable",
        stance="shout",
        style=["lowercase"],
        question="Who shouted?",
        gold_content_spans=[],
    )

    assert _problems(corpus, item) == [
        "pn-train-001: stance 'shout'",
        "pn-train-001: style lowercase but the question has capitals",
        "pn-train-001: gold_speakers must be [] exactly for unanswerable items",
    ]


def test_a_missing_article_and_a_repeated_id_are_reported(corpus: Corpus) -> None:
    problems = _problems(corpus, _item(), _item(article="no-such-article"))

    assert problems == [
        "pn-train-001: id used twice",
        "pn-train-001: 'no-such-article' is not a train article of metadata.tsv",
        "pn-train-001: no text or attributions for 'no-such-article' in train",
    ]


def test_a_copied_run_of_words_is_found() -> None:
    question = "Did Ortiz say the old bridge will close for three weeks in March?"

    assert copied_run(question, TEXT) == "the old bridge will close for three weeks"
    assert copied_run("How long will the bridge be shut?", TEXT) is None


def test_counts_by_kind_style_and_article(corpus: Corpus) -> None:
    items, _ = check_lines([json.dumps(_item())], corpus)

    table = counts(items)

    assert table["kind"] == {"what": 1}
    assert table["style"] == {"role": 1, "paraphrase": 1}
    assert table["articles"] == {ARTICLE: 1}


def test_a_missing_field_is_reported_alone(corpus: Corpus) -> None:
    item = _item()
    del item["stance"]

    (problem,) = _problems(corpus, item)

    assert problem.startswith("pn-train-001: fields [") and "'stance'" in problem
