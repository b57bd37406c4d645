"""Neurons, layers and multi-layer perceptrons made of ``Value``s.

Nothing here knows about gradients: a network is only arithmetic on Values, so
``loss.backward()`` reaches every weight by itself. The classes exist to create the
weights, to apply them, and to hand them all to the optimiser (``parameters()``).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from micrograd.engine import Value

# ------------------------------------------------------------------------ TASK nn


class Module:
    """Anything with parameters: lets the training loop treat a neuron and a net alike."""

    def parameters(self) -> list[Value]:
        return []

    def zero_grad(self) -> None:
        # Gradients accumulate (+=), so they must be cleared before each backward pass.
        for p in self.parameters():
            p.grad = 0.0


class Neuron(Module):
    """w . x + b, then a ReLU unless this neuron is linear (the last layer's are)."""

    def __init__(self, nin: int, nonlin: bool = True, rng: random.Random | None = None):
        rng = rng or random.Random()
        self.w = [Value(rng.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(0.0)
        self.nonlin = nonlin

    def __call__(self, x: Sequence[Value | float]) -> Value:
        act = sum((wi * xi for wi, xi in zip(self.w, x, strict=True)), self.b)
        return act.relu() if self.nonlin else act

    def parameters(self) -> list[Value]:
        return [*self.w, self.b]


class Layer(Module):
    """``nout`` neurons that all read the same inputs."""

    def __init__(self, nin: int, nout: int, nonlin: bool = True, rng: random.Random | None = None):
        self.neurons = [Neuron(nin, nonlin, rng) for _ in range(nout)]

    def __call__(self, x: Sequence[Value | float]) -> Value | list[Value]:
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self) -> list[Value]:
        return [p for n in self.neurons for p in n.parameters()]


class MLP(Module):
    """Layers in a chain; every layer but the last has ReLU neurons."""

    def __init__(self, nin: int, nouts: Sequence[int], rng: random.Random | None = None):
        sizes = [nin, *nouts]
        self.layers = [
            Layer(sizes[i], sizes[i + 1], nonlin=i != len(nouts) - 1, rng=rng)
            for i in range(len(nouts))
        ]

    def __call__(self, x: Sequence[Value | float]) -> Value | list[Value]:
        out: Value | list[Value] | Sequence[Value | float] = x
        for layer in self.layers:
            out = layer(out if isinstance(out, list | tuple) else [out])
        return out  # type: ignore[return-value]

    def parameters(self) -> list[Value]:
        return [p for layer in self.layers for p in layer.parameters()]
