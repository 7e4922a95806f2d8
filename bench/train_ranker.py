"""Learn the ranking weights (bot/answer/data/ranker.json) on the tune halves of the questions.

    python bench/train_ranker.py [--db sqlite:///bench/out/qa.db] [--polnear-db URL]
                                 [--cache PREFIX] [--write] [--l2 1]
                                 [--order-only] [--learn-order] [--order-l2 3]
                                 [--search-order GAIN]
                                 [--semantic] [--only meaning,meaning_known]

Ingests the QA corpus as bench/qa.py does, asks every question of the Wikinews dev sets and,
with --polnear-db, the PolNeAR questions of bench/questions (their articles ingested into that
database as bench/qa.py --polnear does), and reads each candidate's features
(``rank.claim_features``) with its truth by the eval README's rules. The tune halves (qa.py's
``half_of``: Wikinews by article, PolNeAR train) are learned on; the report halves are printed
as totals only. --cache PREFIX keeps each set's candidates in a file (PREFIX-wikinews.pickle,
PREFIX-polnear.pickle), read again while the features are the same.

The model is a linear score per candidate, learned listwise (``ranker_fit.py``): for each
question, a softmax over its candidates and "no answer" (score 0) is fitted to put the
probability on a right candidate, or on "no answer" for an unanswerable question, with an L2
pull (--l2) towards the hand-made weights the scores began from (``HAND``). Questions whose
right claim was never retrieved teach nothing and are left out. Penalties (a missing name,
another speaker, ...) are kept at or below zero, evidence for a claim at or above, so that each
feature keeps the meaning ``rank.py`` gives it. The bias is then set where right answers less
wrong answers are most on the tune halves: a wrong answer is worse than none. Candidates are put
in order by the ranker's order key (``Ranker.order_key``); --learn-order also fits the order
weights (``ORDER``), listwise among the candidates alone with the score weights fixed;
--search-order GAIN chooses them one at a time on a grid for the most right answers, a weight
moving only for GAIN questions more; --order-only keeps the score weights in use. --only
FEATURES learns those weights alone, the others and the bias kept as in use and the pull (--l2)
towards their weights in use (with --semantic: the sentence model's ``meaning`` and
``meaning_known``). Prints the weights and each half's accuracy from the candidates' scores;
--write saves the weights. Run bench/qa.py afterwards for the full report."""

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
from bench.ranker_fit import (
    ORDER,
    accuracy,
    best_bias,
    fit,
    fit_order,
    order_vector,
    outcomes,
    search_order,
)
from bot.answer.answerer import answer_from_row, features_of_rows
from bot.answer.question import parse_question
from bot.answer.ranker import Ranker, load_ranker
from bot.services.newsprov import Newsprov
from bot.services.retrieval import candidates_in_meaning
from bot.settings import Settings

RANKER_FILE = PROJECT / "bot/answer/data/ranker.json"
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


def gathered(args: argparse.Namespace) -> tuple[list[str], list[dict[str, Any]]]:
    """The questions of both sets (``collect``), each set's read from ``--cache`` (a prefix:
    one file a set) when it is there and was made with the same features (written otherwise)."""
    names = list(load_ranker().weights)
    sets = [("wikinews", args.db)]
    if args.polnear_db and POLNEAR.exists():
        sets.append(("polnear", args.polnear_db))
    questions = []
    for set_name, db in sets:
        cache = Path(f"{args.cache}-{set_name}.pickle") if args.cache else None
        if cache is not None and cache.exists():
            with cache.open("rb") as handle:
                cached_names, cached = pickle.load(handle)
            if cached_names == names:
                questions += cached
                continue
        polnear = set_name == "polnear"
        _, more = asyncio.run(collect(db, semantic=args.semantic, polnear=polnear))
        if cache is not None:
            with cache.open("wb") as handle:
                pickle.dump((names, more), handle)
        questions += more
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
    parser.add_argument("--cache", help="keep the candidates' features in files of this prefix")
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
