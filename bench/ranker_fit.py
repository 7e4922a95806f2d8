"""Fitting the ranking weights to the candidates ``bench/train_ranker.py`` collects: the
listwise loss and its fit, the order weights' fit, a grid search of the order weights for top-1,
and the outcomes they are judged by. Each question is a dict with ``x`` (its candidates'
features, by ``names``), ``truth`` (which candidates answer it right) and ``item``."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from bot.answer.ranker import Ranker

PENALTIES = (
    "missing_name",
    "missing_target",
    "other_speaker",
    "other_description",
    "nothing_new",
    "no_speaker",
    "speaker_is_object",
    "not_a_person",
    "many_for_one",
    "what_says_little",
)
FREE = ("asks_speaker", "meaning_known")  # a question kind's own level: either sign
# Features that tell which candidate answers best, not whether any does: they order the
# candidates (``Ranker.order``) and never move a claim across the threshold.
ORDER = (
    "distinctive",
    "distinctive_own",
    "similarity",
    "speaker_match",
    "topic_in_claim",
    "content_match",
    "meaning",
    "what_topic_behind",
    "what_content_behind",
    "what_meaning_behind",
)


def loss_and_gradient(
    w: np.ndarray, b: float, data: list[dict[str, Any]], l2: float, prior: np.ndarray
) -> tuple[float, np.ndarray, float]:
    """The listwise loss, with an L2 pull towards the prior weights, and its gradient."""
    total, grad_w, grad_b = 0.0, l2 * (w - prior) * len(data), 0.0
    total += 0.5 * l2 * float((w - prior) @ (w - prior)) * len(data)
    for q in data:
        x, truth = q["x"], q["truth"]
        logits = x @ w + b if len(x) else np.zeros(0)
        top = max(0.0, float(logits.max()) if len(logits) else 0.0)
        exp = np.exp(logits - top)
        null = math.exp(-top)
        norm = null + float(exp.sum())
        if truth.any():
            wanted = float(exp[truth].sum())
            total -= math.log(wanted / norm)
            coefficient = exp / norm - np.where(truth, exp / wanted, 0.0)
        else:
            total -= math.log(null / norm)
            coefficient = exp / norm
        grad_w += coefficient @ x if len(x) else 0.0
        grad_b += float(coefficient.sum())
    return total / len(data), grad_w / len(data), grad_b / len(data)


def fit(
    names: list[str],
    data: list[dict[str, Any]],
    start: Ranker,
    *,
    l2: float,
    steps: int = 3000,
    only: frozenset[str] | None = None,
) -> tuple[np.ndarray, float]:
    """The weights and bias learned from ``start``; with ``only``, those features' weights
    alone (the others and the bias stay as ``start`` has them)."""
    w = np.array([start.weights[name] for name in names])
    prior = w.copy()
    b = start.bias
    low = np.array([-np.inf if n in PENALTIES or n in FREE else 0.0 for n in names])
    high = np.array([0.0 if n in PENALTIES else np.inf for n in names])
    if only is not None:
        frozen = np.array([n not in only for n in names])
        low, high = np.where(frozen, w, low), np.where(frozen, w, high)
    m, v, mb, vb = np.zeros_like(w), np.zeros_like(w), 0.0, 0.0
    rate, beta1, beta2 = 0.02, 0.9, 0.999
    for step in range(1, steps + 1):
        _, gw, gb = loss_and_gradient(w, b, data, l2, prior)
        m = beta1 * m + (1 - beta1) * gw
        v = beta2 * v + (1 - beta2) * gw * gw
        mb = beta1 * mb + (1 - beta1) * gb
        vb = beta2 * vb + (1 - beta2) * gb * gb
        w = w - rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
        if only is None:
            b = b - rate * (mb / (1 - beta1**step)) / (math.sqrt(vb / (1 - beta2**step)) + 1e-8)
        w = np.clip(w, low, high)
    return w, b


def order_loss_and_gradient(
    v: np.ndarray, data: list[dict[str, Any]], l2: float, prior: np.ndarray
) -> tuple[float, np.ndarray]:
    """The listwise loss of the order among the candidates alone (the score's logit fixed, as
    ``q["logits"]``; no "no answer": the order does not decide whether any answers), with an
    L2 pull towards the prior order weights, and its gradient."""
    total = 0.5 * l2 * float((v - prior) @ (v - prior)) * len(data)
    grad = l2 * (v - prior) * len(data)
    for q in data:
        keys = q["logits"] + q["order_x"] @ v
        exp = np.exp(keys - float(keys.max()))
        truth = q["truth"]
        wanted, norm = float(exp[truth].sum()), float(exp.sum())
        total -= math.log(wanted / norm)
        grad += (exp / norm - np.where(truth, exp / wanted, 0.0)) @ q["order_x"]
    return total / len(data), grad / len(data)


def fit_order(
    names: list[str],
    data: list[dict[str, Any]],
    w: np.ndarray,
    b: float,
    start: Ranker,
    *,
    l2: float,
    steps: int = 2000,
) -> np.ndarray:
    """The order weights (``ORDER``, at or above zero) learned on the answerable questions
    whose right claim is a candidate, the score weights ``w`` and bias ``b`` fixed."""
    columns = [names.index(name) for name in ORDER]
    answerable = [
        {**q, "logits": q["x"] @ w + b, "order_x": q["x"][:, columns]}
        for q in data
        if q["truth"].any()
    ]
    v = np.array([start.order.get(name, 0.0) for name in ORDER])
    prior = v.copy()
    m, s = np.zeros_like(v), np.zeros_like(v)
    rate, beta1, beta2 = 0.02, 0.9, 0.999
    for step in range(1, steps + 1):
        _, g = order_loss_and_gradient(v, answerable, l2, prior)
        m = beta1 * m + (1 - beta1) * g
        s = beta2 * s + (1 - beta2) * g * g
        v = v - rate * (m / (1 - beta1**step)) / (np.sqrt(s / (1 - beta2**step)) + 1e-8)
        v = np.clip(v, 0.0, np.inf)
    return v


GRID = (0.0, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0)


def search_order(
    names: list[str],
    data: list[dict[str, Any]],
    w: np.ndarray,
    b: float,
    order: dict[str, float],
    *,
    min_gain: int,
    rounds: int = 2,
) -> dict[str, float]:
    """The order weights (``ORDER``) chosen one at a time from ``GRID`` for the most right
    answers on ``data`` (the listwise fit spreads its probability over one speaker's many right
    claims, and top-1 is decided by few questions). A weight moves only for ``min_gain``
    questions more than it has, to the grid value nearest the one in use among the best."""
    chosen = dict(order)
    for _ in range(rounds):
        for name in ORDER:

            def right(value: float, name: str = name) -> int:
                return outcomes(data, w, b, order_vector(names, {**chosen, name: value}))[0]

            now = right(chosen.get(name, 0.0))
            tried = {value: right(value) for value in GRID}
            best = max(tried.values())
            if best >= now + min_gain:
                top = [value for value, score in tried.items() if score == best]
                chosen[name] = min(top, key=lambda value: abs(value - chosen.get(name, 0.0)))
                print(f"  order {name}: {chosen[name]} ({now} -> {best} right)")
    return chosen


def order_vector(names: list[str], order: dict[str, float]) -> np.ndarray:
    return np.array([order.get(name, 0.0) for name in names])


def outcomes(
    data: list[dict[str, Any]], w: np.ndarray, b: float, order: np.ndarray | None = None
) -> tuple[int, int, int]:
    """How many questions the first answering candidate (a logit above 0, first by the order
    key: the logit plus ``order``, weights by feature) answers right, answers wrong, or leave
    with no answer: right includes no answer to an unanswerable one."""
    right = wrong = 0
    for q in data:
        logits = q["x"] @ w + b if len(q["x"]) else np.zeros(0)
        answers = len(logits) and float(logits.max()) > 0
        if answers:
            keys = logits + (q["x"] @ order if order is not None else 0.0)
            keys = np.where(logits > 0, keys, -np.inf)
            best = int(np.argmax(keys))  # ties: the earlier stored, as ranking orders them
            correct = q["item"]["kind"] != "unanswerable" and bool(q["truth"][best])
            right += correct
            wrong += not correct
        else:
            right += q["item"]["kind"] == "unanswerable"
    return right, wrong, len(data) - right - wrong


def accuracy(
    data: list[dict[str, Any]], w: np.ndarray, b: float, order: np.ndarray | None = None
) -> float:
    """Top-1 accuracy by the eval README's rules."""
    return 100.0 * outcomes(data, w, b, order)[0] / len(data)


def best_bias(data: list[dict[str, Any]], w: np.ndarray, b: float) -> float:
    """The bias where right answers less wrong ones are most: a wrong answer costs as much as
    a right one earns, and saying that nothing answers costs nothing. Accuracy alone would
    answer near misses for the sake of a few more right answers."""

    def utility(shift: float) -> int:
        right, wrong, _ = outcomes(data, w, b + shift)
        return right - wrong

    shifts = np.linspace(-2.0, 2.0, 81)
    scores = [utility(shift) for shift in shifts]
    best = max(scores)
    chosen = [shift for shift, score in zip(shifts, scores, strict=True) if score == best]
    return b + float(np.median(chosen))
