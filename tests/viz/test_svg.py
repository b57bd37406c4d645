"""The static SVG shows what the figure says: elements and labels, for every widget."""

from __future__ import annotations

import re
from fractions import Fraction
from xml.etree import ElementTree

import numpy as np
import pytest

from rung.viz import grid_figure, show, to_svg
from rung.viz.svg import det_text, exact_text

NS = {"s": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # well-formed XML, or this raises


def by_class(root: ElementTree.Element, tag: str, cls: str) -> list[ElementTree.Element]:
    return [e for e in root.iter(f"{{{NS['s']}}}{tag}") if cls in e.get("class", "").split()]


@pytest.mark.parametrize("extent", [2, 4])
def test_grid_svg_has_one_line_per_grid_line_and_the_det_label(extent):
    m = [[1, 2], [3, 4]]
    root = parse(to_svg("grid", dict(grid_figure(m, extent=extent), det_text=det_text(m))))
    assert len(by_class(root, "line", "gridline")) == 2 * (2 * extent + 1)
    assert len(by_class(root, "polygon", "unitsq")) == 1
    assert by_class(root, "polygon", "flipped")  # det -2 < 0
    labels = [t.text for t in by_class(root, "text", "det-label")]
    assert labels == ["det \u22122"]


def test_singular_grid_draws_column_and_null_space():
    root = parse(show("grid", matrix=[[1, 2], [2, 4]]).svg)
    assert len(by_class(root, "line", "columnspace")) == 1
    assert len(by_class(root, "line", "nullspace")) == 1
    assert [t.text for t in by_class(root, "text", "det-label")] == ["det 0"]


def test_show_renders_the_same_figure_for_notebooks():
    shown = show("grid", matrix=[[1, 2], [3, 4]])
    assert shown.figure["det"] == pytest.approx(np.linalg.det([[1, 2], [3, 4]]))
    assert shown._repr_svg_() == shown.svg and shown.svg in shown._repr_html_()
    assert "orientation flipped" in shown.svg


@pytest.mark.parametrize(
    "widget, params, count",
    [
        ("composition", {}, ("polygon", "unitsq", 2)),
        ("eigen", {"matrix": [[2, 1], [1, 2]]}, ("line", "eigenline", 2)),
        ("svd", {"stage": 2}, ("polygon", "stage-now", 1)),
        ("projection", {"v": [1, 3], "u": [4, 1]}, ("line", "residual", 1)),
        ("derivative", {"zoom": 2}, ("polyline", "fcurve", 1)),
        ("taylor", {"order": 4}, ("polyline", "poly", 1)),
        ("descent", {"steps": 20}, ("rect", "heat", 41 * 41)),
        ("clt", {"bins": 25}, ("rect", "bar", 25)),
        ("bayes", {}, ("rect", "evidence", 2)),
        ("playground", {"steps": 5, "grid": 12}, ("rect", "heat", 144)),
        ("bpe", {"text": "hello", "step": 0}, ("g", "token", 5)),
    ],
)
def test_each_widget_has_a_static_picture(widget, params, count):
    root = parse(show(widget, **params).svg)
    tag, cls, n = count
    assert len(by_class(root, tag, cls)) == n


def test_attention_svg_has_the_lower_triangle_only():
    pytest.importorskip("torch")
    root = parse(show("attention", text="abcde", layer=1, head=1).svg)
    assert len(by_class(root, "rect", "cell")) == 5 * 6 // 2


def test_svg_escapes_text():
    svg = show("bpe", text="<b>&").svg
    parse(svg)
    assert "<b>" not in re.sub(r"<(/?)(svg|g|rect|text|title)\b", "", svg)


@pytest.mark.parametrize(
    "x, text",
    [
        (Fraction(-2), "-2"),
        (Fraction(3, 4), "0.75"),
        (Fraction(-1, 100), "-0.01"),
        (Fraction(1, 3), "1/3"),
        (Fraction(7, 20), "0.35"),
        (Fraction(1, 8), "0.125"),
    ],
)
def test_exact_text(x, text):
    assert exact_text(x) == text
    assert Fraction(text) == x


def test_det_text_reads_entries_as_decimals():
    assert det_text([[0.1, 0.2], [0.3, 0.5]]) == "-0.01"  # 0.05 - 0.06 exactly
    assert det_text([[2, 1], [0, -1]]) == "-2"


def test_unknown_widget():
    with pytest.raises(KeyError):
        to_svg("nope", {})
    with pytest.raises(KeyError):
        show("nope")
