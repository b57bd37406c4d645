"""Task neural: the one-layer neural bigram, its loss and gradient, and its training."""

from __future__ import annotations

import pytest
import torch
from _reference import SMALL, names, vocab
from bigram.counting import build_vocab
from bigram.neural import encode_pairs, nll_loss, train_neural_bigram

from rung.labs.harness import assert_close

pytestmark = pytest.mark.task("neural")


def test_encode_pairs() -> None:
    stoi, _ = vocab(["emma"])
    xs, ys = encode_pairs(["emma"], stoi)
    assert_close("xs for 'emma'", xs, [stoi[c] for c in ".emma"])
    assert_close("ys for 'emma'", ys, [stoi[c] for c in "emma."])


@pytest.mark.parametrize("reg", [0.0, 0.01])
def test_loss_and_gradient_match_pytorch(reg: float) -> None:
    stoi, _ = vocab(SMALL)
    xs, ys = encode_pairs(SMALL, stoi)
    g = torch.Generator().manual_seed(1)
    W0 = torch.randn((len(stoi), len(stoi)), generator=g, dtype=torch.float64)
    W = W0.clone().requires_grad_(True)
    Wr = W0.clone().requires_grad_(True)
    loss = nll_loss(W, xs, ys, reg)
    ref = torch.nn.functional.cross_entropy(Wr[xs], ys) + reg * (Wr**2).mean()
    assert_close(f"the loss (reg {reg:g})", loss, ref)
    loss.backward()
    ref.backward()
    assert_close(f"grad of W (reg {reg:g})", W.grad, Wr.grad)


@pytest.mark.timeout(120)
def test_training_nearly_reaches_the_counting_model() -> None:
    words = list(names())
    stoi, _ = build_vocab(words)
    W, losses = train_neural_bigram(
        words, stoi, steps=100, generator=torch.Generator().manual_seed(0)
    )
    assert len(losses) == 100, f"expected one loss per step (100), got {len(losses)}"
    assert losses[-1] < losses[0], (
        f"the loss did not fall: first {losses[0]:.4f}, last {losses[-1]:.4f}"
    )
    xs, ys = encode_pairs(words, stoi)
    final = float(torch.nn.functional.cross_entropy(W.detach().double()[xs], ys))
    assert final <= 2.50, (
        f"after 100 steps the data loss is {final:.4f}; the counting model scores 2.4540, "
        "and 100 steps of gradient descent (lr 50) should get below 2.50"
    )
