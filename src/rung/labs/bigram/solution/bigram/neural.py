"""The same bigram model, learned by gradient descent instead of counted.

A single linear layer maps a one-hot input symbol to 27 *logits*; softmax turns
them into probabilities (exponentiate, so they are positive; divide by the row sum,
so each row adds up to 1). Minimising the mean negative log-likelihood drives the
weights towards the log-counts, so the loss falls towards the counting model's.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch

from bigram.counting import pairs

# ------------------------------------------------------------------------ TASK neural


def encode_pairs(words: Sequence[str], stoi: dict[str, int]) -> tuple[torch.Tensor, torch.Tensor]:
    """Inputs ``xs`` and targets ``ys`` (int64 vectors): one entry per bigram."""
    xs, ys = [], []
    for w in words:
        for a, b in pairs(w):
            xs.append(stoi[a])
            ys.append(stoi[b])
    return torch.tensor(xs), torch.tensor(ys)


def nll_loss(W: torch.Tensor, xs: torch.Tensor, ys: torch.Tensor, reg: float = 0.0) -> torch.Tensor:
    """Mean NLL of the targets under softmax(one_hot(xs) @ W), plus ``reg * mean(W^2)``."""
    # one_hot(xs) @ W picks row xs[k] of W for example k; indexing does the same
    # without multiplying by all those zeros.
    logits = W[xs]
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdim=True)  # normalise each row, over the 27 outputs
    data_loss = -probs[torch.arange(len(ys)), ys].log().mean()
    return data_loss + reg * (W**2).mean()


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
    xs, ys = encode_pairs(words, stoi)
    V = len(stoi)
    W = torch.randn((V, V), generator=generator, dtype=torch.float32, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = nll_loss(W, xs, ys, reg)
        losses.append(loss.item())
        W.grad = None
        loss.backward()
        with torch.no_grad():
            W -= lr * W.grad
    return W.detach(), losses
