"""Check a PolNeAR question file (``bench/questions/polnear_*.jsonl``) against the corpus.

    python bench/check_questions.py bench/questions/polnear_train.jsonl \
        [--corpus ../shared/corpus/polnear]

Every line must be one JSON object with exactly the fields of the format (id, split, article,
question, kind, stance, style, gold_speakers, gold_content_spans) and valid values; the article
must exist in that split of the corpus and of metadata.tsv; each content span of a ``what`` item
must slice to a phrase of 3-10 words inside a gold Content span (first annotator, as
``bench/polnear.py`` reads it); and a question must not copy a run of the article's words
(``COPIED_WORDS`` or more in a row). Prints each problem with the item's id, then the counts by
kind, style and stance; exits 1 when there are problems.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.polnear import Pieces, parse_ann

FIELDS = (
    "id",
    "split",
    "article",
    "question",
    "kind",
    "stance",
    "style",
    "gold_speakers",
    "gold_content_spans",
)
KINDS = frozenset({"who", "what", "unanswerable"})
STANCES = frozenset(
    {"say", "deny", "claim", "accuse", "confirm", "announce", "warn", "demand", "report"}
    | {"believe", "other"}
)
STYLES = frozenset(
    {"name", "role", "lowercase", "abbrev", "paraphrase", "misspelt", "terse", "long"}
)
PHRASE_WORDS = (3, 10)
MAX_SPANS = 3
COPIED_WORDS = 8
_ID = re.compile(r"pn-(?P<split>[a-z]+)-\d{3}")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class CorpusArticle:
    text: str
    content: tuple[Pieces, ...]


class Corpus:
    """The articles of a PolNeAR folder, read on demand."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.compartments = _compartments(root / "metadata.tsv")

    def article(self, split: str, name: str) -> CorpusArticle | None:
        return _read_article(self.root, split, name)


def _compartments(metadata: Path) -> dict[str, str]:
    with metadata.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {row["filename"]: row["compartment"] for row in rows}


@cache
def _read_article(root: Path, split: str, name: str) -> CorpusArticle | None:
    text_path = root / split / "text" / f"{name}.txt"
    anns = sorted((root / split / "attributions").glob(f"{name}_*.ann"))
    if not text_path.is_file() or not anns:
        return None
    attributions = parse_ann(anns[0].read_text(encoding="utf-8"))
    content = tuple(a.content for a in attributions if a.content)
    return CorpusArticle(text_path.read_text(encoding="utf-8"), content)


def field_problems(item: Mapping[str, Any]) -> list[str]:
    """What is wrong with the fields themselves, without reading the corpus."""
    if set(item) != set(FIELDS):
        return [f"fields {sorted(item)} are not {sorted(FIELDS)}"]
    problems = []
    match = _ID.fullmatch(str(item["id"]))
    if match is None or match["split"] != item["split"]:
        problems.append(f"id {item['id']!r} is not pn-{item['split']}-NNN")
    question = item["question"]
    if not isinstance(question, str) or not question.strip():
        problems.append("empty question")
    if item["kind"] not in KINDS:
        problems.append(f"kind {item['kind']!r}")
    if item["stance"] not in STANCES:
        problems.append(f"stance {item['stance']!r}")
    problems += _style_problems(item["style"], question)
    problems += _gold_problems(item["kind"], item["gold_speakers"], item["gold_content_spans"])
    return problems


def _style_problems(style: object, question: object) -> list[str]:
    if not isinstance(style, list) or not style:
        return ["style is not a non-empty list"]
    problems = [f"style {tag!r}" for tag in style if tag not in STYLES]
    if len(set(style)) != len(style):
        problems.append("style repeats a tag")
    if "lowercase" in style and isinstance(question, str) and question != question.lower():
        problems.append("style lowercase but the question has capitals")
    return problems


def _gold_problems(kind: object, speakers: object, spans: object) -> list[str]:
    problems = []
    if not isinstance(speakers, list) or not all(isinstance(s, str) and s for s in speakers):
        problems.append("gold_speakers is not a list of names")
    elif (kind == "unanswerable") != (not speakers):
        problems.append("gold_speakers must be [] exactly for unanswerable items")
    if not isinstance(spans, list) or not all(_is_span(span) for span in spans):
        problems.append("gold_content_spans is not a list of [start, end]")
    elif kind == "what" and not 1 <= len(spans) <= MAX_SPANS:
        problems.append(f"a what item needs 1-{MAX_SPANS} content spans")
    elif kind != "what" and spans:
        problems.append("only what items have content spans")
    return problems


def _is_span(span: object) -> bool:
    return (
        isinstance(span, list)
        and len(span) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) for n in span)
        and 0 <= span[0] < span[1]
    )


def span_problems(article: CorpusArticle, spans: Iterable[list[int]]) -> list[str]:
    """Each span must be a short phrase lying inside one gold Content piece."""
    problems = []
    for start, end in spans:
        phrase = article.text[start:end]
        words = len(phrase.split())
        if not PHRASE_WORDS[0] <= words <= PHRASE_WORDS[1]:
            problems.append(f"span {start}-{end} {phrase!r} has {words} words")
        if phrase != phrase.strip():
            problems.append(f"span {start}-{end} {phrase!r} starts or ends with a space")
        inside = any(a <= start and end <= b for pieces in article.content for a, b in pieces)
        if not inside:
            problems.append(f"span {start}-{end} {phrase!r} is not inside a gold Content span")
    return problems


def copied_run(question: str, text: str, length: int = COPIED_WORDS) -> str | None:
    """The first run of ``length`` question words that the article also has in a row."""
    words = [w.lower() for w in _WORD.findall(question)]
    article = " " + " ".join(w.lower() for w in _WORD.findall(text)) + " "
    for start in range(len(words) - length + 1):
        run = " ".join(words[start : start + length])
        if f" {run} " in article:
            return run
    return None


def item_problems(item: Mapping[str, Any], corpus: Corpus) -> list[str]:
    problems = field_problems(item)
    if problems:
        return problems
    split, name = item["split"], item["article"]
    if corpus.compartments.get(name) != split:
        problems.append(f"{name!r} is not a {split} article of metadata.tsv")
    article = corpus.article(split, name)
    if article is None:
        return [*problems, f"no text or attributions for {name!r} in {split}"]
    problems += span_problems(article, item["gold_content_spans"])
    copied = copied_run(item["question"], article.text)
    if copied is not None:
        problems.append(f"the question copies the article: {copied!r}")
    return problems


def check_lines(lines: Iterable[str], corpus: Corpus) -> tuple[list[dict[str, Any]], list[str]]:
    """The items that parse, and every problem as ``"<id or line>: <problem>"``."""
    items: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"line {number}: not JSON ({error})")
            continue
        if not isinstance(item, dict):
            problems.append(f"line {number}: not a JSON object")
            continue
        label = str(item.get("id", f"line {number}"))
        if label in seen:
            problems.append(f"{label}: id used twice")
        seen.add(label)
        problems += [f"{label}: {problem}" for problem in item_problems(item, corpus)]
        items.append(item)
    return items, problems


def counts(items: Iterable[Mapping[str, Any]]) -> dict[str, Counter[str]]:
    table: dict[str, Counter[str]] = {"kind": Counter(), "style": Counter(), "stance": Counter()}
    articles: Counter[str] = Counter()
    for item in items:
        table["kind"][str(item.get("kind"))] += 1
        table["stance"][str(item.get("stance"))] += 1
        table["style"].update(str(tag) for tag in item.get("style") or [])
        articles[str(item.get("article"))] += 1
    table["articles"] = articles
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=Path)
    default_corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "polnear"
    parser.add_argument("--corpus", type=Path, default=default_corpus)
    args = parser.parse_args(argv)
    lines = args.questions.read_text(encoding="utf-8").splitlines()
    items, problems = check_lines([line for line in lines if line.strip()], Corpus(args.corpus))
    for problem in problems:
        print(problem)
    table = counts(items)
    print(f"{len(items)} items over {len(table['articles'])} articles, {len(problems)} problems")
    for name in ("kind", "style", "stance"):
        print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in sorted(table[name].items())))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
