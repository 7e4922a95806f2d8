"""Ingestion throughput: HTML pages served on 127.0.0.1 -> stored articles and attributions.

    python bench/ingest_throughput.py [--pages 200] [--concurrency 4] [--db sqlite:///...]

Generates distinct article pages (written here, from templates), serves them from a local
HTTP server and measures three stages over the same pages:

  fetch    Fetcher.fetch_page: the safe download alone
  draft    fetch + trafilatura extraction (page_to_draft)
  ingest   fetch + extraction + spaCy attribution extraction + the claims' sentence
           embeddings (unless --no-semantic) + SQL storage (Newsprov)

and prints pages per second for each, plus the attributions stored. The database is a fresh
SQLite file unless --db names another. --reuse-ratio runs the ingest stage twice more, on
fresh SQLite files, without and with text-reuse fingerprints and links (``bot.extract.
fingerprints``), and prints both rates and their ratio: the cost of provenance at ingest.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

import bot.services.ingesting
from bot.extract.fingerprints import fingerprint
from bot.services.newsprov import Newsprov
from bot.settings import Settings
from bot.sources.fetch import Fetcher
from bot.sources.links import fetch_article

SPEAKERS = [
    ("Amira Haddad", "the transport minister"),
    ("Jonas Lindqvist", "a spokesman for the port authority"),
    ("Carmen Ruiz", "the mayor of the coastal town"),
    ("Tobias Brandt", "the head of the farmers' union"),
    ("Nadia Petrova", "an economist at the regional bank"),
    ("Kwame Mensah", "the chair of the health committee"),
]
TOPICS = [
    "the new ferry route",
    "the bridge repairs",
    "the water tariff",
    "the hospital wing",
    "the harbour dredging",
    "the school merger",
    "the bus timetable",
    "the wind farm",
]
CUES = [
    ('"{topic} will be finished on time," {name}, {role}, told reporters on {day}.', "say"),
    ("{name}, {role}, denied that {topic} had cost more than planned.", "deny"),
    ("{name} accused the council of delaying {topic} for {n} months.", "accuse"),
    ("According to {name}, {role}, {topic} would create {n} jobs.", "report"),
    ("{name} warned that {topic} could be cancelled if funds ran short.", "warn"),
    ("{name}, {role}, confirmed on {day} that {topic} had been approved.", "confirm"),
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article_html(number: int) -> bytes:
    topic = TOPICS[number % len(TOPICS)]
    paragraphs = []
    for offset in range(6):
        name, role = SPEAKERS[(number + offset) % len(SPEAKERS)]
        template, _ = CUES[(number * 7 + offset) % len(CUES)]
        paragraphs.append(
            template.format(
                name=name,
                role=role,
                topic=topic,
                day=DAYS[(number + offset) % 5],
                n=number + offset + 2,
            )
        )
        paragraphs.append(f"Article {number} adds background on {topic} in paragraph {offset}.")
    body = "".join(f"<p>{p[0].upper() + p[1:]}</p>" for p in paragraphs)
    title = f"Dispute over {topic}, report {number}"
    return (
        f"<html><head><title>{title}</title>"
        '<meta property="og:site_name" content="The Bench Herald">'
        f'<meta property="article:published_time" content="2024-04-{number % 28 + 1:02d}">'
        f"</head><body><nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>All rights reserved.</footer></body></html>"
    ).encode()


class PageServer:
    def __init__(self, pages: int) -> None:
        bodies = {f"/news/{n}": article_html(n) for n in range(pages)}

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as a real site would
            disable_nagle_algorithm = True  # else headers and body wait 40 ms for an ACK

            def do_GET(self) -> None:
                body = bodies.get(self.path)
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.urls = [f"http://127.0.0.1:{self.server.server_address[1]}{p}" for p in bodies]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


async def timed(
    urls: list[str], work: Callable[[str], Awaitable[Any]], *, concurrency: int
) -> tuple[float, list[Any]]:
    slots = asyncio.Semaphore(concurrency)

    async def one(url: str) -> Any:
        async with slots:
            return await work(url)

    started = time.perf_counter()
    results = await asyncio.gather(*(one(url) for url in urls))
    return time.perf_counter() - started, results


async def ingest_rate(
    settings: Settings, urls: list[str], *, concurrency: int
) -> tuple[float, float]:
    """Articles a second through the whole ingest, into a fresh SQLite file, and the CPU
    seconds this process spent an article (every thread: the page server, SQLite's)."""
    db = f"sqlite:///{tempfile.mkdtemp(prefix='newsprov-bench-')}/bench.db"
    async with (
        Fetcher.from_settings(settings) as fetcher,
        await Newsprov.open(replace(settings, database_url=db)) as service,
    ):
        await service.extractor()
        await service.semantic()

        async def ingest(url: str) -> Any:
            return await service.ingest_draft(await fetch_article(fetcher, url))

        cpu = time.process_time()
        seconds, _ = await timed(urls, ingest, concurrency=concurrency)
        cpu = time.process_time() - cpu
    return len(urls) / seconds, cpu / len(urls)


def _no_fingerprints(text: str) -> list[Any]:
    return []


async def reuse_ratio(settings: Settings, urls: list[str], *, concurrency: int) -> dict[str, float]:
    """The ingest rate and CPU cost without text-reuse fingerprints and with them, twice
    each in turn (the machine is shared: the CPU time says more than the wall clock)."""
    rates: dict[bool, list[float]] = {False: [], True: []}
    cpus: dict[bool, list[float]] = {False: [], True: []}
    for reuse in (False, True, False, True):
        bot.services.ingesting.fingerprint = fingerprint if reuse else _no_fingerprints  # type: ignore[assignment]
        try:
            rate, cpu = await ingest_rate(settings, urls, concurrency=concurrency)
        finally:
            bot.services.ingesting.fingerprint = fingerprint
        rates[reuse].append(rate)
        cpus[reuse].append(cpu)
    best = {reuse: max(rates[reuse]) for reuse in rates}
    cheapest = {reuse: min(cpus[reuse]) for reuse in cpus}
    return {
        "ingest_without_reuse_per_s": round(best[False], 2),
        "ingest_with_reuse_per_s": round(best[True], 2),
        "reuse_ratio": round(best[True] / best[False], 3),
        "cpu_ms_per_article_without_reuse": round(1000 * cheapest[False], 1),
        "cpu_ms_per_article_with_reuse": round(1000 * cheapest[True], 1),
        "reuse_cpu_ratio": round(cheapest[True] / cheapest[False], 3),
    }


async def main(args: argparse.Namespace) -> dict[str, Any]:
    db = args.db or f"sqlite:///{tempfile.mkdtemp(prefix='newsprov-bench-')}/bench.db"
    settings = replace(
        Settings(database_url=db),
        allow_private_networks=True,
        fetch_concurrency=args.concurrency,
        semantic="off" if args.no_semantic else "auto",
    )
    server = PageServer(args.pages)
    report: dict[str, Any] = {
        "pages": args.pages,
        "concurrency": args.concurrency,
        "semantic": not args.no_semantic,
    }
    try:
        async with Fetcher.from_settings(settings) as fetcher:
            seconds, _ = await timed(server.urls, fetcher.fetch_page, concurrency=args.concurrency)
            report["fetch_pages_per_s"] = round(args.pages / seconds, 1)

            async def draft(url: str) -> Any:
                return await fetch_article(fetcher, url)

            seconds, _ = await timed(server.urls, draft, concurrency=args.concurrency)
            report["draft_pages_per_s"] = round(args.pages / seconds, 1)

            async with await Newsprov.open(settings) as service:
                await service.extractor()  # load spaCy before the clock starts
                await service.semantic()  # and the sentence model

                async def ingest(url: str) -> Any:
                    return await service.ingest_draft(await fetch_article(fetcher, url))

                seconds, outcomes = await timed(server.urls, ingest, concurrency=args.concurrency)
                stats = await service.stats()
        report["ingest_articles_per_s"] = round(args.pages / seconds, 1)
        report["ingest_seconds"] = round(seconds, 2)
        report["new_articles"] = sum(o.status == "new" for o in outcomes)
        report["attributions_stored"] = stats.attributions
        report["attributions_per_s"] = round(stats.attributions / seconds, 1)
        if args.reuse_ratio:
            report.update(await reuse_ratio(settings, server.urls, concurrency=args.concurrency))
    finally:
        server.close()
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-semantic", action="store_true", help="store no sentence embeddings")
    parser.add_argument(
        "--reuse-ratio", action="store_true", help="ingest again without and with fingerprints"
    )
    arguments = parser.parse_args()
    figures = asyncio.run(main(arguments))
    if arguments.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:24} {value}")
