"""Question answering on the shared dev questions, scored by ../shared/eval/README.md.

    python bench/qa.py [--db sqlite:///bench/out/qa.db] [--questions PATH ...] [--half tune|report]
                       [--own | --polnear] [--json] [--show-misses] [--misses FILE] [--calibrate]

Ingests all of corpus/wikinews/wikinews_2019.csv and the seed article (skipped when already
stored), asks every question of ../shared/eval/dev_questions.jsonl and dev2_questions.jsonl, and
prints top-1 and top-3 accuracy overall, per kind and per style tag, for each half and both.

The questions are split into two halves by their article (a hash of its URL): rules and
thresholds are tuned on the `tune` half and the `report` half shows whether they carry over.
--misses FILE writes every miss of the report half with its cause: not extracted, extracted
wrong (the claim is stored with another speaker or content), not retrieved, ranked low, under
the threshold, held back (it lacks what the question requires: abstain.unmet), or (for an
unanswerable question) answered. --show-misses prints every miss
with that explanation. --own asks bench/questions/own.jsonl (questions about the seed and the
test fixtures, which are then ingested too). --calibrate prints accuracy for a range of answer
thresholds, scored on the best candidate of every question before any threshold is applied.
--polnear asks bench/questions/polnear_dev.jsonl (the report half) and polnear_train.jsonl (the
tune half, when present) instead, after ingesting every PolNeAR dev article and the train
articles those questions name beside the Wikinews corpus (bench/polnear_questions.py).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import select

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bench.polnear_questions import (
    HALF_OF_SPLIT,
    POLNEAR,
    QUESTION_FILES,
    ArticleMeta,
    articles_to_ingest,
    drafts,
    read_questions,
)
from bot.answer.abstain import answering
from bot.answer.answerer import answer_from_row, rank_rows_flagged
from bot.answer.model import Answer
from bot.answer.question import parse_question
from bot.answer.rank import ANSWER_THRESHOLD
from bot.services.newsprov import Newsprov
from bot.services.retrieval import candidates_in_meaning, ranked_claims
from bot.settings import Settings, semantic_mode
from bot.sources.draft import Origin
from bot.sources.files import draft_from_plain_text, load_file
from store.attributions import attributions_of_article
from store.models import Article

SHARED = PROJECT.parent / "shared"
DEV_QUESTIONS = [SHARED / "eval/dev_questions.jsonl", SHARED / "eval/dev2_questions.jsonl"]
FIXTURES = PROJECT / "tests/fixtures"
OWN_QUESTIONS = PROJECT / "bench/questions/own.jsonl"
HALVES = ("tune", "report")


def half_of(item: dict[str, Any]) -> str:
    """Which half an item is in: by its article, so that no article is in both (a PolNeAR
    item by its split: train is tuned on, dev reported)."""
    if "split" in item:
        return HALF_OF_SPLIT[item["split"]]
    digest = hashlib.sha1(item.get("article_url", "").encode()).digest()
    return HALVES[digest[-1] % 2]


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


@dataclass
class Tally:
    n: int = 0
    top1: int = 0
    top3: int = 0

    def add(self, *, top1: bool, top3: bool) -> None:
        self.n += 1
        self.top1 += top1
        self.top3 += top3

    def as_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "top1": round(100 * self.top1 / self.n, 1),
            "top3": round(100 * self.top3 / self.n, 1),
        }


@dataclass
class Report:
    """Tallies by half ("all", "tune", "report") and by group (all, kind:..., style:...)."""

    tallies: dict[str, dict[str, Tally]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Tally))
    )

    def add(self, item: dict[str, Any], *, top1: bool, top3: bool) -> None:
        groups = ["all", f"kind:{item['kind']}", *(f"style:{s}" for s in item.get("style", []))]
        for half in ("all", half_of(item)):
            for group in groups:
                self.tallies[half][group].add(top1=top1, top3=top3)

    def as_json(self) -> dict[str, Any]:
        return {
            half: {group: tally.as_json() for group, tally in sorted(groups.items())}
            for half, groups in self.tallies.items()
        }


async def ingest_corpus(
    service: Newsprov, *, fixtures: bool = False, polnear: list[ArticleMeta] | None = None
) -> float:
    """The corpus the eval README names, and the project's own fixture articles or the given
    PolNeAR articles if asked."""
    started = time.perf_counter()
    if fixtures:
        for path in sorted(FIXTURES.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            await service.ingest_draft(draft_from_plain_text(text, origin=Origin.FILE))
    for loaded in load_file(SHARED / "corpus/wikinews/wikinews_2019.csv"):
        if loaded.draft is not None:
            await service.ingest_draft(loaded.draft)
    seed = (SHARED / "corpus/seed/al-bukamal.txt").read_text(encoding="utf-8")
    await service.ingest_draft(draft_from_plain_text(seed, origin=Origin.FILE))
    for draft in drafts(POLNEAR, polnear or []):
        await service.ingest_draft(draft)
    return time.perf_counter() - started


async def explain_miss(
    service: Newsprov, item: dict[str, Any], answers: list[Answer]
) -> tuple[str, list[str]]:
    """Why an item was missed (its cause), with the lines that show it."""
    if item["kind"] == "unanswerable":
        first = answers[0] if answers else None
        detail = f"     answered: {first.speaker} | {first.content[:70]}" if first else ""
        return "answered", [detail] if detail else []
    lines = []
    async with service.sessions() as session:
        article = await session.scalar(
            select(Article).where(Article.title == item["article_title"]).limit(1)
        )
        if article is None:
            return "not extracted", ["     article not stored"]
        rows = await attributions_of_article(session, article.id)
        asked = parse_question(item["question"])
        read, candidates, meanings = await candidates_in_meaning(
            session, asked, semantic=await service.semantic_for_answering(session)
        )
        flagged = rank_rows_flagged(read, candidates, meanings, typed_names=read.text == asked.text)
    positions = {row.id: (rank, score) for rank, (score, row, _) in enumerate(flagged, 1)}
    # the claims the threshold (and a lead) would let answer, but for what they lack
    passing = answering(
        [(score, row) for score, row, _ in flagged],
        who=read.kind == "who",
        speaker=lambda row: row.speaker_name or row.source_text,
        may_lead=lambda row: any(v.leads for _, r, v in flagged if r.id == row.id),
    )
    unmet = {row.id: verdict.unmet for _, row, verdict in flagged if verdict.unmet}
    held_back = {row.id: unmet[row.id] for _, row in passing if row.id in unmet}
    expected = [row for row in rows if is_correct(item, [answer_from_row(row, score=0.0)])]
    in_evidence = [row for row in rows if fuzz.partial_ratio(row.sentence, item["evidence"]) >= 90]
    if not expected:
        for row in in_evidence:
            lines.append(
                f"     in evidence: {row.stance} | {row.speaker_name} | {row.speaker_role}"
                f" | {row.content[:70]}"
            )
        return ("extracted wrong" if in_evidence else "not extracted"), lines
    found = sorted(positions[row.id] for row in expected if row.id in positions)
    for row in expected[:3]:
        where = positions.get(row.id)
        at = f"rank {where[0]} score {where[1]:.0f}" if where else "NOT RETRIEVED"
        if row.id in unmet:
            at += f", lacks: {unmet[row.id]}"
        lines.append(
            f"     expected: {row.stance} | {row.speaker_name} | {row.speaker_role} -> {at}"
        )
    if not found:
        return "not retrieved", lines
    rank, score = found[0]
    if rank > 1:
        return "ranked low", lines
    if any(row.id in held_back for row in expected):
        return "held back (abstain.unmet)", lines
    return ("under the threshold" if score < ANSWER_THRESHOLD else "other"), lines


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


def read_items(paths: list[str], half: str | None) -> list[dict[str, Any]]:
    """The questions of the files (``read_questions``), of one half or both (``None``)."""
    return [item for item in read_questions(paths) if half is None or half_of(item) == half]


async def evaluate(args: argparse.Namespace) -> dict[str, Any]:
    settings = Settings(database_url=args.db, semantic=semantic_mode(args.semantic))
    every_item = read_questions(args.questions)
    items = read_items(args.questions, args.half)
    polnear = articles_to_ingest(every_item)  # PolNeAR questions come with their articles
    report = Report()
    misses: list[tuple[dict[str, Any], list[Answer]]] = []
    best: list[tuple[dict[str, Any], float, bool]] = []
    async with await Newsprov.open(settings) as service:
        ingest_s = await ingest_corpus(service, fixtures=args.own, polnear=polnear)
        # Ingest recounts search terms at most once a minute: without a recount here, how
        # fast the corpus went in would decide which terms count as common.
        await service.refresh_search_stats(force=True)
        started = time.perf_counter()
        for item in items:
            result = await service.ask(item["question"], limit=3)
            top1 = is_correct(item, result.answers[:1])
            top3 = top1 or any(is_correct(item, [a]) for a in result.answers[:3])
            if item["kind"] == "unanswerable":
                top3 = top1
            report.add(item, top1=top1, top3=top3)
            if not top1:
                misses.append((item, result.answers[:3]))
        ask_s = time.perf_counter() - started
        if args.calibrate:
            for item in items:
                async with service.sessions() as session:
                    ranked = await ranked_claims(
                        session,
                        parse_question(item["question"]),
                        semantic=await service.semantic_for_answering(session),
                    )
                if ranked:
                    score, row = ranked[0]
                    first = answer_from_row(row, score=score)
                    correct = item["kind"] != "unanswerable" and is_correct(item, [first])
                    best.append((item, score, correct))
                else:
                    best.append((item, 0.0, False))
        explained = {}
        if args.show_misses or args.misses:
            for item, answers in misses:
                explained[item["id"]] = await explain_miss(service, item, answers)
    result_json: dict[str, Any] = report.as_json()
    result_json["timing"] = {
        "ingest_s": round(ingest_s, 1),
        "ask_ms_mean": round(1000 * ask_s / max(len(items), 1), 1),
    }
    causes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for item, _ in misses:
        if item["id"] in explained:
            causes[half_of(item)][explained[item["id"]][0]] += 1
    result_json["miss_causes"] = {half: dict(counts) for half, counts in causes.items()}
    if args.calibrate:
        for item, score, correct in sorted(best, key=lambda entry: -entry[1]):
            verdict = "no answer wanted" if item["kind"] == "unanswerable" else correct
            print(f"BEST {score:5.1f} {item['id']} {item['kind']:12} right={verdict}")
        result_json["threshold_sweep"] = sweep(best)
        result_json["threshold_in_use"] = ANSWER_THRESHOLD
    lines_of_misses = []
    for item, answers in misses:
        if item["id"] not in explained:
            continue
        cause, lines = explained[item["id"]]
        block = [
            f"MISS {item['id']} ({half_of(item)}) [{item['kind']}/{item['stance']}"
            f" {','.join(item.get('style', []))}] {cause}: {item['question']}",
            f"     gold: {item['gold_speakers'] or item['gold_content']}",
        ]
        block += [
            f"     got: {a.speaker} | {a.speaker_description} | {a.stance} | "
            f"{a.content[:90]} ({a.score:.0f})"
            for a in answers
        ]
        lines_of_misses.append((item, [*block, *lines]))
    if args.show_misses:
        for _, block in lines_of_misses:
            print("\n".join(block))
    if args.misses:
        kept = [block for item, block in lines_of_misses if half_of(item) == "report"]
        Path(args.misses).write_text("".join("\n".join(b) + "\n" for b in kept), encoding="utf-8")
    return result_json


def print_table(report: dict[str, Any]) -> None:
    halves = [half for half in ("all", *HALVES) if half in report]
    groups = sorted({group for half in halves for group in report[half]})
    print(f"{'':22}" + "".join(f"{half + ' top1/top3 (n)':>24}" for half in halves))
    for group in groups:
        cells = []
        for half in halves:
            tally = report[half].get(group)
            cells.append(
                f"{tally['top1']:>6.1f} / {tally['top3']:5.1f} ({tally['n']:3})" if tally else ""
            )
        print(f"{group:22}" + "".join(f"{cell:>24}" for cell in cells))
    for key in ("timing", "miss_causes", "threshold_sweep", "threshold_in_use"):
        if key in report:
            print(f"{key}: {report[key]}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--db",
        help="default: bench/out/qa.db (--own: qa-own.db, with the fixtures; --polnear: "
        "qa-polnear.db, with the PolNeAR articles)",
    )
    parser.add_argument(
        "--questions", action="append", help="a questions file (repeatable); both dev files"
    )
    parser.add_argument("--half", choices=HALVES, help="ask only the questions of one half")
    corpus = parser.add_mutually_exclusive_group()
    corpus.add_argument(
        "--own",
        action="store_true",
        help=f"ask {OWN_QUESTIONS.relative_to(PROJECT)} (seed and test fixtures) instead",
    )
    corpus.add_argument(
        "--polnear",
        action="store_true",
        help="ask the PolNeAR question files (dev: report, train: tune), their articles ingested",
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--misses", metavar="FILE", help="write the report half's misses here")
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument(
        "--semantic",
        choices=("auto", "on", "off"),
        default="auto",
        help="the sentence model, as NEWSPROV_SEMANTIC (default auto: on below its limit)",
    )
    args = parser.parse_args()
    if args.db is None:
        name = "qa-own.db" if args.own else "qa-polnear.db" if args.polnear else "qa.db"
        (PROJECT / "bench/out").mkdir(exist_ok=True)
        args.db = f"sqlite:///{PROJECT / 'bench/out' / name}"
    if args.own:
        args.questions = [str(OWN_QUESTIONS)]
    elif args.polnear and not args.questions:
        args.questions = [str(path) for path in QUESTION_FILES if path.exists()]
    elif not args.questions:
        args.questions = [str(path) for path in DEV_QUESTIONS]
    if not SHARED.exists() or (args.polnear and not POLNEAR.exists()):
        print(f"skipped: {POLNEAR if SHARED.exists() else SHARED} is absent", file=sys.stderr)
        return 0
    report = asyncio.run(evaluate(args))
    if args.json:
        print(json.dumps(report))
    else:
        print_table(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
