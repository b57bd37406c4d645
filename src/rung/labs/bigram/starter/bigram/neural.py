"""The same bigram model, learned by gradient descent instead of counted.

A single linear layer maps a one-hot input symbol to 27 *logits*; softmax turns
them into probabilities (exponentiate, so they are positive; divide by the row sum,
so each row adds up to 1). Minimising the mean negative log-likelihood drives the
weights towards the log-counts, so the loss falls towards the counting model's.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch


def encode_pairs(words: Sequence[str], stoi: dict[str, int]) -> tuple[torch.Tensor, torch.Tensor]:
    """Inputs ``xs`` and targets ``ys`` (int64 vectors): one entry per bigram."""
    # TASK neural
    raise NotImplementedError("encode_pairs")


def nll_loss(W: torch.Tensor, xs: torch.Tensor, ys: torch.Tensor, reg: float = 0.0) -> torch.Tensor:
    """Mean NLL of the targets under softmax(one_hot(xs) @ W), plus ``reg * mean(W^2)``."""
    # TASK neural
    raise NotImplementedError("nll_loss")


def train_neural_bigram(
    words: Sequence[str],
    stoi: dict[str, int],
    steps: int = 200,
    lr: float = 50.0,
    reg: float = 0.01,
    generator: torch.Generator | None = None,
) -> tuple[torch.Tensor, list[float]]:
    """Full-batch gradient descent from random normal weights; returns W and the losses.

    The learning rate is large because the gradient of each weight is small: an
    input symbol's row only moves by its share of the whole data set.
    """
    # TASK neural
    raise NotImplementedError("train_neural_bigram")
