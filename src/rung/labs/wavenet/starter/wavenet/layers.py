"""Layers in the shape of ``torch.nn``, now for sequences: inputs may be (B, T, C).

``Linear`` and ``Tanh`` are given (they already work on 3-D inputs: ``@`` multiplies
the last dimension and broadcasts over the others). The tasks are the layers that
change for sequences, and the container that chains them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import torch


class Layer(Protocol):
    def __call__(self, x: torch.Tensor) -> torch.Tensor: ...

    def parameters(self) -> list[torch.Tensor]: ...


class Linear:
    """``x @ weight + bias``; weight (fan_in, fan_out) with std ``gain / sqrt(fan_in)``."""

    def __init__(
        self,
        fan_in: int,
        fan_out: int,
        bias: bool = True,
        generator: torch.Generator | None = None,
        gain: float = 1.0,
    ) -> None:
        self.weight = torch.randn((fan_in, fan_out), generator=generator) * gain / fan_in**0.5
        self.bias = torch.zeros(fan_out) if bias else None

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        self.out = x @ self.weight
        if self.bias is not None:
            self.out = self.out + self.bias
        return self.out

    def parameters(self) -> list[torch.Tensor]:
        return [self.weight] + ([] if self.bias is None else [self.bias])


class Tanh:
    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        self.out = torch.tanh(x)
        return self.out

    def parameters(self) -> list[torch.Tensor]:
        return []


# ---------------------------------------------------------------- TASK embedding


class Embedding:
    """A table of ``num`` rows of ``dim`` numbers; ``emb(IX)`` looks up one row per id.

    ``weight`` is one draw ``torch.randn((num, dim), generator=generator)``.
    """

    def __init__(self, num: int, dim: int, generator: torch.Generator | None = None) -> None:
        # TASK embedding
        raise NotImplementedError("TASK embedding: one randn draw of (num, dim)")

    def __call__(self, IX: torch.Tensor) -> torch.Tensor:
        # TASK embedding
        raise NotImplementedError("TASK embedding: one row of weight per id")

    def parameters(self) -> list[torch.Tensor]:
        # TASK embedding
        raise NotImplementedError("TASK embedding: [weight]")


# ---------------------------------------------------------------- TASK flatten-consecutive


class FlattenConsecutive:
    """(B, T, C) -> (B, T // n, C * n): put each run of ``n`` neighbouring positions side by side.

    With n = 2, positions (0, 1), (2, 3), ... are fused, so a Linear layer after it sees
    pairs. When only one group is left (T == n) the middle dimension is dropped and
    the result is (B, C * n), ready for an ordinary 2-D layer.
    """

    def __init__(self, n: int) -> None:
        self.n = n

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        # TASK flatten-consecutive
        raise NotImplementedError(
            "TASK flatten-consecutive: (B, T, C) -> (B, T // n, C * n), drop a middle dimension of 1"
        )

    def parameters(self) -> list[torch.Tensor]:
        return []


# ---------------------------------------------------------------- TASK batchnorm-3d


class BatchNorm1d:
    """BatchNorm over every dimension but the last: (B, C) or (B, T, C) inputs.

    For a 3-D input the statistics of a feature pool all B * T positions, since each
    position went through the same Linear layer. Conventions as PyTorch's (and the
    batchnorm lab's): biased variance to normalise, unbiased for the running variance,
    ``running = (1 - momentum) * running + momentum * batch``.
    """

    def __init__(self, dim: int, eps: float = 1e-5, momentum: float = 0.1) -> None:
        self.eps = eps
        self.momentum = momentum
        self.training = True
        self.gamma = torch.ones(dim)
        self.beta = torch.zeros(dim)
        self.running_mean = torch.zeros(dim)
        self.running_var = torch.ones(dim)

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        # TASK batchnorm-3d
        raise NotImplementedError("TASK batchnorm-3d: statistics over every dimension but the last")

    def parameters(self) -> list[torch.Tensor]:
        return [self.gamma, self.beta]


# ---------------------------------------------------------------- TASK sequential


class Sequential:
    """Call layers in order; collect their parameters; switch BatchNorm layers' mode."""

    def __init__(self, layers: Iterable[Layer]) -> None:
        self.layers = list(layers)

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        # TASK sequential
        raise NotImplementedError("TASK sequential: each layer in turn")

    def parameters(self) -> list[torch.Tensor]:
        # TASK sequential
        raise NotImplementedError("TASK sequential: all layers' parameters, in order")

    def set_training(self, training: bool) -> None:
        # TASK sequential
        raise NotImplementedError("TASK sequential: set training on every BatchNorm1d")
