"""Reference code for the mlp lab's tests, written independently of the learner's."""

from __future__ import annotations

import torch

from rung.labs.harness import Mismatch

LETTERS = "abcdefghijklmnopqrstuvwxyz"
ITOS = ["."] + list(LETTERS)
STOI = {ch: i for i, ch in enumerate(ITOS)}


def reference_dataset(words: list[str], block_size: int = 3) -> tuple[torch.Tensor, torch.Tensor]:
    rows, targets = [], []
    for w in words:
        ids = [0] * block_size + [STOI[ch] for ch in w] + [0]
        for i in range(len(w) + 1):
            rows.append(ids[i : i + block_size])
            targets.append(ids[i + block_size])
    return torch.tensor(rows, dtype=torch.long).reshape(-1, block_size), torch.tensor(targets)


def reference_forward(params: dict[str, torch.Tensor], X: torch.Tensor) -> torch.Tensor:
    """The same model as the lab's, written with torch's functional layers."""
    emb = torch.nn.functional.embedding(X, params["C"])
    h = torch.tanh(torch.nn.functional.linear(emb.flatten(1), params["W1"].T, params["b1"]))
    return torch.nn.functional.linear(h, params["W2"].T, params["b2"])


def random_params(seed: int, block_size: int = 3, n_embd: int = 4, n_hidden: int = 16) -> dict:
    """float64 parameters with no zeros, so that a missing term cannot hide."""
    g = torch.Generator().manual_seed(seed)
    shapes = {
        "C": (27, n_embd),
        "W1": (block_size * n_embd, n_hidden),
        "b1": (n_hidden,),
        "W2": (n_hidden, 27),
        "b2": (27,),
    }
    params = {k: torch.randn(s, generator=g, dtype=torch.float64) * 0.5 for k, s in shapes.items()}
    for p in params.values():
        p.requires_grad_(True)
    return params


def reference_step(params, X, Y, lr: float, batch_size: int, g: torch.Generator) -> float:  # type: ignore[no-untyped-def]
    """One SGD step as the steps page specifies it (same minibatch draw)."""
    ix = torch.randint(0, X.shape[0], (batch_size,), generator=g)
    logits = reference_forward(params, X[ix])
    loss = -torch.log_softmax(logits, dim=1)[torch.arange(batch_size), Y[ix]].mean()
    grads = torch.autograd.grad(loss, list(params.values()))
    with torch.no_grad():
        for p, gr in zip(params.values(), grads, strict=True):
            p -= lr * gr
    return loss.item()


def clone(params: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone().requires_grad_(True) for k, v in params.items()}


def expect(condition: object, message: str) -> None:
    """``assert`` that fails with exactly ``message`` (pytest would append its own diff)."""
    if not condition:
        raise Mismatch(message)
