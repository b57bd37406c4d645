"""Pure functions that build figures for the widgets.

Each function takes plain numbers and returns a JSON-ready ``dict`` (lists and
floats only), so the web app can send it to the browser, a notebook can draw
it as SVG (``rung.viz.svg``), and tests can check the mathematics directly.
No I/O, no clock; randomness only from a seed argument.
"""

from .calculus import derivative_zoom, gradient_descent, taylor
from .linalg import composition, grid_figure, projection_figure, svd_figure
from .playground import train_playground
from .probability import bayes_areas, clt_figure
from .svg import show, to_svg

__all__ = [
    "bayes_areas",
    "clt_figure",
    "composition",
    "derivative_zoom",
    "gradient_descent",
    "grid_figure",
    "projection_figure",
    "show",
    "svd_figure",
    "taylor",
    "to_svg",
    "train_playground",
]
