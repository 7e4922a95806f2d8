"""What telling a message's language costs (py3langid, ``bot/conversation/language.py``).

    python bench/language.py [--rounds 2000]

Reports the model's load time (once per process, in a worker thread at start-up), the cost
of ``is_other_language`` per message for a short question and for an article's first 2,000
characters (median and p95, in ms), and how many of the dev questions and corpus articles,
all English, it would call another language (should be 0).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bot.conversation.language import is_other_language, warm_up

SHARED = PROJECT.parent / "shared"
QUESTION = "who denied that the drones struck the Kessel market on Friday?"


def timed(text: str, rounds: int) -> tuple[float, float]:
    costs = []
    for _ in range(rounds):
        start = time.perf_counter()
        is_other_language(text)
        costs.append((time.perf_counter() - start) * 1000)
    costs.sort()
    return statistics.median(costs), costs[int(len(costs) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2000)
    args = parser.parse_args()
    start = time.perf_counter()
    warm_up()
    print(f"model load: {time.perf_counter() - start:.2f} s")
    articles = sorted((SHARED / "corpus").rglob("*.txt"))
    article = articles[0].read_text(errors="replace") if articles else QUESTION * 40
    for name, text in (("question", QUESTION), ("article (2,000 chars)", article)):
        p50, p95 = timed(text, args.rounds)
        print(f"{name}: p50 {p50:.3f} ms, p95 {p95:.3f} ms")
    questions = [
        json.loads(line)["question"]
        for path in sorted((SHARED / "eval").glob("*.jsonl"))
        for line in path.read_text().splitlines()
        if line.strip()
    ]
    wrong_q = sum(is_other_language(q) for q in questions)
    wrong_a = sum(is_other_language(p.read_text(errors="replace")) for p in articles)
    print(
        f"English taken for another language: {wrong_q}/{len(questions)} dev questions, "
        f"{wrong_a}/{len(articles)} corpus articles"
    )


if __name__ == "__main__":
    main()
