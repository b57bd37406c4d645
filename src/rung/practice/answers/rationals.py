"""Exact fractions (entries of an inverse, a projection coefficient)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .base import AnswerSpec, Read
from .expr import Number
from .integers import read_scalar


def fraction_text(x: Fraction | int) -> str:
    """``3/4``, ``-2`` or ``7``: the form the readers accept back."""
    x = Fraction(x)
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


class FractionAnswer(AnswerSpec):
    """An exact rational: ``3/4``, ``0.75`` and ``6/8`` all read as three quarters."""

    kind = "fraction"

    def __init__(self, value: Fraction | int) -> None:
        self._value = Fraction(value)

    @property
    def truth(self) -> Fraction:
        return self._value

    @property
    def canonical(self) -> str:
        return fraction_text(self._value)

    def read(self, text: str) -> Read:
        return read_scalar(text)

    def same(self, value: Any, target: Any) -> bool:
        if isinstance(value, Fraction):
            return value == Fraction(target)
        return abs(float(value) - float(target)) < 1e-12

    def describe_wrong(self, value: Number) -> str:
        if abs(float(value) - float(self._value)) < 5e-3:
            return "Very close, but this answer is exact: type it as a fraction, like `3/4`."
        return "Not right. Keep the arithmetic in fractions until the end."
