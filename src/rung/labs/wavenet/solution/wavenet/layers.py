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
        self.weight = torch.randn((num, dim), generator=generator)

    def __call__(self, IX: torch.Tensor) -> torch.Tensor:
        self.out = self.weight[IX]  # (B, T) ids -> (B, T, dim)
        return self.out

    def parameters(self) -> list[torch.Tensor]:
        return [self.weight]


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
        B, T, C = x.shape
        if T % self.n:
            raise ValueError(f"cannot group {T} positions in runs of {self.n}")
        # Row-major memory order makes this a view: positions t*n .. t*n+n-1 of one
        # example are consecutive in memory, exactly the numbers a group should hold.
        x = x.view(B, T // self.n, C * self.n)
        if x.shape[1] == 1:
            x = x.squeeze(1)
        self.out = x
        return self.out

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
        if self.training:
            dims = tuple(range(x.ndim - 1))  # (0,) for 2-D, (0, 1) for 3-D
            mean = x.mean(dims)
            var = x.var(dims, unbiased=False)
            with torch.no_grad():
                m = self.momentum
                self.running_mean = (1 - m) * self.running_mean + m * mean
                self.running_var = (1 - m) * self.running_var + m * x.var(dims, unbiased=True)
        else:
            mean, var = self.running_mean, self.running_var
        self.out = self.gamma * (x - mean) / torch.sqrt(var + self.eps) + self.beta
        return self.out

    def parameters(self) -> list[torch.Tensor]:
        return [self.gamma, self.beta]


# ---------------------------------------------------------------- TASK sequential


class Sequential:
    """Call layers in order; collect their parameters; switch BatchNorm layers' mode."""

    def __init__(self, layers: Iterable[Layer]) -> None:
        self.layers = list(layers)

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.layers:
            x = layer(x)
        self.out = x
        return self.out

    def parameters(self) -> list[torch.Tensor]:
        return [p for layer in self.layers for p in layer.parameters()]

    def set_training(self, training: bool) -> None:
        for layer in self.layers:
            if isinstance(layer, BatchNorm1d):
                layer.training = training
