"""Draw a Value's computation graph as SVG text, with no graphviz needed.

Layout: a node's column is the length of the longest path from a leaf to it, so
every edge points right; within a column nodes are stacked in the order found.
Each Value is a box (label, data, grad); a Value made by an operation has a small
circle with the operation just left of its box. The structure is fixed so that
tests and a browser can read it:

* one ``<g class="value">`` per Value, holding a ``<rect>`` and a ``<text>``;
* one ``<g class="op">`` per Value that an operation made, holding the op's text;
* one ``<line class="edge">`` per input → op and per op → result.
"""

from __future__ import annotations

from xml.sax.saxutils import escape  # noqa: F401 - text in SVG must be escaped

from micrograd.engine import Value


def to_svg(root: Value) -> str:
    """The graph of ``root`` as SVG text, in the structure described above. A box's
    text is ``"<label> | data 1.2345 | grad 0.5000"`` (``"data ... | grad ..."`` when
    the Value has no label), numbers with four decimals."""
    # TASK draw-graph
    raise NotImplementedError("to_svg")
