"""What matching new claims against watches costs at ingest (``bot/watching.py``).

    python bench/watch_matching.py [--watches 1000] [--dump FILE]

A real SQLite file with ``--watches`` topics (made from the words of the corpus's
titles, one in ten naming something the article is about), then one ordinary article ingested:
reports the article's claims, the time ``Watches.match`` took and the notices it recorded.
``--dump FILE`` writes every notice recorded (topic, watch id, attribution id, score as
``repr``), sorted, one a line: two runs (before and after a change) must give the same file.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bot.errors import WatchError
from bot.services.newsprov import Newsprov
from bot.settings import Settings
from bot.sources.draft import ArticleDraft, Origin

SHARED = PROJECT.parent / "shared"


async def run(watches: int, dump: Path | None) -> None:
    articles = sorted((SHARED / "corpus").rglob("*.txt"))
    words = sorted(
        {
            word.strip(",.:;'\"()")
            for path in articles[:400]
            for word in path.read_text(errors="replace").splitlines()[0].split()
            if len(word) > 4
        }
    )
    chosen = articles[len(articles) // 2]
    title, _, text = chosen.read_text(errors="replace").partition("\n")
    own = [w for w in title.split() if len(w) > 4]
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(database_url=f"sqlite:///{folder}/bench.db")
        async with await Newsprov.open(settings) as service:
            service.watches.per_user = watches
            for number in range(watches):
                pool = own if number % 10 == 0 and own else words
                topic = " ".join(rng.sample(pool, k=min(rng.choice([1, 2, 3]), len(pool))))
                with contextlib.suppress(WatchError):  # a topic of stop words only
                    await service.add_watch(user_id=number % 50, chat_id=1, topic=topic)
            service.watches.per_user = 0  # matching only from here
            draft = ArticleDraft(title=title.strip(), text=text, origin=Origin.FILE)
            matcher = service.watches
            original = matcher.match
            took: list[float] = []

            async def timed(ids: list[int]) -> int:
                start = time.perf_counter()
                found = await original(ids)
                took.append((time.perf_counter() - start) * 1000)
                return found

            matcher.match = timed  # type: ignore[method-assign]
            outcome = await service.ingest_draft(draft)
            await service.watches_matched()
            notices = await service.pending_notices(limit=1000)
            print(
                f"{await count(service)} watches, article of {len(outcome.attributions)} claims: "
                f"match {took[0]:.0f} ms, {sum(len(n.notice_ids) for n in notices)} notices"
            )
            if dump is not None:
                dump.write_text("".join(f"{line}\n" for line in await recorded(service)))


async def count(service: Newsprov) -> int:
    from store.watches import count_watches

    async with service.sessions() as session:
        return await count_watches(session)


async def recorded(service: Newsprov) -> list[str]:
    from store.watches import pending_notices

    async with service.sessions() as session:
        rows = await pending_notices(session, limit=10**9)
    return sorted(
        f"{watch.topic}\t{watch.id}\t{notice.attribution_id}\t{notice.score!r}"
        for notice, watch, _ in rows
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--watches", type=int, default=1000)
    parser.add_argument("--dump", type=Path, help="write the notices recorded, sorted, here")
    args = parser.parse_args()
    asyncio.run(run(args.watches, args.dump))


if __name__ == "__main__":
    main()
