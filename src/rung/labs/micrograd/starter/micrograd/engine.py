"""A scalar that remembers how it was made, so that it can send gradients back.

Your job: fill in every method marked ``# TASK ...`` (each now raises
NotImplementedError). STEPS.md walks through them in order; run
``rung lab check --task value-ops`` (or ``pytest --task value-ops``) as you go.

Each operation returns a new ``Value`` whose ``_prev`` holds its inputs and whose
``_backward`` knows the local derivative of that one operation. ``_backward`` is
given the output node as its argument (``out._backward(out)``); write it as
``def _backward(out): ...`` and set ``out._backward = _backward``.
"""

from __future__ import annotations

import math  # noqa: F401 - you will need it for tanh and exp
from collections.abc import Callable


class Value:
    """One number in a computation graph, with the gradient of the output w.r.t. it."""

    def __init__(
        self, data: float, _children: tuple[Value, ...] = (), _op: str = "", label: str = ""
    ):
        self.data = float(data)
        self.grad = 0.0
        self._prev = set(_children)
        self._op = _op
        self.label = label
        self._backward: Callable[[Value], None] = lambda out: None

    # TASK value-ops: +, *, ** (a plain-number exponent), then the ones built from them.
    def __add__(self, other: Value | float) -> Value:
        # TASK value-ops
        raise NotImplementedError("Value.__add__")

    def __mul__(self, other: Value | float) -> Value:
        # TASK value-ops
        raise NotImplementedError("Value.__mul__")

    def __pow__(self, exponent: float) -> Value:
        # TASK value-ops
        raise NotImplementedError("Value.__pow__")

    def __neg__(self) -> Value:
        # TASK value-ops
        raise NotImplementedError("Value.__neg__")

    def __sub__(self, other: Value | float) -> Value:
        # TASK value-ops
        raise NotImplementedError("Value.__sub__")

    def __truediv__(self, other: Value | float) -> Value:
        # TASK value-ops
        raise NotImplementedError("Value.__truediv__")

    def __radd__(self, other: float) -> Value:
        # TASK value-ops
        raise NotImplementedError("Value.__radd__")

    def __rmul__(self, other: float) -> Value:
        # TASK value-ops
        raise NotImplementedError("Value.__rmul__")

    def __rsub__(self, other: float) -> Value:
        # TASK value-ops
        raise NotImplementedError("Value.__rsub__")

    def __rtruediv__(self, other: float) -> Value:
        # TASK value-ops
        raise NotImplementedError("Value.__rtruediv__")

    def relu(self) -> Value:
        # TASK value-activations
        raise NotImplementedError("Value.relu")

    def tanh(self) -> Value:
        # TASK value-activations
        raise NotImplementedError("Value.tanh")

    def exp(self) -> Value:
        # TASK value-activations
        raise NotImplementedError("Value.exp")

    def backward(self) -> None:
        # TASK value-backward: order the graph topologically, set self.grad = 1, then call
        # each node's _backward(node), outputs first.
        raise NotImplementedError("Value.backward")

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"
