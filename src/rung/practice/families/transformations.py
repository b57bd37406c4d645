"""Matrices as linear maps: apply one, read one off the basis images, compose two (lessons 4, 5)."""

from __future__ import annotations

import random

from .. import linalg as la
from .. import misconceptions as mc
from ..answers import MatrixAnswer, VectorAnswer
from ..latex import bmatrix, colvec, num
from ..model import Draft
from ._common import MATRIX_FORM, VECTOR_FORM, check, imat, ivec


def _asymmetric(rng: random.Random) -> la.Mat:
    """A 2x2 (more often) or 3x3 integer matrix that is not symmetric.

    Its rows and columns differ, so the mistake of reading one for the other
    gives a different answer and its misconception can fire.
    """
    n = rng.choice((2, 2, 3))
    while True:
        a = imat(rng, n, n, -3, 3)
        if la.transpose(a) != a:
            return a


@check(
    "la.transformations.apply",
    "Apply a matrix to a vector",
    lesson="la.transformations",
    kind="vector",
    rungs=("la.r03",),
)
def apply(rng: random.Random) -> Draft:
    a = _asymmetric(rng)
    n = len(a)
    v = ivec(rng, n, -3, 3)
    out = la.matvec(a, v)
    cols = la.transpose(a)
    combo = " + ".join(
        f"{num(v[j]) if v[j] >= 0 else '(' + num(v[j]) + ')'}{colvec(cols[j])}" for j in range(n)
    )
    prompt = f"Let $A = {bmatrix(a)}$ and $\\mathbf{{v}} = {colvec(v)}$.\n\nCompute $A\\mathbf{{v}}$. {VECTOR_FORM}"
    hints = [
        "The columns of $A$ are where the basis vectors land.",
        "So $A\\mathbf{v}$ is the combination of the columns of $A$ weighted by the entries of $\\mathbf{v}$.",
    ]
    solution = (
        f"Weight each column of $A$ by the matching entry of $\\mathbf{{v}}$:\n\n$${combo} = {colvec(out)}$$\n\n"
        "Row by row this is the same arithmetic: entry $i$ is the dot product of row $i$ with $\\mathbf{v}$."
    )
    wrong = (
        mc.value(
            mc.TRANSPOSE_MATVEC,
            "You combined the rows of $A$ instead of its columns (that is $A^T\\mathbf{v}$): "
            "entry $i$ of $A\\mathbf{v}$ is row $i$ dotted with $\\mathbf{v}$.",
            la.matvec(la.transpose(a), v),
        ),
        mc.sign_flip(out),
        mc.one_sign_vector(out),
    )
    return Draft(prompt, VectorAnswer(out), hints, solution, wrong)


@check(
    "la.transformations.columns",
    "Write the matrix of a map from where the basis vectors go",
    lesson="la.transformations",
    kind="matrix",
    rungs=("la.r03",),
)
def columns(rng: random.Random) -> Draft:
    a = _asymmetric(rng)
    n = len(a)
    names = ["\\hat{\\imath}", "\\hat{\\jmath}", "\\hat{k}"][:n]
    images = la.transpose(a)  # column j is where basis vector j goes
    lines = "\n".join(f"- ${names[j]} \\mapsto {colvec(images[j])}$" for j in range(n))
    prompt = (
        f"A linear map $T$ of $\\mathbb{{R}}^{n}$ sends the standard basis vectors to\n\n{lines}\n\n"
        f"Write the matrix of $T$. {MATRIX_FORM}"
    )
    hints = [
        "A linear map is fixed by what it does to the basis: every other vector is a combination of them.",
        "The image of the $j$-th basis vector is the $j$-th column of the matrix.",
    ]
    solution = (
        f"Put the images in as columns, in order: $T = {bmatrix(a)}$.\n\n"
        f"Check: $T{colvec([1] + [0] * (n - 1))} = {colvec(images[0])}$, the first column."
    )
    wrong = (
        mc.value(
            mc.IMAGES_AS_ROWS,
            "You wrote the images as rows. They are columns: multiplying by the first basis vector "
            "picks out the first column.",
            la.transpose(a),
        ),
        mc.one_sign_matrix(a),
    )
    return Draft(prompt, MatrixAnswer(a), hints, solution, wrong)


_MAPS: list[tuple[str, la.Mat]] = [
    ("rotate by $90^\\circ$ counterclockwise", la.mat([[0, -1], [1, 0]])),
    ("rotate by $90^\\circ$ clockwise", la.mat([[0, 1], [-1, 0]])),
    ("reflect across the $x$-axis", la.mat([[1, 0], [0, -1]])),
    ("reflect across the $y$-axis", la.mat([[-1, 0], [0, 1]])),
    ("reflect across the line $y = x$", la.mat([[0, 1], [1, 0]])),
    ("shear: $(x, y) \\mapsto (x + y, y)$", la.mat([[1, 1], [0, 1]])),
    ("shear: $(x, y) \\mapsto (x, y + 2x)$", la.mat([[1, 0], [2, 1]])),
    ("stretch $x$ by a factor of 2", la.mat([[2, 0], [0, 1]])),
    ("stretch $y$ by a factor of 3", la.mat([[1, 0], [0, 3]])),
]


@check(
    "la.matmul.compose",
    "Compose two transformations",
    lesson="la.matmul",
    kind="matrix",
    rungs=("la.r03", "la.r04"),
)
def compose(rng: random.Random) -> Draft:
    while True:
        (first_name, first), (second_name, second) = rng.sample(_MAPS, 2)
        if la.matmul(second, first) != la.matmul(first, second):
            break
    answer = la.matmul(second, first)
    prompt = (
        f"First **{first_name}**, then **{second_name}**.\n\n"
        f"Write the single $2\\times 2$ matrix that does both, in that order. {MATRIX_FORM}"
    )
    hints = [
        "Write each map as a matrix: its columns are where $\\hat{\\imath}$ and $\\hat{\\jmath}$ land.",
        "Applying $F$ first and then $S$ to $\\mathbf{x}$ gives $S(F\\mathbf{x}) = (SF)\\mathbf{x}$: "
        "the map applied first sits on the right.",
    ]
    solution = (
        f"First map: $F = {bmatrix(first)}$. Second map: $S = {bmatrix(second)}$.\n\n"
        f"The composition is $SF = {bmatrix(second)}{bmatrix(first)} = {bmatrix(answer)}$.\n\n"
        f"The other order gives $FS = {bmatrix(la.matmul(first, second))}$, a different map."
    )
    wrong = (
        mc.value(
            mc.COMPOSITION_ORDER,
            "That matrix applies the two maps in the opposite order. The map applied first goes on "
            "the right: $S(F\\mathbf{x}) = (SF)\\mathbf{x}$.",
            la.matmul(first, second),
        ),
        mc.value(
            mc.TRANSPOSE,
            "That is the transpose of the composition: check that you wrote images as columns.",
            la.transpose(answer),
        ),
        mc.one_sign_matrix(answer),
    )
    return Draft(prompt, MatrixAnswer(answer), hints, solution, wrong)
