"""Train an MLP to separate two interleaving half-moons, with nothing but micrograd.

The data set is made here (no scikit-learn): two half circles, one shifted into the
other's mouth, plus Gaussian noise. Labels are -1 and +1 so that the loss can be the
max-margin ("hinge") loss: a point costs nothing once its score has the right sign
with a margin of at least 1, and ``relu(1 - y * score)`` otherwise.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from micrograd.engine import Value  # noqa: F401 - you will need it
from micrograd.nn import MLP

Point = tuple[float, float]


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
    """Return (loss, accuracy): the mean of relu(1 - y * score) over the points, plus
    ``alpha`` times the sum of every parameter squared; accuracy is the fraction of
    points whose score has the sign of their label."""
    # TASK train-moons
    raise NotImplementedError("loss_and_accuracy")


def train(
    model: MLP, X: Sequence[Point], y: Sequence[int], steps: int = 200, lr: float = 0.5
) -> list[tuple[float, float]]:
    """Full-batch gradient descent for at most ``steps`` steps; stop as soon as the
    accuracy is 1.0. Return the (loss, accuracy) of every step taken."""
    # TASK train-moons
    raise NotImplementedError("train")
