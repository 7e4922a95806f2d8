"""Answers that do not change with how the question is typed: the dev questions retyped.

    python bench/retype.py [--db sqlite:///bench/out/qa.db] [--half tune|report] [--json]
                           [--show-changed]

Every dev question (../shared/eval, as bench/qa.py reads them) is asked as written and as
retyped by bench/retypings.py: lower case without punctuation, one name misspelt, terse
keywords, a multiword name as its initialism, and combinations. Each retyped question is scored
by the eval README's rules; the table gives per retyping and half (a) top-1 accuracy beside the
same questions as written and (b) invariance: the share whose top answer (or no answer) is the
one the question as written gets. --show-changed prints the tune half's questions whose answer
changed with the typing (never the report half's: it is for totals only).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bench.qa import DEV_QUESTIONS, HALVES, SHARED, half_of, ingest_corpus, is_correct, read_items
from bench.retypings import RETYPINGS, Context, retyped
from bot.answer.model import Answer
from bot.services.newsprov import Newsprov
from bot.settings import Settings
from bot.sources.files import load_file

CAPITALISED = re.compile(r"\b[A-Z][a-z'’-]+\b")


@dataclass
class Count:
    n: int = 0
    right_as_written: int = 0
    right: int = 0
    same: int = 0

    def as_json(self) -> dict[str, Any]:
        share = (lambda k: round(100 * k / self.n, 1)) if self.n else (lambda k: 0.0)
        return {
            "n": self.n,
            "top1_as_written": share(self.right_as_written),
            "top1": share(self.right),
            "invariant": share(self.same),
        }


def article_texts() -> dict[str, str]:
    texts = {}
    for loaded in load_file(SHARED / "corpus/wikinews/wikinews_2019.csv"):
        if loaded.draft is not None:
            texts[loaded.draft.title] = loaded.draft.text
    return texts


def name_words(item: dict[str, Any], article: str) -> tuple[str, ...]:
    """Words the item or its article spells with a capital and the article never in lower case."""
    words = {word for name in item.get("gold_speakers", []) for word in name.split()}
    words |= set(CAPITALISED.findall(item["question"])[1:])
    words |= set(CAPITALISED.findall(item.get("article_title", ""))[1:])
    lower = set(re.findall(r"\b[a-z][a-z'’-]*\b", article))
    return tuple(sorted(word for word in words if word.lower() not in lower))


def top_id(answers: list[Answer]) -> int | None:
    return answers[0].attribution_id if answers else None


async def run(args: argparse.Namespace) -> tuple[dict[str, Any], list[str]]:
    items = read_items(args.questions, args.half)
    texts = article_texts()
    counts: dict[str, dict[str, Count]] = defaultdict(lambda: defaultdict(Count))
    changed: list[str] = []
    async with await Newsprov.open(Settings(database_url=args.db)) as service:
        await ingest_corpus(service)
        for item in items:
            article = texts.get(item.get("article_title", ""), "")
            context = Context(item["id"], name_words(item, article), article)
            written = (await service.ask(item["question"], limit=1)).answers
            right_as_written = is_correct(item, written)
            for name, question in retyped(item["question"], context).items():
                answers = (await service.ask(question, limit=1)).answers
                right, same = is_correct(item, answers), top_id(answers) == top_id(written)
                for half in ("all", half_of(item)):
                    count = counts[half][name]
                    count.n += 1
                    count.right_as_written += right_as_written
                    count.right += right
                    count.same += same
                if not same and args.show_changed and half_of(item) == "tune":
                    changed.append(describe(item, name, question, written, answers, right))
    report = {half: {name: c.as_json() for name, c in by.items()} for half, by in counts.items()}
    return report, changed


def describe(
    item: dict[str, Any],
    name: str,
    question: str,
    written: list[Answer],
    answers: list[Answer],
    right: bool,
) -> str:
    def first(answers: list[Answer]) -> str:
        if not answers:
            return "(no answer)"
        return f"{answers[0].speaker} | {answers[0].content[:70]} ({answers[0].score:.0f})"

    return (
        f"CHANGED {item['id']} [{item['kind']}] {name} right={right}\n"
        f"     as written: {item['question']}\n          -> {first(written)}\n"
        f"     retyped:    {question}\n          -> {first(answers)}"
    )


def print_table(report: dict[str, Any]) -> None:
    halves = [half for half in ("all", *HALVES) if half in report]
    header = "".join(f"{half + ' written/top1/same (n)':>34}" for half in halves)
    print(f"{'':22}{header}")
    for name in RETYPINGS:
        cells = []
        for half in halves:
            c = report[half].get(name)
            cells.append(
                f"{c['top1_as_written']:5.1f} / {c['top1']:5.1f} / {c['invariant']:5.1f} "
                f"({c['n']:3})"
                if c
                else ""
            )
        print(f"{name:22}" + "".join(f"{cell:>34}" for cell in cells))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", help="default: bench/out/qa.db")
    parser.add_argument("--questions", action="append", help="a questions file (repeatable)")
    parser.add_argument("--half", choices=HALVES)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show-changed", action="store_true", help="tune half only")
    args = parser.parse_args()
    if args.db is None:
        (PROJECT / "bench/out").mkdir(exist_ok=True)
        args.db = f"sqlite:///{PROJECT / 'bench/out/qa.db'}"
    args.questions = args.questions or [str(path) for path in DEV_QUESTIONS]
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent", file=sys.stderr)
        return 0
    report, changed = asyncio.run(run(args))
    print("\n".join(changed))
    print(json.dumps(report) if args.json else "", end="\n" if args.json else "")
    if not args.json:
        print_table(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
