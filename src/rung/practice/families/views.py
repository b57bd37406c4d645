"""Concept check for rung 01: a vector as an arrow and as a list (lesson 2).

Half the variants ask which description fits a given list, the other half which
statement about the two views is true or false (see ``_choice``).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from .. import linalg as la
from ..latex import num
from ..model import Draft, Explain
from ._choice import Wrong, keyed_choice, statement_choice
from ._common import check, choice_draft, ivec, options_md

_VIEWS_TRUE = [
    "The arrow view makes similarity visible: two embeddings are alike when their arrows point in nearly the same direction.",
    "The list view is what a computer stores and computes with: a dot product is a sum of products of entries.",
    "The same arrow gets a different list in a different basis; the arrow itself does not change.",
    "Adding vectors means placing arrows tip to tail, and equally adding the lists entry by entry.",
    "A 768-entry embedding cannot be drawn, yet length and angle still make sense for it.",
]
_VIEWS_FALSE = [
    Wrong(
        "An arrow and a list are different objects, and turning one into the other loses information.",
        "views-different-objects",
        "once a basis is fixed, each arrow has exactly one list and each list one arrow.",
    ),
    Wrong(
        "A vector's list of numbers is the same in every basis.",
        "list-basis-independent",
        "the entries are the weights on the basis vectors, so they change when the basis changes.",
    ),
    Wrong(
        "Sliding an arrow to a new starting point, without turning it, makes a different vector.",
        "arrow-position-matters",
        "a vector is a displacement: only length and direction matter, not where it is drawn.",
    ),
    Wrong(
        "Vectors with more than three entries have no geometric meaning.",
        "no-geometry-high-dim",
        "length, angle and projection are defined by the same formulas in any dimension.",
    ),
    Wrong(
        "The length of the arrow for $[3, 4]$ is $7$, the sum of its entries.",
        "length-is-sum",
        "length is the square root of the sum of squares: $\\sqrt{9 + 16} = 5$.",
    ),
]

_VIEWS_EXPLAIN = Explain(
    "Describe a 3-D vector of your choice both as an arrow and as a list, and say what each view is good for.",
    "Take $[2, -1, 3]$. As a list it is three numbers: the weights on the $x$, $y$ and $z$ basis vectors. As an "
    "arrow it starts anywhere, moves 2 along $x$, 1 back along $y$ and 3 up along $z$; it has a length "
    "($\\sqrt{14}$) and a direction. The list is what we compute with (sums, products, code); the arrow is what "
    "we reason with (similar vectors point the same way, adding is tip to tail, projections are shadows).",
)


def _arrow_reading(rng: random.Random) -> Draft:
    v = ivec(rng, 3, -4, 4)
    while len({abs(x) for x in v}) < 3 or 0 in v:
        v = ivec(rng, 3, -4, 4)
    axes = ("x", "y", "z")

    def describe(w: Sequence[int]) -> str:
        parts = []
        for x, axis in zip(w, axes, strict=True):
            size = abs(x)
            step = "step" if size == 1 else "steps"
            parts.append(f"{size} {step} {'forward' if x > 0 else 'backward'} along ${axis}$")
        return ", ".join(parts)

    flipped = list(v)
    i = rng.randrange(3)
    flipped[i] = -flipped[i]
    rotated = [v[1], v[2], v[0]]
    entries = [
        ("right", describe(v)),
        ("sign", describe(flipped)),
        ("order", describe(rotated)),
        ("length", f"an arrow of length {num(abs(sum(v)))} along the line $x = y = z$"),
    ]
    messages = {
        "sign": (
            "arrow-sign",
            "Check each sign: a negative entry means a step backward along that axis.",
        ),
        "order": (
            "arrow-axis-order",
            "The entries go with the axes in order: first $x$, then $y$, then $z$.",
        ),
        "length": (
            "length-is-sum",
            "The entries are separate steps along the axes, not one length to add up.",
        ),
    }
    options, correct, wrong = keyed_choice(rng, entries, messages)
    prompt = (
        f"The list $[{', '.join(num(x) for x in v)}]$ describes an arrow from the origin. Which description "
        f"fits it?\n\n{options_md(options)}"
    )
    hints = [
        "Each entry is how far to move along one axis: the first along $x$, then $y$, then $z$.",
        "A negative entry means moving backward along that axis.",
    ]
    length_sq = int(la.norm_sq(la.vec(v)))
    solution = (
        f"Read the entries as steps: {describe(v)}. The arrow's length is "
        f"$\\sqrt{{{length_sq}}}$, not the sum of the entries."
    )
    return choice_draft(prompt, options, correct, hints, solution, wrong, _VIEWS_EXPLAIN)


@check(
    "la.vectors.views",
    "Arrows and lists: two views of one vector",
    lesson="la.vectors",
    kind="choice",
    rungs=("la.r01",),
)
def views(rng: random.Random) -> Draft:
    if rng.random() < 0.5:
        return _arrow_reading(rng)
    hints = [
        "Think of an embedding: what do you compute with, and what do you picture?",
        "Try each statement on a small example such as $[3, 4]$.",
    ]
    return statement_choice(
        rng, "About vectors as arrows and lists:", _VIEWS_TRUE, _VIEWS_FALSE, hints, _VIEWS_EXPLAIN
    )
