"""Settings of the Python process itself, applied once by the entry point."""

from __future__ import annotations

import gc

# Answering a question allocates tens of thousands of short-lived objects (rows, words). With
# Python's default thresholds (700, 10, 10) that sets off a full collection every few
# questions, and a full collection walks every long-lived object (lexicon, caches, the
# language model): 30-70 ms added to one answer in twenty (docs/benchmarks.md). Young
# collections stay frequent enough that cyclic garbage does not pile up.
GC_THRESHOLDS = (20_000, 50, 100)


def tune_garbage_collector() -> None:
    gc.set_threshold(*GC_THRESHOLDS)
