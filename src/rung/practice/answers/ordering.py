"""Ordering: option letters in order, as ``c a b``, ``c, a, b``, ``c > a > b`` or ``cab``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .base import AnswerSpec, Read, blank_reason, unreadable
from .choice import labels
from .multichoice import read_labels


class OrderingAnswer(AnswerSpec):
    """Items shown under letters; the answer is the letters in the right order."""

    kind = "ordering"

    def __init__(self, items: Sequence[str], order: Sequence[int]) -> None:
        self.items = list(items)
        self.order = tuple(order)

    @property
    def truth(self) -> tuple[int, ...]:
        return self.order

    @property
    def canonical(self) -> str:
        return ", ".join(labels(len(self.items))[i] for i in self.order)

    def read(self, text: str) -> Read:
        reason = blank_reason(text)
        if reason:
            return unreadable(f"{reason}; type the letters in order, like `c, a, b`")
        got = read_labels(text, len(self.items))
        if isinstance(got, str):
            return unreadable(f"{got}; type the letters in order, like `c, a, b`")
        return Read(tuple(got))

    def same(self, value: Any, target: Any) -> bool:
        return tuple(value) == tuple(target)

    def describe_wrong(self, value: Any) -> str:
        n = len(self.items)
        if len(value) != n:
            return f"Expected {n} items, got {len(value)}."
        if len(set(value)) != n:
            return "Use each letter exactly once."
        wrong = [
            str(i + 1) for i, (a, b) in enumerate(zip(value, self.order, strict=True)) if a != b
        ]
        return f"Not right: position{'' if len(wrong) == 1 else 's'} {', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} out of place."
