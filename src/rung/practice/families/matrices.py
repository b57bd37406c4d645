"""Matrix products by hand, up to 3x3, and the transpose of a product (lessons 5, 6)."""

from __future__ import annotations

import random

from .. import linalg as la
from .. import misconceptions as mc
from ..answers import MatrixAnswer
from ..latex import bmatrix, num, paren
from ..model import Draft
from ._common import MATRIX_FORM, check, imat


def _entry_sum(a: la.Mat, b: la.Mat, i: int, j: int) -> str:
    terms = " + ".join(f"{paren(a[i][k])}\\cdot{paren(b[k][j])}" for k in range(len(b)))
    return f"{terms} = {num(la.dot(a[i], [row[j] for row in b]))}"


def _product_draft(rng: random.Random, m: int, n: int, p: int, lo: int, hi: int) -> Draft:
    while True:
        a, b = imat(rng, m, n, lo, hi), imat(rng, n, p, lo, hi)
        ab = la.matmul(a, b)
        square = m == n == p
        if la.is_zero(ab):
            continue
        if square and (la.matmul(b, a) == ab or la.transpose(ab) == ab):
            continue  # keep BA and the transpose distinguishable from the answer
        break
    prompt = (
        f"Let $A = {bmatrix(a)}$ and $B = {bmatrix(b)}$.\n\n"
        f"Compute the product $AB$ (a ${m}\\times {p}$ matrix). {MATRIX_FORM}"
    )
    hints = [
        f"$A$ is ${m}\\times {n}$ and $B$ is ${n}\\times {p}$, so $AB$ is ${m}\\times {p}$.",
        "Entry $(i, j)$ of $AB$ is row $i$ of $A$ dotted with column $j$ of $B$.",
        f"For example entry $(1, 1)$ is ${_entry_sum(a, b, 0, 0)}$.",
    ]
    steps = "\n".join(
        f"- $(AB)_{{{i + 1}{j + 1}}} = {_entry_sum(a, b, i, j)}$"
        for i in range(m)
        for j in range(p)
    )
    solution = (
        f"Each entry is a row of $A$ times a column of $B$:\n\n{steps}\n\n"
        f"So $AB = {bmatrix(ab)}$.\n\n"
        "Read as maps: $AB$ applies $B$ first, then $A$."
    )
    return Draft(prompt, MatrixAnswer(ab), hints, solution, tuple(mc.matmul_mistakes(a, b)))


@check(
    "la.matmul.2x2",
    "Multiply two 2x2 matrices",
    lesson="la.matmul",
    kind="matrix",
    rungs=("la.r04",),
    exit=("la.exit.matmul",),
)
def matmul_2x2(rng: random.Random) -> Draft:
    return _product_draft(rng, 2, 2, 2, -4, 5)


@check(
    "la.matmul.3x3",
    "Multiply two 3x3 matrices",
    lesson="la.matmul",
    kind="matrix",
    rungs=("la.r04",),
    exit=("la.exit.matmul",),
)
def matmul_3x3(rng: random.Random) -> Draft:
    return _product_draft(rng, 3, 3, 3, -2, 3)


_RECT = [(2, 3, 2), (3, 2, 3), (2, 3, 3), (3, 3, 2), (2, 2, 3), (3, 2, 2), (1, 3, 2), (2, 3, 1)]


@check(
    "la.matmul.rect",
    "Multiply non-square matrices",
    lesson="la.matmul",
    kind="matrix",
    rungs=("la.r04",),
    exit=("la.exit.matmul",),
)
def matmul_rect(rng: random.Random) -> Draft:
    m, n, p = rng.choice(_RECT)
    return _product_draft(rng, m, n, p, -3, 4)


@check(
    "la.transpose.product",
    "The transpose of a product",
    lesson="la.inverses",
    kind="matrix",
    rungs=("la.r05",),
)
def transpose_product(rng: random.Random) -> Draft:
    while True:
        a, b = imat(rng, 2, 2, -3, 4), imat(rng, 2, 2, -3, 4)
        ab = la.matmul(a, b)
        answer = la.transpose(ab)
        wrong_order = la.matmul(la.transpose(a), la.transpose(b))
        if answer != wrong_order and answer != ab and not la.is_zero(ab):
            break
    at, bt = la.transpose(a), la.transpose(b)
    prompt = f"Let $A = {bmatrix(a)}$ and $B = {bmatrix(b)}$.\n\nCompute $(AB)^T$. {MATRIX_FORM}"
    hints = [
        "You can compute $AB$ and then swap rows and columns.",
        "Or use the rule $(AB)^T = B^T A^T$: the order reverses.",
    ]
    solution = (
        f"$AB = {bmatrix(ab)}$, so $(AB)^T = {bmatrix(answer)}$.\n\n"
        f"The rule gives the same: $B^T A^T = {bmatrix(bt)}{bmatrix(at)} = {bmatrix(answer)}$. "
        f"Keeping the order, $A^T B^T = {bmatrix(wrong_order)}$, is a different matrix."
    )
    wrong = (
        mc.value(
            mc.TRANSPOSE_NO_REVERSE,
            "That is $A^T B^T$. Transposing a product reverses the order: $(AB)^T = B^T A^T$.",
            wrong_order,
        ),
        mc.value(mc.TRANSPOSE, "That is $AB$ itself: you still need to transpose it.", ab),
        mc.one_sign_matrix(answer),
    )
    return Draft(prompt, MatrixAnswer(answer), hints, solution, wrong)
