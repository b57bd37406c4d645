"""Tasks ``kaiming``, ``batchnorm-forward``, ``running-stats`` and ``eval-mode``,
checked against ``torch.nn.BatchNorm1d`` in float64."""

from __future__ import annotations

import pytest
import torch
from _reference import batches, expect, float64_bn, torch_bn
from batchnorm.layers import BatchNorm1d, Linear, kaiming_std

from rung.labs.harness import assert_close


@pytest.mark.task("kaiming")
def test_kaiming_std() -> None:
    assert_close("kaiming_std(100, gain=5/3)", kaiming_std(100, 5 / 3), (5 / 3) / 10)
    assert_close("kaiming_std(400)", kaiming_std(400), 0.05)
    assert_close("kaiming_std(2, gain=2 ** 0.5)", kaiming_std(2, 2**0.5), 1.0)


@pytest.mark.task("kaiming")
def test_linear_weight_is_one_scaled_draw() -> None:
    layer = Linear(40, 30, generator=torch.Generator().manual_seed(0), gain=5 / 3)
    expected = torch.randn((40, 30), generator=torch.Generator().manual_seed(0)) * (5 / 3) / 40**0.5
    assert_close("Linear(40, 30, gain=5/3).weight", layer.weight, expected, atol=1e-6)
    expect(layer.bias is not None, "Linear(..., bias=True) should have a bias")
    assert_close("the initial bias", layer.bias, torch.zeros(30))
    expect(Linear(4, 3, bias=False).bias is None, "Linear(..., bias=False) should have bias None")
    expect(
        len(Linear(4, 3, bias=False).parameters()) == 1, "a Linear without bias has one parameter"
    )


@pytest.mark.task("kaiming")
def test_kaiming_keeps_unit_scale() -> None:
    g = torch.Generator().manual_seed(1)
    x = torch.randn(2000, 400, generator=g)
    out = Linear(400, 300, generator=g)(x)
    std = out.std().item()
    expect(
        0.95 < std < 1.05,
        f"unit-variance inputs through Linear(400, 300) give outputs with std {std:.3f}; "
        "with std 1/sqrt(fan_in) weights it should stay near 1",
    )


def _check_stats(mean, var, x) -> None:  # type: ignore[no-untyped-def]
    assert_close("batch mean", mean, x.mean(0), atol=1e-10)
    if (
        torch.is_tensor(var)
        and var.shape == x.var(0).shape
        and torch.allclose(var, x.var(0, unbiased=True))
    ):
        raise AssertionError(
            "batch variance divides by n - 1; to normalise a batch, BatchNorm uses the biased "
            "variance (divide by n), as torch.nn.BatchNorm1d does in training"
        )
    assert_close("batch variance", var, x.var(0, unbiased=False), atol=1e-10)


@pytest.mark.task("batchnorm-forward")
def test_batch_stats_and_normalise_match_torch() -> None:
    for n, dim in ((32, 10), (5, 3)):
        bn = float64_bn(BatchNorm1d, dim, 0.1, seed=n)
        ref = torch_bn(dim, 0.1, bn.gamma, bn.beta).train()
        x = batches(seed=n, count=1, n=n, dim=dim)[0]
        mean, var = bn.batch_stats(x)
        _check_stats(mean, var, x)
        with torch.no_grad():
            expected = ref(x)
        assert_close(
            f"BatchNorm output for a ({n}, {dim}) batch",
            bn.normalise(x, mean, var),
            expected,
            atol=1e-9,
        )


@pytest.mark.task("batchnorm-forward")
def test_normalised_batch_has_zero_mean_unit_variance() -> None:
    bn = float64_bn(BatchNorm1d, 6, 0.1, seed=2)
    bn.gamma = torch.ones(6, dtype=torch.float64)
    bn.beta = torch.zeros(6, dtype=torch.float64)
    x = batches(seed=3, count=1, n=64, dim=6)[0]
    out = bn.normalise(x, *bn.batch_stats(x))
    assert_close("mean of each normalised feature", out.mean(0), torch.zeros(6), atol=1e-9)
    assert_close(
        "biased variance of each normalised feature",
        out.var(0, unbiased=False),
        torch.ones(6),
        atol=1e-3,
    )


@pytest.mark.task("running-stats")
@pytest.mark.parametrize("momentum", [0.1, 0.01])
def test_running_stats_follow_torch(momentum: float) -> None:
    bn = float64_bn(BatchNorm1d, 8, momentum, seed=4)
    ref = torch_bn(8, momentum, bn.gamma, bn.beta).train()
    for k, x in enumerate(batches(seed=5, count=5, n=16, dim=8)):
        bn.update_running_stats(x)
        with torch.no_grad():
            ref(x)
        after = f"after {k + 1} batch{'es' if k else ''} (momentum {momentum})"
        assert_close(f"running_mean {after}", bn.running_mean, ref.running_mean, atol=1e-10)
        assert_close(f"running_var {after}", bn.running_var, ref.running_var, atol=1e-10)


@pytest.mark.task("running-stats")
def test_running_stats_are_not_in_the_graph() -> None:
    bn = float64_bn(BatchNorm1d, 4, 0.1, seed=6)
    x = batches(seed=7, count=1, n=10, dim=4)[0].requires_grad_(True)
    bn.update_running_stats(x * 2)
    expect(
        not bn.running_mean.requires_grad and not bn.running_var.requires_grad,
        "the running statistics require grad: update them under torch.no_grad() (they are "
        "bookkeeping, and otherwise each step's graph stays alive through them)",
    )


@pytest.mark.task("eval-mode")
def test_training_and_eval_calls_match_torch() -> None:
    bn = float64_bn(BatchNorm1d, 8, 0.1, seed=8)
    ref = torch_bn(8, 0.1, bn.gamma, bn.beta)
    data = batches(seed=9, count=4, n=32, dim=8)
    for k, x in enumerate(data):
        with torch.no_grad():
            expected = ref.train()(x)
        assert_close(f"training-mode output for batch {k + 1}", bn(x), expected, atol=1e-9)
    assert_close(
        "running_mean after 4 training calls", bn.running_mean, ref.running_mean, atol=1e-10
    )
    assert_close("running_var after 4 training calls", bn.running_var, ref.running_var, atol=1e-10)
    bn.training = False
    ref.eval()
    before = bn.running_mean.clone(), bn.running_var.clone()
    for k, x in enumerate(batches(seed=10, count=2, n=20, dim=8)):
        with torch.no_grad():
            expected = ref(x)
        assert_close(
            f"evaluation-mode output for batch {k + 1} (it must use the running statistics)",
            bn(x),
            expected,
            atol=1e-9,
        )
    assert_close(
        "running_mean after evaluation calls (must not change)", bn.running_mean, before[0], atol=0
    )
    assert_close(
        "running_var after evaluation calls (must not change)", bn.running_var, before[1], atol=0
    )


@pytest.mark.task("eval-mode")
def test_one_example_in_eval_mode() -> None:
    bn = float64_bn(BatchNorm1d, 5, 0.1, seed=11)
    ref = torch_bn(5, 0.1, bn.gamma, bn.beta)
    for x in batches(seed=12, count=3, n=32, dim=5):
        bn(x)
        with torch.no_grad():
            ref.train()(x)
    bn.training = False
    one = batches(seed=13, count=1, n=1, dim=5)[0]
    with torch.no_grad():
        expected = ref.eval()(one)
    out = bn(one)
    expect(
        torch.isfinite(out).all(),
        "one example in evaluation mode gave NaN or inf: the statistics of a batch of one are "
        "undefined, which is why evaluation must use the running ones",
    )
    assert_close("evaluation output for a single example", out, expected, atol=1e-9)
