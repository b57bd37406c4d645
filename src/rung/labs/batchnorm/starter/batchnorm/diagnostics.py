"""What to look at when a network trains badly: activations and update sizes per layer.

* **Saturation**: the fraction of tanh outputs with ``|t| > 0.97``. There the slope
  ``1 - t^2`` is below 0.06, so almost no gradient passes back through that unit.
  With a badly scaled initialisation most units sit there from the first step.
* **Update-to-data ratio**: ``log10(std(lr * grad) / std(weight))`` per weight matrix,
  how big one SGD step is compared with the values it changes. Around -3 (a step
  changes weights by about a thousandth) is a healthy rule of thumb; far below means
  the layer barely learns, far above means it thrashes.
"""

from __future__ import annotations

import math  # noqa: F401 - you will need it
from dataclasses import dataclass

import torch

from batchnorm.layers import Tanh  # noqa: F401 - you will need it
from batchnorm.model import Model

SATURATED = 0.97

# ---------------------------------------------------------------- TASK diagnostics


@dataclass(frozen=True)
class TanhStats:
    layer: int  # index in model.layers
    mean: float
    std: float
    saturated: float  # fraction of outputs with |t| > SATURATED


def saturation(t: torch.Tensor, threshold: float = SATURATED) -> float:
    """Fraction of the entries of ``t`` whose absolute value is strictly above ``threshold``."""
    # TASK diagnostics
    raise NotImplementedError("TASK diagnostics: fraction of |t| > threshold")


@torch.no_grad()
def tanh_stats(model: Model) -> list[TanhStats]:
    """Statistics of every Tanh layer's ``.out`` from the last forward pass, in order."""
    # TASK diagnostics
    raise NotImplementedError("TASK diagnostics: mean, std, saturation of each Tanh layer's out")


@torch.no_grad()
def update_ratios(model: Model, lr: float) -> list[float]:
    """``log10(std(lr * grad) / std(p))`` for every 2-D parameter (weights and ``C``), in
    ``model.parameters()`` order; call it after ``backward()``."""
    # TASK diagnostics
    raise NotImplementedError("TASK diagnostics: log10(std(lr * grad) / std(p)) for 2-D parameters")
