"""Neurons, layers and multi-layer perceptrons made of ``Value``s (task ``nn``).

Shapes and conventions the tests expect:

* ``Neuron(nin, nonlin=True, rng=None)`` has ``w`` (a list of ``nin`` Values drawn
  from ``rng.uniform(-1, 1)``) and ``b`` (a Value, 0.0); calling it on ``x`` returns
  ``relu(w . x + b)``, or ``w . x + b`` when ``nonlin`` is false;
* ``Layer(nin, nout, nonlin=True, rng=None)`` has ``neurons``; calling it returns a
  list of outputs, or the single Value when ``nout == 1``;
* ``MLP(nin, nouts, rng=None)`` has ``layers``; every layer but the last is ReLU;
* ``parameters()`` lists weights then bias, neuron by neuron, layer by layer;
  ``zero_grad()`` sets every parameter's grad to 0.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from micrograd.engine import Value


class Module:
    def parameters(self) -> list[Value]:
        return []

    def zero_grad(self) -> None:
        # TASK nn
        raise NotImplementedError("Module.zero_grad")


class Neuron(Module):
    def __init__(self, nin: int, nonlin: bool = True, rng: random.Random | None = None):
        # TASK nn
        raise NotImplementedError("Neuron.__init__")

    def __call__(self, x: Sequence[Value | float]) -> Value:
        # TASK nn
        raise NotImplementedError("Neuron.__call__")

    def parameters(self) -> list[Value]:
        # TASK nn
        raise NotImplementedError("Neuron.parameters")


class Layer(Module):
    def __init__(self, nin: int, nout: int, nonlin: bool = True, rng: random.Random | None = None):
        # TASK nn
        raise NotImplementedError("Layer.__init__")

    def __call__(self, x: Sequence[Value | float]) -> Value | list[Value]:
        # TASK nn
        raise NotImplementedError("Layer.__call__")

    def parameters(self) -> list[Value]:
        # TASK nn
        raise NotImplementedError("Layer.parameters")


class MLP(Module):
    def __init__(self, nin: int, nouts: Sequence[int], rng: random.Random | None = None):
        # TASK nn
        raise NotImplementedError("MLP.__init__")

    def __call__(self, x: Sequence[Value | float]) -> Value | list[Value]:
        # TASK nn
        raise NotImplementedError("MLP.__call__")

    def parameters(self) -> list[Value]:
        # TASK nn
        raise NotImplementedError("MLP.parameters")
