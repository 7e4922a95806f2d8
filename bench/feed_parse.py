"""How long ``parse_feed`` takes on a 100- and a 5,000-entry RSS feed (tests/test_feeds.py's
``big_feed``), best of ``--repeat`` runs.

``--against PATH`` also times the ``parse_feed`` of another checkout (e.g. a ``git worktree``
of an older commit), in the same run and interleaved with this one, so that the ratio holds on
a noisy machine::

    git worktree add /tmp/base bf4c747
    .venv/bin/python bench/feed_parse.py --against /tmp/base
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SIZES = (100, 5000)


def best_times(repeat: int) -> dict[int, float]:
    sys.path.insert(0, str(Path.cwd() / "tests"))
    from test_feeds import big_feed

    from bot.sources import feeds

    # The 5,000-entry feed is over the size cap of later checkouts: lifted to time the parse.
    parse_feed = (
        partial(feeds.parse_feed, max_bytes=10**9)
        if hasattr(feeds, "MAX_FEED_BYTES")
        else feeds.parse_feed
    )

    times: dict[int, float] = {}
    for size in SIZES:
        data = big_feed(size)
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            parse_feed(data)
            runs.append(time.perf_counter() - started)
        times[size] = min(runs)
    return times


def timed_in(checkout: Path, repeat: int) -> dict[int, float]:
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", "--repeat", str(repeat)],
        cwd=checkout,
        env={"PYTHONPATH": str(checkout)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {int(size): seconds for size, seconds in json.loads(out).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds with --against")
    parser.add_argument("--against", type=Path, help="another checkout to time in the same run")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(best_times(args.repeat)))
        return
    checkouts = {"this": PROJECT} | ({"against": args.against.resolve()} if args.against else {})
    best: dict[str, dict[int, float]] = {name: {} for name in checkouts}
    for _ in range(args.rounds):
        for name, checkout in checkouts.items():
            for size, seconds in timed_in(checkout, args.repeat).items():
                best[name][size] = min(seconds, best[name].get(size, seconds))
    for size in SIZES:
        line = f"{size:>5} entries: this {best['this'][size] * 1000:8.1f} ms"
        if args.against:
            other = best["against"][size]
            line += f", against {other * 1000:8.1f} ms, ratio {best['this'][size] / other:.2f}"
        print(line)


if __name__ == "__main__":
    main()
