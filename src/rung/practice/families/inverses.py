"""Inverses of 2x2 matrices and the rank of small matrices (lesson 6)."""

from __future__ import annotations

import random
from fractions import Fraction

from .. import linalg as la
from .. import misconceptions as mc
from ..answers import IntegerAnswer, MatrixAnswer
from ..latex import bmatrix, num, paren
from ..model import Draft
from ._common import MATRIX_FORM, check, imat


@check(
    "la.inverses.2x2",
    "Invert a 2x2 matrix",
    lesson="la.inverses",
    kind="matrix",
    rungs=("la.r05",),
)
def inverse_2x2(rng: random.Random) -> Draft:
    while True:
        m = imat(rng, 2, 2, -4, 5)
        d = la.det(m)
        if d not in (0, 1, -1) and abs(d) <= 6 and m[0][1] != 0 and m[1][0] != 0:
            break
    (a, b), (c, e) = m
    d = Fraction(d)
    inv = la.inverse2(m)
    adj = la.mat([[e, -b], [-c, a]])
    prompt = (
        f"Find $A^{{-1}}$ for $A = {bmatrix(m)}$. Give exact fractions, like `[[1/2, -3/2], [1, 0]]`.\n\n"
        f"{MATRIX_FORM}"
    )
    hints = [
        "For $\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}$ the inverse is "
        "$\\frac{1}{ad - bc}\\begin{bmatrix} d & -b \\\\ -c & a \\end{bmatrix}$.",
        f"Here $ad - bc = {num(d)}$: swap the diagonal entries, negate the other two, divide everything by {num(d)}.",
    ]
    solution = (
        f"$\\det A = {paren(a)}\\cdot{paren(e)} - {paren(b)}\\cdot{paren(c)} = {num(d)}$.\n\n"
        f"Swap the diagonal and negate the off-diagonal: ${bmatrix(adj)}$. Divide by ${num(d)}$:\n\n"
        f"$$A^{{-1}} = {bmatrix(inv)}$$\n\n"
        f"Check: $AA^{{-1}} = {bmatrix(la.matmul(m, inv))}$."
    )
    no_swap = la.mat([[a / d, -b / d], [-c / d, e / d]])
    no_negate = la.mat([[e / d, b / d], [c / d, a / d]])
    wrong = [
        mc.value(
            mc.INVERSE_NO_DET,
            f"Almost: you still need to divide every entry by the determinant, {num(d)}.",
            adj,
        ),
        mc.value(
            mc.INVERSE_NO_SWAP,
            "The diagonal entries must swap places ($a$ and $d$); only the off-diagonal ones are negated.",
            no_swap,
        ),
        mc.value(
            mc.SIGN,
            "The off-diagonal entries ($b$ and $c$) change sign in the inverse.",
            no_negate,
        ),
        mc.value(
            "inverse-wrong-determinant-sign",
            "Every entry has the wrong sign: check the sign of the determinant, $ad - bc$.",
            la.neg(inv),
        ),
        mc.one_sign_matrix(inv),
    ]
    if a != 0 and b != 0 and c != 0 and e != 0:
        wrong.append(
            mc.value(
                mc.INVERSE_ELEMENTWISE,
                "Inverting each entry does not invert the matrix: $A^{-1}$ must satisfy $AA^{-1} = I$.",
                la.mat([[1 / Fraction(a), 1 / Fraction(b)], [1 / Fraction(c), 1 / Fraction(e)]]),
            )
        )
    return Draft(prompt, MatrixAnswer(inv), hints, solution, tuple(wrong))


@check(
    "la.inverses.rank",
    "The rank of a small matrix",
    lesson="la.inverses",
    kind="integer",
    rungs=("la.r06",),
    exit=("la.exit.lowrank",),
)
def rank_of(rng: random.Random) -> Draft:
    m, n = rng.choice(((3, 3), (3, 3), (2, 3), (3, 2), (3, 4), (4, 3)))
    target = rng.randint(1, min(m, n))
    while True:
        left, right = imat(rng, m, target, -2, 2), imat(rng, target, n, -2, 2)
        a = la.matmul(left, right)
        r = la.rank(a)
        if r == target and all(any(x != 0 for x in row) for row in a):
            break
    full = min(m, n)
    prompt = f"What is the rank of $A = {bmatrix(a)}$?"
    hints = [
        "The rank is the number of independent columns (equally, of independent rows).",
        "Row-reduce, or look for rows that are multiples or combinations of other rows.",
    ]
    if r == full:
        reason = (
            f"no row is a combination of the others, so the rank is the largest possible, {full}."
        )
    elif r == 1:
        reason = "every row is a multiple of one row, so the rank is 1."
    else:
        reason = f"row reduction leaves {r} nonzero rows: some rows are combinations of the others."
    solution = f"$A$ is ${m}\\times {n}$, so its rank is at most {full}. Here {reason}"
    if r < full:
        solution += (
            f"\n\nIndeed $A$ factors as a ${m}\\times {r}$ matrix times a ${r}\\times {n}$ one: "
            f"$A = {bmatrix(left)}{bmatrix(right)}$."
        )
    wrong = (
        mc.value(
            mc.FULL_RANK_ASSUMED,
            f"{full} would mean full rank, but some rows of this matrix depend on the others: row-reduce to see it.",
            full,
        ),
        mc.value(
            "rank-counted-entries",
            "Rank counts independent rows or columns, not the number of columns.",
            n,
        ),
    )
    return Draft(prompt, IntegerAnswer(r), hints, solution, wrong)
