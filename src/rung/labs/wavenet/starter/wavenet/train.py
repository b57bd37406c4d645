"""Training and evaluating the hierarchical network.

The one thing to get right beyond the mlp lab: the model must be in evaluation mode
(running statistics) while it is evaluated, and back in training mode afterwards.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F  # noqa: F401 - you will need it

from wavenet.layers import Sequential

# ---------------------------------------------------------------- TASK train


def train(
    model: Sequential,
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
    # TASK train
    raise NotImplementedError("TASK train: minibatch SGD with the step decay")


@torch.no_grad()
def evaluate(model: Sequential, X: torch.Tensor, Y: torch.Tensor) -> float:
    """The loss on a whole split in evaluation mode; the model is left in training mode."""
    # TASK train
    raise NotImplementedError("TASK train: loss in evaluation mode, then back to training mode")
