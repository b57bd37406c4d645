"""Calculus figures: the derivative as a zoom, Taylor polynomials, gradient descent paths."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

# The functions a learner can pick; text is parsed by SymPy from these fixed strings only.
FUNCTIONS: dict[str, str] = {
    "x^2": "x**2",
    "x^3 - x": "x**3 - x",
    "sin(x)": "sin(x)",
    "cos(x)": "cos(x)",
    "exp(x)": "exp(x)",
    "tanh(x)": "tanh(x)",
    "log(1+x)": "log(1 + x)",
    "1/(1-x)": "1/(1 - x)",
}


def _sym(name: str):
    import sympy as sp

    if name not in FUNCTIONS:
        raise ValueError(f"unknown function {name!r}; choose one of {', '.join(FUNCTIONS)}")
    x = sp.Symbol("x")
    return sp, x, sp.sympify(FUNCTIONS[name])  # fixed strings from the table above, never user text


def _finite(values: np.ndarray) -> list[float | None]:
    return [float(v) if math.isfinite(v) else None for v in values]


def derivative_zoom(
    name: str, x0: float, zooms: tuple[float, ...] = (2.0, 0.5, 0.1, 0.02), n: int = 41
) -> dict:
    """Zoom in on (x0, f(x0)): the curve straightens and the secant slope tends to f'(x0)."""
    sp, x, expr = _sym(name)
    f = sp.lambdify(x, expr, "numpy")
    slope = float(sp.diff(expr, x).subs(x, x0))
    fx0 = float(expr.subs(x, x0))
    windows = []
    for h in zooms:
        xs = np.linspace(x0 - h, x0 + h, n)
        with np.errstate(all="ignore"):
            ys = np.asarray(f(xs), dtype=float) * np.ones_like(xs)
            secant = float((f(x0 + h) - f(x0 - h)) / (2 * h))
        tangent = fx0 + slope * (xs - x0)
        windows.append(
            {
                "half_width": h,
                "x": xs.tolist(),
                "y": _finite(ys),
                "tangent": tangent.tolist(),
                "secant_slope": secant,
                "max_gap_to_tangent": float(np.nanmax(np.abs(ys - tangent)))
                if np.isfinite(ys).any()
                else None,
            }
        )
    return {"function": name, "x0": x0, "f_x0": fx0, "slope": slope, "windows": windows}


def taylor(
    name: str, a: float, order: int, lo: float = -3.0, hi: float = 3.0, n: int = 121
) -> dict:
    """The Taylor polynomial of ``name`` at ``a`` up to ``order``, beside the function."""
    if not 0 <= order <= 20:
        raise ValueError("order must be between 0 and 20")
    sp, x, expr = _sym(name)
    coeffs = []
    d = expr
    for k in range(order + 1):
        coeffs.append(float(d.subs(x, a)) / math.factorial(k))
        d = sp.diff(d, x)
    xs = np.linspace(lo, hi, n)
    f = sp.lambdify(x, expr, "numpy")
    with np.errstate(all="ignore"):
        ys = np.asarray(f(xs), dtype=float) * np.ones_like(xs)
    poly = sum(c * (xs - a) ** k for k, c in enumerate(coeffs))
    return {
        "function": name,
        "a": a,
        "order": order,
        "coefficients": coeffs,
        "x": xs.tolist(),
        "f": _finite(ys),
        "polynomial": _finite(np.asarray(poly, dtype=float)),
    }


Surface = tuple[
    Callable[[np.ndarray], float],
    Callable[[np.ndarray], np.ndarray],
    tuple[float, float, float, float],
]

SURFACES: dict[str, Surface] = {
    # an elongated bowl: a learning rate above 2/10 = 0.2 diverges along y
    "bowl": (
        lambda p: 0.5 * (p[0] ** 2 + 10 * p[1] ** 2),
        lambda p: np.array([p[0], 10 * p[1]]),
        (-3, 3, -3, 3),
    ),
    "rosenbrock": (
        lambda p: (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2,
        lambda p: np.array(
            [-2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] ** 2), 200 * (p[1] - p[0] ** 2)]
        ),
        (-2, 2, -1, 3),
    ),
    "saddle": (
        lambda p: p[0] ** 2 - p[1] ** 2 + 0.1 * p[1] ** 4,
        lambda p: np.array([2 * p[0], -2 * p[1] + 0.4 * p[1] ** 3]),
        (-3, 3, -3, 3),
    ),
}


def gradient_descent(
    surface: str,
    start: tuple[float, float],
    lr: float,
    momentum: float = 0.0,
    steps: int = 50,
    grid: int = 41,
) -> dict:
    """Heavy-ball descent: v <- momentum * v - lr * grad f(p); p <- p + v. Stops on divergence."""
    if surface not in SURFACES:
        raise ValueError(f"unknown surface {surface!r}; choose one of {', '.join(SURFACES)}")
    if not (0 < lr < 10) or not (0 <= momentum < 1) or not (1 <= steps <= 1000):
        raise ValueError("need 0 < lr < 10, 0 <= momentum < 1 and 1 <= steps <= 1000")
    f, g, (x0, x1, y0, y1) = SURFACES[surface]
    p = np.asarray(start, dtype=float)
    v = np.zeros(2)
    path, losses = [p.tolist()], [float(f(p))]
    diverged = False
    for _ in range(steps):
        v = momentum * v - lr * g(p)
        p = p + v
        loss = float(f(p))
        if not np.all(np.isfinite(p)) or not math.isfinite(loss) or abs(loss) > 1e8:
            diverged = True
            break
        path.append(p.tolist())
        losses.append(loss)
    xs, ys = np.linspace(x0, x1, grid), np.linspace(y0, y1, grid)
    z = [[float(f(np.array([xx, yy]))) for xx in xs] for yy in ys]
    return {
        "surface": surface,
        "lr": lr,
        "momentum": momentum,
        "path": path,
        "loss": losses,
        "diverged": diverged,
        "bounds": [x0, x1, y0, y1],
        "grid": {"x": xs.tolist(), "y": ys.tolist(), "z": z},
    }
