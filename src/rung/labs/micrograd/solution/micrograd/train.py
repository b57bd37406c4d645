"""Train an MLP to separate two interleaving half-moons, with nothing but micrograd.

The data set is made here (no scikit-learn): two half circles, one shifted into the
other's mouth, plus Gaussian noise. Labels are -1 and +1 so that the loss can be the
max-margin ("hinge") loss: a point costs nothing once its score has the right sign
with a margin of at least 1, and ``relu(1 - y * score)`` otherwise.
"""

from __future__ import annotations

import gc
import math
import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from micrograd.engine import Value
from micrograd.nn import MLP

Point = tuple[float, float]

# ---------------------------------------------------------------- TASK train-moons


def make_moons(n: int = 60, noise: float = 0.1, seed: int = 0) -> tuple[list[Point], list[int]]:
    """``n`` points: the first half on the upper moon (label -1), the rest on the lower (+1)."""
    rng = random.Random(seed)
    n_upper = n // 2
    X: list[Point] = []
    y: list[int] = []
    for i in range(n):
        upper = i < n_upper
        count = n_upper if upper else n - n_upper
        k = i if upper else i - n_upper
        t = math.pi * k / max(count - 1, 1)  # evenly spaced along the half circle
        if upper:
            px, py = math.cos(t), math.sin(t)
        else:
            # The lower moon: the upper one turned over and moved right and down, so
            # that each moon's tips reach into the other's hollow.
            px, py = 1 - math.cos(t), 0.5 - math.sin(t)
        X.append((px + rng.gauss(0, noise), py + rng.gauss(0, noise)))
        y.append(-1 if upper else 1)
    return X, y


def loss_and_accuracy(
    model: MLP, X: Sequence[Point], y: Sequence[int], alpha: float = 1e-4
) -> tuple[Value, float]:
    """Mean hinge loss plus a small L2 penalty on the weights, and the accuracy."""
    scores = [model([Value(a), Value(b)]) for a, b in X]
    margins = [(1 + -yi * si).relu() for yi, si in zip(y, scores, strict=True)]
    data_loss = sum(margins, Value(0.0)) * (1.0 / len(margins))
    # The penalty keeps weights small, which smooths the boundary between the moons.
    reg = alpha * sum((p * p for p in model.parameters()), Value(0.0))
    correct = sum((yi > 0) == (si.data > 0) for yi, si in zip(y, scores, strict=True))
    return data_loss + reg, correct / len(y)


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Switch off Python's cycle collector for the duration of a training run.

    Each step builds tens of thousands of ``Value`` objects. Python's cycle collector
    wakes up after every few hundred new objects and, every so often, walks *all* of
    them, which makes the forward pass three to four times slower. Nothing here needs
    it: the graph has no reference cycles (``_backward`` is handed its node rather than
    capturing it), so each step's graph is freed by reference counting alone.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def train(
    model: MLP, X: Sequence[Point], y: Sequence[int], steps: int = 200, lr: float = 0.5
) -> list[tuple[float, float]]:
    """Full-batch gradient descent; stops early at 100% accuracy. Returns (loss, acc) per step."""
    history: list[tuple[float, float]] = []
    with cyclic_gc_paused():
        for k in range(steps):
            loss, acc = loss_and_accuracy(model, X, y)
            history.append((loss.data, acc))
            if acc == 1.0:
                break
            model.zero_grad()  # gradients accumulate: clear last step's first
            loss.backward()
            step = lr * (1.0 - 0.9 * k / steps)  # a slowly falling learning rate
            for p in model.parameters():
                p.data -= step * p.grad
    return history
