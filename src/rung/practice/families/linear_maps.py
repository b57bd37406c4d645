"""Concept checks for rung 03: which maps are linear; products as compositions.

The linear-map check builds its maps from random coefficients, so the learner
judges the form of a map rather than recognising one it has seen; the
composition check picks statements (see ``_choice``).
"""

from __future__ import annotations

import random

from ..answers import MultiChoiceAnswer
from ..model import Draft, Explain, Misconception
from ._choice import Wrong, statement_check
from ._common import check, nonzero, options_md, shuffled


def _linear_maps(rng: random.Random) -> tuple[list[str], list[tuple[str, str]]]:
    a, b, c = nonzero(rng, -3, 3), nonzero(rng, -3, 3), nonzero(rng, -3, 3)
    k = rng.randint(1, 3)

    def term(coef: int, var: str) -> str:
        return var if coef == 1 else (f"-{var}" if coef == -1 else f"{coef}{var}")

    def plus(coef: int, var: str) -> str:
        t = term(coef, var)
        return f"- {t[1:]}" if t.startswith("-") else f"+ {t}"

    linear = [
        f"$(x, y) \\mapsto ({term(a, 'x')} {plus(b, 'y')},\\ {term(c, 'x')})$",
        f"$(x, y) \\mapsto ({term(a, 'y')},\\ {term(b, 'x')})$",
        f"$(x, y) \\mapsto (x - y,\\ {term(c, 'y')})$",
        f"$(x, y) \\mapsto (0,\\ {term(a, 'x')} {plus(b, 'y')})$",
        f"$(x, y) \\mapsto ({term(k + 1, 'x')},\\ {term(k + 1, 'y')})$",
    ]
    nonlinear = [
        (f"$(x, y) \\mapsto (x + {k},\\ y)$", "shift"),
        ("$(x, y) \\mapsto (x^2,\\ y)$", "curve"),
        ("$(x, y) \\mapsto (xy,\\ y)$", "curve"),
        ("$(x, y) \\mapsto (|x|,\\ y)$", "curve"),
        (f"$(x, y) \\mapsto ({term(a, 'x')},\\ y - {k})$", "shift"),
    ]
    return linear, nonlinear


_VERDICTS = {
    "linear": "linear: each output is a fixed combination of $x$ and $y$",
    "shift": "not linear: it adds a constant, so $\\mathbf{0}$ does not stay at $\\mathbf{0}$",
    "curve": "not linear: doubling the input does not double the output",
}


@check(
    "la.transformations.linear",
    "Which maps are linear?",
    lesson="la.transformations",
    kind="multi",
    rungs=("la.r03",),
)
def linear_maps(rng: random.Random) -> Draft:
    linear, nonlinear = _linear_maps(rng)
    n_lin = rng.randint(2, 3)
    picked = [(t, "linear") for t in rng.sample(linear, n_lin)] + rng.sample(nonlinear, 5 - n_lin)
    picked = shuffled(rng, picked)
    options = [t for t, _ in picked]
    right = [i for i, (_, tag) in enumerate(picked) if tag == "linear"]
    shifts = {i for i, (_, tag) in enumerate(picked) if tag == "shift"}
    prompt = (
        "Which of these maps of the plane are linear? Select every one that is.\n\n"
        f"{options_md(options)}\n\nType the letters, like `a, c`."
    )
    hints = [
        "A linear map sends $\\mathbf{0}$ to $\\mathbf{0}$, sums to sums and multiples to multiples.",
        "Each output of a linear map is a fixed combination $px + qy$: no constants, powers, products or absolute values.",
    ]
    lines = "\n".join(f"- {t}: {_VERDICTS[tag]}" for t, tag in picked)
    solution = (
        f"{lines}\n\nThe linear ones are exactly those that a $2\\times 2$ matrix can represent."
    )
    wrong = (
        Misconception(
            "translation-is-linear",
            "A map that adds a constant moves the origin, so it is not linear: a linear map sends $\\mathbf{0}$ to $\\mathbf{0}$.",
            test=lambda got: bool(set(got) & shifts),
        ),
        Misconception(
            "nonlinear-term-accepted",
            "Squares, products and absolute values break $T(c\\mathbf{v}) = cT(\\mathbf{v})$; try $c = -1$ or $c = 2$.",
            test=lambda got: bool(set(got) - set(right) - shifts),
        ),
    )
    explain = Explain(
        "Why is every map $\\mathbf{x} \\mapsto A\\mathbf{x}$, for a $2\\times 2$ matrix $A$, a linear transformation?",
        "$A\\mathbf{x}$ is $x_1$ times the first column plus $x_2$ times the second. So "
        "$A(\\mathbf{u} + \\mathbf{v}) = A\\mathbf{u} + A\\mathbf{v}$ and $A(c\\mathbf{u}) = cA\\mathbf{u}$: the weights "
        "just add and scale. Geometrically the origin stays put and grid lines stay parallel and evenly spaced, "
        "because every point is the same combination of the moved basis vectors.",
    )
    return Draft(
        prompt,
        MultiChoiceAnswer(options, right),
        hints,
        solution,
        wrong,
        choices=options,
        explain=explain,
    )


_COMPOSE_TRUE = [
    "$AB\\mathbf{x} = A(B\\mathbf{x})$: the product applies $B$ first, then $A$.",
    "Column $j$ of $AB$ is $A$ applied to column $j$ of $B$: where $B$ sends basis vector $j$, moved on by $A$.",
    "$(AB)C = A(BC)$ because both mean: apply $C$, then $B$, then $A$.",
    "$AB$ and $BA$ usually differ, because doing two moves in the other order usually ends somewhere else.",
    "The row-times-column rule follows from tracking where the basis vectors go; it need not be memorised.",
]
_COMPOSE_FALSE = [
    Wrong(
        "$AB$ applies $A$ first, because we read from left to right.",
        "reading-order",
        "the factor next to $\\mathbf{x}$, on the right, acts first.",
    ),
    Wrong(
        "$AB = BA$ for any two square matrices of the same size.",
        "commutes",
        "rotate-then-shear and shear-then-rotate end in different places.",
    ),
    Wrong(
        "The product of two matrices multiplies matching entries.",
        "elementwise",
        "that is the elementwise (Hadamard) product, not composition.",
    ),
    Wrong(
        "Only square matrices can be composed.",
        "square-only",
        "a $2\\times 3$ times a $3\\times 4$ composes a map $\\mathbb{R}^4 \\to \\mathbb{R}^3 \\to \\mathbb{R}^2$.",
    ),
    Wrong(
        "$AB$ has as many columns as $A$.",
        "columns-of-a",
        "$AB$ takes its inputs where $B$ does: it has the columns of $B$.",
    ),
]


composition = statement_check(
    "la.matmul.composition",
    "Matrix products are compositions",
    lesson="la.matmul",
    rungs=("la.r03",),
    topic="About matrix products:",
    true=_COMPOSE_TRUE,
    false=_COMPOSE_FALSE,
    hints=(
        "Read $AB\\mathbf{x}$ as a machine: which matrix touches $\\mathbf{x}$ first?",
        "Test a statement with a rotation and a shear.",
    ),
    explain=Explain(
        "Why is multiplying matrices the same as composing transformations?",
        "A matrix is fixed by where it sends the basis vectors (its columns). To find the single matrix for "
        "'$B$, then $A$', follow each basis vector: $B$ sends it to column $j$ of $B$, and $A$ sends that to "
        "$A$ times column $j$ of $B$. Those results are the columns of $AB$, and writing them out entry by entry "
        "is the rows-times-columns rule. So the product is defined to be the composition.",
    ),
)
