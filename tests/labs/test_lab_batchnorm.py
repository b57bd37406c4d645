"""The batchnorm lab's steps page against its reference: saturation and first-loss figures."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

from rung import data

LAB = Path(__file__).resolve().parents[2] / "src" / "rung" / "labs" / "batchnorm"


@pytest.fixture
def bn(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.syspath_prepend(str(LAB / "solution"))
    import batchnorm.diagnostics
    import batchnorm.layers
    import batchnorm.model

    torch.set_num_threads(1)
    return batchnorm


@pytest.fixture
def small(bn, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The slice the lab's own tests use: 2,000 names spread over the file, context 3."""
    monkeypatch.syspath_prepend(str(LAB.parent / "mlp" / "solution"))  # data is mlp's
    from mlp.data import build_dataset, build_vocab

    words = data.path("names").read_text(encoding="utf-8").split()
    stoi, _ = build_vocab(words)
    return build_dataset(words[::16][:2000], stoi, 3)


def test_first_loss_ranges_quoted(bn, small) -> None:  # type: ignore[no-untyped-def]
    steps = (LAB / "steps.md").read_text(encoding="utf-8")
    assert "3.29–3.30" in steps and "3.46–3.50" in steps and f"{math.log(27):.4f}" in steps
    X, Y = small
    for seed in (0, 1, 2):
        model = bn.model.make_model(generator=torch.Generator().manual_seed(seed))
        with torch.no_grad():
            first = F.cross_entropy(model(X[:4000]), Y[:4000]).item()
            model.layers[-1].weight *= 10  # undo the 0.1: the output layer at full size
            unscaled = F.cross_entropy(model(X[:4000]), Y[:4000]).item()
        assert 3.285 <= first < 3.305, first
        assert 3.455 <= unscaled < 3.505, unscaled


def test_saturation_figures_quoted(bn, small) -> None:  # type: ignore[no-untyped-def]
    steps = (LAB / "steps.md").read_text(encoding="utf-8")
    assert "about 65%" in steps and "about 3–4%" in steps
    X, _ = small
    bad = bn.model.make_model(batchnorm=False, gain=5.0, generator=torch.Generator().manual_seed(3))
    good = bn.model.make_model(generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        bad(X[:1000])
        good(X[:1000])
    for s in bn.diagnostics.tanh_stats(bad):
        assert 0.62 < s.saturated < 0.68, s
    for s in bn.diagnostics.tanh_stats(good):
        assert 0.025 < s.saturated < 0.045, s
    assert 1 - 0.97**2 < 0.06  # "the slope 1 - t^2 is below 0.06"


def test_layer_matches_torch_in_float32(bn) -> None:  # type: ignore[no-untyped-def]
    """The lab's conventions are PyTorch's, so its default float32 layer agrees too."""
    mine = bn.layers.BatchNorm1d(7, momentum=0.01)
    ref = torch.nn.BatchNorm1d(7, momentum=0.01)
    g = torch.Generator().manual_seed(0)
    for _ in range(3):
        x = torch.randn(32, 7, generator=g) * 3 + 1
        with torch.no_grad():
            assert torch.allclose(mine(x), ref(x), atol=1e-5)
    assert torch.allclose(mine.running_var, ref.running_var, atol=1e-6)
