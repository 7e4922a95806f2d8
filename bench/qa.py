"""Question answering on ../shared/eval/dev_questions.jsonl, scored by ../shared/eval/README.md.

    python bench/qa.py [--db sqlite:///bench/out/qa.db] [--questions PATH] [--json] [--show-misses]

Ingests all of corpus/wikinews/wikinews_2019.csv and the seed article (skipped when already
stored), asks every question, and prints top-1 and top-3 accuracy overall and per kind.
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

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bot.answer.model import Answer
from bot.ingest.draft import Origin
from bot.ingest.files import draft_from_plain_text, load_file
from bot.service import Newsprov
from bot.settings import Settings

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


async def ingest_corpus(service: Newsprov) -> float:
    started = time.perf_counter()
    sources = [
        *load_file(SHARED / "corpus/wikinews/wikinews_2019.csv"),
    ]
    for loaded in sources:
        if loaded.draft is not None:
            await service.ingest_draft(loaded.draft)
    seed = (SHARED / "corpus/seed/al-bukamal.txt").read_text(encoding="utf-8")
    await service.ingest_draft(draft_from_plain_text(seed, origin=Origin.FILE))
    return time.perf_counter() - started


async def evaluate(args: argparse.Namespace) -> dict[str, Any]:
    settings = Settings(database_url=args.db)
    items = [json.loads(line) for line in Path(args.questions).read_text().splitlines() if line]
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # n, top1, top3
    misses = []
    async with await Newsprov.open(settings) as service:
        ingest_s = await ingest_corpus(service)
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
    report = {
        kind: {"n": n, "top1": round(100 * t1 / n, 1), "top3": round(100 * t3 / n, 1)}
        for kind, (n, t1, t3) in sorted(totals.items())
    }
    report["timing"] = {
        "ingest_s": round(ingest_s, 1),
        "ask_ms_mean": round(1000 * ask_s / len(items), 1),
    }
    if args.show_misses:
        for item, answers in misses:
            print(f"MISS {item['id']} [{item['kind']}/{item['stance']}] {item['question']}")
            print(f"     gold: {item['gold_speakers'] or item['gold_content']}")
            for answer in answers:
                print(
                    f"     got: {answer.speaker} | {answer.speaker_description} | "
                    f"{answer.stance} | {answer.content[:90]} ({answer.score:.0f})"
                )
    return report


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default=f"sqlite:///{PROJECT / 'bench/out/qa.db'}")
    parser.add_argument("--questions", default=str(SHARED / "eval/dev_questions.jsonl"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
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
