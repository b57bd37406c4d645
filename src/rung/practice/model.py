"""The practice contract: a check family generates problems; a problem grades text.

Everything here is pure. A family turns a seed into a :class:`Problem` through
``random.Random(seed)`` alone, so the same (check id, seed) pair always gives
the same problem: the progress store keeps only that pair and regenerates.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from .answers.base import AnswerSpec

Status = Literal["correct", "wrong", "unreadable"]


@dataclass(frozen=True)
class Grade:
    """The verdict on one answer, with feedback that says what to do next."""

    status: Status
    feedback: str
    misconception: str | None = None

    @property
    def correct(self) -> bool:
        return self.status == "correct"


@dataclass(frozen=True)
class Explain:
    """An optional written explanation: the learner compares with the model answer."""

    question: str
    model_answer: str


@dataclass(frozen=True)
class Misconception:
    """A known wrong answer (or a test for one) and what it says about the mistake.

    ``value`` is compared with the learner's value by the answer spec's
    ``same``; ``test`` is a predicate for mistakes that are a pattern rather
    than one value (one entry with the wrong sign).
    """

    id: str
    message: str
    value: Any = None
    test: Callable[[Any], bool] | None = None

    def matches(self, spec: AnswerSpec, value: Any) -> bool:
        if self.test is not None:
            try:
                return bool(self.test(value))
            except (TypeError, ValueError, IndexError, ArithmeticError):
                return False
        try:
            return spec.same(value, self.value)
        except (TypeError, ValueError, IndexError, ArithmeticError):
            return False


@dataclass(frozen=True)
class Draft:
    """What a family's builder returns; :meth:`CheckFamily.generate` adds id and seed."""

    prompt: str
    answer: AnswerSpec
    hints: list[str]
    solution: str
    misconceptions: tuple[Misconception, ...] = ()
    choices: list[str] | None = None
    explain: Explain | None = None


@dataclass(frozen=True, eq=False)
class Problem:
    """One concrete exercise. ``grade`` never raises on any text."""

    check_id: str
    seed: int
    prompt: str
    kind: str
    answer_text: str
    hints: list[str]
    solution: str
    choices: list[str] | None = None
    explain: Explain | None = None
    answer: AnswerSpec = field(repr=False, default=None)  # type: ignore[assignment]
    misconceptions: tuple[Misconception, ...] = field(repr=False, default=())

    def grade(self, text: str) -> Grade:
        read = self.answer.read(text if isinstance(text, str) else "")
        if not read.ok:
            return Grade("unreadable", f"Could not read that: {read.reason}.")
        value = read.value
        if self.answer.is_correct(value):
            return Grade("correct", "Correct.")
        for m in self.misconceptions:
            if m.matches(self.answer, value):
                return Grade("wrong", m.message, m.id)
        return Grade("wrong", self.answer.describe_wrong(value))


Builder = Callable[[random.Random], Draft]


@dataclass(frozen=True)
class CheckFamily:
    """A family of exercises on one idea, tied to a lesson, rungs and exit criteria."""

    id: str
    title: str
    lesson: str
    kind: str
    rungs: tuple[str, ...]
    exit: tuple[str, ...]
    build: Builder = field(repr=False, compare=False)
    symbolic: bool = False

    def generate(self, seed: int) -> Problem:
        draft = self.build(random.Random(seed))
        if draft.answer.kind != self.kind:
            raise AssertionError(
                f"{self.id}: built a {draft.answer.kind} answer, declared {self.kind}"
            )
        return Problem(
            check_id=self.id,
            seed=seed,
            prompt=draft.prompt,
            kind=self.kind,
            answer_text=draft.answer.canonical,
            hints=list(draft.hints),
            solution=draft.solution,
            choices=list(draft.choices) if draft.choices is not None else None,
            explain=draft.explain,
            answer=draft.answer,
            misconceptions=tuple(m for m in draft.misconceptions if not _is_truth(draft.answer, m)),
        )


def _is_truth(spec: AnswerSpec, m: Misconception) -> bool:
    """A known wrong answer that happens to equal the right one must never fire."""
    return m.test is None and m.matches(spec, spec.truth)
