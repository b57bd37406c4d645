"""Task value-backward: gradients through any graph of the basic operations."""

from __future__ import annotations

import pytest
import torch
from _graphs import BASIC, check_graph, random_graph
from micrograd.engine import Value

from rung.labs.harness import assert_close

pytestmark = pytest.mark.task("value-backward")

PAIRS = [
    ("a + b", lambda a, b: a + b),
    ("a - b", lambda a, b: a - b),
    ("a * b", lambda a, b: a * b),
    ("a / b", lambda a, b: a / b),
    ("a ** 3", lambda a, b: a**3),
    ("-a", lambda a, b: -a),
    ("2 - a", lambda a, b: 2 - a),
    ("3 / b", lambda a, b: 3 / b),
    ("1.5 * a + b", lambda a, b: 1.5 * a + b),
]


@pytest.mark.parametrize("text,f", PAIRS, ids=[p[0] for p in PAIRS])
def test_each_operation(text: str, f) -> None:  # type: ignore[no-untyped-def]
    a, b = Value(-1.5, label="a"), Value(2.5, label="b")
    ta = torch.tensor(-1.5, dtype=torch.float64, requires_grad=True)
    tb = torch.tensor(2.5, dtype=torch.float64, requires_grad=True)
    out, out_t = f(a, b), f(ta, tb)
    out.backward()
    out_t.backward()
    assert_close(f"d({text})/da", a.grad, ta.grad.item() if ta.grad is not None else 0.0)
    assert_close(f"d({text})/db", b.grad, tb.grad.item() if tb.grad is not None else 0.0)


def test_backward_sets_the_output_grad_to_one() -> None:
    out = Value(2.0) * Value(3.0)
    out.backward()
    assert_close("the output's own grad after backward()", out.grad, 1.0)


def test_a_node_used_twice_accumulates() -> None:
    a = Value(3.0, label="a")
    out = a * a + a  # d/da = 2a + 1 = 7
    out.backward()
    assert_close("grad of a in a*a + a (a is used three times)", a.grad, 7.0)


def test_deep_diamonds_need_topological_order() -> None:
    # x feeds two branches that join again, ten times over: each join's gradient is
    # complete only after both branches have passed theirs back.
    x = Value(0.9, label="x")
    tx = torch.tensor(0.9, dtype=torch.float64, requires_grad=True)
    v, t = x, tx
    for _ in range(10):
        v = v * 0.7 + v * v * 0.2
        t = t * 0.7 + t * t * 0.2
    v.backward()
    t.backward()
    assert_close("grad of x through ten diamonds", x.grad, tx.grad.item())


@pytest.mark.parametrize("seed", range(12))
def test_random_graphs_match_pytorch(seed: int) -> None:
    check_graph(random_graph(seed, BASIC, n_leaves=3, n_nodes=10), seed)
