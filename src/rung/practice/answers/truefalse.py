"""True/false: ``true``, ``t``, ``yes``, ``y`` or ``false``, ``f``, ``no``, ``n``."""

from __future__ import annotations

from typing import Any

from .base import AnswerSpec, Read, blank_reason, unreadable

_TRUE = {"true", "t", "yes", "y", "1", "correct", "right", "a"}
_FALSE = {"false", "f", "no", "n", "0", "incorrect", "wrong", "b"}

TF_CHOICES = ["true", "false"]


def read_bool(text: str) -> Read:
    reason = blank_reason(text)
    if reason:
        return unreadable(f"{reason}; type `true` or `false`")
    t = text.strip().lower().strip(".!()")
    if t in _TRUE:
        return Read(True)
    if t in _FALSE:
        return Read(False)
    return unreadable("type `true` or `false` (or `yes`/`no`)")


class TrueFalseAnswer(AnswerSpec):
    """A statement to judge; ``choices`` is ``["true", "false"]`` so faces can show buttons."""

    kind = "truefalse"

    def __init__(self, value: bool) -> None:
        self._value = bool(value)

    @property
    def truth(self) -> bool:
        return self._value

    @property
    def canonical(self) -> str:
        return "true" if self._value else "false"

    def read(self, text: str) -> Read:
        return read_bool(text)

    def same(self, value: Any, target: Any) -> bool:
        return value is target or value == target

    def describe_wrong(self, value: Any) -> str:
        return "Not right: reread the statement and test it on a small example."
