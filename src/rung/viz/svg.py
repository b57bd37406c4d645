"""Static SVG for the widgets: the same figures, drawn without a browser.

``to_svg(widget_id, figure)`` turns a figure dict (from the functions in
``rung.viz``, the same the web API serves) into a self-contained SVG string;
``show(widget_id, **params)`` builds the figure and returns an object that
Jupyter displays (``_repr_svg_`` / ``_repr_html_``), so a notebook shows what
the lesson page shows, frozen where the page would be interactive.

Plain string building with escaping; no plotting library, no I/O.
"""

from __future__ import annotations

import hashlib
import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

Point = Sequence[float]

COLOURS = {
    "grid": "#b9bec6",
    "axis": "#6b7280",
    "i": "#1f8a4c",
    "j": "#c2410c",
    "square": "#2f5d62",
    "flip": "#c2410c",
    "col": "#7c3aed",
    "null": "#be185d",
    "curve": "#2563eb",
    "accent": "#c2410c",
    "text": "#1f2328",
}


def exact_text(x: Fraction) -> str:
    """An exact number as rung's checks accept it: ``-2`` for a whole number, a
    terminating decimal (``0.75``) when there is one, else ``p/q``."""
    x = Fraction(x)
    if x.denominator == 1:
        return str(x.numerator)
    d, twos, fives = x.denominator, 0, 0
    while d % 2 == 0:
        d, twos = d // 2, twos + 1
    while d % 5 == 0:
        d, fives = d // 5, fives + 1
    if d != 1:
        return f"{x.numerator}/{x.denominator}"
    places = max(twos, fives)
    scaled = abs(x.numerator) * 10**places // x.denominator
    digits = str(scaled).rjust(places + 1, "0")
    body = f"{digits[:-places]}.{digits[-places:]}".rstrip("0").rstrip(".")
    return ("-" if x < 0 else "") + body


def det_text(matrix: Sequence[Sequence[float | str | Fraction]]) -> str:
    """The determinant of a 2x2 matrix, exactly, from its entries read as decimals
    (``0.1`` is one tenth, not the nearest binary float)."""
    (a, b), (c, d) = [[Fraction(str(x)) for x in row] for row in matrix]
    return exact_text(a * d - b * c)


def _num(x: float, digits: int = 3) -> str:
    text = f"{x:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace("-", "\u2212")


class Canvas:
    """An SVG in data coordinates: ``x`` and ``y`` ranges map onto ``width`` x ``height``."""

    def __init__(
        self,
        width: int = 360,
        height: int = 360,
        x: tuple[float, float] = (-4.5, 4.5),
        y: tuple[float, float] = (-4.5, 4.5),
        pad: int = 6,
    ) -> None:
        self.w, self.h, self.pad = width, height, pad
        self.x, self.y = x, y
        self.parts: list[str] = []

    def X(self, v: float) -> float:
        return self.pad + (v - self.x[0]) / (self.x[1] - self.x[0]) * (self.w - 2 * self.pad)

    def Y(self, v: float) -> float:
        return (
            self.h - self.pad - (v - self.y[0]) / (self.y[1] - self.y[0]) * (self.h - 2 * self.pad)
        )

    def _pts(self, points: Sequence[Point]) -> str:
        return " ".join(f"{self.X(p[0]):.2f},{self.Y(p[1]):.2f}" for p in points)

    def line(
        self, a: Point, b: Point, cls: str, colour: str, width: float = 1, dash: str = ""
    ) -> None:
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(
            f'<line class="{cls}" x1="{self.X(a[0]):.2f}" y1="{self.Y(a[1]):.2f}" '
            f'x2="{self.X(b[0]):.2f}" y2="{self.Y(b[1]):.2f}" stroke="{colour}" '
            f'stroke-width="{width}"{extra}/>'
        )

    def polygon(self, points: Sequence[Point], cls: str, fill: str, stroke: str = "none") -> None:
        self.parts.append(
            f'<polygon class="{cls}" points="{self._pts(points)}" fill="{fill}" stroke="{stroke}"/>'
        )

    def polyline(self, points: Sequence[Point], cls: str, colour: str, width: float = 2) -> None:
        if len(points) > 1:
            self.parts.append(
                f'<polyline class="{cls}" points="{self._pts(points)}" fill="none" '
                f'stroke="{colour}" stroke-width="{width}"/>'
            )

    def curve(self, xs: Sequence[float], ys: Sequence[float | None], cls: str, colour: str) -> None:
        """A polyline with gaps where the function is undefined or far out of view."""
        span = self.y[1] - self.y[0]
        run: list[Point] = []
        for x, y in zip(xs, ys, strict=True):
            if y is None or not self.y[0] - 2 * span <= y <= self.y[1] + 2 * span:
                self.polyline(run, cls, colour)
                run = []
            else:
                run.append((x, y))
        self.polyline(run, cls, colour)

    def arrow(self, a: Point, b: Point, cls: str, colour: str) -> None:
        x1, y1, x2, y2 = self.X(a[0]), self.Y(a[1]), self.X(b[0]), self.Y(b[1])
        n = math.hypot(x2 - x1, y2 - y1)
        self.parts.append(
            f'<g class="arrow {cls}"><line x1="{x1:.2f}" y1="{y1:.2f}" x2="{x2:.2f}" y2="{y2:.2f}" '
            f'stroke="{colour}" stroke-width="3" stroke-linecap="round"/>'
        )
        if n > 4:
            ux, uy, k = (x2 - x1) / n, (y2 - y1) / n, min(10.0, n / 2)
            head = [
                (x2, y2),
                (x2 - k * ux + 0.45 * k * uy, y2 - k * uy - 0.45 * k * ux),
                (x2 - k * ux - 0.45 * k * uy, y2 - k * uy + 0.45 * k * ux),
            ]
            pts = " ".join(f"{px:.2f},{py:.2f}" for px, py in head)
            self.parts.append(f'<polygon points="{pts}" fill="{colour}"/>')
        self.parts.append("</g>")

    def rect(self, x0: float, y0: float, x1: float, y1: float, cls: str, fill: str) -> None:
        left, right = sorted((self.X(x0), self.X(x1)))
        top, bottom = sorted((self.Y(y0), self.Y(y1)))
        self.parts.append(
            f'<rect class="{cls}" x="{left:.2f}" y="{top:.2f}" width="{right - left + 0.3:.2f}" '
            f'height="{bottom - top + 0.3:.2f}" fill="{fill}"/>'
        )

    def text(self, p: Point, s: str, cls: str = "label", dx: float = 0, dy: float = 0) -> None:
        self.parts.append(
            f'<text class="{cls}" x="{self.X(p[0]) + dx:.2f}" y="{self.Y(p[1]) + dy:.2f}" '
            f'font-family="sans-serif" font-size="12" fill="{COLOURS["text"]}">{html.escape(s)}</text>'
        )

    def axes(self) -> None:
        if self.y[0] <= 0 <= self.y[1]:
            self.line((self.x[0], 0), (self.x[1], 0), "axis", COLOURS["axis"], 1.2)
        if self.x[0] <= 0 <= self.x[1]:
            self.line((0, self.y[0]), (0, self.y[1]), "axis", COLOURS["axis"], 1.2)

    def body(self) -> str:
        """The drawn parts, clipped to the plot's frame (lines reach past it)."""
        inner = "".join(self.parts)
        cid = "rung-clip-" + hashlib.sha1(inner.encode()).hexdigest()[:10]  # stable, unique enough
        return (
            f'<defs><clipPath id="{cid}"><rect x="0" y="0" width="{self.w}" height="{self.h}"/>'
            f'</clipPath></defs><g clip-path="url(#{cid})">' + inner + "</g>"
        )

    def render(self, title: str, caption: Sequence[str] = ()) -> str:
        lines = len(caption)
        total = self.h + 18 * lines + (6 if lines else 0)
        cap = "".join(
            f'<text class="caption" x="{self.pad}" y="{self.h + 16 + 18 * k}" font-family="sans-serif" '
            f'font-size="13" fill="{COLOURS["text"]}">{html.escape(c)}</text>'
            for k, c in enumerate(caption)
        )
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.w}" height="{total}" '
            f'viewBox="0 0 {self.w} {total}" role="img" aria-label="{html.escape(title)}">'
            f"<title>{html.escape(title)}</title>"
            f'<rect x="0" y="0" width="{self.w}" height="{self.h}" fill="#fbfaf7" stroke="#dcd8cf"/>'
            + self.body()
            + cap
            + "</svg>"
        )


# ---------------------------------------------------------------------- one drawer per widget


def _grid_on(c: Canvas, fig: dict, label: bool = True) -> None:
    for a, b in fig["grid"]:
        c.line(a, b, "gridline", COLOURS["grid"])
    c.axes()
    orient = fig["orientation"]
    fill = {"preserved": "rgba(47,93,98,0.22)", "flipped": "rgba(194,65,12,0.22)"}.get(
        orient, "none"
    )
    stroke = {"preserved": COLOURS["square"], "flipped": COLOURS["flip"]}.get(
        orient, COLOURS["col"]
    )
    c.polygon(fig["unit_square"], f"unitsq {orient}", fill, stroke)
    for key, colour, dash in (
        ("column_space", COLOURS["col"], ""),
        ("null_space", COLOURS["null"], "8 5"),
    ):
        sub = fig[key]
        if sub["kind"] == "line":
            d = sub["direction"]
            c.line(
                (-40 * d[0], -40 * d[1]),
                (40 * d[0], 40 * d[1]),
                key.replace("_", ""),
                colour,
                3,
                dash,
            )
    c.arrow((0, 0), fig["basis"]["i"], "vec-i", COLOURS["i"])
    c.arrow((0, 0), fig["basis"]["j"], "vec-j", COLOURS["j"])
    if label:
        sq = fig["unit_square"]
        centre = ((sq[0][0] + sq[2][0]) / 2, (sq[0][1] + sq[2][1]) / 2)
        c.text(centre, f"det {_det_label(fig)}", "det-label", -14, 4)


def _det_label(fig: dict) -> str:
    text = fig.get("det_text") or det_text(fig["matrix"])
    return text.replace("-", "\u2212")


def _grid(fig: dict) -> str:
    c = Canvas()
    _grid_on(c, fig)
    words = {"preserved": "orientation preserved", "flipped": "orientation flipped"}
    caption = [
        f"det = {_det_label(fig)}; {words.get(fig['orientation'], 'collapsed onto a line or point')}; rank {fig['rank']}"
    ]
    return c.render("grid transformed by a matrix", caption)


def _eigen(fig: dict) -> str:
    c = Canvas()
    _grid_on(c, fig, label=False)
    parts = []
    for k, e in enumerate(fig["eigen"]):
        d = e["vector"]
        colour = COLOURS["i"] if k == 0 else COLOURS["j"]
        c.line((-40 * d[0], -40 * d[1]), (40 * d[0], 40 * d[1]), "eigenline", colour, 2, "7 5")
        lam = e["value"]
        c.arrow((0, 0), (2 * lam * d[0], 2 * lam * d[1]), "vec-eig", colour)
        parts.append(f"\u03bb{k + 1} = {_num(lam)} along ({_num(d[0])}, {_num(d[1])})")
    return c.render("eigen-directions", parts or ["no real eigen-directions"])


def _composition(fig: dict) -> str:
    left, right = Canvas(300, 300), Canvas(300, 300)
    _grid_on(left, fig["AB"], label=False)
    _grid_on(right, fig["BA"], label=False)
    verdict = "AB = BA: they commute" if fig["commute"] else "AB \u2260 BA: they do not commute"
    frame = '<rect x="0" y="0" width="300" height="300" fill="#fbfaf7" stroke="#dcd8cf"/>'
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="610" height="330" viewBox="0 0 610 330" '
        'role="img" aria-label="AB against BA"><title>AB against BA</title>'
        f'<g class="AB">{frame}{left.body()}</g>'
        f'<g class="BA" transform="translate(310,0)">{frame}{right.body()}</g>'
        f'<text x="6" y="320" font-family="sans-serif" font-size="13">AB (left), BA (right). '
        f"{html.escape(verdict)}</text></svg>"
    )


def _svd(fig: dict, stage: int = 3) -> str:
    r = max(1.5, *fig["S"]) * 1.25
    c = Canvas(x=(-r, r), y=(-r, r))
    c.axes()
    if stage > 0:
        c.polyline(
            [*fig["stages"][stage - 1], fig["stages"][stage - 1][0]],
            "stage-prev",
            COLOURS["axis"],
            1,
        )
    c.polygon(fig["stages"][stage], "stage-now", "rgba(47,93,98,0.22)", COLOURS["square"])
    c.arrow((0, 0), fig["stages"][stage][0], "vec-i", COLOURS["i"])
    s1, s2 = fig["S"]
    return c.render(
        "SVD stages",
        [f"{fig['labels'][stage]}; \u03c3 = {_num(s1)}, {_num(s2)}"],
    )


def _projection(fig: dict) -> str:
    c = Canvas()
    c.axes()
    u = fig["u"]
    n = math.hypot(*u)
    d = (u[0] / n, u[1] / n)
    c.line((-20 * d[0], -20 * d[1]), (20 * d[0], 20 * d[1]), "spanline", COLOURS["axis"], 1, "3 4")
    c.line(fig["proj"], fig["v"], "residual", COLOURS["null"], 2, "5 4")
    c.arrow((0, 0), fig["proj"], "vec-proj", COLOURS["col"])
    c.arrow((0, 0), u, "vec-u", COLOURS["j"])
    c.arrow((0, 0), fig["v"], "vec-v", COLOURS["i"])
    angle = "undefined" if fig["angle_deg"] is None else f"{_num(fig['angle_deg'], 1)}\u00b0"
    return c.render(
        "projection of v onto u",
        [
            f"v\u00b7u = {_num(fig['dot'])}; proj = ({_num(fig['proj'][0])}, {_num(fig['proj'][1])}); angle {angle}"
        ],
    )


def _derivative(fig: dict, zoom: int = 0) -> str:
    w = fig["windows"][zoom]
    h = w["half_width"]
    c = Canvas(
        420, 300, (fig["x0"] - h, fig["x0"] + h), (fig["f_x0"] - 0.75 * h, fig["f_x0"] + 0.75 * h)
    )
    c.curve(w["x"], w["tangent"], "tangent", COLOURS["accent"])
    c.curve(w["x"], w["y"], "fcurve", COLOURS["curve"])
    return c.render(
        f"{fig['function']} near x0 = {fig['x0']}",
        [
            f"f'({_num(fig['x0'])}) = {_num(fig['slope'], 4)}; secant slope over \u00b1{_num(h)}: {_num(w['secant_slope'], 4)}"
        ],
    )


def _taylor(fig: dict) -> str:
    c = Canvas(420, 300, (-3, 3), (-3, 3))
    c.axes()
    c.curve(fig["x"], fig["f"], "fcurve", COLOURS["curve"])
    c.curve(fig["x"], fig["polynomial"], "poly", COLOURS["accent"])
    return c.render(
        "Taylor polynomial",
        [
            f"{fig['function']} (blue) and its order-{fig['order']} Taylor polynomial at a = {_num(fig['a'])} (orange)"
        ],
    )


def _descent(fig: dict) -> str:
    x0, x1, y0, y1 = fig["bounds"]
    c = Canvas(360, 360, (x0, x1), (y0, y1))
    xs, ys, z = fig["grid"]["x"], fig["grid"]["y"], fig["grid"]["z"]
    lo = min(min(row) for row in z)
    hi = max(max(row) for row in z)
    top = math.log1p(hi - lo) or 1.0
    dx, dy = (xs[1] - xs[0]) / 2, (ys[1] - ys[0]) / 2
    for j, row in enumerate(z):
        for i, v in enumerate(row):
            t = math.log1p(v - lo) / top
            c.rect(
                xs[i] - dx,
                ys[j] - dy,
                xs[i] + dx,
                ys[j] + dy,
                "heat",
                f"hsl({220 - 190 * t:.0f},70%,{88 - 38 * t:.0f}%)",
            )
    c.polyline(fig["path"], "path", COLOURS["text"], 1.8)
    verdict = "diverged" if fig["diverged"] else f"loss {_num(fig['loss'][-1], 5)}"
    return c.render(
        f"gradient descent on the {fig['surface']}",
        [f"lr {fig['lr']}, momentum {fig['momentum']}: {len(fig['path']) - 1} steps, {verdict}"],
    )


def _clt(fig: dict) -> str:
    e = fig["edges"]
    top = max(*fig["density"], *fig["normal"]) * 1.1
    c = Canvas(420, 280, (e[0], e[-1]), (0, top))
    for k, dens in enumerate(fig["density"]):
        c.rect(e[k], 0, e[k + 1], dens, "bar", "rgba(37,99,235,0.35)")
    mids = [(a + b) / 2 for a, b in zip(e, e[1:], strict=False)]
    c.curve(mids, fig["normal"], "normal", COLOURS["accent"])
    return c.render(
        "central limit theorem",
        [
            f"means of {fig['n']} draws ({fig['distribution']}); sd {_num(fig['sample_sd'])} vs \u03c3/\u221an = {_num(fig['sd'])}"
        ],
    )


def _bayes(fig: dict) -> str:
    c = Canvas(300, 300, (-0.02, 1.02), (-0.02, 1.02))
    c.polygon([(0, 0), (1, 0), (1, 1), (0, 1)], "square", "none", COLOURS["axis"])
    for rect, colour in zip(
        fig["rects"], ("rgba(31,138,76,0.55)", "rgba(194,65,12,0.45)"), strict=True
    ):
        c.rect(
            rect["x"], rect["y"], rect["x"] + rect["w"], rect["y"] + rect["h"], "evidence", colour
        )
    post = "undefined" if fig["posterior"] is None else _num(fig["posterior"], 4)
    return c.render(
        "Bayes' rule as areas", [f"P(E) = {_num(fig['evidence'], 4)}; P(H | E) = {post}"]
    )


def _playground(fig: dict) -> str:
    gx, gy = fig["grid"]["x"], fig["grid"]["y"]
    c = Canvas(340, 340, (gx[0], gx[-1]), (gy[0], gy[-1]))
    dx, dy = (gx[1] - gx[0]) / 2, (gy[1] - gy[0]) / 2
    for j, row in enumerate(fig["grid"]["p"]):
        for i, p in enumerate(row):
            colour = (
                f"hsla(28,85%,55%,{(p - 0.5) * 1.3:.2f})"
                if p > 0.5
                else f"hsla(205,75%,50%,{(0.5 - p) * 1.3:.2f})"
            )
            c.rect(gx[i] - dx, gy[j] - dy, gx[i] + dx, gy[j] + dy, "heat", colour)
    for (x, y), label in zip(fig["points"], fig["labels"], strict=True):
        colour = "hsl(28,85%,48%)" if label else "hsl(205,75%,42%)"
        c.parts.append(
            f'<circle class="point" cx="{c.X(x):.2f}" cy="{c.Y(y):.2f}" r="3" fill="{colour}"/>'
        )
    return c.render(
        "MLP decision boundary",
        [
            f"{fig['dataset']}, {fig['depth']}x{fig['width']} {fig['activation']}: {fig['steps']} steps, loss {_num(fig['loss'][-1], 4)}, accuracy {_num(100 * fig['accuracy'], 1)}%"
        ],
    )


def _attention(fig: dict, layer: int = 0, head: int = 0) -> str:
    w = fig["layers"][layer]["heads"][head]
    toks = fig["tokens"]
    t, cell, m = len(toks), 14, 18
    size = m + t * cell + 2
    parts = []
    for i, tok in enumerate(toks):
        show = html.escape({" ": "\u2423", "\n": "\u23ce"}.get(tok, tok))
        parts.append(
            f'<text x="{m - 4}" y="{m + i * cell + 10.5}" text-anchor="end" font-size="10" font-family="monospace">{show}</text>'
        )
        parts.append(
            f'<text x="{m + i * cell + 7}" y="{m - 5}" text-anchor="middle" font-size="10" font-family="monospace">{show}</text>'
        )
        for j in range(i + 1):
            parts.append(
                f'<rect class="cell" x="{m + j * cell}" y="{m + i * cell}" width="{cell - 1}" height="{cell - 1}" '
                f'fill="#2f5d62" fill-opacity="{max(0.04, math.sqrt(w[i][j])):.3f}"/>'
            )
    cap = f"layer {layer + 1}, head {head + 1} of {fig['model'].get('name', 'model')}"
    width = max(size, 6 * len(cap) + 8)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{size + 20}" '
        f'viewBox="0 0 {width} {size + 20}" role="img" aria-label="attention weights">'
        + "".join(parts)
        + f'<text x="2" y="{size + 14}" font-size="11" font-family="sans-serif">{html.escape(cap)}</text></svg>'
    )


def _bpe(fig: dict, step: int | None = None) -> str:
    k = len(fig["steps"]) - 1 if step is None else max(0, min(step, len(fig["steps"]) - 1))
    ids = fig["steps"][k]["ids"]
    x, y, row_h, width = 6.0, 22.0, 26.0, 640.0
    parts = []
    for tid in ids:
        text = fig["vocab"][str(tid)]["text"].replace(" ", "\u00b7").replace("\n", "\u23ce")
        w = 8.4 * len(text) + 6
        if x + w > width - 6:
            x, y = 6.0, y + row_h
        hue = round((tid * 137.508) % 360)
        parts.append(
            f'<g class="token"><rect x="{x:.1f}" y="{y - 15:.1f}" width="{w:.1f}" height="20" rx="4" '
            f'fill="hsla({hue},70%,60%,0.28)" stroke="hsla({hue},60%,45%,0.55)"/>'
            f'<text x="{x + 3:.1f}" y="{y:.1f}" font-family="monospace" font-size="14">{html.escape(text)}</text></g>'
        )
        x += w + 3
    height = y + 30
    cap = f"step {k} of {len(fig['steps']) - 1}: {len(ids)} tokens for {fig['n_bytes']} bytes"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="BPE tokens">'
        + "".join(parts)
        + f'<text x="6" y="{height - 6:.0f}" font-family="sans-serif" font-size="12">{html.escape(cap)}</text></svg>'
    )


DRAWERS: dict[str, Callable[..., str]] = {
    "grid": _grid,
    "eigen": _eigen,
    "composition": _composition,
    "svd": _svd,
    "projection": _projection,
    "derivative": _derivative,
    "taylor": _taylor,
    "descent": _descent,
    "clt": _clt,
    "bayes": _bayes,
    "playground": _playground,
    "attention": _attention,
    "bpe": _bpe,
}


def to_svg(widget_id: str, figure: dict, **view: Any) -> str:
    """The figure as a static SVG string. ``view`` picks what a slider would:
    ``stage`` (svd), ``zoom`` (derivative), ``layer``/``head`` (attention), ``step`` (bpe)."""
    try:
        draw = DRAWERS[widget_id]
    except KeyError:
        raise KeyError(f"no widget {widget_id!r}; there are {', '.join(DRAWERS)}") from None
    return draw(figure, **view)


# ---------------------------------------------------------------------- notebooks


def _figure(widget_id: str, params: dict[str, Any]) -> tuple[dict, dict[str, Any]]:
    """Build a widget's figure from keyword arguments; returns (figure, view options)."""
    from rung import viz

    p = dict(params)
    view = {k: p.pop(k) for k in ("stage", "zoom", "layer", "head", "step") if k in p}
    if widget_id in ("grid", "eigen"):
        m = p.pop("matrix", [[1, 1], [0, 1]])
        fig = viz.grid_figure(m, **p)
        fig["det_text"] = det_text(m)
        return fig, view
    if widget_id == "composition":
        return viz.composition(p.pop("a", [[0, -1], [1, 0]]), p.pop("b", [[1, 1], [0, 1]])), view
    if widget_id == "svd":
        return viz.svd_figure(p.pop("matrix", [[3, 0], [4, 5]]), **p), view
    if widget_id == "projection":
        return viz.projection_figure(p.pop("v", [1, 3]), p.pop("u", [4, 1])), view
    if widget_id == "derivative":
        return viz.derivative_zoom(p.pop("f", "sin(x)"), p.pop("x0", 0.5), **p), view
    if widget_id == "taylor":
        return viz.taylor(p.pop("f", "sin(x)"), p.pop("a", 0.0), p.pop("order", 3), **p), view
    if widget_id == "descent":
        return viz.gradient_descent(
            p.pop("surface", "bowl"), p.pop("start", (1.8, 2.1)), p.pop("lr", 0.1), **p
        ), view
    if widget_id == "clt":
        return viz.clt_figure(p.pop("dist", "exponential"), p.pop("n", 5), **p), view
    if widget_id == "bayes":
        return viz.bayes_areas(p.pop("prior", 0.01), p.pop("tp", 0.9), p.pop("fp", 0.05)), view
    if widget_id == "playground":
        return viz.train_playground(**p), view
    if widget_id == "attention":
        from .transformer import attention_for_text, attention_model

        return attention_for_text(p.pop("text", "To be, or not to be"), attention_model()), view
    if widget_id == "bpe":
        from .transformer import bpe_figure, reference_merges

        return bpe_figure(
            p.pop("text", "First Citizen: Before we proceed"), reference_merges()
        ), view
    raise KeyError(f"no widget {widget_id!r}; there are {', '.join(DRAWERS)}")


@dataclass(frozen=True)
class Shown:
    """A widget frozen for a notebook: Jupyter calls ``_repr_svg_`` / ``_repr_html_``."""

    widget: str
    figure: dict
    svg: str

    def _repr_svg_(self) -> str:
        return self.svg

    def _repr_html_(self) -> str:
        return f'<figure class="rung-widget" data-widget="{html.escape(self.widget)}">{self.svg}</figure>'


def show(widget_id: str, **params: Any) -> Shown:
    """The widget ``widget_id`` as a static picture, e.g.
    ``rung.viz.show("grid", matrix=[[1, 2], [3, 4]])`` or ``show("svd", matrix=..., stage=1)``.
    The figure is the one the lesson page's widget draws for the same inputs."""
    figure, view = _figure(widget_id, params)
    return Shown(widget_id, figure, to_svg(widget_id, figure, **view))
