"""The check's side of the ninja lab: an independent forward pass and autograd's gradients.

The learner's functions receive a *detached* copy of the forward cache, so autograd
cannot be asked for the answer: every gradient has to be computed by hand.
"""

from __future__ import annotations

import dataclasses

import torch
import torch.nn.functional as F
from backprop.forward import NAMES, Cache, forward, make_params

from rung.labs.harness import Mismatch, assert_close

TOL = 1e-8  # float64: a right formula agrees with autograd to ~1e-15; a wrong one by far more


def expect(condition: object, message: str) -> None:
    if not condition:
        raise Mismatch(message)


def reference_loss(p: dict[str, torch.Tensor], Xb: torch.Tensor, Yb: torch.Tensor) -> torch.Tensor:
    """The same network written with torch's own functions (Bessel-corrected BatchNorm)."""
    embcat = F.embedding(Xb, p["C"]).flatten(1)
    hprebn = F.linear(embcat, p["W1"].T, p["b1"])
    mean = hprebn.mean(0, keepdim=True)
    var = hprebn.var(0, keepdim=True, unbiased=True)
    hpreact = p["bngain"] * (hprebn - mean) / torch.sqrt(var + 1e-5) + p["bnbias"]
    return F.cross_entropy(F.linear(torch.tanh(hpreact), p["W2"].T, p["b2"]), Yb)


@dataclasses.dataclass
class Case:
    cache: Cache  # detached: values only
    grads: dict[str, torch.Tensor]  # autograd's gradient of every intermediate and parameter
    label: str


def make_case(seed: int, n: int = 32, n_hidden: int = 64) -> Case:
    g = torch.Generator().manual_seed(seed)
    params = make_params(n_hidden=n_hidden, generator=g)
    Xb = torch.randint(0, 27, (n, 3), generator=g)
    Yb = torch.randint(0, 27, (n,), generator=g)
    live = forward(params, Xb, Yb)
    expected = reference_loss(params, Xb, Yb)
    expect(
        abs(live.loss.item() - expected.item()) < 1e-10,
        f"forward.py computes loss {live.loss.item():.12g}, but the network of the steps page gives "
        f"{expected.item():.12g}: forward.py is given complete, put back the original",
    )
    live.loss.backward()
    grads = {name: t.grad.clone() for name, t in live.intermediates().items() if t.grad is not None}
    grads |= {name: params[name].grad.clone() for name in NAMES}
    frozen = {f.name: getattr(live, f.name) for f in dataclasses.fields(live)}
    frozen = {k: (v.detach().clone() if torch.is_tensor(v) else v) for k, v in frozen.items()}
    frozen["params"] = {k: v.detach().clone() for k, v in params.items()}
    return Case(Cache(**frozen), grads, f"batch of {n}, hidden {n_hidden}, seed {seed}")


CASES = [(1, 32, 64), (2, 5, 7), (3, 100, 20)]


def cases() -> list[Case]:
    return [make_case(*c) for c in CASES]


def check(name: str, yours: object, expected: torch.Tensor, case: Case) -> None:
    assert_close(f"d{name} ({case.label})", yours, expected, atol=TOL, rtol=0)
