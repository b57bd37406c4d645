"""Set answers: ``{1, 2}``, ``1, 2`` or ``1 2`` (order does not matter)."""

from __future__ import annotations

from collections.abc import Iterable
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
    unwrap,
)
from .expr import Number
from .vectors import number_text

SET_FORM = "a set such as `{1, 2}` or `1, 2`"


def read_set(text: str) -> Read:
    reason = blank_reason(text) or check_brackets(text)
    if reason:
        return unreadable(f"{reason}; type {SET_FORM}")
    inner, wrapped = unwrap(text, "{")
    if wrapped and not inner:
        return Read(())
    values = read_numbers(inner)
    if isinstance(values, str):
        return unreadable(f"{values}; type {SET_FORM}")
    distinct: list[Number] = []
    for v in values:
        if not any(numbers_equal(v, d) for d in distinct):
            distinct.append(v)
    return Read(tuple(distinct))


class SetAnswer(AnswerSpec):
    """A finite set of numbers (eigenvalues): equal when each element matches one."""

    kind = "set"

    def __init__(self, values: Iterable[Number | int]) -> None:
        self._values = tuple(sorted(Fraction(v) if isinstance(v, int) else v for v in values))

    @property
    def truth(self) -> tuple[Number, ...]:
        return self._values

    @property
    def canonical(self) -> str:
        return "{" + ", ".join(number_text(v) for v in self._values) + "}"

    def read(self, text: str) -> Read:
        return read_set(text)

    def same(self, value: Any, target: Any) -> bool:
        if len(value) != len(target):
            return False
        return all(any(numbers_equal(v, t) for t in target) for v in value)

    def describe_wrong(self, value: Any) -> str:
        n = len(self._values)
        if len(value) != n:
            return f"Expected {n} distinct values, got {len(value)}."
        bad = sum(1 for v in value if not any(numbers_equal(v, t) for t in self._values))
        return f"Not right: {bad} of your {n} values {'is' if bad == 1 else 'are'} not in the set."
