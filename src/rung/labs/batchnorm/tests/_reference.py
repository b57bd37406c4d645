"""Reference helpers for the batchnorm lab's tests, independent of the learner's code."""

from __future__ import annotations

import torch

from rung.labs.harness import Mismatch

ITOS = [".", *"abcdefghijklmnopqrstuvwxyz"]
STOI = {ch: i for i, ch in enumerate(ITOS)}


def expect(condition: object, message: str) -> None:
    """``assert`` that fails with exactly ``message`` (pytest would append its own diff)."""
    if not condition:
        raise Mismatch(message)


def reference_dataset(words: list[str], block_size: int = 3) -> tuple[torch.Tensor, torch.Tensor]:
    rows, targets = [], []
    for w in words:
        ids = [0] * block_size + [STOI[ch] for ch in w] + [0]
        for i in range(len(w) + 1):
            rows.append(ids[i : i + block_size])
            targets.append(ids[i + block_size])
    return torch.tensor(rows, dtype=torch.long).reshape(-1, block_size), torch.tensor(targets)


def torch_bn(
    dim: int, momentum: float, gamma: torch.Tensor, beta: torch.Tensor
) -> torch.nn.BatchNorm1d:
    """PyTorch's BatchNorm1d in float64 with the given affine parameters."""
    bn = torch.nn.BatchNorm1d(dim, eps=1e-5, momentum=momentum, dtype=torch.float64)
    with torch.no_grad():
        bn.weight.copy_(gamma)
        bn.bias.copy_(beta)
    return bn


def float64_bn(cls, dim: int, momentum: float, seed: int):  # type: ignore[no-untyped-def]
    """The learner's BatchNorm1d moved to float64, with gamma and beta not 1 and 0."""
    g = torch.Generator().manual_seed(seed)
    bn = cls(dim, momentum=momentum)
    bn.gamma = 1.0 + 0.3 * torch.randn(dim, generator=g, dtype=torch.float64)
    bn.beta = 0.3 * torch.randn(dim, generator=g, dtype=torch.float64)
    bn.running_mean = bn.running_mean.double()
    bn.running_var = bn.running_var.double()
    return bn


def batches(seed: int, count: int, n: int, dim: int) -> list[torch.Tensor]:
    """Batches with features of different means and spreads, as a layer's outputs are."""
    g = torch.Generator().manual_seed(seed)
    scale = 0.5 + 2 * torch.rand(dim, generator=g, dtype=torch.float64)
    shift = torch.randn(dim, generator=g, dtype=torch.float64)
    return [
        torch.randn(n, dim, generator=g, dtype=torch.float64) * scale + shift for _ in range(count)
    ]
