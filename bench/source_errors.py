"""Group the extractor's source errors on a PolNeAR folder by kind, largest first.

    python bench/source_errors.py ../shared/corpus/polnear/train [--stride 2] [--examples 8]
                                  [--cache FILE]

Each gold attribution with a source is matched to the predicted one whose cue overlaps its cue
(else whose source overlaps its source) and put in one kind: right, cue missed (no prediction;
split by the gold cue's first word), no source, source too long (split by where the extra words
are: a role before a name, a clause or apposition after it, ...), too short (what was cut),
another phrase (wrong clause). Predicted sources with no gold attribution are spurious. Speaker
names are grouped too: of the gold sources that name someone (bench/gold_names.py), stored name
missing, longer, shorter or another. ``--cache`` keeps the predictions (pickle) between runs of
the grouping. For finding causes on train only; dev is scored by bench/extraction.py.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extraction import trimmed_bounds
from gold_names import gold_name_part, name_words, names_in_full
from polnear import GoldArticle, read_split

from bot.extract.lexicon import load_lexicon
from bot.extract.model import ExtractedAttribution
from bot.extract.pipeline import Extractor, load_extractor

Bounds = tuple[int, int]
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "who", "which", "that"}


def _overlaps(a: Bounds, b: Bounds) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _bounds(span: object) -> Bounds | None:
    return (span.start, span.end) if span is not None else None  # type: ignore[attr-defined]


def extra_kind(text: str, gold: Bounds, pred: Bounds) -> str:
    """Where a too-long predicted source has words the gold one has not."""
    before = text[pred[0] : gold[0]].strip() if pred[0] < gold[0] else ""
    after = text[gold[1] : pred[1]].strip() if pred[1] > gold[1] else ""
    parts = []
    if before:
        parts.append("extra before" + (" (determiner)" if before.lower() in {"the", "a"} else ""))
    if after:
        lead = after.split()[0].lower() if after.split() else ""
        if after.startswith(","):
            parts.append("extra after: comma phrase")
        elif after.startswith("("):
            parts.append("extra after: bracket")
        elif lead in {"who", "which", "that", "whose"}:
            parts.append("extra after: relative")
        else:
            parts.append(f"extra after: {lead or '?'}")
    return " + ".join(parts) or "longer (punct)"


def cut_kind(text: str, gold: Bounds, pred: Bounds) -> str:
    before = text[gold[0] : pred[0]].strip() if gold[0] < pred[0] else ""
    after = text[pred[1] : gold[1]].strip() if pred[1] < gold[1] else ""
    parts = []
    if before:
        parts.append("cut before" + (" (determiner)" if before.lower() in {"the", "a"} else ""))
    if after:
        parts.append("cut after" + (": comma phrase" if after.startswith(",") else ""))
    return " + ".join(parts) or "shorter (punct)"


def source_kind(text: str, gold: Bounds, pred: ExtractedAttribution | None) -> str:
    if pred is None:
        return "cue missed"
    got = _bounds(pred.source)
    if got is None:
        return "no source"
    got = trimmed_bounds(text, (got,)) or got
    if got == gold:
        return "right"
    if got[0] <= gold[0] and got[1] >= gold[1]:
        return "too long: " + extra_kind(text, gold, got)
    if got[0] >= gold[0] and got[1] <= gold[1]:
        return "too short: " + cut_kind(text, gold, got)
    if _overlaps(got, gold):
        return "overlapping other"
    return "another phrase"


def best_match(
    gold_cue: Bounds | None, gold_source: Bounds, found: list[ExtractedAttribution]
) -> ExtractedAttribution | None:
    if gold_cue is not None:
        for pred in found:
            cue = _bounds(pred.cue)
            if cue is not None and _overlaps(cue, gold_cue):
                return pred
    for pred in found:
        source = _bounds(pred.source)
        if source is not None and _overlaps(source, gold_source):
            return pred
    return None


def name_kind(stored: str | None, gold_name: str, text: str) -> str:
    if names_in_full(stored, gold_name, text):
        return "right"
    if not stored:
        return "no name"
    stored_words, gold_words = name_words(stored), name_words(gold_name)
    if set(gold_words) < set(stored_words):
        return "stored longer"
    if set(stored_words) < set(gold_words):
        return "stored shorter"
    if set(stored_words) & set(gold_words):
        return "overlapping other"
    return "another name"


def analyse(
    articles: list[GoldArticle], predictions: list[list[ExtractedAttribution]], nlp: object
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    titles = load_lexicon().titles
    kinds: dict[str, list[str]] = defaultdict(list)
    names: dict[str, list[str]] = defaultdict(list)
    docs = nlp.pipe(article.text for article in articles)  # type: ignore[attr-defined]
    for article, doc, found in zip(articles, docs, predictions, strict=True):
        text = article.text
        matched: set[int] = set()
        for item in article.attributions:
            gold = trimmed_bounds(text, item.source)
            if gold is None:
                continue
            cue = trimmed_bounds(text, item.cue)
            pred = best_match(cue, gold, found)
            if pred is not None:
                matched.add(id(pred))
            kind = source_kind(text, gold, pred)
            gold_text = text[gold[0] : gold[1]]
            cue_text = text[cue[0] : cue[1]] if cue else "?"
            if kind == "cue missed":
                first = cue_text.split()[0].lower() if cue_text.split() else "?"
                kind = f"cue missed ({'pronoun' if gold_text.lower() in PRONOUNS else 'named'})"
                kinds[f"cue missed, first word: {first}"].append(f"{gold_text!r} | {cue_text!r}")
            pred_text = pred.source.text if pred and pred.source else None
            kinds[kind].append(
                f"{article.name}\tgold {gold_text!r}\tpred {pred_text!r}\tcue {cue_text!r}"
            )
            name = gold_name_part(doc, gold[0], gold[1], titles)
            if name is not None and pred is not None:
                stored = pred.speaker or pred_text
                names[name_kind(stored, name, text)].append(
                    f"{article.name}\tsource {gold_text!r}\tgold {name!r}\tstored {stored!r}"
                )
        for pred in found:
            if pred.source is not None and id(pred) not in matched:
                cue_text = pred.cue.text if pred.cue else None
                kinds["spurious source"].append(
                    f"{article.name}\tpred {pred.source.text!r}\tcue {cue_text!r}"
                )
    return kinds, names


def show(title: str, groups: dict[str, list[str]], examples: int) -> None:
    total = sum(len(rows) for key, rows in groups.items() if not key.startswith("cue missed,"))
    print(f"\n== {title} ({total})")
    for key, rows in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        if key.startswith("cue missed,") and len(rows) < 5:
            continue
        print(f"{len(rows):6d}  {key}")
        if key != "right":
            for row in rows[:examples]:
                print(f"          {row}")


def predictions_of(
    extractor: Extractor, articles: list[GoldArticle], cache: Path | None
) -> list[list[ExtractedAttribution]]:
    """The extractor's attributions of each article, read from ``cache`` when it exists (a
    pickle of an earlier run over the same articles) and written there when it does not."""
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())  # type: ignore[no-any-return]
    predictions = [list(found) for found in extractor.extract_many(a.text for a in articles)]
    if cache:
        cache.write_bytes(pickle.dumps(predictions))
    return predictions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--stride", type=int, default=1)
    parser.add_argument("--examples", type=int, default=8)
    parser.add_argument("--cache", type=Path)
    args = parser.parse_args(argv)
    articles = list(read_split(args.folder))[:: args.stride]
    extractor = load_extractor()
    predictions = predictions_of(extractor, articles, args.cache)
    kinds, names = analyse(articles, predictions, extractor.nlp)
    counts = Counter({key: len(rows) for key, rows in kinds.items()})
    show("gold sources by kind", kinds, args.examples)
    show("gold names by kind", names, args.examples)
    gold = sum(
        count
        for key, count in counts.items()
        if key != "spurious source" and not key.startswith("cue missed,")
    )
    print(f"\n{counts['right']} right of {gold}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
