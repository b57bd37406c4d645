"""Task value-activations: relu, tanh and exp, forward and backward."""

from __future__ import annotations

import math

import pytest
import torch
from _graphs import ACTIVATIONS, BASIC, check_graph, random_graph
from micrograd.engine import Value

from rung.labs.harness import assert_close

pytestmark = pytest.mark.task("value-activations")

POINTS = [-2.0, -0.5, 0.3, 1.7]


@pytest.mark.parametrize("name", ACTIVATIONS)
@pytest.mark.parametrize("x", POINTS)
def test_activation(name: str, x: float) -> None:
    v = Value(x, label="x")
    tx = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    out = getattr(v, name)()
    out_t = getattr(torch, name)(tx)
    assert isinstance(out, Value), f"{name}() should return a Value"
    assert_close(f"{name}({x:g})", out.data, out_t.item())
    out.backward()
    out_t.backward()
    assert_close(f"the derivative of {name} at {x:g}", v.grad, tx.grad.item())


def test_tanh_saturates_without_overflow() -> None:
    out = Value(40.0).tanh()
    assert_close("tanh(40)", out.data, math.tanh(40.0))


@pytest.mark.parametrize("seed", range(10))
def test_random_graphs_with_activations(seed: int) -> None:
    check_graph(
        random_graph(100 + seed, BASIC + ACTIVATIONS * 2, n_leaves=3, n_nodes=10), 100 + seed
    )
