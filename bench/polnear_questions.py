"""The PolNeAR question sets of bench/questions (polnear_dev.jsonl, polnear_train.jsonl).

    python bench/polnear_questions.py [FILE ...]   checks the files (default: both, when present)

Each line names a PolNeAR article (its file stem) and gives the gold content of a `what`
question as character offsets into that article's text, so that no article text is stored in
the project. bench/qa.py reads the phrases from the corpus at load time (`resolve_items`),
ingests the articles with their metadata.tsv title, outlet and date under a stable synthetic
URL, and scores the items like the other dev questions: dev items are the `report` half,
train items the `tune` half.
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

from bench.polnear import Pieces, parse_ann
from bot.sources.draft import ArticleDraft
from bot.sources.files import draft_from_record

POLNEAR = PROJECT.parent / "shared/corpus/polnear"
QUESTION_FILES = (
    PROJECT / "bench/questions/polnear_dev.jsonl",
    PROJECT / "bench/questions/polnear_train.jsonl",
)
HALF_OF_SPLIT = {"dev": "report", "train": "tune"}
FIELDS = frozenset(
    {"id", "split", "article", "question", "kind", "stance", "style"}
    | {"gold_speakers", "gold_content_spans"}
)
KINDS = frozenset({"who", "what", "unanswerable"})
STANCES = frozenset(
    {"say", "deny", "claim", "accuse", "confirm", "announce", "warn", "demand", "report"}
    | {"believe", "other"}
)
STYLES = frozenset(
    {"name", "role", "lowercase", "abbrev", "paraphrase", "misspelt", "terse", "long"}
)


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


def gold_content(root: Path, split: str, name: str) -> tuple[Pieces, ...]:
    """The Content spans of the article's first annotator (as bench/polnear.read_split reads)."""
    anns = sorted(
        path
        for path in (root / split / "attributions").glob(f"{name}_*.ann")
        if path.stem.rsplit("_", 1)[0] == name
    )
    if not anns:
        return ()
    return tuple(a.content for a in parse_ann(anns[0].read_text(encoding="utf-8")) if a.content)


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


def problems(item: dict[str, Any], text: str, contents: Iterable[Pieces]) -> list[str]:
    """What is wrong with one item, given its article's text and gold Content spans."""
    found = []
    if set(item) != FIELDS:
        found.append(f"fields {sorted(set(item) ^ FIELDS)}")
        return found
    if item["split"] not in HALF_OF_SPLIT:
        found.append(f"split {item['split']!r}")
    if item["kind"] not in KINDS:
        found.append(f"kind {item['kind']!r}")
    if item["stance"] not in STANCES:
        found.append(f"stance {item['stance']!r}")
    styles = item["style"]
    if not styles or not set(styles) <= STYLES or len(set(styles)) != len(styles):
        found.append(f"style {styles!r}")
    answerable = item["kind"] != "unanswerable"
    if answerable != bool(item["gold_speakers"]):
        found.append("gold_speakers must be given exactly when the item is answerable")
    spans = item["gold_content_spans"]
    if (item["kind"] == "what") != bool(spans) or len(spans) > 3:
        found.append("gold_content_spans: 1-3 for a what item, none otherwise")
    pieces = [piece for content in contents for piece in content]
    for start, end in spans:
        phrase = text[start:end]
        if not any(low <= start < end <= high for low, high in pieces):
            found.append(f"span {start}-{end} {phrase!r} is not inside a gold Content span")
        elif not 3 <= len(phrase.split()) <= 10 or phrase != phrase.strip():
            found.append(f"span {start}-{end} {phrase!r}: 3-10 words, no outer white space")
    return found


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


def check(paths: Iterable[Path], root: Path = POLNEAR) -> list[str]:
    """Every problem of the files, each with its file and line; also ids seen twice."""
    metadata = read_metadata(root)
    found, seen = [], set()
    for path in paths:
        for number, item in enumerate(read_lines(path), 1):
            where = f"{path.name}:{number} {item.get('id')}"
            if item.get("id") in seen:
                found.append(f"{where}: id seen before")
            seen.add(item.get("id"))
            key = (item.get("split", ""), item.get("article", ""))
            if key not in metadata:
                found.append(f"{where}: article {key} is not in metadata.tsv")
                continue
            text = article_text(root, *key)
            found += [f"{where}: {p}" for p in problems(item, text, gold_content(root, *key))]
    return found


def main() -> int:
    paths = [Path(arg) for arg in sys.argv[1:]] or [p for p in QUESTION_FILES if p.exists()]
    if not POLNEAR.exists():
        print(f"skipped: {POLNEAR} is absent", file=sys.stderr)
        return 0
    found = check(paths)
    print("\n".join(found) or f"ok: {', '.join(path.name for path in paths)}")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
