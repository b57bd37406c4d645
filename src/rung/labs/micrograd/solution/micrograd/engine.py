"""A scalar that remembers how it was made, so that it can send gradients back.

Every arithmetic operation on a ``Value`` returns a new ``Value`` that keeps its
inputs (``_prev``) and a small closure (``_backward``) which knows the local
derivative of that one operation. ``backward()`` then visits the graph from the
output back to the leaves, each node after every node that uses it, and applies
the chain rule one edge at a time.

Example: for ``c = a * b + a`` with ``a = 2`` and ``b = -3``, ``c.data`` is ``-4``;
after ``c.backward()``, ``a.grad`` is ``b + 1 = -2`` (``a`` is used twice, so its
two contributions add up) and ``b.grad`` is ``a = 2``.
"""

from __future__ import annotations

import math
from collections.abc import Callable


class Value:
    """One number in a computation graph, with the gradient of the output w.r.t. it."""

    def __init__(
        self, data: float, _children: tuple[Value, ...] = (), _op: str = "", label: str = ""
    ):
        self.data = float(data)
        self.grad = 0.0  # d(output)/d(self); stays 0 until backward() reaches this node
        self._prev = set(_children)
        self._op = _op  # the operation that made this node, for drawing the graph
        self.label = label
        # How to pass this node's gradient to its inputs. It is handed the node itself
        # rather than capturing it: a closure holding ``out`` while ``out`` holds the
        # closure is a reference cycle, and then every training step would leave its
        # whole graph to Python's slow cyclic garbage collector.
        self._backward: Callable[[Value], None] = lambda out: None

    # ------------------------------------------------------------------ TASK value-ops

    def __add__(self, other: Value | float) -> Value:
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward(out: Value) -> None:
            # d(a+b)/da = 1 and d(a+b)/db = 1: the gradient passes through unchanged.
            # "+=" and not "=": a node used twice receives two contributions.
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other: Value | float) -> Value:
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward(out: Value) -> None:
            # d(ab)/da = b and d(ab)/db = a: each input gets the *other* one.
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __pow__(self, exponent: float) -> Value:
        if isinstance(exponent, Value):
            raise TypeError("only a plain number may be an exponent here")
        out = Value(self.data**exponent, (self,), f"**{exponent:g}")

        def _backward(out: Value) -> None:
            # The power rule: d(x^n)/dx = n x^(n-1).
            self.grad += exponent * self.data ** (exponent - 1) * out.grad

        out._backward = _backward
        return out

    # Everything else is built from the three above, so it needs no _backward of its own.
    def __neg__(self) -> Value:
        return self * -1

    def __sub__(self, other: Value | float) -> Value:
        return self + (-other)

    def __truediv__(self, other: Value | float) -> Value:
        other = other if isinstance(other, Value) else Value(other)
        return self * other**-1

    # The reflected forms run when the left operand is a plain number: 2 + v calls
    # v.__radd__(2). Order matters for - and /: 2 - v is 2 + (-v), not v - 2.
    def __radd__(self, other: float) -> Value:
        return self + other

    def __rmul__(self, other: float) -> Value:
        return self * other

    def __rsub__(self, other: float) -> Value:
        return other + (-self)

    def __rtruediv__(self, other: float) -> Value:
        return Value(other) * self**-1

    # ------------------------------------------------------------ TASK value-activations

    def relu(self) -> Value:
        out = Value(max(0.0, self.data), (self,), "relu")

        def _backward(out: Value) -> None:
            # Slope 1 where the input was positive, 0 elsewhere (0 at exactly 0, too).
            self.grad += (out.data > 0) * out.grad

        out._backward = _backward
        return out

    def tanh(self) -> Value:
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward(out: Value) -> None:
            # d tanh(x)/dx = 1 - tanh(x)^2, and tanh(x) is already in hand.
            self.grad += (1 - t**2) * out.grad

        out._backward = _backward
        return out

    def exp(self) -> Value:
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward(out: Value) -> None:
            # e^x is its own derivative.
            self.grad += out.data * out.grad

        out._backward = _backward
        return out

    # --------------------------------------------------------------- TASK value-backward

    def backward(self) -> None:
        """Fill in ``.grad`` of every node that this value depends on.

        A node's gradient is complete only once every node that uses it has passed its
        share back, so nodes are visited in reverse topological order: outputs first.
        """
        topo: list[Value] = []
        visited: set[int] = set()
        # A depth-first walk that appends a node once all its inputs are in the list.
        # Written with an explicit stack rather than recursion, so that a long chain
        # (a sum over a thousand terms) cannot exceed Python's recursion limit.
        stack: list[tuple[Value, bool]] = [(self, False)]
        while stack:
            v, inputs_done = stack.pop()
            if inputs_done:
                topo.append(v)  # after all its inputs: topological order
            elif id(v) not in visited:
                visited.add(id(v))
                stack.append((v, True))  # come back to v once its inputs are placed
                stack.extend((child, False) for child in v._prev)

        self.grad = 1.0  # d(self)/d(self)
        for node in reversed(topo):
            node._backward(node)

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"
