"""Measures for the micrograd lab's reference solution (run: python bench/bench_micrograd.py).

1. Agreement with PyTorch float64 on random expression graphs of every operation:
   the largest absolute error in the output and in any leaf's gradient.
2. The two-moons demo: steps and seconds until 100% training accuracy.

Prints a table; torch runs on one thread. Not a test: timings vary by machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import torch

LAB = Path(__file__).resolve().parents[1] / "src" / "rung" / "labs" / "micrograd"
sys.path[:0] = [str(LAB / "solution"), str(LAB / "tests")]

from _graphs import ACTIVATIONS, BASIC, random_graph  # noqa: E402
from micrograd.nn import MLP  # noqa: E402
from micrograd.train import make_moons, train  # noqa: E402


def agreement(n_graphs: int) -> tuple[float, float]:
    worst_value = worst_grad = 0.0
    for seed in range(n_graphs):
        g = random_graph(seed, BASIC + ACTIVATIONS, n_leaves=4, n_nodes=16)
        worst_value = max(worst_value, abs(g.out.data - g.out_t.item()))
        g.out.backward()
        g.out_t.backward()
        for leaf, leaf_t in zip(g.leaves, g.leaves_t, strict=True):
            ref = leaf_t.grad.item() if leaf_t.grad is not None else 0.0
            worst_grad = max(worst_grad, abs(leaf.grad - ref))
    return worst_value, worst_grad


def moons(n: int, width: int, seed: int, steps: int) -> tuple[int, float, float, float]:
    X, y = make_moons(n, noise=0.1, seed=0)
    model = MLP(2, [width, width, 1], rng=random.Random(seed))
    start = time.perf_counter()
    history = train(model, X, y, steps=steps, lr=0.5)
    return len(history), history[-1][1], history[-1][0], time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--graphs", type=int, default=500)
    parser.add_argument("--quick", action="store_true", help="only the test-sized moons run")
    args = parser.parse_args()
    torch.set_num_threads(1)

    value_err, grad_err = agreement(args.graphs)
    print(
        f"micrograd vs PyTorch float64: {args.graphs} random graphs, 4 leaves and up to "
        "16 operations each, every operation"
    )
    print(f"  max |value error| {value_err:.3e}   max |grad error| {grad_err:.3e}")
    print()
    configs = (
        [(40, 8, 0, 150)] if args.quick else [(40, 8, 0, 150), (40, 8, 1, 150), (100, 16, 0, 300)]
    )
    print(
        f"{'points':>6} {'MLP':>12} {'seed':>4} {'steps':>5} {'accuracy':>8} {'loss':>7} {'seconds':>8}"
    )
    for n, width, seed, steps in configs:
        taken, acc, loss, secs = moons(n, width, seed, steps)
        mlp = f"2-{width}-{width}-1"
        print(f"{n:>6} {mlp:>12} {seed:>4} {taken:>5} {acc:>8.0%} {loss:>7.4f} {secs:>8.2f}")


if __name__ == "__main__":
    main()
