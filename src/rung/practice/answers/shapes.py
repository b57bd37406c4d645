"""Shape answers: ``(3, 4)``, ``3x4``, ``3×4``, ``[3, 4]``, ``torch.Size([3, 4])``, or ``error``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .base import AnswerSpec, Read, blank_reason, check_brackets, strip_wrapper, unreadable, unwrap

SHAPE_FORM = "a shape such as `(3, 4)`, `3x4` or `torch.Size([3, 4])`"

#: The value a reader returns for "this raises an error".
ERROR = "error"

_ERROR_WORDS = {"error", "err", "fails", "fail", "raises", "exception", "runtimeerror", "it fails"}


def shape_text(shape: Sequence[int] | str) -> str:
    if shape == ERROR:
        return ERROR
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "(" + ", ".join(str(d) for d in shape) + ")"


def read_shape(text: str) -> Read:
    reason = blank_reason(text) or check_brackets(text)
    if reason:
        return unreadable(f"{reason}; type {SHAPE_FORM}")
    low = text.strip().lower().rstrip(".!")
    if low in _ERROR_WORDS or low.startswith("error"):
        return Read(ERROR)
    body = strip_wrapper(low)
    for _ in range(2):  # torch.Size([3, 4]) has two layers
        body, _wrapped = unwrap(body)
    body = body.replace("\u00d7", "x").replace("*", "x")
    parts = [p for p in re.split(r"[\s,x]+", body) if p]
    if not all(re.fullmatch(r"\d+", p) for p in parts):
        return unreadable(f"shape entries are whole numbers; type {SHAPE_FORM}, or `error`")
    return Read(tuple(int(p) for p in parts))


class ShapeAnswer(AnswerSpec):
    """A tensor shape, or :data:`ERROR` when the code raises."""

    kind = "shape"

    def __init__(self, shape: Sequence[int] | str) -> None:
        self._shape: tuple[int, ...] | str = (
            ERROR if shape == ERROR else tuple(int(d) for d in shape)
        )

    @property
    def truth(self) -> tuple[int, ...] | str:
        return self._shape

    @property
    def canonical(self) -> str:
        return shape_text(self._shape)

    def read(self, text: str) -> Read:
        return read_shape(text)

    def same(self, value: Any, target: Any) -> bool:
        return value == target

    def describe_wrong(self, value: Any) -> str:
        if self._shape == ERROR:
            return "This code does not run: look for two sizes that cannot be matched."
        if value == ERROR:
            return "This code runs; work out the shape it produces."
        want = self._shape
        if len(value) != len(want):
            return f"Expected {len(want)} axes, got {len(value)}."
        wrong = [str(i) for i, (a, b) in enumerate(zip(value, want, strict=True)) if a != b]
        return f"Not right: the size of axis {', '.join(wrong)} is wrong (axes counted from 0)."
