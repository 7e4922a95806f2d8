"""Worst cases of the extraction budget: time and peak memory of hostile texts, cut or refused.

    python bench/extraction_budget.py [--untamed] [--cases NAME,...]

Each case runs in a fresh child process (model loaded first, not timed) so that its peak
resident memory is its own: the figure is the child's peak RSS minus its RSS after loading
the model. ``--untamed`` also runs the small cases with taming switched off, for the ratio
(the large ones would take minutes untamed: the issue measured 44 s for 16,000 quotation
marks and 426 s for 990,000 characters).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

SENTENCE = "The mayor said the new bridge would open in May, officials told the council. "
CASES = {
    "quotes-4080": lambda: '"' * 4_080,
    "quotes-16000": lambda: '"' * 16_000,
    "quotes-50000": lambda: '"' * 50_000,
    "no-punctuation-990k": lambda: ("word " * 198_000)[:990_000],
    "emoji-920KB": lambda: "😀" * 230_000,  # 4 bytes each in UTF-8
    "sentences-1.1M": lambda: SENTENCE * 14_000,  # over spaCy's 1,000,000 (E088)
    "sentences-100k": lambda: (SENTENCE * 1_300)[:100_000],  # an ordinary text at the cap
    "one-letter-words-100k": lambda: "a " * 50_000,  # the most tokens 100k characters hold
}
SMALL = ("quotes-4080",)


def run_case(name: str, *, untamed: bool) -> dict[str, object]:
    from bot.extract import pipeline
    from bot.extract.bounds import ExtractionBudgetError

    if untamed:
        pipeline.tame = lambda text: text  # type: ignore[assignment]
    extractor = pipeline.load_extractor()
    extractor.extract("Warm up: the minister said it was fine.")
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    text = CASES[name]()
    started = time.perf_counter()
    try:
        extraction = extractor.read(text)
        outcome = "cut" if extraction.cut else "read whole"
        read = extraction.read_chars
    except ExtractionBudgetError:
        outcome, read = "refused", 0
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "case": name,
        "untamed": untamed,
        "chars": len(text),
        "read_chars": read,
        "outcome": outcome,
        "seconds": round(seconds, 2),
        "peak_mb_over_model": round((peak - base) / 1024, 1),
        "peak_rss_mb": round(peak / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--untamed", action="store_true")
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        name, _, mode = args.child.partition(":")
        print(json.dumps(run_case(name, untamed=mode == "untamed")))
        return
    runs = [(name, False) for name in args.cases.split(",")]
    if args.untamed:
        runs += [(name, True) for name in SMALL if name in args.cases.split(",")]
    print(f"{'case':24} {'mode':8} {'chars':>9} {'read':>9} {'outcome':11} {'s':>7} {'MB':>7}")
    for name, untamed in runs:
        child = f"{name}:{'untamed' if untamed else 'tamed'}"
        output = subprocess.run(
            [sys.executable, __file__, "--child", child],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        row = json.loads(output.strip().splitlines()[-1])
        print(
            f"{row['case']:24} {'untamed' if untamed else 'tamed':8} {row['chars']:>9,} "
            f"{row['read_chars']:>9,} {row['outcome']:11} {row['seconds']:>7} "
            f"{row['peak_mb_over_model']:>7}"
        )


if __name__ == "__main__":
    main()
