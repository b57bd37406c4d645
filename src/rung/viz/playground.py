"""A small MLP playground on 2-D data, trained with plain NumPy (no torch at app start)."""

from __future__ import annotations

import math

import numpy as np

DATASETS = ("moons", "circles", "xor")
ACTIVATIONS = ("tanh", "relu", "sigmoid")


def make_data(
    name: str, n: int = 200, noise: float = 0.1, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    half = n // 2
    if name == "moons":
        t1, t2 = rng.uniform(0, math.pi, half), rng.uniform(0, math.pi, n - half)
        a = np.stack([np.cos(t1), np.sin(t1)], 1)
        b = np.stack([1 - np.cos(t2), 0.5 - np.sin(t2)], 1)
        x, y = np.concatenate([a, b]), np.concatenate([np.zeros(half), np.ones(n - half)])
        x = (x - [0.5, 0.25]) * 1.6
    elif name == "circles":
        t = rng.uniform(0, 2 * math.pi, n)
        r = np.where(np.arange(n) < half, 0.5, 1.2)
        x = np.stack([r * np.cos(t), r * np.sin(t)], 1)
        y = (np.arange(n) >= half).astype(float)
    elif name == "xor":
        x = rng.uniform(-1.2, 1.2, (n, 2))
        y = ((x[:, 0] > 0) ^ (x[:, 1] > 0)).astype(float)
    else:
        raise ValueError(f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)}")
    return x + rng.normal(0, noise, x.shape), y


def _act(name: str, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Activation and its derivative at z."""
    if name == "tanh":
        a = np.tanh(z)
        return a, 1 - a * a
    if name == "relu":
        return np.maximum(z, 0), (z > 0).astype(float)
    if name == "sigmoid":
        a = 1 / (1 + np.exp(-z))
        return a, a * (1 - a)
    raise ValueError(f"unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}")


def train_playground(
    dataset: str = "moons",
    width: int = 8,
    depth: int = 2,
    activation: str = "tanh",
    lr: float = 0.1,
    steps: int = 200,
    seed: int = 0,
    grid: int = 40,
) -> dict:
    """Full-batch gradient descent on binary cross-entropy; returns the loss curve and boundary grid."""
    if not (1 <= width <= 32 and 1 <= depth <= 4 and 0 < lr <= 5 and 0 <= steps <= 5000):
        raise ValueError("need width 1-32, depth 1-4, 0 < lr <= 5 and 0-5000 steps")
    x, y = make_data(dataset, seed=seed)
    rng = np.random.default_rng(seed + 1)
    sizes = [2] + [width] * depth + [1]
    ws = [
        rng.normal(0, 1 / math.sqrt(i), (i, o)) for i, o in zip(sizes[:-1], sizes[1:], strict=True)
    ]
    bs = [np.zeros(o) for o in sizes[1:]]
    losses = []

    def forward(inp: np.ndarray):
        acts, derivs = [inp], []
        h = inp
        for k, (w, b) in enumerate(zip(ws, bs, strict=True)):
            z = h @ w + b
            if k < len(ws) - 1:
                h, d = _act(activation, z)
                derivs.append(d)
            else:
                h = z
            acts.append(h)
        return acts, derivs

    for _ in range(steps + 1):
        acts, derivs = forward(x)
        logits = acts[-1][:, 0]
        p = 1 / (1 + np.exp(-logits))
        eps = 1e-12
        loss = float(-np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
        losses.append(loss)
        if len(losses) > steps:
            break
        grad = ((p - y) / len(y))[:, None]  # dL/dlogits
        for k in range(len(ws) - 1, -1, -1):
            gw, gb = acts[k].T @ grad, grad.sum(0)
            if k > 0:
                grad = (grad @ ws[k].T) * derivs[k - 1]
            ws[k] -= lr * gw
            bs[k] -= lr * gb
    acts, _ = forward(x)
    accuracy = float(np.mean((acts[-1][:, 0] > 0) == (y > 0.5)))
    lo, hi = x.min(0) - 0.3, x.max(0) + 0.3
    gx, gy = np.linspace(lo[0], hi[0], grid), np.linspace(lo[1], hi[1], grid)
    mesh = np.stack(np.meshgrid(gx, gy), -1).reshape(-1, 2)
    probs = 1 / (1 + np.exp(-forward(mesh)[0][-1][:, 0]))
    return {
        "dataset": dataset,
        "width": width,
        "depth": depth,
        "activation": activation,
        "lr": lr,
        "steps": steps,
        "loss": losses,
        "accuracy": accuracy,
        "points": x.tolist(),
        "labels": y.astype(int).tolist(),
        "grid": {"x": gx.tolist(), "y": gy.tolist(), "p": probs.reshape(grid, grid).tolist()},
    }
