"""Training: minibatch SGD, a learning-rate sweep to choose the step size, evaluation.

Every step looks at a random minibatch of 32 examples, not all 180,000: the gradient
is noisier, but a step costs a few thousand times less, and many cheap, roughly right
steps beat a few exact ones. Randomness comes only from the ``generator`` passed in,
so a run can be repeated exactly.
"""

from __future__ import annotations

import math

import torch

from mlp.model import Params, loss_fn

# ---------------------------------------------------------------- TASK train-step


def train_step(
    params: Params,
    X: torch.Tensor,
    Y: torch.Tensor,
    lr: float,
    batch_size: int,
    generator: torch.Generator,
) -> float:
    """One step of minibatch SGD; returns the minibatch loss *before* the update.

    The minibatch is ``torch.randint(0, len(X), (batch_size,), generator=generator)``,
    drawn once per step: that exact call keeps the run comparable with the reference.
    """
    ix = torch.randint(0, X.shape[0], (batch_size,), generator=generator)
    loss = loss_fn(params, X[ix], Y[ix])
    for p in params.values():
        p.grad = None  # backward() adds into .grad: clear the last step's gradient first
    loss.backward()
    with torch.no_grad():  # the update itself must not become part of the graph
        for p in params.values():
            p -= lr * p.grad
    return loss.item()


def step_decay(step: int, steps: int, lr: float = 0.1, factor: float = 0.1) -> float:
    """The learning rate at ``step`` of ``steps``: ``lr`` for the first half, then ``lr * factor``.

    Big steps cross the loss landscape fast; small ones at the end settle into a
    valley instead of bouncing across it.
    """
    return lr if step < steps // 2 else lr * factor


def train(
    params: Params,
    X: torch.Tensor,
    Y: torch.Tensor,
    steps: int,
    batch_size: int = 32,
    lr: float = 0.1,
    generator: torch.Generator | None = None,
) -> list[float]:
    """``steps`` SGD steps with the step-decay schedule; returns every minibatch loss."""
    generator = generator if generator is not None else torch.Generator().manual_seed(0)
    return [
        train_step(params, X, Y, step_decay(k, steps, lr), batch_size, generator)
        for k in range(steps)
    ]


# ---------------------------------------------------------------- TASK lr-sweep


def lr_candidates(lo: float = 1e-3, hi: float = 1.0, n: int = 1000) -> torch.Tensor:
    """``n`` learning rates from ``lo`` to ``hi``, evenly spaced in the exponent.

    Even spacing in log space gives each decade (0.001-0.01, 0.01-0.1, ...) the same
    number of tries; evenly spaced rates would spend almost all of them near ``hi``.
    """
    exponents = torch.linspace(math.log10(lo), math.log10(hi), n, dtype=torch.float64)
    return 10**exponents


def lr_sweep(
    params: Params,
    X: torch.Tensor,
    Y: torch.Tensor,
    lrs: torch.Tensor,
    batch_size: int,
    generator: torch.Generator,
) -> list[float]:
    """One training step per learning rate, in increasing order; the loss of each step.

    Early steps use tiny rates and barely move; the loss falls faster as the rate grows,
    until a rate is too big and the loss climbs or explodes. The good rates are in the
    valley just before the climb.
    """
    return [train_step(params, X, Y, float(lr), batch_size, generator) for lr in lrs]


def pick_lr(lrs: torch.Tensor | list[float], losses: list[float], window: int = 20) -> float:
    """The rate where the trailing ``window``-step average of the loss is lowest.

    Single minibatch losses are noisy: one lucky batch can be low at a bad rate. The
    average of the last ``window`` losses (fewer at the very start) smooths that out.
    """
    rates = [float(r) for r in lrs]
    if len(rates) != len(losses) or not rates:
        raise ValueError("need one loss per learning rate, and at least one")
    smoothed = []
    for i in range(len(losses)):
        recent = losses[max(0, i - window + 1) : i + 1]
        # A NaN or inf loss (a rate so big that training blew up) is never the best.
        smoothed.append(sum(recent) / len(recent) if all(map(math.isfinite, recent)) else math.inf)
    best = min(range(len(smoothed)), key=smoothed.__getitem__)
    return rates[best]


# ---------------------------------------------------------------- TASK evaluate


@torch.no_grad()
def evaluate(params: Params, X: torch.Tensor, Y: torch.Tensor) -> float:
    """The mean loss over a whole split, as a float.

    ``no_grad``: nothing here will be differentiated, so torch need not record the
    graph (it would hold every intermediate of 20,000 examples in memory).
    """
    return loss_fn(params, X, Y).item()


def split_losses(
    params: Params, splits: dict[str, tuple[torch.Tensor, torch.Tensor]]
) -> dict[str, float]:
    """``{"train": 2.13, "dev": 2.16, ...}``: the loss on each named split."""
    return {name: evaluate(params, X, Y) for name, (X, Y) in splits.items()}
