"""How a claim's features become its score: a linear model whose weights are data.

``data/ranker.json`` holds one weight per feature of ``rank.claim_features`` and a bias.
A claim scores ``100 * sigmoid(bias + sum(weight * feature))``, so 50 is where a claim is as
likely to answer as not. The weights are learned by ``bench/train_ranker.py`` on the tune
half of the dev questions (it says how); the report half shows whether they carry over.

Candidates are put in order by the score's logit plus the ``order`` weights: features that
compare a claim with the others it is ranked with (``distinctive``: it holds the words only
few of them hold; for a what-question, ``what_says_little`` and ``what_topic_behind``:
``statement.py``) tell which candidate answers best, not whether any does, so they order the
candidates without moving any claim across the answer threshold.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Ranker:
    weights: Mapping[str, float]
    bias: float
    order: Mapping[str, float] = field(default_factory=dict)

    def logit(self, features: Mapping[str, float]) -> float:
        return self.bias + sum(
            weight * features[name] for name, weight in self.weights.items() if weight
        )

    def score(self, features: Mapping[str, float]) -> float:
        """0-100: the chance, in per cent, that the claim answers."""
        logit = self.logit(features)
        if logit < -30.0:
            return 0.0
        return 100.0 / (1.0 + math.exp(-logit))

    def order_key(self, features: Mapping[str, float]) -> float:
        """Where the claim goes among the candidates: higher first."""
        return self.logit(features) + sum(
            weight * features[name] for name, weight in self.order.items() if weight
        )

    def as_json(self) -> dict[str, Any]:
        return {"bias": self.bias, "weights": dict(self.weights), "order": dict(self.order)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Ranker:
        weights = {str(name): float(weight) for name, weight in data["weights"].items()}
        order = {str(name): float(weight) for name, weight in data.get("order", {}).items()}
        return cls(weights=weights, bias=float(data["bias"]), order=order)


@cache
def load_ranker() -> Ranker:
    text = resources.files("bot.answer").joinpath("data", "ranker.json").read_text("utf-8")
    return Ranker.from_json(json.loads(text))
