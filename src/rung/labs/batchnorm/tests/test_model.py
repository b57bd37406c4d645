"""Tasks ``init-loss``, ``diagnostics`` and ``train``."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F
from _reference import expect
from batchnorm.diagnostics import saturation, tanh_stats, update_ratios
from batchnorm.layers import BatchNorm1d, Linear, Tanh
from batchnorm.model import make_model, uniform_loss
from batchnorm.train import evaluate, train

from rung.labs.harness import assert_close


def _first_loss(model, X, Y) -> float:  # type: ignore[no-untyped-def]
    with torch.no_grad():
        return F.cross_entropy(model(X), Y).item()


@pytest.mark.task("init-loss")
def test_uniform_loss() -> None:
    assert_close("uniform_loss(27)", uniform_loss(27), math.log(27))
    assert_close("uniform_loss(2)", uniform_loss(2), math.log(2))


@pytest.mark.task("init-loss")
def test_layers_in_order() -> None:
    model = make_model(
        n_embd=5, n_hidden=20, n_layers=3, generator=torch.Generator().manual_seed(0)
    )
    kinds = [type(layer).__name__ for layer in model.layers]
    want = ["Linear", "BatchNorm1d", "Tanh"] * 3 + ["Linear"]
    expect(kinds == want, f"make_model(n_layers=3) layers: yours {kinds}, expected {want}")
    hidden = [layer for layer in model.layers[:-1] if isinstance(layer, Linear)]
    expect(
        all(layer.bias is None for layer in hidden),
        "a Linear layer followed by BatchNorm needs no bias (BatchNorm subtracts the mean): use bias=False",
    )
    expect(
        tuple(model.layers[-1].weight.shape) == (20, 27),
        "the last Linear layer should map n_hidden to 27 logits",
    )
    expect(
        all(p.requires_grad for p in model.parameters()), "every parameter must require gradients"
    )
    plain = make_model(n_layers=2, batchnorm=False, generator=torch.Generator().manual_seed(0))
    kinds = [type(layer).__name__ for layer in plain.layers]
    expect(
        kinds == ["Linear", "Tanh"] * 2 + ["Linear"],
        f"make_model(batchnorm=False, n_layers=2): yours {kinds}",
    )


@pytest.mark.task("init-loss")
def test_first_loss_is_near_uniform(small_data) -> None:  # type: ignore[no-untyped-def]
    X, Y = small_data
    for seed in (0, 1):
        model = make_model(generator=torch.Generator().manual_seed(seed))
        first = _first_loss(model, X[:4000], Y[:4000])
        expect(
            abs(first - math.log(27)) < 0.1,
            f"the first loss of a fresh model is {first:.4f}; expected within 0.1 of "
            f"-log(1/27) = {math.log(27):.4f} (scale the last layer's weights down so the first "
            "logits are near zero)",
        )


@pytest.mark.task("diagnostics")
def test_saturation_counts_strictly_above_threshold() -> None:
    t = torch.tensor([0.5, 0.98, -0.99, 0.97, -0.2, 1.0, -0.96, 0.0])
    assert_close(
        "saturation of [0.5, 0.98, -0.99, 0.97, -0.2, 1.0, -0.96, 0.0]", saturation(t), 3 / 8
    )
    assert_close("saturation with threshold 0.9", saturation(t, threshold=0.9), 5 / 8)


@pytest.mark.task("diagnostics")
def test_tanh_stats_read_every_tanh_layer(small_data) -> None:  # type: ignore[no-untyped-def]
    X, _ = small_data
    model = make_model(n_layers=3, generator=torch.Generator().manual_seed(2))
    with torch.no_grad():
        model(X[:500])
    stats = tanh_stats(model)
    tanh_at = [i for i, layer in enumerate(model.layers) if isinstance(layer, Tanh)]
    expect(
        [s.layer for s in stats] == tanh_at,
        f"tanh_stats layers: yours {[s.layer for s in stats]}, expected {tanh_at}",
    )
    for s in stats:
        t = model.layers[s.layer].out
        assert_close(f"mean of tanh layer {s.layer}", s.mean, t.mean().item(), atol=1e-6)
        assert_close(f"std of tanh layer {s.layer}", s.std, t.std().item(), atol=1e-6)
        assert_close(
            f"saturation of tanh layer {s.layer}",
            s.saturated,
            (t.abs() > 0.97).float().mean().item(),
            atol=1e-9,
        )


@pytest.mark.task("diagnostics")
def test_bad_scale_saturates_and_batchnorm_cures_it(small_data) -> None:  # type: ignore[no-untyped-def]
    X, _ = small_data
    bad = make_model(batchnorm=False, gain=5.0, generator=torch.Generator().manual_seed(3))
    good = make_model(batchnorm=True, generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        bad(X[:1000])
        good(X[:1000])
    bad_sat = [s.saturated for s in tanh_stats(bad)]
    good_sat = [s.saturated for s in tanh_stats(good)]
    expect(
        min(bad_sat) > 0.4,
        f"with weights 3x too large (gain 5 instead of 5/3) and no BatchNorm, the tanh layers "
        f"should be mostly saturated; saturation per layer: {[round(s, 3) for s in bad_sat]}",
    )
    expect(
        max(good_sat) < 0.1,
        f"with Kaiming scale and BatchNorm few units should saturate; per layer: {[round(s, 3) for s in good_sat]}",
    )


@pytest.mark.task("diagnostics")
def test_update_ratios(small_data) -> None:  # type: ignore[no-untyped-def]
    X, Y = small_data
    model = make_model(n_layers=2, generator=torch.Generator().manual_seed(4))
    F.cross_entropy(model(X[:64]), Y[:64]).backward()
    ratios = update_ratios(model, lr=0.1)
    mats = [p for p in model.parameters() if p.ndim == 2]
    expected = [math.log10((0.1 * p.grad).std().item() / p.std().item()) for p in mats]
    expect(
        len(ratios) == len(expected),
        f"one ratio per 2-D parameter (C and the weights): got {len(ratios)}, expected {len(expected)}",
    )
    assert_close("update-to-data ratios (log10)", ratios, expected, atol=1e-6)


@pytest.mark.task("train")
def test_evaluate_uses_running_stats_and_restores_training(small_data) -> None:  # type: ignore[no-untyped-def]
    X, Y = small_data
    model = make_model(n_layers=2, generator=torch.Generator().manual_seed(5))
    with torch.no_grad():
        for k in range(5):
            model(X[k * 64 : (k + 1) * 64])  # move the running statistics away from 0 and 1
    bns = [layer for layer in model.layers if isinstance(layer, BatchNorm1d)]
    before = [(b.running_mean.clone(), b.running_var.clone()) for b in bns]
    for b in bns:
        b.training = False
    with torch.no_grad():
        expected = F.cross_entropy(model(X[:3000]), Y[:3000]).item()
    for b in bns:
        b.training = True
    value = evaluate(model, X[:3000], Y[:3000])
    expect(isinstance(value, float), f"evaluate should return a float, got {type(value).__name__}")
    assert_close("evaluate(...) (the loss with running statistics)", value, expected, atol=1e-5)
    expect(
        all(b.training for b in bns),
        "after evaluate the BatchNorm layers must be back in training mode",
    )
    for i, (b, (m, v)) in enumerate(zip(bns, before, strict=True)):
        assert_close(
            f"running_mean of BatchNorm {i} after evaluate (must not change)",
            b.running_mean,
            m,
            atol=0,
        )
        assert_close(
            f"running_var of BatchNorm {i} after evaluate (must not change)",
            b.running_var,
            v,
            atol=0,
        )


@pytest.mark.task("train")
@pytest.mark.timeout(90)
def test_training_reaches_a_low_loss(small_data) -> None:  # type: ignore[no-untyped-def]
    X, Y = small_data
    model = make_model(n_hidden=64, n_layers=2, generator=torch.Generator().manual_seed(6))
    losses = train(
        model, X, Y, steps=800, batch_size=32, lr=0.1, generator=torch.Generator().manual_seed(7)
    )
    expect(
        len(losses) == 800,
        f"train should return one loss per step: got {len(losses)} for 800 steps",
    )
    final = evaluate(model, X, Y)
    expect(
        final < 2.6,
        f"after 800 steps the training loss (evaluation mode) is {final:.3f}; expected below 2.6",
    )
