"""Learn the cue vocabulary and the cue model from PolNeAR's train split.

    python bench/learn_extraction.py ../shared/corpus/polnear/train [--docbin PARSES]

Writes only lemmas, feature names, counts and weights (never corpus text) into
``bot/extract/data``: ``cue_stats.tsv`` (per lemma/POS: how often it marked an attribution of
how often it was seen outside quotes) and ``cue_model.tsv`` (logistic weights and threshold).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from polnear import GoldArticle, read_split
from spacy.tokens import Doc, DocBin

from bot.extract.cue_model import candidate_key, content_keys, cue_features, span_keys
from bot.extract.pipeline import load_nlp
from bot.extract.quotes import QuoteIndex, find_quotes

DATA = ROOT / "bot" / "extract" / "data"
MIN_CUES = 3  # a lemma/POS must mark this many train attributions to become a candidate
MIN_FEATURE_COUNT = 4
MIN_SPAN_SEEN = 4


def token_set(doc: Doc, pieces: tuple[tuple[int, int], ...]) -> set[int]:
    inside: set[int] = set()
    for start, end in pieces:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            inside.update(tok.i for tok in span if not tok.is_punct and not tok.is_space)
    return inside


def content_of(doc: Doc, article: GoldArticle) -> dict[int, set[int]]:
    """Gold cue head -> the word indices of its content."""
    out: dict[int, set[int]] = {}
    heads = cue_heads(doc, article)
    for attribution in article.attributions:
        cue = token_set(doc, attribution.cue)
        for head, inside in heads.items():
            if head in cue and inside <= cue:
                out[head] = token_set(doc, attribution.content)
    return out


def cue_heads(doc: Doc, article: GoldArticle) -> dict[int, set[int]]:
    """The syntactic head of each gold cue span -> the token indices of that span."""
    heads: dict[int, set[int]] = {}
    for attribution in article.attributions:
        inside: set[int] = set()
        for start, end in attribution.cue:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                inside.update(tok.i for tok in span if not tok.is_punct or tok.text == ":")
        if not inside:
            continue
        tops = [i for i in sorted(inside) if doc[i].head.i not in inside or doc[i].head.i == i]
        verbs = [i for i in tops if doc[i].pos_ in {"VERB", "AUX"}]
        heads[(verbs or tops)[0]] = inside
    return heads


def parsed(articles: list[GoldArticle], docbin: Path | None) -> Iterator[Doc]:
    nlp = load_nlp()
    if docbin is not None and docbin.exists():
        yield from DocBin().from_disk(docbin).get_docs(nlp.vocab)
        return
    yield from nlp.pipe((a.text for a in articles), disable=["ner"], batch_size=16)


def train_logistic(
    examples: list[tuple[list[int], int]], n_features: int, *, epochs: int, seed: int = 7
) -> np.ndarray:
    """Logistic regression by AdaGrad with a little L2; returns one weight per feature."""
    weights = np.zeros(n_features)
    grad_sq = np.full(n_features, 1e-6)
    rate, l2 = 0.3, 1e-5
    order = list(range(len(examples)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for index in order:
            features, label = examples[index]
            score = weights[features].sum()
            prob = 1.0 / (1.0 + np.exp(-np.clip(score, -30, 30)))
            grad = (prob - label) + l2 * weights[features]
            grad_sq[features] += grad * grad
            weights[features] -= rate * grad / np.sqrt(grad_sq[features])
    return weights


def best_threshold(scores: list[float], labels: list[int], gold_total: int) -> float:
    best, best_f1 = 0.5, -1.0
    for threshold in [x / 100 for x in range(20, 81, 2)]:
        tp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and y)
        pred = sum(1 for s in scores if s >= threshold)
        p = tp / pred if pred else 0.0
        r = tp / gold_total if gold_total else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best_f1:
            best, best_f1 = threshold, f1
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--docbin", type=Path, default=None, help="cached parses of the folder")
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument(
        "--hold-out", action="store_true", help="learn without every fifth article (to score them)"
    )
    args = parser.parse_args(argv)
    articles = list(read_split(args.folder))
    rows: list[tuple[int, str, list[str], int]] = []  # article, key, features, label
    seen: Counter[str] = Counter()
    cues: Counter[str] = Counter()
    gold_cues_per_article: list[int] = []
    span_seen: Counter[str] = Counter()
    span_in: Counter[str] = Counter()
    span_whole: Counter[str] = Counter()
    content_seen: Counter[str] = Counter()
    content_in: Counter[str] = Counter()
    for number, (article, doc) in enumerate(
        zip(articles, parsed(articles, args.docbin), strict=True)
    ):
        quotes = QuoteIndex(find_quotes(doc.text))
        heads = cue_heads(doc, article)
        gold_cues_per_article.append(len(heads))
        for head_index, content in content_of(doc, article).items():
            for child in doc[head_index].children:
                if child.is_punct or child.is_space or child.i in heads[head_index]:
                    continue
                words = [t.i for t in child.subtree if not t.is_punct and not t.is_space]
                share = sum(1 for i in words if i in content) / max(1, len(words))
                for key in content_keys(child):
                    content_seen[key] += 1
                    content_in[key] += int(share >= 0.8)
        for head_index, inside in heads.items():
            for child in doc[head_index].children:
                if child.is_punct or child.is_space:
                    continue
                words = [t.i for t in child.subtree if not t.is_punct and not t.is_space]
                whole = int(all(i in inside for i in words))
                for key in span_keys(child):
                    span_seen[key] += 1
                    span_in[key] += int(child.i in inside)
                    span_whole[key] += whole
        for token in doc:
            if token.is_punct or token.is_space or quotes.inside(token.idx):
                continue
            key = candidate_key(token)
            label = int(token.i in heads)
            seen[key] += 1
            cues[key] += label
            rows.append((number, key, cue_features(token, quotes), label))
    candidates = {key for key, count in cues.items() if count >= MIN_CUES}
    rows = [row for row in rows if row[1] in candidates]
    feature_counts = Counter(name for row in rows for name in row[2])
    names = sorted(name for name, count in feature_counts.items() if count >= MIN_FEATURE_COUNT)
    index = {name: i for i, name in enumerate(names)}

    def encode(selected: list[tuple[int, str, list[str], int]]) -> list[tuple[list[int], int]]:
        return [([index[n] for n in feats if n in index], label) for _, _, feats, label in selected]

    # Tune the threshold on a fifth of the articles held out, then learn on all of them.
    held = {n for n in range(len(articles)) if n % 5 == 0}
    fit = train_logistic(
        encode([r for r in rows if r[0] not in held]), len(names), epochs=args.epochs
    )
    held_rows = [r for r in rows if r[0] in held]
    held_scores = [float(1 / (1 + np.exp(-fit[feats].sum()))) for feats, _ in encode(held_rows)]
    gold_held = sum(gold_cues_per_article[n] for n in held)
    threshold = best_threshold(held_scores, [r[3] for r in held_rows], gold_held)
    final_rows = [r for r in rows if r[0] not in held] if args.hold_out else rows
    weights = train_logistic(encode(final_rows), len(names), epochs=args.epochs)

    with (DATA / "cue_stats.tsv").open("w", encoding="utf-8") as out:
        out.write(
            "# lemma/POS\tcue\tseen — learned from PolNeAR train by bench/learn_extraction.py\n"
        )
        for key in sorted(candidates, key=lambda k: (-cues[k], k)):
            out.write(f"{key}\t{cues[key]}\t{seen[key]}\n")
    with (DATA / "cue_span.tsv").open("w", encoding="utf-8") as out:
        out.write(
            "# child key\tword in cue\twhole subtree in cue\tseen"
            " — how often a cue word's child belonged to the cue\n"
        )
        for key in sorted(span_seen):
            if span_seen[key] >= MIN_SPAN_SEEN:
                out.write(f"{key}\t{span_in[key]}\t{span_whole[key]}\t{span_seen[key]}\n")
    with (DATA / "content_span.tsv").open("w", encoding="utf-8") as out:
        out.write("# child key\tin content\tseen — how often a cue word's child was its content\n")
        for key in sorted(content_seen):
            if content_seen[key] >= MIN_SPAN_SEEN:
                out.write(f"{key}\t{content_in[key]}\t{content_seen[key]}\n")
    with (DATA / "cue_model.tsv").open("w", encoding="utf-8") as out:
        out.write("# feature\tweight — logistic cue model learned by bench/learn_extraction.py\n")
        out.write(f"#threshold\t{threshold}\n")
        for name, weight in zip(names, weights, strict=True):
            if abs(weight) >= 0.05:
                out.write(f"{name}\t{weight:.4f}\n")
    print(
        f"{len(candidates)} candidate lemmas, {len(rows)} examples, {len(names)} features, "
        f"threshold {threshold}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
