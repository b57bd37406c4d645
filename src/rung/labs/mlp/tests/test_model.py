"""Task ``forward``: parameters, the forward pass and the loss, against torch's own layers."""

from __future__ import annotations

import math

import pytest
import torch
from _reference import expect, random_params, reference_forward
from mlp.model import forward, init_params, loss_fn

from rung.labs.harness import assert_close


@pytest.mark.task("forward")
def test_init_params_shapes() -> None:
    g = torch.Generator().manual_seed(0)
    params = init_params(vocab_size=27, block_size=4, n_embd=5, n_hidden=30, generator=g)
    want = {"C": (27, 5), "W1": (20, 30), "b1": (30,), "W2": (30, 27), "b2": (27,)}
    expect(
        set(params) == set(want),
        f"init_params should return keys {sorted(want)}, got {sorted(params)}",
    )
    for name, shape in want.items():
        expect(
            tuple(params[name].shape) == shape,
            f"shape of {name}: yours {tuple(params[name].shape)}, expected {shape}",
        )
        expect(params[name].requires_grad, f"{name} must require gradients (requires_grad_(True))")
    p64 = init_params(generator=g, dtype=torch.float64)
    expect(
        all(p.dtype == torch.float64 for p in p64.values()),
        "init_params ignores its dtype argument",
    )


@pytest.mark.task("forward")
def test_forward_matches_torch_layers() -> None:
    params = random_params(seed=1)
    X = torch.randint(0, 27, (50, 3), generator=torch.Generator().manual_seed(2))
    assert_close("logits", forward(params, X), reference_forward(params, X), atol=1e-10)


@pytest.mark.task("forward")
def test_forward_other_sizes() -> None:
    params = random_params(seed=3, block_size=6, n_embd=2, n_hidden=7)
    X = torch.randint(0, 27, (9, 6), generator=torch.Generator().manual_seed(4))
    assert_close(
        "logits (block 6, embedding 2, hidden 7)",
        forward(params, X),
        reference_forward(params, X),
        atol=1e-10,
    )


@pytest.mark.task("forward")
def test_loss_is_mean_negative_log_likelihood() -> None:
    params = random_params(seed=5)
    g = torch.Generator().manual_seed(6)
    X, Y = torch.randint(0, 27, (40, 3), generator=g), torch.randint(0, 27, (40,), generator=g)
    logits = reference_forward(params, X)
    probs = logits.exp() / logits.exp().sum(1, keepdim=True)
    expected = -probs[torch.arange(40), Y].log().mean()
    loss = loss_fn(params, X, Y)
    expect(
        isinstance(loss, torch.Tensor) and loss.requires_grad,
        "loss_fn should return a tensor that backward() can start from, not a float",
    )
    assert_close("loss", loss, expected, atol=1e-10)


@pytest.mark.task("forward")
def test_first_loss_is_near_uniform(small_data) -> None:  # type: ignore[no-untyped-def]
    X, Y = small_data
    params = init_params(generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        first = loss_fn(params, X[:2000], Y[:2000]).item()
    expect(
        first < 3.5,
        f"the loss of a fresh model is {first:.3f}; with W2 scaled by 0.01 it should be close "
        f"to -log(1/27) = {math.log(27):.4f} (a confident, random model starts far higher)",
    )
