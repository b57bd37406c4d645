"""The ninja lab: the given files reach the workspace complete, and the check's
tolerance separates right from wrong formulas by many orders of magnitude."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from rung.labs import get_lab, start

LAB = Path(__file__).resolve().parents[2] / "src" / "rung" / "labs" / "ninja"


@pytest.fixture
def backprop(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.syspath_prepend(str(LAB / "solution"))
    import backprop.backward
    import backprop.forward
    import backprop.manual

    return backprop


@pytest.mark.parametrize("name", ["backprop/forward.py", "backprop/backward.py"])
def test_given_files_are_shipped_complete(name: str, tmp_path: Path) -> None:
    root = start(get_lab("ninja"), tmp_path / "ws").root
    assert (root / name).read_bytes() == (LAB / "solution" / name).read_bytes()


def _case(backprop, seed: int, n: int):  # type: ignore[no-untyped-def]
    g = torch.Generator().manual_seed(seed)
    params = backprop.forward.make_params(generator=g)
    Xb = torch.randint(0, 27, (n, 3), generator=g)
    Yb = torch.randint(0, 27, (n,), generator=g)
    cache = backprop.forward.forward(params, Xb, Yb)
    cache.loss.backward()
    return cache, params


def test_right_formulas_agree_to_rounding(backprop) -> None:  # type: ignore[no-untyped-def]
    """steps.md: a correct formula agrees with autograd to about 1e-15."""
    worst = 0.0
    for seed, n in ((0, 32), (1, 4), (2, 200)):
        cache, params = _case(backprop, seed, n)
        grads = backprop.backward.manual_backward(cache)
        for name in backprop.forward.NAMES:
            worst = max(worst, (grads[name] - params[name].grad).abs().max().item())
    assert worst < 1e-13, worst


def test_biased_closed_form_is_far_outside_tolerance(backprop) -> None:  # type: ignore[no-untyped-def]
    """Dropping Bessel's n/(n-1) is a real mistake the 1e-8 tolerance must see."""
    cache, _ = _case(backprop, 3, 32)
    g = cache.hpreact.grad
    n, x = cache.n, cache.bnraw.detach()
    scale = cache.params["bngain"].detach() * cache.bnvar_inv.detach() / n
    biased = scale * (n * g - g.sum(0) - x * (g * x).sum(0))
    assert (biased - cache.hprebn.grad).abs().max().item() > 1e-6
