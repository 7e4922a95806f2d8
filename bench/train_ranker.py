"""Learn the ranking weights (bot/answer/data/ranker.json) on the tune half of the dev questions.

    python bench/train_ranker.py [--db sqlite:///bench/out/qa.db] [--write] [--l2 1]
                                 [--order-only] [--learn-order] [--order-l2 3]
                                 [--semantic] [--only meaning,meaning_known]

Ingests the QA corpus as bench/qa.py does, asks every question of the tune half (qa.py's
``half_of``: by article), and reads each candidate's features (``rank.claim_features``) with its
truth by the eval README's rules. The model is a linear score per candidate, learned listwise:
for each question, a softmax over its candidates and "no answer" (score 0) is fitted to put the
probability on a right candidate, or on "no answer" for an unanswerable question, with an L2
pull (--l2) towards the hand-made weights the scores began from (``HAND``). Questions whose
right claim was never retrieved teach nothing and are left out. Penalties (a missing name,
another speaker, ...) are kept at or below zero, evidence for a claim at or above, so that each
feature keeps the meaning ``rank.py`` gives it. The bias is then set where right answers less
wrong answers are most on the tune half: a wrong answer is worse than none. Candidates are put
in order by the ranker's order key (``Ranker.order_key``); --learn-order also fits the order
weights (``ORDER``), listwise among the candidates alone with the score weights fixed, and
--order-only keeps the score weights in use. --only FEATURES learns those weights alone, the
others and the bias kept as in use and the pull (--l2) towards their weights in use (with
--semantic: the sentence model's ``meaning`` and ``meaning_known``). Prints the weights
and both halves' accuracy from the candidates' scores; --write saves the weights. Run
bench/qa.py afterwards for the full report."""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import pickle
import sys
from pathlib import Path
from typing import Any

import numpy as np

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bench.polnear_questions import POLNEAR, QUESTION_FILES, articles_to_ingest
from bench.qa import DEV_QUESTIONS, HALVES, SHARED, half_of, ingest_corpus, is_correct, read_items
from bot.answer.answerer import answer_from_row, features_of_rows
from bot.answer.question import parse_question
from bot.answer.ranker import Ranker, load_ranker
from bot.services.newsprov import Newsprov
from bot.services.retrieval import candidates_in_meaning
from bot.settings import Settings

RANKER_FILE = PROJECT / "bot/answer/data/ranker.json"
PENALTIES = (
    "missing_name",
    "missing_target",
    "other_speaker",
    "other_description",
    "nothing_new",
    "no_speaker",
    "speaker_is_object",
    "not_a_person",
    "many_for_one",
    "what_says_little",
)
FREE = ("asks_speaker", "meaning_known")  # a question kind's own level: either sign
# Features that tell which candidate answers best, not whether any does: they order the
# candidates (``Ranker.order``) and never move a claim across the threshold.
ORDER = (
    "distinctive",
    "distinctive_own",
    "similarity",
    "speaker_match",
    "topic_in_claim",
    "content_match",
    "meaning",
    "what_topic_behind",
    "what_content_behind",
    "what_meaning_behind",
)
# The hand-made model the weights are drawn towards: the log of the old score (80 % term
# coverage, 20 % fuzzy similarity) times its factors, answering from a score of 62; the factor
# for another speaker than the one the question names was then lowered on the tune half.
HAND = Ranker(
    weights={
        "base": 1.0,
        "meaning": 0.0,
        "distinctive": 0.0,
        "distinctive_own": 0.0,
        "meaning_known": 0.0,
        "coverage": 0.0,
        "similarity": 0.0,
        "topic_in_claim": 0.0,
        "content_match": 0.0,
        "speaker_match": 0.0,
        "speaker_least": 0.0,
        "asks_speaker": 0.0,
        "missing_name": math.log(0.7),
        "missing_target": math.log(0.7),
        "other_speaker": math.log(0.6),  # 0.8 before; 0.6 chosen on the tune half
        "other_description": math.log(0.8),
        "stance": 1.0,
        "nothing_new": math.log(0.85),
        "no_speaker": math.log(0.6),
        "speaker_is_object": math.log(0.7),
        "not_a_person": math.log(0.85),
        "many_for_one": math.log(0.85),  # as not_a_person: the speaker is not what was asked
        # what-questions: order weights, chosen apart (ranker.json "order", docs/benchmarks.md)
        "what_topic_own": 0.0,
        "what_says_little": 0.0,
        "what_topic_content": 0.0,
        "what_topic_behind": 0.0,
        "what_content_behind": 0.0,
        "what_meaning_behind": 0.0,
    },
    bias=-math.log(0.62),
)


async def collect(
    db: str, *, semantic: bool, polnear: bool = False
) -> tuple[list[str], list[dict[str, Any]]]:
    """For every question of a set (the Wikinews dev questions; with ``polnear``, the PolNeAR
    questions, their articles ingested beside the Wikinews corpus as ``bench/qa.py --polnear``
    does): its set, half, kind, candidate features and truths."""
    names = list(load_ranker().weights)
    questions = []
    paths = [str(path) for path in (QUESTION_FILES if polnear else DEV_QUESTIONS)]
    items = read_items([path for path in paths if Path(path).exists()], None)
    settings = Settings(database_url=db, semantic="on" if semantic else "off")
    async with await Newsprov.open(settings) as service:
        await ingest_corpus(service, polnear=articles_to_ingest(items))
        await service.refresh_search_stats(force=True)  # as bench/qa.py does after ingest
        for item in items:
            async with service.sessions() as session:
                parsed, rows, meanings = await candidates_in_meaning(
                    session,
                    parse_question(item["question"]),
                    semantic=await service.semantic_for_answering(session),
                )
            scored = features_of_rows(parsed, rows, meanings)
            features = np.array([[f[name] for name in names] for f, _ in scored], dtype=float)
            truth = np.array(
                [is_correct(item, [answer_from_row(row, score=0.0)]) for _, row in scored],
                dtype=bool,
            )
            if item["kind"] == "unanswerable":
                truth[:] = False
            questions.append(
                {
                    "item": item,
                    "set": "polnear" if polnear else "wikinews",
                    "half": half_of(item),
                    "x": features.reshape(-1, len(names)),
                    "truth": truth,
                }
            )
    return names, questions


def loss_and_gradient(
    w: np.ndarray, b: float, data: list[dict[str, Any]], l2: float, prior: np.ndarray
) -> tuple[float, np.ndarray, float]:
    """The listwise loss, with an L2 pull towards the prior weights, and its gradient."""
    total, grad_w, grad_b = 0.0, l2 * (w - prior) * len(data), 0.0
    total += 0.5 * l2 * float((w - prior) @ (w - prior)) * len(data)
    for q in data:
        x, truth = q["x"], q["truth"]
        logits = x @ w + b if len(x) else np.zeros(0)
        top = max(0.0, float(logits.max()) if len(logits) else 0.0)
        exp = np.exp(logits - top)
        null = math.exp(-top)
        norm = null + float(exp.sum())
        if truth.any():
            wanted = float(exp[truth].sum())
            total -= math.log(wanted / norm)
            coefficient = exp / norm - np.where(truth, exp / wanted, 0.0)
        else:
            total -= math.log(null / norm)
            coefficient = exp / norm
        grad_w += coefficient @ x if len(x) else 0.0
        grad_b += float(coefficient.sum())
    return total / len(data), grad_w / len(data), grad_b / len(data)


def fit(
    names: list[str],
    data: list[dict[str, Any]],
    start: Ranker,
    *,
    l2: float,
    steps: int = 3000,
    only: frozenset[str] | None = None,
) -> tuple[np.ndarray, float]:
    """The weights and bias learned from ``start``; with ``only``, those features' weights
    alone (the others and the bias stay as ``start`` has them)."""
    w = np.array([start.weights[name] for name in names])
    prior = w.copy()
    b = start.bias
    low = np.array([-np.inf if n in PENALTIES or n in FREE else 0.0 for n in names])
    high = np.array([0.0 if n in PENALTIES else np.inf for n in names])
    if only is not None:
        frozen = np.array([n not in only for n in names])
        low, high = np.where(frozen, w, low), np.where(frozen, w, high)
    m, v, mb, vb = np.zeros_like(w), np.zeros_like(w), 0.0, 0.0
    rate, beta1, beta2 = 0.02, 0.9, 0.999
    for step in range(1, steps + 1):
        _, gw, gb = loss_and_gradient(w, b, data, l2, prior)
        m = beta1 * m + (1 - beta1) * gw
        v = beta2 * v + (1 - beta2) * gw * gw
        mb = beta1 * mb + (1 - beta1) * gb
        vb = beta2 * vb + (1 - beta2) * gb * gb
        w = w - rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
        if only is None:
            b = b - rate * (mb / (1 - beta1**step)) / (math.sqrt(vb / (1 - beta2**step)) + 1e-8)
        w = np.clip(w, low, high)
    return w, b


def order_loss_and_gradient(
    v: np.ndarray, data: list[dict[str, Any]], l2: float, prior: np.ndarray
) -> tuple[float, np.ndarray]:
    """The listwise loss of the order among the candidates alone (the score's logit fixed, as
    ``q["logits"]``; no "no answer": the order does not decide whether any answers), with an
    L2 pull towards the prior order weights, and its gradient."""
    total = 0.5 * l2 * float((v - prior) @ (v - prior)) * len(data)
    grad = l2 * (v - prior) * len(data)
    for q in data:
        keys = q["logits"] + q["order_x"] @ v
        exp = np.exp(keys - float(keys.max()))
        truth = q["truth"]
        wanted, norm = float(exp[truth].sum()), float(exp.sum())
        total -= math.log(wanted / norm)
        grad += (exp / norm - np.where(truth, exp / wanted, 0.0)) @ q["order_x"]
    return total / len(data), grad / len(data)


def fit_order(
    names: list[str],
    data: list[dict[str, Any]],
    w: np.ndarray,
    b: float,
    start: Ranker,
    *,
    l2: float,
    steps: int = 2000,
) -> np.ndarray:
    """The order weights (``ORDER``, at or above zero) learned on the answerable questions
    whose right claim is a candidate, the score weights ``w`` and bias ``b`` fixed."""
    columns = [names.index(name) for name in ORDER]
    answerable = [
        {**q, "logits": q["x"] @ w + b, "order_x": q["x"][:, columns]}
        for q in data
        if q["truth"].any()
    ]
    v = np.array([start.order.get(name, 0.0) for name in ORDER])
    prior = v.copy()
    m, s = np.zeros_like(v), np.zeros_like(v)
    rate, beta1, beta2 = 0.02, 0.9, 0.999
    for step in range(1, steps + 1):
        _, g = order_loss_and_gradient(v, answerable, l2, prior)
        m = beta1 * m + (1 - beta1) * g
        s = beta2 * s + (1 - beta2) * g * g
        v = v - rate * (m / (1 - beta1**step)) / (np.sqrt(s / (1 - beta2**step)) + 1e-8)
        v = np.clip(v, 0.0, np.inf)
    return v


GRID = (0.0, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0)


def search_order(
    names: list[str],
    data: list[dict[str, Any]],
    w: np.ndarray,
    b: float,
    order: dict[str, float],
    *,
    min_gain: int,
    rounds: int = 2,
) -> dict[str, float]:
    """The order weights (``ORDER``) chosen one at a time from ``GRID`` for the most right
    answers on ``data`` (the listwise fit spreads its probability over one speaker's many right
    claims, and top-1 is decided by few questions). A weight moves only for ``min_gain``
    questions more than it has, to the grid value nearest the one in use among the best."""
    chosen = dict(order)
    for _ in range(rounds):
        for name in ORDER:

            def right(value: float, name: str = name) -> int:
                return outcomes(data, w, b, order_vector(names, {**chosen, name: value}))[0]

            now = right(chosen.get(name, 0.0))
            tried = {value: right(value) for value in GRID}
            best = max(tried.values())
            if best >= now + min_gain:
                top = [value for value, score in tried.items() if score == best]
                chosen[name] = min(top, key=lambda value: abs(value - chosen.get(name, 0.0)))
                print(f"  order {name}: {chosen[name]} ({now} -> {best} right)")
    return chosen


def order_vector(names: list[str], order: dict[str, float]) -> np.ndarray:
    return np.array([order.get(name, 0.0) for name in names])


def outcomes(
    data: list[dict[str, Any]], w: np.ndarray, b: float, order: np.ndarray | None = None
) -> tuple[int, int, int]:
    """How many questions the first answering candidate (a logit above 0, first by the order
    key: the logit plus ``order``, weights by feature) answers right, answers wrong, or leave
    with no answer: right includes no answer to an unanswerable one."""
    right = wrong = 0
    for q in data:
        logits = q["x"] @ w + b if len(q["x"]) else np.zeros(0)
        answers = len(logits) and float(logits.max()) > 0
        if answers:
            keys = logits + (q["x"] @ order if order is not None else 0.0)
            keys = np.where(logits > 0, keys, -np.inf)
            best = int(np.argmax(keys))  # ties: the earlier stored, as ranking orders them
            correct = q["item"]["kind"] != "unanswerable" and bool(q["truth"][best])
            right += correct
            wrong += not correct
        else:
            right += q["item"]["kind"] == "unanswerable"
    return right, wrong, len(data) - right - wrong


def accuracy(
    data: list[dict[str, Any]], w: np.ndarray, b: float, order: np.ndarray | None = None
) -> float:
    """Top-1 accuracy by the eval README's rules."""
    return 100.0 * outcomes(data, w, b, order)[0] / len(data)


def best_bias(data: list[dict[str, Any]], w: np.ndarray, b: float) -> float:
    """The bias where right answers less wrong ones are most: a wrong answer costs as much as
    a right one earns, and saying that nothing answers costs nothing. Accuracy alone would
    answer near misses for the sake of a few more right answers."""

    def utility(shift: float) -> int:
        right, wrong, _ = outcomes(data, w, b + shift)
        return right - wrong

    shifts = np.linspace(-2.0, 2.0, 81)
    scores = [utility(shift) for shift in shifts]
    best = max(scores)
    chosen = [shift for shift, score in zip(shifts, scores, strict=True) if score == best]
    return b + float(np.median(chosen))


def gathered(args: argparse.Namespace) -> tuple[list[str], list[dict[str, Any]]]:
    """The questions of both sets (``collect``), read from ``--cache`` when it is there and
    was made with the same features (it is written otherwise)."""
    names = list(load_ranker().weights)
    cache = Path(args.cache) if args.cache else None
    if cache is not None and cache.exists():
        with cache.open("rb") as handle:
            cached_names, questions = pickle.load(handle)
        if cached_names == names:
            return names, questions
    _, questions = asyncio.run(collect(args.db, semantic=args.semantic))
    if args.polnear_db and POLNEAR.exists():
        _, more = asyncio.run(collect(args.polnear_db, semantic=args.semantic, polnear=True))
        questions += more
    if cache is not None:
        with cache.open("wb") as handle:
            pickle.dump((names, questions), handle)
    return names, questions


def print_outcomes(
    label: str, questions: list[dict[str, Any]], w: np.ndarray, b: float, o: np.ndarray
) -> None:
    """Top-1 of each set's halves (the report halves as a total only) and right, wrong and
    unanswered on the tune halves together."""
    parts = []
    for set_name in ("wikinews", "polnear"):
        for half in HALVES:
            chosen = [q for q in questions if q["set"] == set_name and q["half"] == half]
            if chosen:
                parts.append(f"{set_name} {half} {accuracy(chosen, w, b, o):.1f}")
    right, wrong, unanswered = outcomes([q for q in questions if q["half"] == "tune"], w, b, o)
    print(f"{label}: " + "  ".join(parts))
    print(f"  tune halves: {right} right, {wrong} wrong, {unanswered} answerable left unanswered")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default=f"sqlite:///{PROJECT / 'bench/out/qa.db'}")
    parser.add_argument(
        "--polnear-db",
        help="also learn on the PolNeAR train questions, asked of this database (as bench/qa.py "
        "--polnear builds it)",
    )
    parser.add_argument("--cache", help="keep the candidates' features in this file")
    parser.add_argument("--l2", type=float, default=1.0, help="pull towards the hand weights")
    parser.add_argument(
        "--learn-order", action="store_true", help="learn the order weights too (ORDER)"
    )
    parser.add_argument("--order-l2", type=float, default=3.0, help="... of the order weights")
    parser.add_argument(
        "--order-only", action="store_true", help="keep the score weights in use: learn the order"
    )
    parser.add_argument(
        "--search-order",
        type=int,
        metavar="GAIN",
        help="choose the order weights on a grid for top-1, a weight moving for GAIN questions",
    )
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--semantic", action="store_true", help="with the sentence model")
    parser.add_argument(
        "--only", help="learn these weights alone (comma-separated), the rest as in use"
    )
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent", file=sys.stderr)
        return 0
    names, questions = gathered(args)
    tune = [q for q in questions if q["half"] == "tune"]
    learnable = [q for q in tune if q["truth"].any() or q["item"]["kind"] == "unanswerable"]
    start = load_ranker()
    w0 = np.array([start.weights[name] for name in names])
    o0 = order_vector(names, dict(start.order))
    print(f"{len(learnable)} of {len(tune)} tune questions learnable")
    print_outcomes("in use", questions, w0, start.bias, o0)
    if args.order_only:
        w, b = w0, start.bias
    elif args.only:
        w, b = fit(names, learnable, start, l2=args.l2, only=frozenset(args.only.split(",")))
    else:
        w, b = fit(names, learnable, HAND, l2=args.l2)
        b = best_bias(tune, w, b)
    order = dict(start.order)  # chosen apart unless learned (docs/benchmarks.md)
    if args.learn_order:
        v = fit_order(names, learnable, w, b, start, l2=args.order_l2)
        learned_order = {name: round(float(x), 4) for name, x in zip(ORDER, v, strict=True)}
        order = {**order, **learned_order}  # the what-question weights stay as chosen
    if args.search_order is not None:
        order = search_order(names, tune, w, b, order, min_gain=args.search_order)
    o = order_vector(names, order)
    print_outcomes("after", questions, w, b, o)
    learned = Ranker(
        weights={n: round(float(x), 4) for n, x in zip(names, w, strict=True)},
        bias=round(b, 4),
        order={name: weight for name, weight in order.items() if weight},
    )
    print(json.dumps(learned.as_json(), indent=1))
    if args.write:
        RANKER_FILE.write_text(json.dumps(learned.as_json(), indent=1) + "\n", encoding="utf-8")
        print(f"written: {RANKER_FILE.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
