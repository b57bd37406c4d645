"""Tasks ``train-step``, ``lr-sweep`` and ``evaluate``."""

from __future__ import annotations

import math

import pytest
import torch
from _reference import clone, expect, random_params, reference_forward, reference_step
from mlp.model import init_params
from mlp.train import evaluate, lr_candidates, lr_sweep, pick_lr, split_losses, train, train_step

from rung.labs.harness import assert_close


def _data(seed: int, n: int = 300) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, 27, (n, 3), generator=g), torch.randint(0, 27, (n,), generator=g)


@pytest.mark.task("train-step")
def test_train_step_matches_reference() -> None:
    X, Y = _data(10)
    mine, ref = random_params(11), random_params(11)
    g_mine, g_ref = torch.Generator().manual_seed(12), torch.Generator().manual_seed(12)
    for step in range(3):  # several steps: a gradient never cleared shows from the second on
        loss = train_step(mine, X, Y, lr=0.1, batch_size=16, generator=g_mine)
        expected = reference_step(ref, X, Y, 0.1, 16, g_ref)
        expect(
            isinstance(loss, float),
            f"train_step should return the loss as a float, got {type(loss).__name__}",
        )
        assert_close(f"loss returned by step {step + 1}", loss, expected, atol=1e-10)
        for name in ref:
            assert_close(f"{name} after step {step + 1}", mine[name], ref[name], atol=1e-10)


@pytest.mark.task("train-step")
@pytest.mark.timeout(90)
def test_training_lowers_the_loss(small_data) -> None:  # type: ignore[no-untyped-def]
    X, Y = small_data
    params = init_params(n_hidden=64, generator=torch.Generator().manual_seed(0))
    before = evaluate_plain(params, X, Y)
    losses = train(
        params, X, Y, steps=600, batch_size=32, lr=0.1, generator=torch.Generator().manual_seed(1)
    )
    after = evaluate_plain(params, X, Y)
    expect(
        len(losses) == 600,
        f"train should return one loss per step: got {len(losses)} for 600 steps",
    )
    expect(
        after < 2.75 < before,
        f"600 steps of SGD took the training loss from {before:.3f} to {after:.3f}; "
        "expected below 2.75 (the reference reaches about 2.55)",
    )


def evaluate_plain(params, X, Y) -> float:  # type: ignore[no-untyped-def]
    with torch.no_grad():
        return torch.nn.functional.cross_entropy(reference_forward(params, X), Y).item()


@pytest.mark.task("lr-sweep")
def test_lr_candidates_are_exponentially_spaced() -> None:
    lrs = lr_candidates(1e-3, 1.0, 4)
    assert_close("lr_candidates(1e-3, 1, 4)", lrs, [1e-3, 1e-2, 1e-1, 1.0], rtol=1e-5, atol=0)
    many = torch.as_tensor(lr_candidates(1e-4, 10.0, 1000), dtype=torch.float64)
    expect(
        many.shape == (1000,),
        f"lr_candidates(..., n=1000) should give 1000 rates, got {tuple(many.shape)}",
    )
    steps = torch.diff(torch.log10(many))
    assert_close(
        "the step between exponents", steps, torch.full_like(steps, 5 / 999), rtol=1e-4, atol=0
    )


@pytest.mark.task("lr-sweep")
def test_lr_sweep_is_one_step_per_rate() -> None:
    X, Y = _data(20)
    lrs = lr_candidates(1e-2, 1.0, 5)
    mine, ref = random_params(21), random_params(21)
    g_mine, g_ref = torch.Generator().manual_seed(22), torch.Generator().manual_seed(22)
    losses = lr_sweep(mine, X, Y, lrs, 16, g_mine)
    expected = [reference_step(ref, X, Y, float(lr), 16, g_ref) for lr in lrs]
    assert_close("sweep losses", losses, expected, atol=1e-10)


@pytest.mark.task("lr-sweep")
def test_pick_lr_finds_the_smoothed_valley() -> None:
    lrs = [10 ** (-3 + 3 * i / 199) for i in range(200)]
    # A valley at lr = 0.1, and one freak low loss at a tiny rate that smoothing must ignore.
    losses = [2.0 + (math.log10(lr) + 1) ** 2 for lr in lrs]
    losses[20] = 0.0
    picked = pick_lr(lrs, losses, window=10)
    expect(
        0.1 / 1.5 < picked < 0.1 * 1.5,
        f"pick_lr chose {picked:.4g}; the smoothed loss is lowest near 0.1 "
        f"(one lucky minibatch at {lrs[20]:.4g} should not win: average over a window)",
    )
    losses[150:] = [math.nan] * 50
    picked = pick_lr(lrs, losses, window=10)
    expect(
        0.1 / 1.5 < picked < 0.1 * 1.5,
        f"with NaN losses at the end pick_lr chose {picked:.4g}, expected near 0.1",
    )


@pytest.mark.task("lr-sweep")
@pytest.mark.timeout(90)
def test_sweep_on_names_picks_a_sensible_rate(small_data) -> None:  # type: ignore[no-untyped-def]
    X, Y = small_data
    params = init_params(n_hidden=64, generator=torch.Generator().manual_seed(0))
    lrs = lr_candidates(1e-3, 10.0, 500)
    losses = lr_sweep(params, X, Y, lrs, 32, torch.Generator().manual_seed(1))
    picked = pick_lr(lrs, losses, window=20)
    expect(
        0.03 <= picked <= 3.0,
        f"the sweep picked lr = {picked:.4g}; on this data it should be between 0.03 and 3",
    )


@pytest.mark.task("evaluate")
def test_evaluate_gives_the_split_loss() -> None:
    X, Y = _data(30, n=500)
    params = random_params(31)
    value = evaluate(params, X, Y)
    expect(isinstance(value, float), f"evaluate should return a float, got {type(value).__name__}")
    assert_close("evaluate(...)", value, evaluate_plain(params, X, Y), atol=1e-10)
    both = split_losses(params, {"train": (X, Y), "dev": (X[:100], Y[:100])})
    expect(
        set(both) == {"train", "dev"},
        f"split_losses should have one entry per split, got {sorted(both)}",
    )
    assert_close(
        "split_losses()['dev']", both["dev"], evaluate_plain(params, X[:100], Y[:100]), atol=1e-10
    )


@pytest.mark.task("evaluate")
def test_evaluate_builds_no_graph() -> None:
    X, Y = _data(32)
    params = random_params(33)
    saved: list[int] = []

    def pack(t: torch.Tensor) -> torch.Tensor:
        saved.append(1)
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        evaluate(params, X, Y)
    expect(
        not saved,
        "evaluate recorded the computation for backward (it kept intermediate tensors): "
        "nothing is differentiated there, so run it under torch.no_grad()",
    )
    expect(all(p.grad is None for p in params.values()), "evaluate should not compute gradients")


@pytest.mark.task("evaluate")
def test_params_from_two_runs_agree() -> None:
    """train() is repeatable: the same seeds give the same dev loss."""
    X, Y = _data(34, n=400)
    a, b = clone(random_params(35)), clone(random_params(35))
    train(a, X, Y, steps=20, batch_size=8, lr=0.05, generator=torch.Generator().manual_seed(5))
    train(b, X, Y, steps=20, batch_size=8, lr=0.05, generator=torch.Generator().manual_seed(5))
    assert_close(
        "dev loss of a second identical run", evaluate(b, X, Y), evaluate(a, X, Y), atol=1e-12
    )
