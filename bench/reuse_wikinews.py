"""Text reuse on the Wikinews 2019 corpus: ingest it and list every link it makes.

    python bench/reuse_wikinews.py [--csv ../shared/corpus/wikinews/wikinews_2019.csv]
                                   [--db sqlite:///...] [--sentences] [--json]

Ingests every article of the CSV into a fresh database (unless --db names another), in
file order, then prints each reuse link: copy and source (file row, date), the share of the
copy's text found in the source, the shared sentences, and whether the copy names its source.
--sentences also prints each pair of matching sentences, to judge the link by eye (they are
corpus text: read them, do not paste them into the repository). Skips, saying so, when the
corpus is absent.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from sqlalchemy import select

from bot.extract.fingerprints import SIMILAR, similarity
from bot.services.newsprov import Newsprov
from bot.settings import Settings
from bot.sources.files import load_file
from store.models import Article, ReuseLink, SentencePrint

DEFAULT_CSV = PROJECT.parent / "shared" / "corpus" / "wikinews" / "wikinews_2019.csv"


async def _matching_sentences(service: Newsprov, copy_id: int, source_id: int) -> list[Any]:
    async with service.sessions() as session:
        texts = dict(
            (
                await session.execute(
                    select(Article.id, Article.text).where(Article.id.in_([copy_id, source_id]))
                )
            ).all()
        )
        rows = (
            await session.execute(
                select(
                    SentencePrint.article_id,
                    SentencePrint.start,
                    SentencePrint.stop,
                    SentencePrint.signature,
                ).where(SentencePrint.article_id.in_([copy_id, source_id]))
            )
        ).all()
    copy = [r for r in rows if r[0] == copy_id]
    source = [r for r in rows if r[0] == source_id]
    pairs = []
    for c in copy:
        for s in source:
            if similarity(c[3], s[3]) >= SIMILAR:
                pairs.append((texts[copy_id][c[1] : c[2]], texts[source_id][s[1] : s[2]]))
    return pairs


async def main(args: argparse.Namespace) -> dict[str, Any]:
    db = args.db or f"sqlite:///{tempfile.mkdtemp(prefix='newsprov-reuse-')}/reuse.db"
    rows: dict[int, int] = {}  # article id -> CSV row
    async with await Newsprov.open(Settings(database_url=db)) as service:
        await service.extractor()
        started = time.perf_counter()
        for number, loaded in enumerate(load_file(Path(args.csv)), start=1):
            if loaded.draft is None:
                continue
            outcome = await service.ingest_draft(loaded.draft)
            rows.setdefault(outcome.article_id, number)
        seconds = time.perf_counter() - started
        async with service.sessions() as session:
            links = (await session.scalars(select(ReuseLink).order_by(ReuseLink.id))).all()
            dates = dict((await session.execute(select(Article.id, Article.published))).all())
            prints = len((await session.scalars(select(SentencePrint.id))).all())
        listed = []
        for link in links:
            entry = {
                "copy_row": rows.get(link.copy_id),
                "copy_date": str(dates[link.copy_id])[:10],
                "source_row": rows.get(link.source_id),
                "source_date": str(dates[link.source_id])[:10],
                "share": round(link.share, 3),
                "source_share": round(link.source_share, 3),
                "shared_sentences": link.shared_sentences,
                "names_source": link.names_source,
            }
            if args.sentences:
                entry["pairs"] = await _matching_sentences(service, link.copy_id, link.source_id)
            listed.append(entry)
    return {
        "articles": len(rows),
        "sentences_fingerprinted": prints,
        "links": len(listed),
        "ingest_seconds": round(seconds, 1),
        "listed": listed,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=str(DEFAULT_CSV))
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--sentences", action="store_true", help="print matching sentence pairs")
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    if not Path(arguments.csv).exists():
        print(f"skipped: {arguments.csv} is absent (the shared corpus is not beside the project)")
        sys.exit(0)
    report = asyncio.run(main(arguments))
    if arguments.json:
        print(json.dumps(report, default=str))
        sys.exit(0)
    for key in ("articles", "sentences_fingerprinted", "links", "ingest_seconds"):
        print(f"{key:24} {report[key]}")
    for entry in report["listed"]:
        print(
            f"row {entry['copy_row']} ({entry['copy_date']}) repeats row {entry['source_row']} "
            f"({entry['source_date']}): {entry['share']:.0%} of its text, "
            f"{entry['shared_sentences']} sentences, names source: {entry['names_source']}"
        )
        for copied, source in entry.get("pairs", []):
            print(f"    < {copied}\n    > {source}")
