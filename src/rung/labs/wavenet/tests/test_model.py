"""Tasks ``model`` and ``train``: the hierarchical network and its training."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F
from _reference import expect
from wavenet.layers import BatchNorm1d, FlattenConsecutive, Tanh
from wavenet.model import make_model
from wavenet.train import evaluate, train

from rung.labs.harness import assert_close


def _param_count(vocab: int, block: int, n_embd: int, n_hidden: int) -> int:
    levels = int(math.log2(block))
    count = vocab * n_embd
    width = n_embd
    for _ in range(levels):
        count += (
            2 * width * n_hidden + 2 * n_hidden
        )  # Linear without bias, BatchNorm gamma and beta
        width = n_hidden
    return count + n_hidden * vocab + vocab


@pytest.mark.task("model")
def test_layers_and_shapes() -> None:
    model = make_model(n_embd=10, n_hidden=32, generator=torch.Generator().manual_seed(0))
    kinds = [type(layer).__name__ for layer in model.layers]
    block = ["FlattenConsecutive", "Linear", "BatchNorm1d", "Tanh"]
    want = ["Embedding", *block * 3, "Linear"]
    expect(kinds == want, f"make_model layers: yours {kinds}, expected {want}")
    x = torch.randint(0, 27, (5, 8), generator=torch.Generator().manual_seed(1))
    model(x)
    shapes = [
        tuple(layer.out.shape)
        for layer in model.layers
        if isinstance(layer, FlattenConsecutive | Tanh)
    ]
    expected = [(5, 4, 20), (5, 4, 32), (5, 2, 64), (5, 2, 32), (5, 64), (5, 32), (5, 27)][:6]
    expect(
        shapes == expected,
        f"shapes after each FlattenConsecutive and Tanh: yours {shapes}, expected {expected}",
    )
    expect(
        tuple(model.layers[-1].out.shape) == (5, 27),
        f"the logits should be (5, 27), got {tuple(model.layers[-1].out.shape)}",
    )


@pytest.mark.task("model")
@pytest.mark.parametrize(("block", "n_embd", "n_hidden"), [(8, 24, 128), (16, 5, 12), (2, 3, 4)])
def test_parameter_count(block: int, n_embd: int, n_hidden: int) -> None:
    model = make_model(
        block_size=block,
        n_embd=n_embd,
        n_hidden=n_hidden,
        generator=torch.Generator().manual_seed(2),
    )
    got = sum(p.numel() for p in model.parameters())
    want = _param_count(27, block, n_embd, n_hidden)
    expect(
        got == want,
        f"block {block}, n_embd {n_embd}, n_hidden {n_hidden}: yours has {got} parameters, expected {want} "
        "(log2(block) levels of FlattenConsecutive(2) -> Linear without bias -> BatchNorm -> Tanh)",
    )
    expect(
        all(p.requires_grad for p in model.parameters()), "every parameter must require gradients"
    )
    with pytest.raises(ValueError):
        make_model(block_size=6)


@pytest.mark.task("model")
def test_every_output_sees_all_eight_characters(small_data) -> None:  # type: ignore[no-untyped-def]
    X, _ = small_data
    model = make_model(n_embd=8, n_hidden=16, generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        model(X[:256])  # give the running statistics something
        model.set_training(False)
        base = model(X[:64])
        for pos in range(8):
            changed = X[:64].clone()
            changed[:, pos] = (changed[:, pos] + 1) % 27
            diff = (model(changed) - base).abs().amax(1)
            expect(
                bool((diff > 0).all()),
                f"changing the character at position {pos} leaves some outputs unchanged: every "
                "output should depend on all 8 characters of its context",
            )


@pytest.mark.task("model")
def test_first_loss_is_near_uniform(small_data) -> None:  # type: ignore[no-untyped-def]
    X, Y = small_data
    model = make_model(generator=torch.Generator().manual_seed(4))
    with torch.no_grad():
        first = F.cross_entropy(model(X[:4000]), Y[:4000]).item()
    expect(
        abs(first - math.log(27)) < 0.1,
        f"the first loss is {first:.4f}; expected within 0.1 of log(27) = 3.2958",
    )


@pytest.mark.task("train")
def test_evaluate_uses_running_stats_and_restores_training(small_data) -> None:  # type: ignore[no-untyped-def]
    X, Y = small_data
    model = make_model(n_embd=8, n_hidden=16, generator=torch.Generator().manual_seed(5))
    with torch.no_grad():
        for k in range(4):
            model(X[k * 64 : (k + 1) * 64])
    bns = [layer for layer in model.layers if isinstance(layer, BatchNorm1d)]
    for b in bns:
        b.training = False
    with torch.no_grad():
        expected = F.cross_entropy(model(X[:2000]), Y[:2000]).item()
    for b in bns:
        b.training = True
    value = evaluate(model, X[:2000], Y[:2000])
    expect(isinstance(value, float), f"evaluate should return a float, got {type(value).__name__}")
    assert_close("evaluate(...) (the loss with running statistics)", value, expected, atol=1e-5)
    expect(
        all(b.training for b in bns),
        "after evaluate the BatchNorm layers must be back in training mode",
    )


@pytest.mark.task("train")
@pytest.mark.timeout(90)
def test_training_reaches_a_low_loss(small_data) -> None:  # type: ignore[no-untyped-def]
    X, Y = small_data
    model = make_model(n_embd=8, n_hidden=32, generator=torch.Generator().manual_seed(6))
    losses = train(
        model, X, Y, steps=400, batch_size=32, lr=0.1, generator=torch.Generator().manual_seed(7)
    )
    expect(
        len(losses) == 400,
        f"train should return one loss per step: got {len(losses)} for 400 steps",
    )
    final = evaluate(model, X, Y)
    expect(
        final < 2.7,
        f"after 400 steps the training loss (evaluation mode) is {final:.3f}; expected below 2.7",
    )
