"""An independent reference for the bigram tests, written differently from any solution:
plain dictionaries for counting, PyTorch's own cross-entropy for the loss."""

from __future__ import annotations

from collections import Counter
from functools import cache

import torch

from rung.labs.harness import lab_data

SMALL = ["emma", "olivia", "ava", "isabella", "sophia", "mia", "zoe"]


def vocab(words: list[str]) -> tuple[dict[str, int], list[str]]:
    itos = ["."] + sorted(set("".join(words)))
    return {c: i for i, c in enumerate(itos)}, itos


def counts(words: list[str], stoi: dict[str, int]) -> torch.Tensor:
    c = Counter()
    for w in words:
        s = "." + w + "."
        for i in range(len(s) - 1):
            c[(s[i], s[i + 1])] += 1
    N = torch.zeros((len(stoi), len(stoi)), dtype=torch.int64)
    for (a, b), k in c.items():
        N[stoi[a], stoi[b]] = k
    return N


def probs(N: torch.Tensor, smoothing: float = 0.0) -> torch.Tensor:
    F = N.double() + smoothing
    return F / F.sum(1, keepdim=True)


@cache
def names() -> tuple[str, ...]:
    return tuple(lab_data("names").read_text(encoding="utf-8").split())


def nll(P: torch.Tensor, words: list[str], stoi: dict[str, int]) -> float:
    xs, ys = [], []
    for w in words:
        s = "." + w + "."
        xs += [stoi[ch] for ch in s[:-1]]
        ys += [stoi[ch] for ch in s[1:]]
    return float(torch.nn.functional.nll_loss(P.log()[xs], torch.tensor(ys)))
