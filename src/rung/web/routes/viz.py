"""The widgets' JSON API: ``GET /api/viz/{widget}?params`` returns the widget's figure.

Every number a widget shows comes from here, that is from the tested pure
functions in ``rung.viz``, so what the learner reads agrees with the checks.
Parameters are read from the query string by hand (not by FastAPI's
validation, whose errors the app turns into HTML pages): numbers outside their
range are clamped and listed in ``clamped``; anything unreadable, an unknown
choice or an unknown parameter is a 422 with a message that says what to send.
The handlers are plain functions, so FastAPI runs them in its thread pool and
a slow figure (training the playground, the first attention call loading
torch) never blocks other requests.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from rung.viz.svg import exact_text

router = APIRouter()

MAX_TEXT = 300  # characters of learner text a transformer widget accepts


class BadParam(ValueError):
    """A parameter that cannot be read; its message is shown to the learner."""


@dataclass
class Params:
    """The query string, read one parameter at a time; remembers what it clamped."""

    raw: Mapping[str, str]
    clamped: dict[str, Any] = field(default_factory=dict)
    used: dict[str, Any] = field(default_factory=dict)

    def _get(self, name: str, default: str | None) -> str:
        value = self.raw.get(name)
        if value is None or value.strip() == "":
            if default is None:
                raise BadParam(f"missing parameter {name!r}")
            return default
        return value.strip()

    def _clamp(self, name: str, x: Any, lo: Any, hi: Any) -> Any:
        y = min(max(x, lo), hi)
        if y != x:
            self.clamped[name] = y
        self.used[name] = y
        return y

    def number(self, name: str, default: float | None, lo: float, hi: float) -> float:
        text = self._get(name, None if default is None else repr(default))
        try:
            x = float(text)
        except ValueError:
            raise BadParam(f"{name} must be a number, not {text!r}") from None
        if not math.isfinite(x):
            raise BadParam(f"{name} must be a finite number")
        return float(self._clamp(name, x, lo, hi))

    def integer(self, name: str, default: int | None, lo: int, hi: int) -> int:
        text = self._get(name, None if default is None else str(default))
        try:
            x = int(text)
        except ValueError:
            raise BadParam(f"{name} must be a whole number, not {text!r}") from None
        return int(self._clamp(name, x, lo, hi))

    def choice(self, name: str, default: str, options: tuple[str, ...] | list[str]) -> str:
        text = self._get(name, default)
        if text not in options:
            raise BadParam(f"{name} must be one of {', '.join(options)}; got {text!r}")
        self.used[name] = text
        return text

    def exact_list(
        self, name: str, default: str, n: int, lo: float = -10, hi: float = 10
    ) -> list[Fraction]:
        """``n`` comma-separated numbers, read exactly (so 0.1 stays 1/10)."""
        text = self._get(name, default)
        parts = [p.strip() for p in text.split(",")]
        if len(parts) != n:
            raise BadParam(f"{name} needs {n} numbers separated by commas, got {len(parts)}")
        out = []
        for p in parts:
            try:
                x = Fraction(p)
            except (ValueError, ZeroDivisionError):
                raise BadParam(f"{name}: {p!r} is not a number") from None
            y = min(max(x, Fraction(lo)), Fraction(hi))
            if y != x:
                self.clamped[name] = True
            out.append(y)
        self.used[name] = ",".join(exact_text(x) for x in out)
        return out

    def text(self, name: str, default: str, limit: int = MAX_TEXT) -> str:
        value = self.raw.get(name)
        if value is None:
            value = default
        if len(value) > limit:
            self.clamped[name] = limit
            value = value[:limit]
        self.used[name] = value
        return value


def _matrix(p: Params, name: str, default: str) -> tuple[list[list[float]], Fraction]:
    a, b, c, d = p.exact_list(name, default, 4)
    return [[float(a), float(b)], [float(c), float(d)]], a * d - b * c


def _with_det(fig: dict, det: Fraction) -> dict:
    """The determinant as the determinant checks would accept it, beside the float."""
    fig["det_text"] = exact_text(det)
    fig["det_exact"] = [det.numerator, det.denominator]
    return fig


# ---------------------------------------------------------------------- one builder per widget


def grid(p: Params) -> dict:
    m, det = _matrix(p, "m", "1,1,0,1")
    from rung.viz import grid_figure

    return _with_det(grid_figure(m, extent=p.integer("extent", 4, 1, 6)), det)


def eigen(p: Params) -> dict:
    return grid(p)


def composition(p: Params) -> dict:
    a, det_a = _matrix(p, "a", "0,-1,1,0")
    b, det_b = _matrix(p, "b", "1,1,0,1")
    from rung.viz import composition as figure

    fig = figure(a, b)
    _with_det(fig["A"], det_a)
    _with_det(fig["B"], det_b)
    fig["det_text"] = exact_text(det_a * det_b)
    return fig


def svd(p: Params) -> dict:
    m, det = _matrix(p, "m", "3,0,4,5")
    from rung.viz import svd_figure

    return _with_det(svd_figure(m, n=p.integer("n", 64, 8, 128)), det)


def projection(p: Params) -> dict:
    v = [float(x) for x in p.exact_list("v", "3,1", 2)]
    u = [float(x) for x in p.exact_list("u", "2,2", 2)]
    from rung.viz import projection_figure

    if u == [0.0, 0.0]:
        raise BadParam("u must not be the zero vector: there is no line to project onto")
    return projection_figure(v, u)


def derivative(p: Params) -> dict:
    from rung.viz.calculus import FUNCTIONS, derivative_zoom

    name = p.choice("f", "sin(x)", list(FUNCTIONS))
    x0 = p.number("x0", 0.5, -3, 3)
    return _defined(lambda: derivative_zoom(name, x0), name, "x0", x0)


def taylor(p: Params) -> dict:
    from rung.viz.calculus import FUNCTIONS
    from rung.viz.calculus import taylor as figure

    name = p.choice("f", "sin(x)", list(FUNCTIONS))
    a = p.number("a", 0.0, -2, 2)
    order = p.integer("order", 3, 0, 12)
    return _defined(lambda: figure(name, a, order), name, "a", a)


def _defined(build: Callable[[], dict], name: str, where: str, x: float) -> dict:
    try:
        fig = build()
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        raise BadParam(f"{name} has no derivative at {where} = {x:g}; pick another point") from None
    if not all(math.isfinite(v) for v in _scalars(fig)):
        raise BadParam(f"{name} is not defined at {where} = {x:g}; pick another point")
    return fig


def _scalars(fig: dict) -> list[float]:
    keys = ("f_x0", "slope", "coefficients")
    out: list[float] = []
    for k in keys:
        v = fig.get(k)
        if isinstance(v, list):
            out += [float(c) for c in v]
        elif v is not None:
            out.append(float(v))
    return out


def descent(p: Params) -> dict:
    from rung.viz.calculus import SURFACES, gradient_descent

    surface = p.choice("surface", "bowl", list(SURFACES))
    x0, x1, y0, y1 = SURFACES[surface][2]
    start = (
        p.number("x", round(x0 + 0.8 * (x1 - x0), 2), x0, x1),
        p.number("y", round(y1 - 0.15 * (y1 - y0), 2), y0, y1),
    )
    return gradient_descent(
        surface,
        start,
        lr=p.number("lr", 0.1, 1e-4, 2.0),
        momentum=p.number("momentum", 0.0, 0.0, 0.99),
        steps=p.integer("steps", 60, 1, 500),
    )


def clt(p: Params) -> dict:
    from rung.viz.probability import DISTRIBUTIONS, clt_figure

    return clt_figure(
        p.choice("dist", "exponential", list(DISTRIBUTIONS)),
        p.integer("n", 5, 1, 200),
        samples=p.integer("samples", 2000, 100, 20_000),
        bins=p.integer("bins", 30, 10, 60),
        seed=p.integer("seed", 0, 0, 2**31 - 1),
    )


def bayes(p: Params) -> dict:
    from rung.viz import bayes_areas

    return bayes_areas(
        p.number("prior", 0.01, 0, 1), p.number("tp", 0.9, 0, 1), p.number("fp", 0.05, 0, 1)
    )


def playground(p: Params) -> dict:
    from rung.viz.playground import ACTIVATIONS, DATASETS, train_playground

    return train_playground(
        p.choice("dataset", "moons", DATASETS),
        width=p.integer("width", 8, 1, 16),
        depth=p.integer("depth", 2, 1, 4),
        activation=p.choice("activation", "tanh", ACTIVATIONS),
        lr=p.number("lr", 0.5, 0.001, 3.0),
        steps=p.integer("steps", 100, 0, 1000),
        seed=p.integer("seed", 0, 0, 10_000),
        grid=p.integer("grid", 40, 10, 60),
    )


def attention(p: Params) -> dict:
    from rung.viz.transformer import attention_for_text, attention_model

    text = p.text("text", "To be, or not to be, that is the question.")
    model = attention_model(
        prefer_learner=p.choice("model", "auto", ("auto", "reference")) == "auto"
    )
    try:
        return attention_for_text(text, model)
    except ValueError as exc:
        raise BadParam(str(exc)) from None


def bpe(p: Params) -> dict:
    from rung.viz.transformer import bpe_figure, reference_merges

    text = p.text("text", "First Citizen: Before we proceed any further, hear me speak.")
    if not text:
        raise BadParam("text must not be empty")
    return bpe_figure(text, reference_merges())


@dataclass(frozen=True)
class Spec:
    build: Callable[[Params], dict]
    params: tuple[str, ...]


WIDGETS: dict[str, Spec] = {
    "grid": Spec(grid, ("m", "extent")),
    "eigen": Spec(eigen, ("m", "extent")),
    "composition": Spec(composition, ("a", "b")),
    "svd": Spec(svd, ("m", "n")),
    "projection": Spec(projection, ("v", "u")),
    "derivative": Spec(derivative, ("f", "x0")),
    "taylor": Spec(taylor, ("f", "a", "order")),
    "descent": Spec(descent, ("surface", "x", "y", "lr", "momentum", "steps")),
    "clt": Spec(clt, ("dist", "n", "samples", "bins", "seed")),
    "bayes": Spec(bayes, ("prior", "tp", "fp")),
    "playground": Spec(
        playground, ("dataset", "width", "depth", "activation", "lr", "steps", "seed", "grid")
    ),
    "attention": Spec(attention, ("text", "model")),
    "bpe": Spec(bpe, ("text",)),
}


def build_figure(widget: str, query: Mapping[str, str]) -> dict:
    """The API's answer for ``widget`` as a dict (also used by the benchmark).

    Raises ``KeyError`` for an unknown widget and ``BadParam`` for bad parameters.
    """
    spec = WIDGETS[widget]
    unknown = sorted(set(query) - set(spec.params))
    if unknown:
        raise BadParam(
            f"unknown parameter {', '.join(map(repr, unknown))} for {widget}; "
            f"it takes {', '.join(spec.params)}"
        )
    params = Params(query)
    figure = spec.build(params)
    return {"widget": widget, "params": params.used, "clamped": params.clamped, "figure": figure}


def _json(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, allow_nan=False, separators=(",", ":"))
    return Response(
        body,
        status_code=status,
        media_type="application/json",
        headers={"cache-control": "no-store"},
    )


@router.get("/api/viz/{widget}")
def viz_api(request: Request, widget: str) -> Response:
    if widget not in WIDGETS:
        return _json(
            {"error": f"no widget {widget!r}; there are {', '.join(sorted(WIDGETS))}"}, 404
        )
    query = dict(request.query_params)
    try:
        return _json(build_figure(widget, query))
    except BadParam as exc:
        return _json({"error": str(exc), "widget": widget}, 422)
    except ValueError as exc:  # a figure function refused the (clamped) input
        if "Out of range float values" in str(exc):
            return _json({"error": "the numbers grew too large to show", "widget": widget}, 422)
        return _json({"error": str(exc), "widget": widget}, 422)
