"""``/who`` latency over N synthetic speakers: a full name, a surname alone, a misspelt
surname (the fuzzy fallback over the indexed name words) and a name nobody has.

    python bench/who_latency.py [--speakers 20000] [--queries 100] [--json]

Stores N people with syllable-built names (``bench.synthetic``) into a fresh SQLite file
through the store functions (one transaction per 1,000), each with one attribution; times
working out their profiles (``newsprov db profiles``: what ingest does for each new speaker),
per speaker; then times ``Newsprov.who`` (lookup and first page of the profile, or the
choices) for each kind of name in turn, and prints p50/p95 in ms per kind.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import _syllable_words
from bot.services.newsprov import Newsprov
from bot.settings import Settings
from store.models import Article, Attribution
from store.speakers import get_or_create_speaker

BATCH = 1000


async def load(service: Newsprov, names: list[str]) -> None:
    for start in range(0, len(names), BATCH):
        async with service.sessions.begin() as session:
            article = Article(
                title=f"Synthetic {start}", text="-", content_hash=f"who-{start}", origin="text"
            )
            session.add(article)
            await session.flush()
            speakers = []
            for ordinal, name in enumerate(names[start : start + BATCH]):
                speaker = await get_or_create_speaker(
                    session, key=name.casefold(), name=name, kind="person"
                )
                speakers.append(speaker)
                session.add(
                    Attribution(
                        article_id=article.id, ordinal=ordinal, sentence_index=ordinal,
                        sentence_start=0, sentence_end=1, sentence=f"{name} said so.",
                        speaker_id=speaker.id, speaker_name=name, stance="say",
                        content="so", search_text=name,
                    )
                )  # fmt: skip


def misspelt(word: str, rng: random.Random) -> str:
    at = rng.randrange(1, len(word) - 1)
    return word[:at] + word[at + 1 :]  # one letter dropped


async def run(speakers: int, queries: int) -> dict[str, dict[str, float]]:
    rng = random.Random(13)
    firsts = [w.capitalize() for w in _syllable_words(rng, 400, syllables=(2, 2))]
    lasts = [w.capitalize() for w in _syllable_words(rng, speakers // 4, syllables=(2, 3))]
    names = sorted({f"{rng.choice(firsts)} {rng.choice(lasts)}" for _ in range(speakers)})
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(database_url=f"sqlite:///{folder}/who.db", semantic=False)
        async with await Newsprov.open(settings) as service:
            await load(service, names)
            began = time.perf_counter()
            indexed = await service.index_profiles()  # what ingest does for each new speaker
            index_ms = (time.perf_counter() - began) * 1000 / max(1, indexed)
            asked = rng.sample(names, queries)
            kinds = {
                "full name": asked,
                "surname": [name.split()[1] for name in asked],
                "misspelt surname": [misspelt(name.split()[1], rng) for name in asked],
                "nobody": [f"Qqxv Zzuy{n}" for n in range(queries)],
            }
            timings: dict[str, list[float]] = {kind: [] for kind in kinds}
            for index in range(queries):
                for kind, names_asked in kinds.items():
                    began = time.perf_counter()
                    await service.who(names_asked[index])
                    timings[kind].append((time.perf_counter() - began) * 1000)
    return {"index_ms_per_speaker": {"mean_ms": round(index_ms, 2)}} | {
        kind: {
            "p50_ms": round(statistics.median(values), 1),
            "p95_ms": round(statistics.quantiles(values, n=20)[18], 1),
        }
        for kind, values in timings.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speakers", type=int, default=20000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = asyncio.run(run(args.speakers, args.queries))
    if args.json:
        print(json.dumps({"speakers": args.speakers, **result}))
        return
    print(f"profiles worked out: {result.pop('index_ms_per_speaker')['mean_ms']} ms a speaker")
    for kind, figures in result.items():
        print(f"{kind:18} p50 {figures['p50_ms']:7.1f} ms   p95 {figures['p95_ms']:7.1f} ms")


if __name__ == "__main__":
    main()
