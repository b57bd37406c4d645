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

from xml.sax.saxutils import escape

from micrograd.engine import Value

BOX_W, BOX_H, COL_W, ROW_H, PAD = 190, 34, 280, 56, 20

# ---------------------------------------------------------------- TASK draw-graph


def trace(root: Value) -> tuple[list[Value], list[tuple[Value, Value]]]:
    """All nodes reachable from ``root`` and the (input, result) edges between them."""
    nodes: list[Value] = []
    edges: list[tuple[Value, Value]] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        v = stack.pop()
        if id(v) in seen:
            continue
        seen.add(id(v))
        nodes.append(v)
        for child in v._prev:
            edges.append((child, v))
            stack.append(child)
    return nodes, edges


def node_text(v: Value) -> str:
    name = f"{v.label} | " if v.label else ""
    return f"{name}data {v.data:.4f} | grad {v.grad:.4f}"


def to_svg(root: Value) -> str:
    nodes, edges = trace(root)
    depth: dict[int, int] = {}

    def level(v: Value) -> int:  # longest path from a leaf; memoised
        if id(v) not in depth:
            depth[id(v)] = 1 + max((level(c) for c in v._prev), default=-1)
        return depth[id(v)]

    rows: dict[int, int] = {}
    pos: dict[int, tuple[float, float]] = {}
    for v in nodes:
        col = level(v)
        row = rows.get(col, 0)
        rows[col] = row + 1
        pos[id(v)] = (PAD + col * COL_W + 60, PAD + row * ROW_H)
    width = PAD * 2 + (max(rows) + 1) * COL_W
    height = PAD * 2 + max(rows.values()) * ROW_H
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="monospace" font-size="11">'
    ]
    # Edges first, so boxes are drawn over their ends.
    for child, parent in edges:
        cx, cy = pos[id(child)]
        px, py = pos[id(parent)]
        parts.append(
            f'<line class="edge" x1="{cx + BOX_W}" y1="{cy + BOX_H / 2}" x2="{px - 40}" '
            f'y2="{py + BOX_H / 2}" stroke="#888"/>'
        )
    for v in nodes:
        x, y = pos[id(v)]
        if v._op:
            ox, oy = x - 30, y + BOX_H / 2
            parts.append(
                f'<line class="edge" x1="{ox + 12}" y1="{oy}" x2="{x}" y2="{oy}" stroke="#888"/>'
            )
            parts.append(
                f'<g class="op"><circle cx="{ox}" cy="{oy}" r="12" fill="#eef"/>'
                f'<text x="{ox}" y="{oy + 4}" text-anchor="middle">{escape(v._op)}</text></g>'
            )
        parts.append(
            f'<g class="value"><rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" '
            f'fill="#fff" stroke="#333"/><text x="{x + 6}" y="{y + 21}">'
            f"{escape(node_text(v))}</text></g>"
        )
    parts.append("</svg>")
    return "\n".join(parts)
