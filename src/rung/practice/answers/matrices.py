"""Matrix answers: ``[[1,2],[3,4]]``, ``1 2; 3 4``, rows on new lines, ``[1 2; 3 4]``."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from .base import (
    AnswerSpec,
    Read,
    blank_reason,
    check_brackets,
    matching_close,
    numbers_equal,
    read_numbers,
    split_top,
    strip_wrapper,
    unreadable,
    unwrap,
)
from .expr import Number
from .vectors import number_text

MATRIX_FORM = "a matrix such as `[[1, 2], [3, 4]]` or `1 2; 3 4` (rows split by `;` or new lines)"

Matrix = tuple[tuple[Number, ...], ...]


def matrix_text(rows: Sequence[Sequence[Number]]) -> str:
    return "[" + ", ".join("[" + ", ".join(number_text(x) for x in row) + "]" for row in rows) + "]"


def _row_groups(text: str) -> list[str] | None:
    """The pieces of ``[1,2],[3,4]`` if every top-level piece is a bracketed group."""
    pieces = [p for p in split_top(text, ",; \t\n") if p]
    if not pieces:
        return None
    for p in pieces:
        if p[0] not in "([" or matching_close(p, 0) != len(p) - 1:
            return None
    return pieces


def _row_texts(text: str) -> list[str]:
    text = strip_wrapper(text)
    groups = _row_groups(text)
    if groups and len(groups) >= 2:
        return groups
    inner, wrapped = unwrap(text)
    if wrapped:
        groups = _row_groups(inner)
        if groups:
            return groups
        text = inner
    rows = [r for r in split_top(text.replace("\r", ""), ";\n") if r]
    return rows


def read_matrix(text: str) -> Read:
    reason = blank_reason(text) or check_brackets(text)
    if reason:
        return unreadable(f"{reason}; type {MATRIX_FORM}")
    rows: list[tuple[Number, ...]] = []
    for i, row_text in enumerate(_row_texts(text), start=1):
        values = read_numbers(row_text)
        if isinstance(values, str):
            return unreadable(f"row {i}: {values}; type {MATRIX_FORM}")
        rows.append(tuple(values))
    if not rows:
        return unreadable(f"the matrix is empty; type {MATRIX_FORM}")
    lengths = sorted({len(r) for r in rows})
    if len(lengths) > 1:
        return unreadable(
            f"the rows have different lengths ({', '.join(map(str, lengths))}); type {MATRIX_FORM}"
        )
    return Read(tuple(rows))


def shape_of(m: Sequence[Sequence[Any]]) -> tuple[int, int]:
    return (len(m), len(m[0]) if m else 0)


class MatrixAnswer(AnswerSpec):
    """A matrix compared entry by entry (exactly for fractions)."""

    kind = "matrix"

    def __init__(self, rows: Sequence[Sequence[Number | int]]) -> None:
        self._rows: Matrix = tuple(
            tuple(Fraction(x) if isinstance(x, int) else x for x in r) for r in rows
        )

    @property
    def truth(self) -> Matrix:
        return self._rows

    @property
    def canonical(self) -> str:
        return matrix_text(self._rows)

    def read(self, text: str) -> Read:
        return read_matrix(text)

    def same(self, value: Any, target: Any) -> bool:
        if shape_of(value) != shape_of(target):
            return False
        return all(
            numbers_equal(a, b)
            for ra, rb in zip(value, target, strict=True)
            for a, b in zip(ra, rb, strict=True)
        )

    def describe_wrong(self, value: Any) -> str:
        m, n = shape_of(self._rows)
        got = shape_of(value)
        if got != (m, n):
            extra = ""
            if got[0] == 1 and got[1] == m * n:
                extra = " Separate the rows with `;` or new lines."
            return f"Expected a {m}×{n} matrix, got {got[0]}×{got[1]}.{extra}"
        wrong = [
            f"({i + 1},{j + 1})"
            for i in range(m)
            for j in range(n)
            if not numbers_equal(value[i][j], self._rows[i][j])
        ]
        if len(wrong) == 1:
            return f"Not right: entry {wrong[0]} (row, column) is wrong."
        return f"Not right: {len(wrong)} of {m * n} entries are wrong: {', '.join(wrong)} (row, column)."
