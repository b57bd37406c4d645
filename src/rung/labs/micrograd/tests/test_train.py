"""Task train-moons: the loss, then a training loop that separates the moons."""

from __future__ import annotations

import random

import pytest
import torch
from micrograd.engine import Value
from micrograd.nn import MLP
from micrograd.train import loss_and_accuracy, make_moons, train

from rung.labs.harness import assert_close

pytestmark = pytest.mark.task("train-moons")


def test_loss_matches_pytorch() -> None:
    X, y = make_moons(12, noise=0.1, seed=3)
    model = MLP(2, [4, 4, 1], rng=random.Random(3))
    loss, acc = loss_and_accuracy(model, X, y, alpha=1e-3)
    assert isinstance(loss, Value), "loss_and_accuracy must return the loss as a Value"
    params = model.parameters()
    flat = torch.tensor([p.data for p in params], dtype=torch.float64, requires_grad=True)
    # Rebuild the network from the flat parameter vector, in parameters() order.
    scores, k = [], 0
    for a, b in X:
        h = torch.stack(
            [torch.tensor(a, dtype=torch.float64), torch.tensor(b, dtype=torch.float64)]
        )
        k = 0
        for i, layer in enumerate(model.layers):
            outs = []
            for n in layer.neurons:
                w = flat[k : k + len(n.w)]
                bias = flat[k + len(n.w)]
                k += len(n.w) + 1
                z = (w * h).sum() + bias
                outs.append(torch.relu(z) if i != len(model.layers) - 1 else z)
            h = torch.stack(outs)
        scores.append(h[0])
    s = torch.stack(scores)
    yt = torch.tensor(y, dtype=torch.float64)
    expected = torch.relu(1 - yt * s).mean() + 1e-3 * (flat**2).sum()
    assert_close("the loss", loss.data, expected.item())
    expected_acc = ((s > 0) == (yt > 0)).double().mean().item()
    assert_close("the accuracy", acc, expected_acc)
    loss.backward()
    expected.backward()
    assert_close("grads of the parameters", [p.grad for p in params], flat.grad)


@pytest.mark.timeout(120)
def test_training_separates_the_moons() -> None:
    X, y = make_moons(40, noise=0.1, seed=0)
    model = MLP(2, [8, 8, 1], rng=random.Random(0))
    history = train(model, X, y, steps=150, lr=0.5)
    assert history, "train() returned no history"
    wrong = [
        i
        for i, ((a, b), yi) in enumerate(zip(X, y, strict=True))
        if (model([a, b]).data > 0) != (yi > 0)
    ]
    assert not wrong, (
        f"after training, {len(wrong)} of {len(X)} points are on the wrong side "
        f"(last loss {history[-1][0]:.4f}); expected all 40 right within 150 steps"
    )
    assert history[-1][1] == 1.0, "the last history entry should show accuracy 1.0"
