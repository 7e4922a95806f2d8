"""What ``newsprov export`` holds in memory: its peak RSS at two database sizes, against reading
the same rows all at once (what a plain ``session.execute(...).all()`` would do).

    python bench/export_memory.py [--small 20000] [--large 200000]

A real SQLite file per size (schema by the migrations; one synthetic article and that many
attributions of made-up words, inserted directly); each reader runs as its own process, and
its peak resident memory is read from ``wait4``. Wall times are printed too, for the record.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from store.db import upgrade_to_head_sync

SYLLABLES = "ka lo mi ren sa tor vel dun pa ri zo mek lun tash bor wen".split()  # noqa: SIM905

ALL_AT_ONCE = """
import asyncio, json, sys
from sqlalchemy import select
from bot.services.newsprov import Newsprov
from bot.settings import Settings
from store.export import _SELECTED, COLUMNS
from store.models import Article, Attribution, Speaker
async def main():
    async with await Newsprov.open(Settings(database_url=sys.argv[1])) as service:
        async with service.sessions() as session:
            query = (select(*_SELECTED).join(Article, Article.id == Attribution.article_id)
                     .outerjoin(Speaker, Speaker.id == Attribution.speaker_id)
                     .order_by(Attribution.article_id, Attribution.ordinal))
            rows = (await session.execute(query)).all()
    with open(sys.argv[2], "w") as out:
        for row in rows:
            out.write(json.dumps(dict(zip(COLUMNS, map(str, row)))) + "\\n")
asyncio.run(main())
"""


def words(rng: random.Random, count: int) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(count)
    )


def build(path: Path, attributions: int) -> str:
    url = f"sqlite:///{path}"
    upgrade_to_head_sync(url)
    rng = random.Random(7)
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO articles (id, title, text, content_hash, origin, origin_detail,"
            " ingested_at, extractor_version) VALUES (1, 'Bench', 'x', 'h', 'file', '{}',"
            " '2026-12-01 00:00:00', 0)"
        )
        rows = []
        for ordinal in range(attributions):
            content = words(rng, 14)
            sentence = f"Minister {words(rng, 2)} said {content}."
            rows.append((1, ordinal, ordinal, 0, len(sentence), sentence, "say", content, sentence))
        connection.executemany(
            "INSERT INTO attributions (article_id, ordinal, sentence_index, sentence_start,"
            " sentence_end, sentence, stance, content, search_text, speaker_kind, anonymous,"
            " is_quote, polarity, extractor_version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'person', 0, 0, 'affirmed', 0)",
            rows,
        )
    return url


def peak(command: list[str]) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of the command run as a child process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=PROJECT, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    _, status, usage = os.wait4(child.pid, 0)
    if status:
        raise SystemExit(f"{command[:4]} failed: {status}")
    return usage.ru_maxrss / 1024, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=20_000)
    parser.add_argument("--large", type=int, default=200_000)
    args = parser.parse_args()
    results: dict[str, dict[int, tuple[float, float]]] = {"export": {}, "all at once": {}}
    with tempfile.TemporaryDirectory() as folder:
        for size in (args.small, args.large):
            url = build(Path(folder) / f"bench-{size}.db", size)
            out = str(Path(folder) / "out.jsonl")
            results["export"][size] = peak(
                [
                    sys.executable,
                    "-m",
                    "bot",
                    "--env-file",
                    "none",
                    "--db",
                    url,
                    "export",
                    "--out",
                    out,
                ]
            )
            results["all at once"][size] = peak([sys.executable, "-c", ALL_AT_ONCE, url, out])
    for name, by_size in results.items():
        (small_mb, small_s), (large_mb, large_s) = by_size[args.small], by_size[args.large]
        print(
            f"{name:12} {args.small:>7} rows: {small_mb:6.0f} MB {small_s:5.1f} s | "
            f"{args.large:>7} rows: {large_mb:6.0f} MB {large_s:5.1f} s | "
            f"peak ratio {large_mb / small_mb:.2f}"
        )


if __name__ == "__main__":
    main()
