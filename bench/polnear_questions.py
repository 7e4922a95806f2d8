"""Loading the PolNeAR question sets of bench/questions (polnear_dev.jsonl, polnear_train.jsonl).

Each line names a PolNeAR article (its file stem) and gives the gold content of a `what`
question as character offsets into that article's text, so that no article text is stored in
the project. bench/qa.py reads the phrases from the corpus at load time (`resolve_items`),
ingests the articles with their metadata.tsv title, outlet and date under a stable synthetic
URL, and scores the items like the other dev questions: dev items are the `report` half,
train items the `tune` half. bench/check_questions.py checks the files.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bot.sources.draft import ArticleDraft
from bot.sources.files import draft_from_record

POLNEAR = PROJECT.parent / "shared/corpus/polnear"
QUESTION_FILES = (
    PROJECT / "bench/questions/polnear_dev.jsonl",
    PROJECT / "bench/questions/polnear_train.jsonl",
)
HALF_OF_SPLIT = {"dev": "report", "train": "tune"}


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    split: str
    name: str
    title: str
    outlet: str
    published: str
    author: str


def read_metadata(root: Path) -> dict[tuple[str, str], ArticleMeta]:
    """metadata.tsv by (split, file stem)."""
    metadata = {}
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            meta = ArticleMeta(
                split=row["compartment"],
                name=row["filename"],
                title=row["title"].strip(),
                outlet=row["publisher"],
                published=row["publication_date"],
                author=row["author"] if row["author"] not in ("", "None") else "",
            )
            metadata[(meta.split, meta.name)] = meta
    return metadata


def synthetic_url(split: str, name: str) -> str:
    """A stable address for an article that has none in the corpus."""
    return f"https://polnear.invalid/{split}/{name}"


def article_text(root: Path, split: str, name: str) -> str:
    return (root / split / "text" / f"{name}.txt").read_text(encoding="utf-8")


def resolve(item: dict[str, Any], text: str, meta: ArticleMeta | None) -> dict[str, Any]:
    """The item in the shape bench/qa.py scores: gold phrases read from the text at its offsets."""
    phrases = [text[start:end] for start, end in item["gold_content_spans"]]
    return {
        **item,
        "gold_content": phrases,
        "evidence": phrases[0] if phrases else "",
        "article_url": synthetic_url(item["split"], item["article"]),
        "article_title": meta.title if meta else "",
    }


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def is_polnear_item(item: dict[str, Any]) -> bool:
    return "gold_content_spans" in item


def resolve_items(items: Iterable[dict[str, Any]], root: Path = POLNEAR) -> list[dict[str, Any]]:
    """The PolNeAR items resolved against the corpus under root; other items as they are."""
    metadata: dict[tuple[str, str], ArticleMeta] | None = None
    resolved = []
    for item in items:
        if is_polnear_item(item):
            metadata = read_metadata(root) if metadata is None else metadata
            key = (item["split"], item["article"])
            item = resolve(item, article_text(root, *key), metadata.get(key))
        resolved.append(item)
    return resolved


def read_questions(paths: Iterable[str | Path], root: Path = POLNEAR) -> list[dict[str, Any]]:
    """The items of question files of either kind (the shared dev sets' or these)."""
    return resolve_items((item for path in paths for item in read_lines(Path(path))), root)


def articles_to_ingest(items: list[dict[str, Any]], root: Path = POLNEAR) -> list[ArticleMeta]:
    """With any PolNeAR item: every dev article (the report set, each the others' distractor)
    and the train articles the items refer to. Without: none."""
    asked = {(item["split"], item["article"]) for item in items if is_polnear_item(item)}
    if not asked:
        return []
    metadata = read_metadata(root)
    wanted = asked | {key for key in metadata if key[0] == "dev"}
    return [metadata[key] for key in sorted(wanted) if key in metadata]


def drafts(root: Path, articles: Iterable[ArticleMeta]) -> Iterator[ArticleDraft]:
    for meta in articles:
        record = {
            "title": meta.title,
            "text": article_text(root, meta.split, meta.name),
            "url": synthetic_url(meta.split, meta.name),
            "outlet": meta.outlet,
            "published": meta.published,
            "author": meta.author,
        }
        yield draft_from_record(record, origin_detail={"polnear": f"{meta.split}/{meta.name}"})
