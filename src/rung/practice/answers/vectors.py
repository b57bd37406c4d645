"""Vector answers: ``[1, 2, 3]``, ``(1,2,3)``, ``1 2 3``, ``1, 2, 3``, ``[1/2, sqrt(2)]``."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from .base import (
    AnswerSpec,
    Read,
    blank_reason,
    check_brackets,
    numbers_equal,
    read_numbers,
    unreadable,
)
from .expr import Number
from .rationals import fraction_text

VECTOR_FORM = "a list such as `[1, 2, 3]`, `(1, 2, 3)` or `1 2 3`"


def vector_text(values: Sequence[Number]) -> str:
    return "[" + ", ".join(number_text(v) for v in values) + "]"


def number_text(x: Number | int) -> str:
    if isinstance(x, int | Fraction):
        return fraction_text(x)
    return f"{x:.6g}"


def read_vector(text: str) -> Read:
    reason = blank_reason(text) or check_brackets(text)
    if reason:
        return unreadable(f"{reason}; type {VECTOR_FORM}")
    if text.strip().startswith("{"):
        return unreadable(f"braces make a set; type {VECTOR_FORM}")
    values = read_numbers(text)
    if isinstance(values, str):
        return unreadable(f"{values}; type {VECTOR_FORM}")
    return Read(tuple(values))


def parallel(a: Sequence[Number], b: Sequence[Number]) -> bool:
    """Whether a is a nonzero multiple of b (b nonzero): every 2x2 minor vanishes."""
    if len(a) != len(b) or all(numbers_equal(x, 0) for x in a):
        return False
    for i in range(len(a)):
        for j in range(i + 1, len(a)):
            if not numbers_equal(a[i] * b[j], a[j] * b[i], rel=1e-6, abs_tol=1e-6):
                return False
    return True


class VectorAnswer(AnswerSpec):
    """A vector, compared entry by entry, or up to a nonzero scale (eigenvectors)."""

    kind = "vector"

    def __init__(
        self, values: Sequence[Number | int], up_to_scale: bool = False, rel: float = 1e-9
    ) -> None:
        self._values = tuple(Fraction(v) if isinstance(v, int) else v for v in values)
        self.up_to_scale = up_to_scale
        self.rel = rel

    @property
    def truth(self) -> tuple[Number, ...]:
        return self._values

    @property
    def canonical(self) -> str:
        return vector_text(self._values)

    def read(self, text: str) -> Read:
        return read_vector(text)

    def same(self, value: Any, target: Any) -> bool:
        if len(value) != len(target):
            return False
        return all(
            numbers_equal(a, b, rel=self.rel, abs_tol=self.rel)
            for a, b in zip(value, target, strict=True)
        )

    def is_correct(self, value: Any) -> bool:
        if self.up_to_scale:
            return parallel(value, self._values)
        return self.same(value, self._values)

    def describe_wrong(self, value: Any) -> str:
        n = len(self._values)
        if len(value) != n:
            return f"Expected {n} entries, got {len(value)}."
        if self.up_to_scale:
            if all(numbers_equal(x, 0) for x in value):
                return "The zero vector is never an eigenvector: give a nonzero vector."
            return (
                "That vector is not on the right line: check it by multiplying, "
                "the result should be a multiple of the vector itself."
            )
        wrong = [
            str(i + 1)
            for i, (a, b) in enumerate(zip(value, self._values, strict=True))
            if not numbers_equal(a, b, rel=self.rel, abs_tol=self.rel)
        ]
        which = "entry " + wrong[0] if len(wrong) == 1 else "entries " + ", ".join(wrong)
        return f"Not right: {which} of {n} {'is' if len(wrong) == 1 else 'are'} wrong."
