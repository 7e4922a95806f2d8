"""Score the attribution extractor on a PolNeAR-format folder.

    python bench/extraction.py ../shared/corpus/polnear/dev [--limit N] [--json]

Prints, per role (source, cue, content), precision, recall and F1 of exact spans (outer bounds
equal once spaces and punctuation are trimmed at both ends) and of word tokens, and the
articles per second on one core (model load excluded), and "speaker named in full": of the gold
sources that name someone (their name part, ``bench/gold_names.py``), the share whose attribution's
stored speaker is that whole name (the predicted attribution matched by overlapping source span,
one with an overlapping cue preferred).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gold_names import gold_name_part, names_in_full
from polnear import ROLES, GoldArticle, Pieces, read_split

from bot.extract.lexicon import load_lexicon
from bot.extract.model import ExtractedAttribution
from bot.extract.pipeline import load_extractor

_TRIM = set(" \t\n\r.,;:!?\"'“”‘’«»()[]{}-–—…`")
_WORD = re.compile(r"\w+")


def trimmed_bounds(text: str, pieces: Pieces) -> tuple[int, int] | None:
    if not pieces:
        return None
    start, end = pieces[0][0], pieces[-1][1]
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return (start, end) if end > start else None


def word_tokens(text: str, pieces: Pieces) -> set[int]:
    """Start offsets of the word tokens inside the pieces."""
    words: set[int] = set()
    for start, end in pieces:
        words.update(match.start() for match in _WORD.finditer(text, start, end))
    return words


def predicted_pieces(item: ExtractedAttribution, role: str) -> Pieces:
    if role == "source":
        return ((item.source.start, item.source.end),) if item.source else ()
    if role == "cue":
        return ((item.cue.start, item.cue.end),) if item.cue else ()
    return tuple((piece.start, piece.end) for piece in item.content)


@dataclass
class Tally:
    exact: Counter[str] = field(default_factory=Counter)  # tp, pred, gold
    token: Counter[str] = field(default_factory=Counter)

    def add_article(self, text: str, gold: list[Pieces], pred: list[Pieces]) -> None:
        gold_bounds = Counter(b for b in (trimmed_bounds(text, p) for p in gold) if b)
        pred_bounds = Counter(b for b in (trimmed_bounds(text, p) for p in pred) if b)
        self.exact["tp"] += sum((gold_bounds & pred_bounds).values())
        self.exact["gold"] += sum(gold_bounds.values())
        self.exact["pred"] += sum(pred_bounds.values())
        gold_words = set().union(*(word_tokens(text, p) for p in gold)) if gold else set()
        pred_words = set().union(*(word_tokens(text, p) for p in pred)) if pred else set()
        self.token["tp"] += len(gold_words & pred_words)
        self.token["gold"] += len(gold_words)
        self.token["pred"] += len(pred_words)


def prf(counts: Counter[str]) -> dict[str, float]:
    precision = counts["tp"] / counts["pred"] if counts["pred"] else 0.0
    recall = counts["tp"] / counts["gold"] if counts["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(100 * precision, 1), "r": round(100 * recall, 1), "f1": round(100 * f1, 1)}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def speaker_names(
    nlp: Any,
    articles: list[GoldArticle],
    predictions: list[list[ExtractedAttribution]],
    *,
    show: bool = False,
) -> dict[str, float | int]:
    """How often the stored speaker is the gold source's whole name (see bench/gold_names.py)."""
    titles = load_lexicon().titles
    gold_named = found = right = 0
    for article, doc, found_items in zip(
        articles, nlp.pipe(article.text for article in articles), predictions, strict=True
    ):
        for item in article.attributions:
            bounds = trimmed_bounds(article.text, item.source)
            if bounds is None:
                continue
            name = gold_name_part(doc, bounds[0], bounds[1], titles)
            if name is None:
                continue
            gold_named += 1
            cue = trimmed_bounds(article.text, item.cue)
            matches = [
                pred
                for pred in found_items
                if pred.source and _overlaps((pred.source.start, pred.source.end), bounds)
            ]
            if cue is not None:
                matches.sort(
                    key=lambda pred: (
                        not (pred.cue and _overlaps((pred.cue.start, pred.cue.end), cue))
                    )
                )
            if not matches:
                continue
            found += 1
            pred = matches[0]
            stored = pred.speaker or (pred.source.text if pred.source else None)
            if names_in_full(stored, name, article.text):
                right += 1
            elif show:
                source_text = article.text[bounds[0] : bounds[1]]
                print(f"{article.name}\t{source_text!r}\tgold {name!r}\tstored {stored!r}")
    return {
        "gold_named": gold_named,
        "found": found,
        "right": right,
        "of_gold": round(100 * right / gold_named, 1) if gold_named else 0.0,
        "of_found": round(100 * right / found, 1) if found else 0.0,
    }


def run(
    folder: Path, *, limit: int | None, stride: int = 1, show_names: bool = False
) -> dict[str, object]:
    articles: list[GoldArticle] = list(read_split(folder, limit=limit))[::stride]
    extractor = load_extractor()
    extractor.extract("Warm-up: the model said it was ready.")
    started = time.process_time()
    predictions = list(extractor.extract_many(article.text for article in articles))
    seconds = time.process_time() - started
    tallies = {role: Tally() for role in ROLES}
    for article, found in zip(articles, predictions, strict=True):
        for role in ROLES:
            gold = [getattr(item, role) for item in article.attributions if getattr(item, role)]
            pred = [p for p in (predicted_pieces(item, role) for item in found) if p]
            tallies[role].add_article(article.text, gold, pred)
    named = speaker_names(extractor.nlp, articles, predictions, show=show_names)
    return {
        "folder": str(folder),
        "articles": len(articles),
        "exact": {role: prf(tallies[role].exact) for role in ROLES},
        "token": {role: prf(tallies[role].token) for role in ROLES},
        "speaker_named_in_full": named,
        "cpu_seconds": round(seconds, 2),
        "articles_per_second": round(len(articles) / seconds, 2) if seconds else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--stride", type=int, default=1, help="score every Nth article only")
    parser.add_argument(
        "--show-names", action="store_true", help="print every gold name not stored in full"
    )
    args = parser.parse_args(argv)
    if not (args.folder / "attributions").is_dir():
        parser.error(f"{args.folder} has no attributions/ folder")
    report = run(args.folder, limit=args.limit, stride=args.stride, show_names=args.show_names)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{report['articles']} articles from {report['folder']}")
    print(f"{'':8} {'exact P':>8} {'R':>6} {'F1':>6}   {'token P':>8} {'R':>6} {'F1':>6}")
    exact, token = report["exact"], report["token"]
    assert isinstance(exact, dict) and isinstance(token, dict)
    for role in ROLES:
        e, t = exact[role], token[role]
        print(
            f"{role:8} {e['p']:8.1f} {e['r']:6.1f} {e['f1']:6.1f}"
            f"   {t['p']:8.1f} {t['r']:6.1f} {t['f1']:6.1f}"
        )
    named = report["speaker_named_in_full"]
    assert isinstance(named, dict)
    print(
        f"speaker named in full: {named['of_gold']:.1f} % of {named['gold_named']} named gold"
        f" sources, {named['of_found']:.1f} % of the {named['found']} found"
    )
    print(f"speed: {report['articles_per_second']} articles/s on one core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
