"""Task draw-graph: the expression graph as SVG text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from micrograd.draw import to_svg
from micrograd.engine import Value

pytestmark = pytest.mark.task("draw-graph")

SVG = "{http://www.w3.org/2000/svg}"


def _example() -> tuple[Value, list[Value]]:
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c = a * b
    c.label = "c"
    d = c + a  # a is used twice
    d.label = "d"
    e = d.tanh()
    e.label = "e<out>"  # needs escaping in XML
    e.backward()
    return e, [a, b, c, d, e]


def _parse(svg: str) -> ET.Element:
    assert isinstance(svg, str), f"to_svg should return a str, got {type(svg).__name__}"
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        raise AssertionError(f"to_svg's output is not well-formed XML: {exc}") from None
    assert root.tag == SVG + "svg", (
        f"the root element should be <svg> in the SVG namespace, got {root.tag}"
    )
    return root


def _groups(root: ET.Element, cls: str) -> list[ET.Element]:
    return [g for g in root.iter(SVG + "g") if g.get("class") == cls]


def test_one_box_per_value_with_its_numbers() -> None:
    out, values = _example()
    root = _parse(to_svg(out))
    boxes = _groups(root, "value")
    assert len(boxes) == len(values), (
        f'expected {len(values)} <g class="value">, found {len(boxes)}'
    )
    texts = {"".join(g.itertext()) for g in boxes}
    for v in values:
        want = f"{v.label} | data {v.data:.4f} | grad {v.grad:.4f}"
        assert want in texts, f"no box reads {want!r}; boxes read {sorted(texts)}"
    assert all(g.find(SVG + "rect") is not None for g in boxes), "every value group needs a <rect>"


def test_one_op_per_made_value_and_edges() -> None:
    out, _ = _example()
    root = _parse(to_svg(out))
    ops = sorted("".join(g.itertext()).strip() for g in _groups(root, "op"))
    assert ops == sorted(["*", "+", "tanh"]), f"op circles read {ops}, expected *, + and tanh"
    edges = [e for e in root.iter(SVG + "line") if e.get("class") == "edge"]
    # inputs -> op: c has a, b; d has c, a; e has d = 5; op -> result: 3.
    assert len(edges) == 8, (
        f'expected 8 <line class="edge"> (5 inputs + 3 op links), found {len(edges)}'
    )


def test_a_leaf_alone() -> None:
    root = _parse(to_svg(Value(1.5)))
    assert len(_groups(root, "value")) == 1 and not _groups(root, "op")
