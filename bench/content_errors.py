"""Why predicted content spans miss PolNeAR's: a tally of error kinds on one folder.

    python bench/content_errors.py ../shared/corpus/polnear/train [--stride N] [--show KIND]

Each gold attribution is paired with the prediction whose cue overlaps its cue (none: "no cue",
not a content error). The pair's content is then sorted by how its trimmed outer bounds differ
from the gold's: exact, or short / long at the start and at the end, with what lies between
(a sentence or paragraph break, a quote mark, "that", a clause). --show KIND prints the pairs
of one kind. Develop on train; dev is for the figures only.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extraction import predicted_pieces, trimmed_bounds
from polnear import GoldArticle, GoldAttribution, read_split

from bot.extract.model import ExtractedAttribution
from bot.extract.pipeline import load_extractor

_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def gap_kind(gap: str) -> str:
    """What a stretch of text the two spans disagree on holds, most telling first."""
    if "\n" in gap.strip():
        return "paragraph"
    if _SENTENCE_END.search(gap.strip() + " "):
        return "sentence"
    if gap.strip().lower() in {"that", "whether", "if"}:
        return "that"
    if any(mark in gap for mark in '“”"'):
        return "quote mark"
    if len(gap.split()) <= 2:
        return "word"
    return "clause"


def pair_kind(text: str, gold: tuple[int, int], pred: tuple[int, int] | None) -> str:
    if pred is None:
        return "no content"
    if pred == gold:
        return "exact"
    if not _overlaps(pred, gold):
        return "elsewhere"
    parts = []
    if pred[0] > gold[0]:
        parts.append("start short: " + gap_kind(text[gold[0] : pred[0]]))
    elif pred[0] < gold[0]:
        parts.append("start long: " + gap_kind(text[pred[0] : gold[0]]))
    if pred[1] < gold[1]:
        parts.append("end short: " + gap_kind(text[pred[1] : gold[1]]))
    elif pred[1] > gold[1]:
        parts.append("end long: " + gap_kind(text[gold[1] : pred[1]]))
    return " + ".join(parts)


def matching_prediction(
    gold: GoldAttribution, text: str, found: list[ExtractedAttribution]
) -> ExtractedAttribution | None:
    cue = trimmed_bounds(text, gold.cue)
    if cue is None:
        return None
    return next(
        (item for item in found if item.cue and _overlaps((item.cue.start, item.cue.end), cue)),
        None,
    )


def tally(
    articles: list[GoldArticle], predictions: list[list[ExtractedAttribution]], show: str | None
) -> Counter[str]:
    kinds: Counter[str] = Counter()
    for article, found in zip(articles, predictions, strict=True):
        text = article.text
        for gold in article.attributions:
            gold_bounds = trimmed_bounds(text, gold.content)
            if gold_bounds is None:
                continue
            pred = matching_prediction(gold, text, found)
            if pred is None:
                kinds["no cue"] += 1
                continue
            pred_bounds = trimmed_bounds(text, predicted_pieces(pred, "content"))
            kind = pair_kind(text, gold_bounds, pred_bounds)
            if gold_bounds[0] < (pred.cue.start if pred.cue else 0):
                kind = "[before cue] " + kind
            kinds[kind] += 1
            if show is not None and show in kind:
                cue = pred.cue.text if pred.cue else ""
                got = text[pred_bounds[0] : pred_bounds[1]] if pred_bounds else ""
                print(f"--- {article.name} [{kind}] cue {cue!r}")
                print(f"GOLD {text[gold_bounds[0] : gold_bounds[1]]!r}")
                print(f"PRED {got!r}")
    return kinds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--stride", type=int, default=1)
    parser.add_argument("--show", default=None, help="print the pairs whose kind holds this")
    args = parser.parse_args(argv)
    articles = list(read_split(args.folder))[:: args.stride]
    extractor = load_extractor()
    predictions = list(extractor.extract_many(article.text for article in articles))
    kinds = tally(articles, predictions, args.show)
    total = sum(kinds.values())
    for kind, count in kinds.most_common():
        print(f"{count:6d} {100 * count / total:5.1f} %  {kind}")
    print(f"{total:6d} gold contents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
