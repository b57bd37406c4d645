"""Random expression graphs built twice: once with micrograd, once with PyTorch float64.

Each new node applies a random operation to random earlier nodes, so nodes are
reused (their gradients must accumulate) and graphs have many paths (backward must
follow a topological order). Operands are kept where every operation is smooth and
well defined: no division by numbers near 0, no fractional powers of negatives.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import torch
from micrograd.engine import Value

BASIC = ("add", "sub", "mul", "div", "pow", "neg", "radd", "rsub", "rmul", "rtruediv")
ACTIVATIONS = ("relu", "tanh", "exp")


@dataclass
class Graph:
    out: Value
    out_t: torch.Tensor
    leaves: list[Value]
    leaves_t: list[torch.Tensor]
    text: str  # the expression, for messages


def _apply(op: str, a, b, ta, tb, sa: str, sb: str, c: float):  # type: ignore[no-untyped-def]
    if op == "add":
        return a + b, ta + tb, f"({sa} + {sb})"
    if op == "sub":
        return a - b, ta - tb, f"({sa} - {sb})"
    if op == "mul":
        return a * b, ta * tb, f"({sa} * {sb})"
    if op == "div":
        return a / b, ta / tb, f"({sa} / {sb})"
    if op == "pow":
        e = 2 if a.data <= 0.3 else c
        return a**e, ta**e, f"({sa} ** {e:g})"
    if op == "neg":
        return -a, -ta, f"(-{sa})"
    if op == "radd":
        return c + a, c + ta, f"({c:g} + {sa})"
    if op == "rsub":
        return c - a, c - ta, f"({c:g} - {sa})"
    if op == "rmul":
        return c * a, c * ta, f"({c:g} * {sa})"
    if op == "rtruediv":
        return c / a, c / ta, f"({c:g} / {sa})"
    if op == "relu":
        return a.relu(), torch.relu(ta), f"relu({sa})"
    if op == "tanh":
        return a.tanh(), torch.tanh(ta), f"tanh({sa})"
    if op == "exp":
        return a.exp(), torch.exp(ta), f"exp({sa})"
    raise ValueError(op)


def random_graph(seed: int, ops: tuple[str, ...], n_leaves: int = 3, n_nodes: int = 10) -> Graph:
    rng = random.Random(seed)
    data = [round(rng.uniform(-2, 2), 3) for _ in range(n_leaves)]
    leaves = [Value(d, label=f"x{i}") for i, d in enumerate(data)]
    leaves_t = [torch.tensor(d, dtype=torch.float64, requires_grad=True) for d in data]
    pool = [(v, t, f"x{i}") for i, (v, t) in enumerate(zip(leaves, leaves_t, strict=True))]
    made: list[tuple[Value, torch.Tensor, str]] = []
    tries = 0
    while len(made) < n_nodes and tries < 20 * n_nodes:
        tries += 1
        op = rng.choice(ops)
        (a, ta, sa), (b, tb, sb) = rng.choice(pool), rng.choice(pool)
        c = rng.choice((0.5, 1.5, 2.0, 3.0, -1.0))
        if op == "div" and abs(b.data) < 0.3:
            continue
        if op == "rtruediv" and abs(a.data) < 0.3:
            continue
        if op in ("exp",) and abs(a.data) > 3:
            continue
        if op == "relu" and abs(a.data) < 1e-3:
            continue  # the kink: derivative conventions may differ there
        if op == "pow" and c in (0.5, 1.5, -1.0) and a.data <= 0.3:
            c = 2.0
        v, t, s = _apply(op, a, b, ta, tb, sa, sb, c)
        if not math.isfinite(v.data) or abs(v.data) > 50:
            continue
        made.append((v, t, s))
        pool.append((v, t, s))
    # The output adds up every node made, so every path matters.
    out, out_t, _ = made[0]
    for v, t, _ in made[1:]:
        out, out_t = out + v, out_t + t
    text = " + ".join(s for _, _, s in made)
    return Graph(out, out_t, leaves, leaves_t, text)


def check_graph(g: Graph, seed: int) -> None:
    """Forward value and every leaf's gradient against PyTorch, to 1e-6."""
    from rung.labs.harness import Mismatch, assert_close

    short = g.text if len(g.text) < 300 else g.text[:300] + "..."
    try:
        assert_close("the output", g.out.data, g.out_t.item())
        g.out.backward()
        g.out_t.backward()
        for leaf, leaf_t in zip(g.leaves, g.leaves_t, strict=True):
            expected = leaf_t.grad.item() if leaf_t.grad is not None else 0.0  # unused leaf
            assert_close(f"grad of {leaf.label}", leaf.grad, expected)
    except Mismatch as exc:
        raise Mismatch(f"{exc} — in random graph #{seed}: {short}") from None
