"""Multiple choice: every right option, as ``a, c``, ``a c`` or ``ac``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .base import AnswerSpec, Read, blank_reason, tokens_of, unreadable
from .choice import labels


def read_labels(text: str, n: int) -> list[int] | str:
    """Read option letters; a reason string if any token is not a letter in range."""
    valid = labels(n)
    tokens = [t.strip("().:[]").lower() for t in tokens_of(text)]
    tokens = [t for t in tokens if t]
    if len(tokens) == 1 and len(tokens[0]) > 1 and all(ch in valid for ch in tokens[0]):
        tokens = list(tokens[0])
    if not tokens:
        return "no option letters found"
    bad = [t for t in tokens if len(t) != 1 or t not in valid]
    if bad:
        return f"`{bad[0]}` is not one of the option letters ({', '.join(valid)})"
    return [valid.index(t) for t in tokens]


class MultiChoiceAnswer(AnswerSpec):
    """A set of right options among several."""

    kind = "multi"

    def __init__(self, options: Sequence[str], correct: Iterable[int]) -> None:
        self.options = list(options)
        self.correct = frozenset(correct)

    @property
    def truth(self) -> frozenset[int]:
        return self.correct

    @property
    def canonical(self) -> str:
        return ", ".join(labels(len(self.options))[i] for i in sorted(self.correct))

    def read(self, text: str) -> Read:
        reason = blank_reason(text)
        if reason:
            return unreadable(f"{reason}; type the letters of every right option, like `a, c`")
        got = read_labels(text, len(self.options))
        if isinstance(got, str):
            return unreadable(f"{got}; type the letters of every right option, like `a, c`")
        return Read(frozenset(got))

    def same(self, value: Any, target: Any) -> bool:
        return frozenset(value) == frozenset(target)

    def describe_wrong(self, value: Any) -> str:
        extra = len(value - self.correct)
        missed = len(self.correct - value)
        parts = []
        if extra:
            parts.append(f"{extra} of your picks {'is' if extra == 1 else 'are'} not right")
        if missed:
            parts.append(f"{missed} right option{'' if missed == 1 else 's'} missing")
        return "Not quite: " + " and ".join(parts) + "."
