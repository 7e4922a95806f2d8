"""The order weights chosen for top-1 (``bench/ranker_fit.py``), on candidates made up here."""

from __future__ import annotations

from typing import Any

import numpy as np

from bench.ranker_fit import ORDER, order_vector, outcomes, search_order

NAMES = ["base", *ORDER]


def _question(rows: list[dict[str, float]], right: int) -> dict[str, Any]:
    x = np.array([[row.get(name, 0.0) for name in NAMES] for row in rows])
    truth = np.zeros(len(rows), dtype=bool)
    truth[right] = True
    return {"item": {"kind": "what"}, "x": x, "truth": truth}


def test_an_order_weight_moves_only_for_the_questions_it_gains() -> None:
    w = np.array([1.0] + [0.0] * len(ORDER))
    # the right claim is a little behind by its score, ahead in meaning
    gaining = [
        _question([{"base": 0.5, "meaning": 0.2}, {"base": 0.4, "meaning": 0.6}], right=1)
        for _ in range(3)
    ]
    assert outcomes(gaining, w, 0.0, order_vector(NAMES, {}))[0] == 0
    chosen = search_order(NAMES, gaining, w, 0.0, {}, min_gain=2)
    assert chosen["meaning"] == 0.3  # past 0.25 the meaning outweighs the score: the nearest
    assert outcomes(gaining, w, 0.0, order_vector(NAMES, chosen))[0] == 3
    # one question to gain is less than the two asked for: nothing moves
    assert search_order(NAMES, gaining[:1], w, 0.0, {}, min_gain=2) == {}
