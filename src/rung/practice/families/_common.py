"""Helpers shared by the family modules: registration, random small numbers, prompt bits."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import TypeVar

from .. import linalg as la
from ..answers import ChoiceAnswer
from ..answers.choice import labels
from ..model import Builder, CheckFamily, Draft, Explain, Misconception

T = TypeVar("T")

MATRIX_FORM = "Type the matrix as `[[a, b], [c, d]]`, or rows split by `;` like `a b; c d`."
VECTOR_FORM = "Type the vector as a list, like `[1, -2, 3]` (or `1 -2 3`)."
SHAPE_FORM = "Type the shape like `(2, 3)`, or `error` if the code raises."


def check(
    id: str,
    title: str,
    lesson: str,
    kind: str,
    rungs: Sequence[str] = (),
    exit: Sequence[str] = (),
    symbolic: bool = False,
) -> Callable[[Builder], CheckFamily]:
    """Turn a builder function into a registered :class:`CheckFamily`."""

    def wrap(build: Builder) -> CheckFamily:
        return CheckFamily(
            id=id,
            title=title,
            lesson=lesson,
            kind=kind,
            rungs=tuple(rungs),
            exit=tuple(exit),
            build=build,
            symbolic=symbolic,
        )

    return wrap


def nonzero(rng: random.Random, lo: int, hi: int) -> int:
    while True:
        x = rng.randint(lo, hi)
        if x != 0:
            return x


def ivec(rng: random.Random, n: int, lo: int = -4, hi: int = 5, nonzero_vec: bool = True) -> la.Vec:
    while True:
        v = la.vec([rng.randint(lo, hi) for _ in range(n)])
        if not nonzero_vec or any(v):
            return v


def imat(rng: random.Random, m: int, n: int, lo: int = -3, hi: int = 4) -> la.Mat:
    return la.mat([[rng.randint(lo, hi) for _ in range(n)] for _ in range(m)])


def options_md(options: Sequence[str]) -> str:
    """Lettered options as a Markdown list: ``- **a)** ...``."""
    return "\n".join(f"- **{labels(len(options))[i]})** {o}" for i, o in enumerate(options))


def choice_draft(
    prompt: str,
    options: list[str],
    correct: int,
    hints: list[str],
    solution: str,
    misconceptions: tuple[Misconception, ...],
    explain: Explain | None = None,
) -> Draft:
    """A multiple-choice draft: one right option among ``options``, shown as the choices."""
    return Draft(
        prompt,
        ChoiceAnswer(options, correct),
        hints,
        solution,
        misconceptions,
        choices=options,
        explain=explain,
    )


def shuffled(rng: random.Random, items: Sequence[T]) -> list[T]:
    out = list(items)
    rng.shuffle(out)
    return out


def frac(x: int | Fraction) -> Fraction:
    return Fraction(x)


def unimodular(rng: random.Random) -> la.Mat:
    """A 2x2 integer matrix with determinant +-1 (so its inverse is integer too)."""
    while True:
        a, b = rng.randint(-2, 2), rng.randint(-2, 2)
        lower = la.mat([[1, 0], [a, 1]])
        upper = la.mat([[1, b], [0, 1]])
        m = la.matmul(lower, upper) if rng.random() < 0.5 else la.matmul(upper, lower)
        if rng.random() < 0.3:
            m = la.mat([[m[0][1], m[0][0]], [m[1][1], m[1][0]]])  # swap columns: det -1
        if a != 0 or b != 0:
            return m
