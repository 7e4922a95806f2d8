"""Question answering on ../shared/eval/dev_questions.jsonl, scored by ../shared/eval/README.md.

    python bench/qa.py [--db sqlite:///bench/out/qa.db] [--questions PATH | --own] [--json]
                       [--show-misses] [--calibrate]

Ingests all of corpus/wikinews/wikinews_2019.csv and the seed article (skipped when already
stored), asks every question, and prints top-1 and top-3 accuracy overall and per kind.
--show-misses explains each miss: whether the claim the item expects was extracted (its
stance and speaker as stored), retrieved by full-text search, and where ranking put it.
--own asks bench/questions/own.jsonl (questions about the seed and the test fixtures, which
are then ingested too). --calibrate prints accuracy for a range of answer thresholds, scored
on the best candidate of every question before any threshold is applied.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import select

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bot.answer.answerer import answer_from_row, ranked_claims
from bot.answer.model import Answer
from bot.answer.question import parse_question
from bot.answer.rank import ANSWER_THRESHOLD
from bot.ingest.draft import Origin
from bot.ingest.files import draft_from_plain_text, load_file
from bot.service import Newsprov
from bot.settings import Settings
from store.attributions import attributions_of_article
from store.models import Article

SHARED = PROJECT.parent / "shared"


def speaker_correct(answer: Answer, gold_speakers: list[str]) -> bool:
    for said in (answer.speaker, answer.speaker_description):
        if not said:
            continue
        said_lower = said.lower()
        for gold in gold_speakers:
            gold_lower = gold.lower()
            if gold_lower in said_lower or said_lower in gold_lower:
                return True
            if fuzz.token_set_ratio(said_lower, gold_lower) >= 85:
                return True
    return False


def content_correct(answer: Answer, gold_content: list[str]) -> bool:
    for text in (answer.content, answer.sentence):
        for gold in gold_content:
            if fuzz.partial_ratio(gold.lower(), text.lower()) >= 90:
                return True
    return False


def is_correct(item: dict[str, Any], answers: list[Answer]) -> bool:
    if item["kind"] == "unanswerable":
        return not answers
    if not answers:
        return False
    if item["kind"] == "who":
        return speaker_correct(answers[0], item["gold_speakers"])
    return content_correct(answers[0], item["gold_content"])


FIXTURES = PROJECT / "tests/fixtures"
OWN_QUESTIONS = PROJECT / "bench/questions/own.jsonl"


async def ingest_corpus(service: Newsprov, *, fixtures: bool = False) -> float:
    """The corpus the eval README names, and the project's own fixture articles if asked."""
    started = time.perf_counter()
    if fixtures:
        for path in sorted(FIXTURES.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            await service.ingest_draft(draft_from_plain_text(text, origin=Origin.FILE))
    sources = [
        *load_file(SHARED / "corpus/wikinews/wikinews_2019.csv"),
    ]
    for loaded in sources:
        if loaded.draft is not None:
            await service.ingest_draft(loaded.draft)
    seed = (SHARED / "corpus/seed/al-bukamal.txt").read_text(encoding="utf-8")
    await service.ingest_draft(draft_from_plain_text(seed, origin=Origin.FILE))
    return time.perf_counter() - started


async def explain_miss(service: Newsprov, item: dict[str, Any]) -> list[str]:
    """Where the expected claim was lost: extraction, retrieval or ranking."""
    if item["kind"] == "unanswerable":
        return []
    lines = []
    async with service.sessions() as session:
        article = await session.scalar(
            select(Article).where(Article.title == item["article_title"]).limit(1)
        )
        if article is None:
            return ["     article not stored"]
        rows = await attributions_of_article(session, article.id)
        ranked = await ranked_claims(session, parse_question(item["question"]))
        positions = {row.id: (rank, score) for rank, (score, row) in enumerate(ranked, 1)}
        expected = [row for row in rows if is_correct(item, [answer_from_row(row, score=0.0)])]
        in_evidence = [
            row for row in rows if fuzz.partial_ratio(row.sentence, item["evidence"]) >= 90
        ]
        if not expected:
            lines.append("     EXTRACTION: no stored claim of the article matches the item")
            for row in in_evidence:
                lines.append(
                    f"       in evidence: {row.stance} | {row.speaker_name} | {row.speaker_role}"
                    f" | {row.content[:70]}"
                )
            if not in_evidence:
                lines.append("       no claim found in the evidence sentence")
        for row in expected[:3]:
            where = positions.get(row.id)
            found = f"rank {where[0]} score {where[1]:.0f}" if where else "NOT RETRIEVED"
            lines.append(
                f"     expected: {row.stance} | {row.speaker_name} | {row.speaker_role} -> {found}"
            )
    return lines


def sweep(scored: list[tuple[dict[str, Any], float, bool]]) -> dict[str, float]:
    """Top-1 accuracy at each threshold, from every question's best candidate and its truth."""
    accuracy = {}
    for threshold in range(40, 86, 2):
        right = 0
        for item, score, correct in scored:
            if item["kind"] == "unanswerable":
                right += score < threshold
            else:
                right += score >= threshold and correct
        accuracy[str(threshold)] = round(100 * right / len(scored), 1)
    return accuracy


async def evaluate(args: argparse.Namespace) -> dict[str, Any]:
    settings = Settings(database_url=args.db)
    items = [json.loads(line) for line in Path(args.questions).read_text().splitlines() if line]
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # n, top1, top3
    misses = []
    best: list[tuple[dict[str, Any], float, bool]] = []
    async with await Newsprov.open(settings) as service:
        ingest_s = await ingest_corpus(service, fixtures=args.own)
        started = time.perf_counter()
        for item in items:
            result = await service.ask(item["question"], limit=3)
            top1 = is_correct(item, result.answers[:1])
            top3 = top1 or any(is_correct(item, [a]) for a in result.answers[:3])
            if item["kind"] == "unanswerable":
                top3 = top1
            for key in (item["kind"], "all"):
                totals[key][0] += 1
                totals[key][1] += top1
                totals[key][2] += top3
            if not top1:
                misses.append((item, result.answers[:3]))
        ask_s = time.perf_counter() - started
        if args.calibrate:
            for item in items:
                async with service.sessions() as session:
                    ranked = await ranked_claims(session, parse_question(item["question"]))
                if ranked:
                    score, row = ranked[0]
                    first = answer_from_row(row, score=score)
                    correct = item["kind"] != "unanswerable" and is_correct(item, [first])
                    best.append((item, score, correct))
                else:
                    best.append((item, 0.0, False))
        explanations = {}
        if args.show_misses:
            for item, _ in misses:
                explanations[item["id"]] = await explain_miss(service, item)
    report: dict[str, Any] = {
        kind: {"n": n, "top1": round(100 * t1 / n, 1), "top3": round(100 * t3 / n, 1)}
        for kind, (n, t1, t3) in sorted(totals.items())
    }
    report["timing"] = {
        "ingest_s": round(ingest_s, 1),
        "ask_ms_mean": round(1000 * ask_s / len(items), 1),
    }
    if args.calibrate:
        for item, score, correct in sorted(best, key=lambda entry: -entry[1]):
            verdict = "no answer wanted" if item["kind"] == "unanswerable" else correct
            print(f"BEST {score:5.1f} {item['id']} {item['kind']:12} right={verdict}")
        report["threshold_sweep"] = sweep(best)
        report["threshold_in_use"] = ANSWER_THRESHOLD
    if args.show_misses:
        for item, answers in misses:
            print(f"MISS {item['id']} [{item['kind']}/{item['stance']}] {item['question']}")
            print(f"     gold: {item['gold_speakers'] or item['gold_content']}")
            for answer in answers:
                print(
                    f"     got: {answer.speaker} | {answer.speaker_description} | "
                    f"{answer.stance} | {answer.content[:90]} ({answer.score:.0f})"
                )
            for line in explanations[item["id"]]:
                print(line)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default=f"sqlite:///{PROJECT / 'bench/out/qa.db'}")
    parser.add_argument("--questions", default=str(SHARED / "eval/dev_questions.jsonl"))
    parser.add_argument(
        "--own",
        action="store_true",
        help=f"ask {OWN_QUESTIONS.relative_to(PROJECT)} (seed and test fixtures) instead",
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--calibrate", action="store_true")
    args = parser.parse_args()
    if args.own:
        args.questions = str(OWN_QUESTIONS)
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent", file=sys.stderr)
        return 0
    report = asyncio.run(evaluate(args))
    if args.json:
        print(json.dumps(report))
    else:
        for kind, figures in report.items():
            print(f"{kind:14} {figures}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
