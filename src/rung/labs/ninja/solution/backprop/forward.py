"""The forward pass, cut into small steps so that each step has a gradient to derive.

This file is given complete; do not change it (the tests check it against their own
copy). It is the network of the batchnorm lab with one hidden layer, in float64 so
that a hand-derived gradient and autograd's agree to about 1e-12, and a real mistake
stands out far above any rounding error::

    emb      = C[Xb]                                   (n, block_size, n_embd)
    embcat   = emb.view(n, -1)                         (n, block_size * n_embd)
    hprebn   = embcat @ W1 + b1                        (n, n_hidden)
    bnmeani  = hprebn.mean(0, keepdim=True)            (1, n_hidden)
    bndiff   = hprebn - bnmeani                        (n, n_hidden)
    bndiff2  = bndiff ** 2
    bnvar    = bndiff2.sum(0, keepdim=True) / (n - 1)  (1, n_hidden)   Bessel-corrected
    bnvar_inv = (bnvar + eps) ** -0.5
    bnraw    = bndiff * bnvar_inv                      (n, n_hidden)
    hpreact  = bngain * bnraw + bnbias
    h        = tanh(hpreact)
    logits   = h @ W2 + b2                             (n, vocab_size)
    logprobs = logits - logsumexp(logits, dim=1)       log-softmax, (n, vocab_size)
    loss     = -mean(logprobs[i, Yb[i]])

The BatchNorm variance here divides by n - 1 (Bessel's correction), as in the
"backprop ninja" video; PyTorch's own BatchNorm divides by n in training. Either is
a valid choice, but the gradient depends on which: the closed form has an
``n / (n - 1)`` that the biased version lacks.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import torch

EPS = 1e-5
NAMES = ("C", "W1", "b1", "bngain", "bnbias", "W2", "b2")


@dataclass
class Cache:
    """Every intermediate of one forward pass, plus its inputs."""

    Xb: torch.Tensor
    Yb: torch.Tensor
    params: dict[str, torch.Tensor]
    emb: torch.Tensor
    embcat: torch.Tensor
    hprebn: torch.Tensor
    bnmeani: torch.Tensor
    bndiff: torch.Tensor
    bndiff2: torch.Tensor
    bnvar: torch.Tensor
    bnvar_inv: torch.Tensor
    bnraw: torch.Tensor
    hpreact: torch.Tensor
    h: torch.Tensor
    logits: torch.Tensor
    logprobs: torch.Tensor
    loss: torch.Tensor

    @property
    def n(self) -> int:
        """The batch size."""
        return int(self.Xb.shape[0])

    def intermediates(self) -> dict[str, torch.Tensor]:
        """The computed tensors by name (not the inputs, not the parameters)."""
        skip = {"Xb", "Yb", "params"}
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in skip}


def make_params(
    vocab_size: int = 27,
    block_size: int = 3,
    n_embd: int = 10,
    n_hidden: int = 64,
    generator: torch.Generator | None = None,
) -> dict[str, torch.Tensor]:
    """float64 parameters with no zeros and no ones, so that no gradient can hide.

    (A bias of exactly zero or a gain of exactly one would make some wrong formulas
    give right numbers by accident.)
    """

    def randn(*shape: int) -> torch.Tensor:
        return torch.randn(shape, generator=generator, dtype=torch.float64)

    fan_in = block_size * n_embd
    params = {
        "C": randn(vocab_size, n_embd),
        "W1": randn(fan_in, n_hidden) * (5 / 3) / fan_in**0.5,
        "b1": randn(n_hidden) * 0.1,
        "bngain": 1.0 + randn(1, n_hidden) * 0.1,
        "bnbias": randn(1, n_hidden) * 0.1,
        "W2": randn(n_hidden, vocab_size) * 0.1,
        "b2": randn(vocab_size) * 0.1,
    }
    for p in params.values():
        p.requires_grad_(True)
    return params


def forward(params: dict[str, torch.Tensor], Xb: torch.Tensor, Yb: torch.Tensor) -> Cache:
    """Run the steps above; every intermediate keeps its ``.grad`` after ``loss.backward()``."""
    C, W1, b1 = params["C"], params["W1"], params["b1"]
    bngain, bnbias, W2, b2 = params["bngain"], params["bnbias"], params["W2"], params["b2"]
    n = Xb.shape[0]
    emb = C[Xb]
    embcat = emb.view(n, -1)
    hprebn = embcat @ W1 + b1
    bnmeani = hprebn.mean(0, keepdim=True)
    bndiff = hprebn - bnmeani
    bndiff2 = bndiff**2
    bnvar = bndiff2.sum(0, keepdim=True) / (n - 1)
    bnvar_inv = (bnvar + EPS) ** -0.5
    bnraw = bndiff * bnvar_inv
    hpreact = bngain * bnraw + bnbias
    h = torch.tanh(hpreact)
    logits = h @ W2 + b2
    logprobs = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    loss = -logprobs[torch.arange(n), Yb].mean()
    cache = Cache(
        Xb, Yb, params, emb, embcat, hprebn, bnmeani, bndiff, bndiff2, bnvar,
        bnvar_inv, bnraw, hpreact, h, logits, logprobs, loss,
    )  # fmt: skip
    for t in cache.intermediates().values():
        if t.requires_grad:
            t.retain_grad()
    return cache
