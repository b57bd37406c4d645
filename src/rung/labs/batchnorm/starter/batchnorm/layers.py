"""Layers written out by hand, in the shape of ``torch.nn`` but with nothing hidden.

Each layer is called on a tensor and keeps its output in ``.out`` so that the
diagnostics can look at what flowed through the network after a forward pass.

BatchNorm conventions here are PyTorch's, so that ``torch.nn.BatchNorm1d`` can be
the reference:

* in training, a batch is normalised with its *biased* variance (divide by n);
* the running variance is updated with the *unbiased* one (divide by n - 1), because
  it estimates the variance of the whole population, not of these n rows;
* ``momentum`` weighs the new batch: ``running = (1 - momentum) * running + momentum * batch``.
  The default is PyTorch's 0.1: the running statistics then follow roughly the last
  ten batches. The full training run (``bench/bench_makemore.py``) passes 0.01, which
  averages over about a hundred batches and so is less noisy at evaluation time.
"""

from __future__ import annotations

import torch

TANH_GAIN = 5 / 3  # tanh squashes its input; this gain makes up for the shrinkage

# ---------------------------------------------------------------- TASK kaiming


def kaiming_std(fan_in: int, gain: float = 1.0) -> float:
    """The standard deviation that keeps activations at unit scale: ``gain / sqrt(fan_in)``.

    A sum of ``fan_in`` products of unit-variance inputs and weights of variance s^2 has
    variance ``fan_in * s^2``; choosing s = 1/sqrt(fan_in) makes that 1. The gain undoes
    what the nonlinearity takes away (5/3 for tanh, sqrt(2) for ReLU).
    """
    # TASK kaiming
    raise NotImplementedError("TASK kaiming: gain / sqrt(fan_in)")


class Linear:
    """``x @ weight + bias`` with weight (fan_in, fan_out) drawn N(0, kaiming_std^2)."""

    def __init__(
        self,
        fan_in: int,
        fan_out: int,
        bias: bool = True,
        generator: torch.Generator | None = None,
        gain: float = 1.0,
    ) -> None:
        # One draw of shape (fan_in, fan_out) from ``generator``, then scaled: the
        # tests repeat exactly this draw.
        # TASK kaiming
        raise NotImplementedError(
            "TASK kaiming: one randn draw of (fan_in, fan_out) scaled by kaiming_std; zero bias or None"
        )

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        self.out = x @ self.weight
        if self.bias is not None:
            self.out = self.out + self.bias
        return self.out

    def parameters(self) -> list[torch.Tensor]:
        return [self.weight] + ([] if self.bias is None else [self.bias])


class Tanh:
    def __init__(self) -> None:
        self.out: torch.Tensor | None = None

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        self.out = torch.tanh(x)
        return self.out

    def parameters(self) -> list[torch.Tensor]:
        return []


class BatchNorm1d:
    """Normalise each feature over the batch, then scale by ``gamma`` and shift by ``beta``."""

    def __init__(self, dim: int, eps: float = 1e-5, momentum: float = 0.1) -> None:
        self.eps = eps
        self.momentum = momentum
        self.training = True
        self.gamma = torch.ones(dim)  # trained: BatchNorm may undo itself if that helps
        self.beta = torch.zeros(dim)
        self.running_mean = torch.zeros(dim)  # not trained: estimated along the way
        self.running_var = torch.ones(dim)
        self.out: torch.Tensor | None = None

    # ------------------------------------------------------------ TASK batchnorm-forward

    def batch_stats(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Per-feature mean and *biased* variance of a (B, dim) batch, each (dim,)."""
        # TASK batchnorm-forward
        raise NotImplementedError("TASK batchnorm-forward: mean and biased variance over the batch")

    def normalise(self, x: torch.Tensor, mean: torch.Tensor, var: torch.Tensor) -> torch.Tensor:
        """``gamma * (x - mean) / sqrt(var + eps) + beta``; eps keeps a constant feature finite."""
        # TASK batchnorm-forward
        raise NotImplementedError(
            "TASK batchnorm-forward: gamma * (x - mean) / sqrt(var + eps) + beta"
        )

    # ------------------------------------------------------------ TASK running-stats

    @torch.no_grad()
    def update_running_stats(self, x: torch.Tensor) -> None:
        """Move the running mean and (unbiased) variance a step of ``momentum`` towards this batch.

        ``no_grad``: the running statistics are bookkeeping, not part of the loss.
        """
        # TASK running-stats
        raise NotImplementedError(
            "TASK running-stats: running = (1 - m) * running + m * batch, unbiased variance"
        )

    # ------------------------------------------------------------ TASK eval-mode

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        """Training: batch statistics, and update the running ones. Evaluation: running ones.

        At evaluation time the output for one example must not depend on which other
        examples share its batch (or on there being any), so only the fixed running
        statistics may be used.
        """
        # TASK eval-mode
        raise NotImplementedError(
            "TASK eval-mode: batch statistics (and update) in training, running ones in evaluation"
        )

    def parameters(self) -> list[torch.Tensor]:
        return [self.gamma, self.beta]
