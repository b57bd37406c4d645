"""Pure functions that build figures for the widgets.

Each function takes plain numbers and returns a JSON-ready ``dict`` (lists and
floats only), so the web app can send it to the browser, a notebook can draw
it as SVG (``rung.viz.svg``), and tests can check the mathematics directly.
No I/O, no clock; randomness only from a seed argument.

Names are imported on first use (PEP 562), so importing ``rung.viz`` or one of
its small modules does not pull NumPy into the web app's start-up.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "derivative_zoom": "calculus",
    "gradient_descent": "calculus",
    "taylor": "calculus",
    "composition": "linalg",
    "grid_figure": "linalg",
    "projection_figure": "linalg",
    "svd_figure": "linalg",
    "train_playground": "playground",
    "bayes_areas": "probability",
    "clt_figure": "probability",
    "show": "svg",
    "to_svg": "svg",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'rung.viz' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
