"""Property tests over every check family: 200 seeds each.

For every family and seed: the canonical answer grades correct, a perturbed
answer grades wrong (never unreadable), garbage is unreadable, every known
wrong answer is recognised as wrong, and the Markdown/LaTeX is well formed.
"""

from __future__ import annotations

import pytest

from rung.practice import CheckFamily, all_checks
from rung.practice.model import Misconception

from .helpers import math_problems, perturbed, value_text

SEEDS = range(200)
FAMILIES = all_checks()
GARBAGE = ("banana", "[1, 2", "", "{{", "   ", "__import__('os').system('true')")
KINDS = {
    "integer",
    "real",
    "fraction",
    "vector",
    "matrix",
    "shape",
    "set",
    "choice",
    "multi",
    "truefalse",
    "ordering",
    "expression",
}
COMPUTED = {"integer", "real", "fraction", "vector", "matrix", "shape", "set", "expression"}


def _seeds(fam: CheckFamily) -> range:
    """Symbolic grading costs milliseconds; fewer seeds keep the run short."""
    return range(60) if fam.symbolic else SEEDS


@pytest.mark.parametrize("fam", FAMILIES, ids=lambda f: f.id)
def test_family_properties(fam: CheckFamily) -> None:
    assert fam.kind in KINDS
    prompts = set()
    for seed in _seeds(fam):
        p = fam.generate(seed)
        assert p.check_id == fam.id and p.seed == seed and p.kind == fam.kind
        prompts.add(p.prompt)

        right = p.grade(p.answer_text)
        assert right.status == "correct", (seed, p.answer_text, right)
        assert right.misconception is None

        wrong_text = perturbed(p)
        wrong = p.grade(wrong_text)
        assert wrong.status == "wrong", (seed, wrong_text, wrong)
        assert wrong.feedback

        for junk in GARBAGE:
            g = p.grade(junk)
            assert g.status == "unreadable", (seed, junk, g)
            assert g.feedback.startswith("Could not read that")

        for part in [p.prompt, p.solution, *p.hints, *(p.choices or [])]:
            assert not math_problems(part), (seed, math_problems(part), part)
        if p.explain is not None:
            assert p.explain.question and p.explain.model_answer
            assert not math_problems(p.explain.question) and not math_problems(
                p.explain.model_answer
            )
        assert 2 <= len(p.hints) <= 3, p.hints
        assert p.solution.strip()
        if fam.kind in ("choice", "multi", "ordering"):
            assert p.choices and len(set(p.choices)) == len(p.choices)

        for m in p.misconceptions:
            _check_misconception(p, m, seed)
    floor = 20 if fam.kind in COMPUTED else 8
    assert len(prompts) >= min(floor, len(_seeds(fam))), (fam.id, len(prompts))


def _check_misconception(p, m: Misconception, seed: int) -> None:
    if m.test is not None:
        assert not m.test(p.answer.truth) or p.answer.is_correct(p.answer.truth)
        return
    text = value_text(p, m.value)
    g = p.grade(text)
    assert g.status == "wrong", (p.check_id, seed, m.id, text, g)
    assert g.misconception is not None, (p.check_id, seed, m.id, text)
    assert g.feedback


@pytest.mark.parametrize("fam", FAMILIES, ids=lambda f: f.id)
def test_deterministic_in_seed(fam: CheckFamily) -> None:
    for seed in (0, 7, 123456789):
        a, b = fam.generate(seed), fam.generate(seed)
        assert (a.prompt, a.answer_text, a.solution, a.hints) == (
            b.prompt,
            b.answer_text,
            b.solution,
            b.hints,
        )


def test_the_grade_is_never_an_exception() -> None:
    odd = [
        "\x00",
        "1/0",
        "sqrt(-1)",
        "9^9^9^9",
        "(" * 300 + "1" + ")" * 300,
        "1e999999",
        "∞",
        "NaN",
        "[[[[",
        "{1,}",
    ]
    for fam in FAMILIES:
        p = fam.generate(1)
        for text in odd:
            assert p.grade(text).status in ("wrong", "unreadable")
