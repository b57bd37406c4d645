"""Real-number answers with a tolerance that fits the problem (norms, cosines, errors)."""

from __future__ import annotations

import math
from typing import Any

from .base import AnswerSpec, Read
from .expr import Number
from .integers import read_scalar


class RealAnswer(AnswerSpec):
    """A real number; exact forms (``sqrt(10)``, ``3/4``) and decimals both read.

    ``canonical`` is an exact form when the problem has one, so the worked
    solution and the accepted answer agree. ``rel`` and ``abs_tol`` say how
    close a decimal must be: three significant figures pass by default.
    """

    kind = "real"

    def __init__(self, value: float, text: str, rel: float = 2e-3, abs_tol: float = 2e-3) -> None:
        self._value = float(value)
        self._text = text
        self.rel = rel
        self.abs_tol = abs_tol

    @property
    def truth(self) -> float:
        return self._value

    @property
    def canonical(self) -> str:
        return self._text

    def read(self, text: str) -> Read:
        return read_scalar(text)

    def same(self, value: Any, target: Any) -> bool:
        return math.isclose(float(value), float(target), rel_tol=self.rel, abs_tol=self.abs_tol)

    def describe_wrong(self, value: Number) -> str:
        x = float(value)
        if math.isclose(x, self._value, rel_tol=self.rel * 20, abs_tol=self.abs_tol * 20):
            return (
                "Close, but not within the tolerance: keep more digits (three significant "
                "figures or more), or type the exact form, like `sqrt(10)`."
            )
        if math.isclose(x, -self._value, rel_tol=self.rel, abs_tol=self.abs_tol):
            return "The size is right but the sign is not."
        return "Not right. Recompute step by step; the hints show the order of the steps."
