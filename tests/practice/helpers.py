"""Shared test helpers: text forms of values, perturbations, and a Markdown/LaTeX checker."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from rung.practice import Problem
from rung.practice.answers import ERROR, fraction_text, matrix_text, shape_text, vector_text
from rung.practice.answers.choice import labels
from rung.practice.answers.vectors import parallel


def number_text(x: Any) -> str:
    if isinstance(x, int | Fraction):
        return fraction_text(Fraction(x))
    return f"{float(x):.12g}"


def value_text(problem: Problem, value: Any) -> str:
    """The text a learner would type for a value of this problem's kind."""
    kind = problem.kind
    if kind in ("integer", "real", "fraction"):
        return number_text(value)
    if kind == "vector":
        return "[" + ", ".join(number_text(x) for x in value) + "]"
    if kind == "matrix":
        return (
            "["
            + ", ".join("[" + ", ".join(number_text(x) for x in row) + "]" for row in value)
            + "]"
        )
    if kind == "shape":
        return shape_text(value)
    if kind == "set":
        return "{" + ", ".join(number_text(x) for x in value) + "}"
    if kind == "choice":
        return labels(len(problem.choices))[value]
    if kind == "multi":
        return ", ".join(labels(len(problem.choices))[i] for i in sorted(value))
    if kind == "truefalse":
        return "true" if value else "false"
    if kind == "ordering":
        return ", ".join(labels(len(problem.choices))[i] for i in value)
    if kind == "expression":
        return str(value)
    raise AssertionError(f"unknown kind {kind}")


def perturbed(problem: Problem) -> str:
    """A readable answer that is certainly not right."""
    truth = problem.answer.truth
    kind = problem.kind
    if kind in ("integer", "fraction"):
        return number_text(Fraction(truth) + 1)
    if kind == "real":
        return number_text(float(truth) + 1 + abs(float(truth)) / 2)
    if kind == "vector":
        v = [Fraction(x) if isinstance(x, int) else x for x in truth]
        v[-1] += 1
        if problem.answer.up_to_scale and parallel(v, truth):
            v[0] += 1
        return vector_text(v)
    if kind == "matrix":
        rows = [list(r) for r in truth]
        rows[0][0] += 1
        return matrix_text(rows)
    if kind == "shape":
        if truth == ERROR:
            return "(2, 3)"
        return shape_text(truth[:-1] + (truth[-1] + 1,)) if truth else "(1,)"
    if kind == "set":
        return "{" + ", ".join(number_text(x) for x in (*truth, max(truth) + 1)) + "}"
    if kind == "choice":
        return labels(len(problem.choices))[(truth + 1) % len(problem.choices)]
    if kind == "multi":
        toggled = set(truth) ^ {0}
        if not toggled:
            toggled = set(truth) ^ {1}
        return ", ".join(labels(len(problem.choices))[i] for i in sorted(toggled))
    if kind == "truefalse":
        return "false" if truth else "true"
    if kind == "ordering":
        order = list(truth)
        order[0], order[1] = order[1], order[0]
        return ", ".join(labels(len(problem.choices))[i] for i in order)
    if kind == "expression":
        return problem.answer_text + " + 1"
    raise AssertionError(f"unknown kind {kind}")


_FENCE = re.compile(r"```.*?```", re.S)
_CODE = re.compile(r"`[^`]*`")


def math_problems(text: str) -> list[str]:
    """Reasons a Markdown+LaTeX text is malformed (empty when it is well formed)."""
    problems = []
    body = _CODE.sub("", _FENCE.sub("", text))
    if body.count("$$") % 2:
        problems.append("odd number of $$")
    singles = body.replace("$$", "").replace("\\$", "")
    if singles.count("$") % 2:
        problems.append("odd number of $")
    depth = 0
    for m in re.finditer(r"\\[{}]|[{}]", body):
        tok = m.group(0)
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
            if depth < 0:
                problems.append("a } closes nothing")
                break
    if depth > 0:
        problems.append("an unclosed {")
    if body.count("\\{") != body.count("\\}"):
        problems.append("unbalanced \\{ \\}")
    stack: list[str] = []
    for m in re.finditer(r"\\(begin|end)\{(\w+)\}", body):
        if m.group(1) == "begin":
            stack.append(m.group(2))
        elif not stack or stack.pop() != m.group(2):
            problems.append(f"\\end{{{m.group(2)}}} does not match")
    if stack:
        problems.append(f"unclosed \\begin{{{stack[-1]}}}")
    if "```" in text and text.count("```") % 2:
        problems.append("unclosed code fence")
    return problems
