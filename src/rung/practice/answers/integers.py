"""Whole-number answers (a dot product, a determinant, a rank, a parameter count)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .base import AnswerSpec, Read, blank_reason, unreadable
from .expr import FORM_HINT, Number, ReadError, read_number


def read_scalar(text: str) -> Read:
    """Read one number; lists and garbage come back unreadable with the expected form."""
    reason = blank_reason(text)
    if reason:
        return unreadable(f"{reason}; type {FORM_HINT}")
    stripped = text.strip()
    if stripped[0] in "[{" or "," in stripped:
        return unreadable("this answer is a single number, not a list")
    try:
        return Read(read_number(stripped))
    except ReadError as exc:
        return unreadable(f"{exc}; type {FORM_HINT}")


class IntegerAnswer(AnswerSpec):
    """An exact whole number; ``6``, ``6.0`` and ``12/2`` all read as 6."""

    kind = "integer"

    def __init__(self, value: int) -> None:
        self._value = int(value)

    @property
    def truth(self) -> int:
        return self._value

    @property
    def canonical(self) -> str:
        return str(self._value)

    def read(self, text: str) -> Read:
        return read_scalar(text)

    def same(self, value: Any, target: Any) -> bool:
        if isinstance(value, Fraction):
            return value == target
        return abs(float(value) - float(target)) < 1e-9

    def describe_wrong(self, value: Number) -> str:
        if isinstance(value, Fraction) and value.denominator != 1:
            return "Not right: the answer here is a whole number."
        if not isinstance(value, Fraction):
            return "Not right: the answer here is a whole number; work it out exactly."
        return "Not right. Check each step of the arithmetic against the hints."
