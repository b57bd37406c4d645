"""Determinants: 2x2, 3x3, area scaling and orientation (lesson 7)."""

from __future__ import annotations

import random

from .. import linalg as la
from .. import misconceptions as mc
from ..answers import IntegerAnswer
from ..latex import bmatrix, num, paren
from ..model import Draft, Misconception
from ._common import check, choice_draft, imat, options_md, shuffled


def _det2_steps(m: la.Mat) -> str:
    (a, b), (c, d) = m
    return f"{paren(a)}\\cdot{paren(d)} - {paren(b)}\\cdot{paren(c)} = {num(a * d)} - {paren(b * c)} = {num(la.det(m))}"


def _det2_mistakes(m: la.Mat) -> list[Misconception]:
    (a, b), (c, d) = m
    return [
        mc.value(
            mc.DET_AD_PLUS_BC,
            "You added the two products. The determinant is $ad - bc$: the second product is subtracted.",
            a * d + b * c,
        ),
        mc.value(
            mc.DET_REVERSED,
            "You computed $bc - ad$, which has the opposite sign: it is $ad - bc$ (main diagonal first).",
            b * c - a * d,
        ),
    ]


@check(
    "la.determinants.2x2",
    "The determinant of a 2x2 matrix",
    lesson="la.determinants",
    kind="integer",
    rungs=("la.r05",),
)
def det_2x2(rng: random.Random) -> Draft:
    while True:
        m = imat(rng, 2, 2, -5, 6)
        if m[0][1] * m[1][0] != 0 and la.det(m) != 0:
            break
    d = la.det(m)
    prompt = f"Compute $\\det A$ for $A = {bmatrix(m)}$."
    hints = [
        "For $\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}$ the determinant is $ad - bc$.",
        "Multiply down the main diagonal, then subtract the product of the other diagonal.",
    ]
    solution = (
        f"$\\det A = {_det2_steps(m)}$.\n\n"
        f"Geometrically, $A$ scales every area by ${num(abs(d))}$"
        + (" and flips orientation (the sign is negative)." if d < 0 else " and keeps orientation.")
    )
    return Draft(prompt, IntegerAnswer(int(d)), hints, solution, tuple(_det2_mistakes(m)))


@check(
    "la.determinants.3x3",
    "The determinant of a 3x3 matrix",
    lesson="la.determinants",
    kind="integer",
    rungs=("la.r05",),
)
def det_3x3(rng: random.Random) -> Draft:
    while True:
        m = imat(rng, 3, 3, -2, 3)
        d = la.det(m)
        no_alt = sum(m[0][j] * la.det(la.minor(m, 0, j)) for j in range(3))
        if d != 0 and no_alt != d:
            break
    minors = [la.det(la.minor(m, 0, j)) for j in range(3)]
    signs = ["+", "-", "+"]
    expansion = " ".join(
        f"{signs[j]} {paren(m[0][j])}\\cdot{paren(minors[j])}" for j in range(3)
    ).lstrip("+ ")
    prompt = f"Compute $\\det A$ for $A = {bmatrix(m)}$."
    hints = [
        "Expand along the first row: each entry times the determinant of the $2\\times 2$ matrix left "
        "when you delete its row and column.",
        "The signs alternate $+, -, +$ along the row.",
    ]
    blocks = ", ".join(
        f"$M_{{1{j + 1}}} = \\det{bmatrix(la.minor(m, 0, j))} = {num(minors[j])}$" for j in range(3)
    )
    solution = (
        f"The minors along the first row: {blocks}.\n\n"
        f"$\\det A = {expansion} = {num(d)}$.\n\n"
        f"So $A$ scales volumes by ${num(abs(d))}$"
        + (" and flips orientation." if d < 0 else " and keeps orientation.")
    )
    wrong = (
        mc.value(
            "det-no-alternating-signs",
            "You added all three cofactor terms. Along the first row the signs alternate: $+, -, +$.",
            no_alt,
        ),
        mc.sign_flip(d),
    )
    return Draft(prompt, IntegerAnswer(int(d)), hints, solution, wrong)


@check(
    "la.determinants.area",
    "How a matrix scales area",
    lesson="la.determinants",
    kind="integer",
    rungs=("la.r05",),
)
def area(rng: random.Random) -> Draft:
    while True:
        m = imat(rng, 2, 2, -4, 4)
        d = la.det(m)
        if d != 0 and abs(d) != 1 and m[0][1] * m[1][0] != 0:
            break
    shape, size = rng.choice(
        (("square", 4), ("triangle", 3), ("rectangle", 6), ("disc", 5), ("region", 7))
    )
    answer = abs(d) * size
    prompt = (
        f"A {shape} in the plane has area {size}. The linear map $A = {bmatrix(m)}$ is applied to it.\n\n"
        "What is the area of the image?"
    )
    hints = [
        "A linear map multiplies every area by the same factor.",
        "That factor is the absolute value of the determinant.",
    ]
    solution = (
        f"$\\det A = {_det2_steps(m)}$. Areas are multiplied by $|\\det A| = {num(abs(d))}$, so the new "
        f"area is ${num(abs(d))}\\cdot {size} = {num(answer)}$."
        + (" The negative sign only says that orientation is flipped." if d < 0 else "")
    )
    (a, b), (c, e) = m
    wrong = (
        mc.value(
            mc.AREA_SIGNED,
            "An area cannot be negative: the sign of the determinant says the map flips orientation; "
            "the area factor is its absolute value.",
            d * size,
        ),
        mc.value(
            mc.AREA_NO_DET,
            "You gave the area factor without the original area (or the other way round): multiply them.",
            abs(d),
        ),
        mc.value(
            mc.DET_AD_PLUS_BC,
            "The area factor uses $ad - bc$, with the second product subtracted.",
            abs(a * e + b * c) * size,
        ),
    )
    return Draft(prompt, IntegerAnswer(int(answer)), hints, solution, wrong)


@check(
    "la.determinants.orientation",
    "Read area and orientation from the determinant",
    lesson="la.determinants",
    kind="choice",
    rungs=("la.r05",),
)
def orientation(rng: random.Random) -> Draft:
    kind = rng.choice(("keep", "flip", "flat"))
    while True:
        m = imat(rng, 2, 2, -3, 3)
        d = la.det(m)
        if (kind == "keep" and d > 1) or (kind == "flip" and d < -1):
            break
        if kind == "flat" and d == 0 and not la.is_zero(m):
            break
    k = abs(d) if d != 0 else rng.choice((2, 3))
    options_keyed = [
        ("keep", f"keeps orientation and multiplies areas by {num(k)}"),
        ("flip", f"flips orientation and multiplies areas by {num(k)}"),
        ("flat", "squashes the plane onto a line or a point, so every area becomes 0"),
        ("plus1", f"keeps orientation and multiplies areas by {num(k + 1)}"),
    ]
    options_keyed = shuffled(rng, options_keyed)
    options = [text for _, text in options_keyed]
    correct = [key for key, _ in options_keyed].index(kind)
    prompt = f"Which describes the map $A = {bmatrix(m)}$?\n\n{options_md(options)}"
    hints = [
        "Compute $\\det A = ad - bc$.",
        "Its absolute value is the area factor; a negative sign means orientation flips; zero means "
        "the plane is squashed flat.",
    ]
    meaning = {
        "keep": "positive, so orientation is kept",
        "flip": "negative, so orientation flips",
        "flat": "zero, so the columns lie on one line and all area is lost",
    }[kind]
    solution = f"$\\det A = {_det2_steps(m)}$, which is {meaning}."
    if kind != "flat":
        solution += f" Areas are multiplied by $|\\det A| = {num(abs(d))}$."
    wrong = []
    msgs = {
        "keep": ("orientation-sign", "Check the sign of the determinant: it decides orientation."),
        "flip": ("orientation-sign", "Check the sign of the determinant: it decides orientation."),
        "flat": (
            "determinant-nonzero",
            "The determinant is not zero here, so the plane is not squashed.",
        ),
        "plus1": ("area-factor", "The area factor is $|\\det A|$ exactly."),
    }
    for i, (key, _) in enumerate(options_keyed):
        if key != kind:
            ident, message = msgs[key]
            if kind == "flat" and key in ("keep", "flip"):
                ident, message = (
                    "determinant-zero",
                    "The determinant is zero: the columns are parallel.",
                )
            wrong.append(mc.value(ident, message, i))
    return choice_draft(prompt, options, correct, hints, solution, tuple(wrong))
