"""Grading helpers for lab tests: compare the learner's numbers with a trusted reference.

The reference is usually PyTorch in float64. A failed comparison should read like a
good reviewer's note — *which* output, gradient, shape or element differs, by how
much, and a guess at why when a common slip fits (a flipped sign, a factor of two,
a transpose, an off-by-one)::

    grad of b differs at index (1, 0): yours 0.25, expected -0.25 (sign?)

torch is imported only inside the functions that need it, so that importing this
module (the runner does, to find the helpers) stays cheap.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ATOL = 1e-6
RTOL = 1e-6


class Mismatch(AssertionError):
    """A comparison failed; the message is meant for the learner."""


def _fmt(x: float) -> str:
    if math.isnan(x) or math.isinf(x):
        return str(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.6g}"


def _guess(yours: float, expected: float, atol: float) -> str:
    """A short guess at the slip behind one wrong number, or ''."""
    if math.isnan(yours):
        return " (NaN: a division by zero or log of 0?)"
    if abs(expected) > atol:
        if abs(yours + expected) <= atol + RTOL * abs(expected):
            return " (sign?)"
        ratio = yours / expected
        for r, label in ((2.0, "twice"), (0.5, "half")):
            if abs(ratio - r) < 1e-6:
                return f" ({label} the expected value: a factor of 2?)"
    if abs(abs(yours - expected) - 1) < 1e-9:
        return " (off by one?)"
    if yours == 0 and expected != 0:
        return " (zero: never set or never accumulated?)"
    return ""


def to_numpy(x: Any) -> np.ndarray:
    """A float64 array from a number, nested list, numpy array or torch tensor."""
    if hasattr(x, "detach"):  # a torch tensor, without importing torch here
        x = x.detach().cpu().double().numpy()
    return np.asarray(x, dtype=np.float64)


def assert_close(
    name: str,
    yours: Any,
    expected: Any,
    *,
    atol: float = ATOL,
    rtol: float = RTOL,
) -> None:
    """Raise Mismatch naming ``name`` if ``yours`` and ``expected`` differ.

    Checks, in order: that there is a value at all, the shape, then every element; it
    reports the element with the largest error.
    """
    if yours is None:
        raise Mismatch(f"{name} is None: the function returned nothing (missing return?)")
    try:
        a = to_numpy(yours)
    except (TypeError, ValueError):
        raise Mismatch(f"{name} should be a number or array, got {type(yours).__name__}") from None
    b = to_numpy(expected)
    if a.shape != b.shape:
        hint = ""
        if a.ndim == 2 and a.shape == b.shape[::-1]:
            hint = " (transposed?)"
        elif a.size == b.size:
            hint = " (same number of elements: a reshape or a missing/extra dimension?)"
        raise Mismatch(f"shape of {name}: yours {tuple(a.shape)}, expected {tuple(b.shape)}{hint}")
    if a.ndim == 0:
        ya, eb = float(a), float(b)
        if not _close(ya, eb, atol, rtol):
            raise Mismatch(
                f"{name} differs: yours {_fmt(ya)}, expected {_fmt(eb)}{_guess(ya, eb, atol)}"
            )
        return
    err = np.abs(a - b)
    err = np.where(np.isnan(a) != np.isnan(b), np.inf, np.nan_to_num(err, nan=0.0))
    tol = atol + rtol * np.abs(b)
    bad = err > tol
    if not bad.any():
        return
    idx = np.unravel_index(int(np.argmax(np.where(bad, err, -1.0))), a.shape)
    ya, eb = float(a[idx]), float(b[idx])
    hint = _guess(ya, eb, atol)
    if a.ndim == 2 and a.shape[0] == a.shape[1] and np.allclose(a.T, b, atol=atol, rtol=rtol):
        hint = " (transposed?)"
    count = int(bad.sum())
    more = f"; {count} of {a.size} elements differ" if count > 1 else ""
    raise Mismatch(
        f"{name} differs at index {tuple(int(i) for i in idx)}: yours {_fmt(ya)}, "
        f"expected {_fmt(eb)}{hint}{more}"
    )


def _close(a: float, b: float, atol: float, rtol: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= atol + rtol * abs(b)


def assert_grads_close(
    yours: dict[str, Any], expected: dict[str, Any], *, atol: float = ATOL, rtol: float = RTOL
) -> None:
    """Compare several named gradients: ``{"a": 0.5, "W": tensor}``, each "grad of NAME"."""
    for key in expected:
        assert_close(f"grad of {key}", yours.get(key), expected[key], atol=atol, rtol=rtol)


def max_abs_error(yours: Sequence[float] | Any, expected: Sequence[float] | Any) -> float:
    a, b = to_numpy(yours), to_numpy(expected)
    return float(np.max(np.abs(a - b))) if a.size else 0.0


def torch_generator(seed: int):  # type: ignore[no-untyped-def]
    """A CPU torch.Generator seeded with ``seed`` (torch imported here, not at load)."""
    import torch

    return torch.Generator().manual_seed(seed)


def lab_data(name: str) -> Path:
    """The path of a dataset inside a check, or, run by hand, from the registry.

    The runner resolves datasets before the sandbox starts (the sandbox has no network)
    and passes ``RUNG_LAB_DATA_<NAME>``; when a dataset was missing it passes the reason
    instead, which becomes the test's failure message.
    """
    key = "RUNG_LAB_DATA_" + name.upper().replace("-", "_")
    if os.environ.get(key):
        return Path(os.environ[key])
    if os.environ.get(key + "_ERROR"):
        raise Mismatch(os.environ[key + "_ERROR"])
    from rung import data

    try:
        return data.path(name)
    except (data.DatasetUnavailable, data.ChecksumError) as exc:
        raise Mismatch(str(exc)) from None
