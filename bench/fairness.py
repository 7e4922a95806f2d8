"""How long another user's question waits while one user sends something costly.

    python bench/fairness.py [--before] [--rounds 3]

Runs the real Telegram ``Application`` against the fake Bot API of the tests (127.0.0.1),
with a real SQLite file and a local web server, and measures the time from user B sending a
question to B's answer arriving: usually (median of 5), and right after user A sent
(a) three pastes of 4,080 quotation marks, (b) two links whose pages drip one byte every
0.2 s, (c) a link to an ordinary article of 100,000 characters (the most one article may
be). ``--before`` handles updates one at a time and parses untamed text, as before issue 19.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "tests"))

from fake_bot_api import TOKEN, FakeBotApi
from http_fixtures import LocalHTTPServer, Reply
from telegram_harness import KESSEL_POST, start_bot, stop_bot

from bot.settings import Settings
from bot.sources.draft import ArticleDraft, Origin

LOADER, ASKER = 501, 502
QUESTION = "who denied the Kessel market strike?"
SENTENCE = "The mayor said the new bridge would open in May, officials told the council. "


async def answer_time(api: FakeBotApi) -> float:
    started = time.monotonic()
    api.send(QUESTION, user_id=ASKER)
    await api.next_reply(ASKER, within=300)
    return time.monotonic() - started


def long_article_page(number: int) -> bytes:
    paragraphs = "".join(f"<p>{SENTENCE * 12} Paragraph {n} of {number}.</p>" for n in range(105))
    return (
        f"<html><head><title>Bridge report {number}</title></head><body><article>"
        f"<h1>Bridge report {number}</h1>{paragraphs}</article></body></html>"
    ).encode()


async def measure(
    api: FakeBotApi, load: Callable[[int], int], *, rounds: int
) -> tuple[list[float], float, str]:
    """B's answer times, asked one after another for as long as A's ``load(round)`` is being
    handled; with the longest A waited and A's last reply."""
    times: list[float] = []
    longest = 0.0
    last = ""
    for number in range(rounds):
        started = time.monotonic()
        sent = load(number)
        loader = asyncio.gather(*[api.next_reply(LOADER, within=600) for _ in range(sent)])
        await asyncio.sleep(0.05)  # the loader's updates arrive first
        while True:
            times.append(await answer_time(api))
            if loader.done():
                break
        replies = await loader
        longest = max(longest, time.monotonic() - started)
        last = replies[-1]["text"][:90].replace("\n", " ")
    return times, longest, last


async def run(*, before: bool, rounds: int) -> None:
    if before:
        from telegram.ext import SimpleUpdateProcessor

        import bot.extract.pipeline as pipeline
        import bot.telegram.app as app

        app.ChatOrderedUpdates = lambda _n: SimpleUpdateProcessor(1)  # type: ignore[assignment,misc]
        pipeline.tame = lambda text: text  # type: ignore[assignment]
    from bot.services.newsprov import Newsprov

    server = LocalHTTPServer()
    server.start()
    for n in range(rounds):
        server.add(f"/long/{n}", Reply(body=long_article_page(n)))
        for k in range(2):
            body = long_article_page(100 + n * 2 + k)[:2_000]
            server.add(f"/drip/{n}/{k}", Reply(body=body, drip_interval_s=0.2))
    api = FakeBotApi()
    await api.start()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            database_url=f"sqlite:///{folder}/bench.db",
            telegram_token=TOKEN,
            telegram_api_base=api.base_url,
            allow_private_networks=True,
            user_rate_per_minute=0,
            fetch_timeout_s=15.0,
        )
        async with await Newsprov.open(settings) as service:
            title, _, text = KESSEL_POST.partition("\n\n")
            await service.ingest_draft(ArticleDraft(title=title, text=text, origin=Origin.TEXT))
            application, stop = await start_bot(api, settings, service)
            try:
                await answer_time(api)  # warm up
                usual = statistics.median([await answer_time(api) for _ in range(5)])

                def quotes(n: int) -> int:
                    for k in range(3):  # each a text of its own, so each is parsed
                        api.send('"' * (4_080 - 3 * n - k), user_id=LOADER)
                    return 3

                def drips(n: int) -> int:
                    api.send(
                        f"{server.url(f'/drip/{n}/0')} {server.url(f'/drip/{n}/1')}",
                        user_id=LOADER,
                    )
                    return 1

                def long_link(n: int) -> int:
                    api.send(server.url(f"/long/{n}"), user_id=LOADER)
                    return 1

                print(f"mode: {'before (sequential, untamed)' if before else 'after'}")
                print(f"usual answer time (median of 5): {usual * 1000:.0f} ms")
                for name, load in [
                    ("3 pastes of 4,080 quotation marks", quotes),
                    ("2 slow-drip links", drips),
                    ("a link to a 100,000-character article", long_link),
                ]:
                    times, longest, last = await measure(api, load, rounds=rounds)
                    worst = max(times)
                    print(
                        f"{name}: B asked {len(times)} times meanwhile, median "
                        f"{statistics.median(times) * 1000:.0f} ms, worst {worst * 1000:.0f} ms "
                        f"(worst - usual {(worst - usual):.2f} s); A's load took {longest:.1f} s,"
                        f" its last reply: {last!r}"
                    )
            finally:
                await stop_bot(application, stop)
    await api.stop()
    server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(run(before=args.before, rounds=args.rounds))


if __name__ == "__main__":
    main()
