"""Single choice: the option's letter (``b``, ``(b)``, ``B.``) or its text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .base import AnswerSpec, Read, blank_reason, unreadable

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def labels(n: int) -> str:
    return LETTERS[:n]


def normalise_option(text: str) -> str:
    """Compare option texts without case, Markdown code ticks, dollars or end punctuation."""
    text = re.sub(r"[`$*]", "", text.lower())
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(".")


def read_label(text: str, n: int) -> int | None:
    t = text.strip().lower().strip("().:[] ")
    if len(t) == 1 and t in labels(n):
        return labels(n).index(t)
    return None


class ChoiceAnswer(AnswerSpec):
    """One correct option among several; ``choices`` holds the option texts."""

    kind = "choice"

    def __init__(self, options: Sequence[str], correct: int) -> None:
        self.options = list(options)
        self.correct = correct

    @property
    def truth(self) -> int:
        return self.correct

    @property
    def canonical(self) -> str:
        return labels(len(self.options))[self.correct]

    def read(self, text: str) -> Read:
        reason = blank_reason(text)
        if reason:
            return unreadable(f"{reason}; type the letter of one option")
        index = read_label(text, len(self.options))
        if index is not None:
            return Read(index)
        wanted = normalise_option(text)
        for i, option in enumerate(self.options):
            if normalise_option(option) == wanted:
                return Read(i)
        letters = ", ".join(labels(len(self.options)))
        return unreadable(f"type the letter of one option ({letters}) or its exact text")

    def same(self, value: Any, target: Any) -> bool:
        return value == target

    def describe_wrong(self, value: Any) -> str:
        return "Not that one. Reread the options against the hints."
