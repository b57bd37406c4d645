"""Task nn: Module, Neuron, Layer, MLP — structure, forward pass and gradients."""

from __future__ import annotations

import random

import pytest
import torch
from micrograd.engine import Value
from micrograd.nn import MLP, Layer, Neuron

from rung.labs.harness import assert_close

pytestmark = pytest.mark.task("nn")


def test_neuron_weights_come_from_the_rng() -> None:
    n = Neuron(3, rng=random.Random(7))
    expected = random.Random(7)
    assert len(n.w) == 3, f"Neuron(3) should have 3 weights, has {len(n.w)}"
    for i, w in enumerate(n.w):
        assert_close(f"w[{i}] of Neuron(3, rng=Random(7))", w.data, expected.uniform(-1, 1))
    assert_close("a new neuron's bias", n.b.data, 0.0)


@pytest.mark.parametrize(
    "make,count,text",
    [
        (lambda: Neuron(3), 4, "Neuron(3)"),
        (lambda: Layer(3, 4), 16, "Layer(3, 4)"),
        (lambda: MLP(3, [4, 4, 1]), 41, "MLP(3, [4, 4, 1])"),
    ],
)
def test_parameter_counts(make, count: int, text: str) -> None:  # type: ignore[no-untyped-def]
    params = make().parameters()
    assert len(params) == count, f"{text} should have {count} parameters, has {len(params)}"
    assert all(isinstance(p, Value) for p in params), f"{text}.parameters() must list Values"
    assert len({id(p) for p in params}) == count, f"{text}.parameters() lists a Value twice"


def test_layer_of_one_returns_a_value() -> None:
    out = Layer(2, 1)([1.0, 2.0])
    assert isinstance(out, Value), (
        f"Layer(2, 1) should return a single Value, got {type(out).__name__}"
    )
    outs = Layer(2, 3)([1.0, 2.0])
    assert isinstance(outs, list) and len(outs) == 3, "Layer(2, 3) should return a list of 3 Values"


def _torch_forward(model: MLP, x: list[float]):  # type: ignore[no-untyped-def]
    """The same network in PyTorch float64, with weights copied from the model."""
    h = torch.tensor(x, dtype=torch.float64)
    leaves = []
    for i, layer in enumerate(model.layers):
        W = torch.tensor(
            [[w.data for w in n.w] for n in layer.neurons], dtype=torch.float64, requires_grad=True
        )
        b = torch.tensor([n.b.data for n in layer.neurons], dtype=torch.float64, requires_grad=True)
        leaves.append((W, b))
        h = W @ h + b
        if i != len(model.layers) - 1:
            h = torch.relu(h)
    return h.sum(), leaves


@pytest.mark.parametrize("seed", range(4))
def test_mlp_matches_pytorch(seed: int) -> None:
    rng = random.Random(seed)
    model = MLP(3, [5, 4, 1], rng=rng)
    for layer in model.layers:  # non-zero biases, so that a bias bug shows
        for n in layer.neurons:
            n.b.data = rng.uniform(-0.5, 0.5)
    x = [rng.uniform(-2, 2) for _ in range(3)]
    out = model(x)
    expected, leaves = _torch_forward(model, x)
    assert isinstance(out, Value), "MLP(3, [5, 4, 1]) should return a single Value"
    assert_close("the MLP's output", out.data, expected.item())
    out.backward()
    expected.backward()
    for li, (layer, (W, b)) in enumerate(zip(model.layers, leaves, strict=True)):
        mine_w = [[w.grad for w in n.w] for n in layer.neurons]
        assert_close(f"grad of layer {li}'s weights", mine_w, W.grad)
        assert_close(f"grad of layer {li}'s biases", [n.b.grad for n in layer.neurons], b.grad)


def test_zero_grad_clears_every_parameter() -> None:
    model = MLP(2, [3, 1], rng=random.Random(0))
    model([0.5, -1.0]).backward()
    assert any(p.grad != 0 for p in model.parameters()), "backward() left every grad at 0"
    model.zero_grad()
    left = [p.grad for p in model.parameters() if p.grad != 0]
    assert not left, f"after zero_grad(), {len(left)} parameters still have a grad"
