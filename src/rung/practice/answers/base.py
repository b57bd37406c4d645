"""What every answer kind shares: the read result, the spec interface, text splitting.

A reader returns either a value or a reason it could not read the text. The
distinction matters for the learner: text that cannot be read is never marked
wrong, it is sent back with the form that was expected.
"""

from __future__ import annotations

import math
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .expr import Number, ReadError, read_number

OPEN = "([{"
CLOSE = ")]}"
PAIRS = {")": "(", "]": "[", "}": "{"}

#: Wrappers people paste from a REPL, removed before reading: ``tensor([1, 2])``.
WRAPPERS = ("torch.size", "torch.tensor", "tensor", "np.array", "numpy.array", "array", "matrix")


@dataclass(frozen=True)
class Read:
    """The result of reading text: a value, or the reason it could not be read."""

    value: Any = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.reason is None


def unreadable(reason: str) -> Read:
    return Read(None, reason)


class AnswerSpec(ABC):
    """The expected answer of one problem, and how to read and judge typed text."""

    kind: str = ""

    @property
    @abstractmethod
    def canonical(self) -> str:
        """A text form of the right answer that this spec reads as correct."""

    @abstractmethod
    def read(self, text: str) -> Read:
        """Read typed text into a value, or say why it cannot be read."""

    @abstractmethod
    def same(self, value: Any, target: Any) -> bool:
        """Whether a read value equals a target value (the answer or a known wrong one)."""

    @abstractmethod
    def describe_wrong(self, value: Any) -> str:
        """Say in general terms what is wrong, without giving the answer away."""

    @property
    @abstractmethod
    def truth(self) -> Any:
        """The right value."""

    def is_correct(self, value: Any) -> bool:
        return self.same(value, self.truth)


def check_brackets(text: str) -> str | None:
    """Return a reason if brackets do not pair up, else None."""
    stack: list[str] = []
    for ch in text:
        if ch in OPEN:
            stack.append(ch)
        elif ch in CLOSE:
            if not stack or stack[-1] != PAIRS[ch]:
                return "the brackets do not match"
            stack.pop()
    return "a bracket is never closed" if stack else None


def matching_close(text: str, start: int) -> int:
    """Index of the bracket closing the one at ``start`` (text already balanced)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] in OPEN:
            depth += 1
        elif text[i] in CLOSE:
            depth -= 1
            if depth == 0:
                return i
    return -1


def unwrap(text: str, brackets: str = "([") -> tuple[str, bool]:
    """Remove one pair of outer brackets if they enclose the whole text."""
    text = text.strip()
    if text and text[0] in brackets and matching_close(text, 0) == len(text) - 1:
        return text[1:-1].strip(), True
    return text, False


def strip_wrapper(text: str) -> str:
    """Remove a REPL wrapper such as ``torch.Size(...)`` or ``tensor(...)``."""
    low = text.strip().lower()
    for name in WRAPPERS:
        if low.startswith(name + "(") and low.endswith(")"):
            return text.strip()[len(name) + 1 : -1].strip()
    return text.strip()


def split_top(text: str, seps: str) -> list[str]:
    """Split at separator characters that are not inside brackets."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth -= 1
        if depth == 0 and ch in seps:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts]


def split_spaces(text: str) -> list[str]:
    """Split ``1 -2 3`` into entries while keeping ``1 - 2`` together."""
    pieces = [p for p in split_top(text, " \t") if p]
    out: list[str] = []
    for piece in pieces:
        joins = out and (
            out[-1][-1] in "+-*/^" or piece[0] in "*/^" or piece in ("+", "-") or piece == "**"
        )
        if joins:
            out[-1] = out[-1] + " " + piece
        else:
            out.append(piece)
    return out


def split_entries(text: str) -> list[str] | str:
    """Split the inside of a list into entry texts; return a reason string on failure."""
    if "," in _top_chars(text):
        parts = split_top(text, ",")
        if len(parts) > 1 and parts[-1] == "":
            parts = parts[:-1]  # a trailing comma, as in (3,)
    elif ";" in _top_chars(text):
        parts = split_top(text, ";")
    elif "\n" in _top_chars(text):
        parts = [p for p in split_top(text, "\n") if p]
    else:
        parts = split_spaces(text)
    if any(p == "" for p in parts):
        return "an entry is missing between two separators"
    return parts


def _top_chars(text: str) -> str:
    depth = 0
    out = []
    for ch in text:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def read_entry(text: str) -> Number:
    """Read one entry of a vector or matrix; a lone ``[x]`` is accepted as x."""
    inner, wrapped = unwrap(text, "[")
    if wrapped and "," not in inner:
        text = inner
    return read_number(text)


def read_numbers(text: str) -> list[Number] | str:
    """Read a list of numbers (brackets optional); a reason string on failure."""
    text = strip_wrapper(text)
    inner, _ = unwrap(text)
    if not inner:
        return "the list is empty"
    parts = split_entries(inner)
    if isinstance(parts, str):
        return parts
    values: list[Number] = []
    for i, part in enumerate(parts, start=1):
        try:
            values.append(read_entry(part))
        except ReadError as exc:
            return f"entry {i} (`{part}`): {exc}"
    return values


def numbers_equal(a: Number, b: Number, rel: float = 1e-9, abs_tol: float = 1e-9) -> bool:
    """Exact for two fractions; within a tolerance otherwise."""
    if isinstance(a, int | Fraction) and isinstance(b, int | Fraction):
        return a == b
    return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=abs_tol)


def blank_reason(text: str) -> str | None:
    if text is None or not str(text).strip():
        return "the answer is empty"
    return None


def tokens_of(text: str) -> list[str]:
    """Split on commas, semicolons, whitespace and arrows (for labels and choices)."""
    return [t for t in re.split(r"(?:\s|,|;|->|→|>|\band\b)+", text.strip()) if t]
