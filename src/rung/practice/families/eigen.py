"""Eigenvalues, eigenvectors and the characteristic polynomial (lesson 8).

Matrices are built as A = P D P^-1 with P an integer matrix of determinant
+-1, so eigenvalues are small integers and eigenvectors have integer entries:
the learner can find them by hand, and the answer is known exactly.
"""

from __future__ import annotations

import random
from fractions import Fraction

from .. import linalg as la
from .. import misconceptions as mc
from ..answers import ExpressionAnswer, SetAnswer, VectorAnswer
from ..answers.vectors import parallel
from ..latex import bmatrix, colvec, num, paren, shifted
from ..model import Draft, Misconception
from ._common import VECTOR_FORM, check, imat, unimodular


def _diagonalisable(rng: random.Random) -> tuple[la.Mat, la.Mat, tuple[int, int]]:
    """A small 2x2 integer matrix with distinct integer eigenvalues, not triangular."""
    while True:
        p = unimodular(rng)
        l1, l2 = rng.sample(range(-3, 6), 2)
        a = la.matmul(la.matmul(p, la.mat([[l1, 0], [0, l2]])), la.inverse2(p))
        if max(abs(x) for row in a for x in row) <= 9 and a[0][1] != 0 and a[1][0] != 0:
            return a, p, (l1, l2)


def _poly_text(tr: Fraction, det: Fraction, var: str = "t") -> str:
    """``t^2 - 5*t + 6`` for trace 5 and determinant 6."""
    out = f"{var}^2"
    if tr != 0:
        out += (
            f" {'-' if tr > 0 else '+'} {abs(tr)}*{var}"
            if abs(tr) != 1
            else f" {'-' if tr > 0 else '+'} {var}"
        )
    if det != 0:
        out += f" {'+' if det > 0 else '-'} {abs(det)}"
    return out


def _poly_latex(tr: Fraction, det: Fraction) -> str:
    return _poly_text(tr, det, "\\lambda").replace("*", "")


@check(
    "la.eigen.values",
    "Find the eigenvalues",
    lesson="la.eigen",
    kind="set",
    rungs=("la.r07",),
)
def eigenvalues(rng: random.Random) -> Draft:
    if rng.random() < 0.3:
        vals = rng.sample(range(-3, 6), 3)
        a = la.mat(
            [
                [vals[0], rng.randint(-3, 3), rng.randint(-3, 3)],
                [0, vals[1], rng.randint(-3, 3)],
                [0, 0, vals[2]],
            ]
        )
        prompt = (
            f"Find the eigenvalues of $A = {bmatrix(a)}$. Type them as a set, like `{{1, 2, 3}}`."
        )
        hints = [
            "Eigenvalues are the $\\lambda$ with $\\det(A - \\lambda I) = 0$.",
            "$A - \\lambda I$ is triangular, and the determinant of a triangular matrix is the product of its diagonal.",
        ]
        factors = "".join(f"({num(v)} - \\lambda)" for v in vals)
        solution = (
            f"$\\det(A - \\lambda I) = {factors}$ because the "
            f"matrix is upper triangular. Its roots are the diagonal entries: $\\{{{', '.join(num(v) for v in sorted(vals))}\\}}$."
        )
        wrong: tuple[Misconception, ...] = (mc.sign_flip(tuple(la.vec(vals))),)
        return Draft(prompt, SetAnswer(vals), hints, solution, wrong)
    a, _p, (l1, l2) = _diagonalisable(rng)
    tr, det = la.vec([a[0][0] + a[1][1]])[0], la.det(a)
    prompt = f"Find the eigenvalues of $A = {bmatrix(a)}$. Type them as a set, like `{{1, 2}}`."
    hints = [
        "Solve $\\det(A - \\lambda I) = 0$.",
        f"For a $2\\times 2$ matrix this is $\\lambda^2 - (\\operatorname{{tr}} A)\\lambda + \\det A = 0$; here "
        f"$\\operatorname{{tr}} A = {num(tr)}$ and $\\det A = {num(det)}$.",
        "The two roots add up to the trace and multiply to the determinant.",
    ]
    solution = (
        f"$\\det(A - \\lambda I) = {_poly_latex(tr, det)} = (\\lambda - {paren(l1)})(\\lambda - {paren(l2)})$, "
        f"so the eigenvalues are ${num(min(l1, l2))}$ and ${num(max(l1, l2))}$.\n\n"
        f"Check: ${num(l1)} + {paren(l2)} = {num(tr)}$ (the trace) and ${num(l1)}\\cdot{paren(l2)} = {num(det)}$ "
        "(the determinant)."
    )
    wrong = (
        mc.value(
            mc.EIGEN_DIAGONAL,
            "Those are the diagonal entries. That shortcut only works for triangular matrices; solve "
            "$\\det(A - \\lambda I) = 0$.",
            (a[0][0], a[1][1]),
        ),
        mc.value(
            mc.CHAR_POLY_SIGN,
            "Both signs are flipped: the roots of $\\lambda^2 - (\\operatorname{tr} A)\\lambda + \\det A$ "
            "add up to the trace, not minus the trace.",
            (-l1, -l2),
        ),
    )
    return Draft(prompt, SetAnswer((l1, l2)), hints, solution, wrong)


@check(
    "la.eigen.vector",
    "Find an eigenvector for a given eigenvalue",
    lesson="la.eigen",
    kind="vector",
    rungs=("la.r07",),
)
def eigenvector(rng: random.Random) -> Draft:
    a, p, lams = _diagonalisable(rng)
    which = rng.randrange(2)
    lam, other_lam = lams[which], lams[1 - which]
    v = (p[0][which], p[1][which])
    other = (p[0][1 - which], p[1][1 - which])
    reduced = la.mat([[a[0][0] - lam, a[0][1]], [a[1][0], a[1][1] - lam]])
    shift = shifted("A", lam)
    prompt = (
        f"$\\lambda = {num(lam)}$ is an eigenvalue of $A = {bmatrix(a)}$.\n\n"
        f"Give an eigenvector for it (any nonzero multiple is fine). {VECTOR_FORM}"
    )
    hints = [
        f"You want a nonzero $\\mathbf{{v}}$ with $({shift})\\mathbf{{v}} = \\mathbf{{0}}$.",
        f"${shift} = {bmatrix(reduced)}$; its rows are parallel, so one equation is enough.",
    ]
    av = la.matvec(a, la.vec(v))
    solution = (
        f"${shift} = {bmatrix(reduced)}$. Its first nonzero row gives one equation in $v_1, v_2$; "
        f"a solution is $\\mathbf{{v}} = {colvec(v)}$.\n\n"
        f"Check: $A\\mathbf{{v}} = {colvec(av)} = {num(lam)}{colvec(v)}$. Any nonzero multiple of $\\mathbf{{v}}$ works too."
    )
    wrong = (
        Misconception(
            "eigenvector-of-other-eigenvalue",
            f"That is an eigenvector, but for the other eigenvalue, ${num(other_lam)}$.",
            test=lambda got: parallel(got, la.vec(other)),
        ),
    )
    return Draft(prompt, VectorAnswer(v, up_to_scale=True), hints, solution, wrong)


@check(
    "la.eigen.charpoly",
    "The characteristic polynomial",
    lesson="la.eigen",
    kind="expression",
    rungs=("la.r07",),
    symbolic=True,
)
def charpoly(rng: random.Random) -> Draft:
    while True:
        a = imat(rng, 2, 2, -4, 5)
        if a[0][1] * a[1][0] != 0:
            break
    (p, q), (r, s) = a
    tr, det = p + s, la.det(a)
    text = _poly_text(tr, det)
    prompt = (
        f"Write $\\det(A - tI)$ for $A = {bmatrix(a)}$ as a polynomial in $t$ "
        "(type `t^2 - 3t + 2` or any equal form; `λ` also works)."
    )
    hints = [
        f"$A - tI = \\begin{{bmatrix}} {num(p)} - t & {num(q)} \\\\ {num(r)} & {num(s)} - t \\end{{bmatrix}}$.",
        "Its determinant is (product of the diagonal) minus (product of the off-diagonal).",
    ]
    solution = (
        f"$\\det(A - tI) = ({num(p)} - t)({num(s)} - t) - {paren(q)}\\cdot{paren(r)} = "
        f"{_poly_text(tr, det).replace('*', '')}$.\n\n"
        f"The $t$ coefficient is minus the trace (${num(tr)}$) and the constant is the determinant (${num(det)}$). "
        "Its roots are the eigenvalues."
    )
    wrong = (
        mc.value(
            mc.CHAR_POLY_SIGN,
            "The sign of the $t$ term is off: expanding $(a - t)(d - t)$ gives $-(a + d)t$.",
            _poly_text(-tr, det),
        ),
        mc.value(
            mc.DET_AD_PLUS_BC,
            "The constant term should subtract the off-diagonal product: $ad - bc$.",
            _poly_text(tr, p * s + q * r),
        ),
    )
    answer = ExpressionAnswer(text, ("t",), {"lambda": "t", "\u03bb": "t"})
    return Draft(prompt, answer, hints, solution, wrong)
