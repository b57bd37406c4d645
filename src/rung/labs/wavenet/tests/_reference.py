"""Reference helpers for the wavenet lab's tests, independent of the learner's code."""

from __future__ import annotations

import torch

from rung.labs.harness import Mismatch

ITOS = [".", *"abcdefghijklmnopqrstuvwxyz"]
STOI = {ch: i for i, ch in enumerate(ITOS)}


def expect(condition: object, message: str) -> None:
    """``assert`` that fails with exactly ``message`` (pytest would append its own diff)."""
    if not condition:
        raise Mismatch(message)


def reference_dataset(words: list[str], block_size: int = 8) -> tuple[torch.Tensor, torch.Tensor]:
    rows, targets = [], []
    for w in words:
        ids = [0] * block_size + [STOI[ch] for ch in w] + [0]
        for i in range(len(w) + 1):
            rows.append(ids[i : i + block_size])
            targets.append(ids[i + block_size])
    return torch.tensor(rows, dtype=torch.long).reshape(-1, block_size), torch.tensor(targets)


def reference_flatten(x: torch.Tensor, n: int) -> torch.Tensor:
    """Group runs of ``n`` neighbouring positions, written with slices instead of a view."""
    out = torch.cat([x[:, i::n, :] for i in range(n)], dim=2)
    return out[:, 0, :] if out.shape[1] == 1 else out


def torch_bn_3d(x: torch.Tensor, bn: torch.nn.BatchNorm1d) -> torch.Tensor:
    """PyTorch's BatchNorm1d wants (B, C, T) for sequences; ours takes (B, T, C)."""
    return bn(x.transpose(1, 2)).transpose(1, 2) if x.ndim == 3 else bn(x)


def float64_bn(cls, dim: int, momentum: float, seed: int):  # type: ignore[no-untyped-def]
    g = torch.Generator().manual_seed(seed)
    bn = cls(dim, momentum=momentum)
    bn.gamma = 1.0 + 0.3 * torch.randn(dim, generator=g, dtype=torch.float64)
    bn.beta = 0.3 * torch.randn(dim, generator=g, dtype=torch.float64)
    bn.running_mean = bn.running_mean.double()
    bn.running_var = bn.running_var.double()
    ref = torch.nn.BatchNorm1d(dim, eps=1e-5, momentum=momentum, dtype=torch.float64)
    with torch.no_grad():
        ref.weight.copy_(bn.gamma)
        ref.bias.copy_(bn.beta)
    return bn, ref
