"""Training and evaluating the BatchNorm network.

The one thing to get right beyond the mlp lab: the model must be in evaluation mode
(running statistics) while it is evaluated, and back in training mode afterwards.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from batchnorm.model import Model

# ---------------------------------------------------------------- TASK train


def train(
    model: Model,
    X: torch.Tensor,
    Y: torch.Tensor,
    steps: int,
    batch_size: int = 32,
    lr: float = 0.1,
    generator: torch.Generator | None = None,
) -> list[float]:
    """Minibatch SGD with a step decay (``lr``, then ``lr / 10`` for the last quarter).

    Returns the minibatch losses. The model stays in training mode throughout.
    """
    generator = generator if generator is not None else torch.Generator().manual_seed(0)
    params = model.parameters()
    losses = []
    model.set_training(True)
    for k in range(steps):
        ix = torch.randint(0, X.shape[0], (batch_size,), generator=generator)
        loss = F.cross_entropy(model(X[ix]), Y[ix])
        for p in params:
            p.grad = None
        loss.backward()
        step_lr = lr if k < steps * 3 // 4 else lr / 10
        with torch.no_grad():
            for p in params:
                p -= step_lr * p.grad
        losses.append(loss.item())
    return losses


@torch.no_grad()
def evaluate(model: Model, X: torch.Tensor, Y: torch.Tensor) -> float:
    """The loss on a whole split in evaluation mode; the model is left in training mode."""
    model.set_training(False)
    try:
        return F.cross_entropy(model(X), Y).item()
    finally:
        model.set_training(True)  # even if the forward pass raised
