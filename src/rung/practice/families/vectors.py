"""Vectors as arrows and lists; combinations, span and coordinates in a basis (lessons 2, 3, 11)."""

from __future__ import annotations

import random

from .. import linalg as la
from .. import misconceptions as mc
from ..answers import VectorAnswer
from ..latex import bmatrix, colvec, lincomb, num, rowvec, term
from ..model import Draft
from ._common import VECTOR_FORM, check, imat, ivec, nonzero, unimodular


@check(
    "la.vectors.components",
    "An arrow from one point to another, as a list",
    lesson="la.vectors",
    kind="vector",
    rungs=("la.r01",),
)
def components(rng: random.Random) -> Draft:
    n = rng.choice((2, 3, 3))
    p = ivec(rng, n, -5, 5, nonzero_vec=False)
    while True:
        q = ivec(rng, n, -5, 5, nonzero_vec=False)
        if q != p:
            break
    d = tuple(b - a for a, b in zip(p, q, strict=True))
    names = "xyz"[:n]
    steps = ", ".join(f"{num(x)} along ${names[i]}$" for i, x in enumerate(d))
    prompt = (
        f"An arrow starts at the point $P = {rowvec(p)}$ and ends at $Q = {rowvec(q)}$.\n\n"
        f"Write the vector it represents as a list of {n} components. {VECTOR_FORM}"
    )
    hints = [
        "A vector records a displacement: how far you move along each axis, not where you are.",
        "Each component is (where you end) minus (where you start): $Q - P$.",
    ]
    solution = (
        f"Subtract start from end, axis by axis: $Q - P = {rowvec(q)} - {rowvec(p)} = {rowvec(d)}$.\n\n"
        f"As an arrow: move {steps}. As a list: ${colvec(d)}$. The same arrow drawn from any "
        "other starting point is the same vector."
    )
    wrong = (
        mc.value(
            mc.TAIL_MINUS_HEAD,
            "That is $P - Q$: the arrow points from $P$ to $Q$, so subtract the start from the end.",
            tuple(-x for x in d),
        ),
        mc.value(
            "gave-endpoint",
            "That is the end point $Q$ itself; the vector is the displacement from $P$ to $Q$.",
            q,
        ),
        mc.one_sign_vector(d),
    )
    return Draft(prompt, VectorAnswer(d), hints, solution, wrong)


A_VEC, B_VEC = "\\mathbf{a}", "\\mathbf{b}"


@check(
    "la.span.add-scale",
    "Add and scale vectors",
    lesson="la.span",
    kind="vector",
    rungs=("la.r02",),
)
def add_scale(rng: random.Random) -> Draft:
    n = rng.choice((2, 3))
    a, b = ivec(rng, n), ivec(rng, n)
    alpha, beta = nonzero(rng, -3, 3), nonzero(rng, -3, 3)
    result = la.add(la.scale(alpha, a), la.scale(beta, b))
    expr = lincomb([(alpha, "\\mathbf{a}"), (beta, "\\mathbf{b}")])
    prompt = (
        f"Let $\\mathbf{{a}} = {colvec(a)}$ and $\\mathbf{{b}} = {colvec(b)}$.\n\n"
        f"Compute ${expr}$. {VECTOR_FORM}"
    )
    hints = [
        "Scaling multiplies every component by the number; adding works component by component.",
        f"First find ${term(alpha, A_VEC, True)}$ and ${term(beta, B_VEC, True)}$, then add them.",
    ]
    sa, sb = la.scale(alpha, a), la.scale(beta, b)
    solution = (
        f"${term(alpha, A_VEC, True)} = {colvec(sa)}$ and ${term(beta, B_VEC, True)} = {colvec(sb)}$.\n\n"
        f"Adding component by component: ${colvec(sa)} + {colvec(sb)} = {colvec(result)}$.\n\n"
        "Geometrically: stretch each arrow, then place them tip to tail."
    )
    wrong = (
        mc.value(
            mc.SIGN,
            "The second term has the wrong sign: check whether $\\mathbf{b}$ is added or subtracted.",
            la.add(sa, la.scale(-1, sb)),
        ),
        mc.value(
            "forgot-scalars", "You added the vectors without scaling them first.", la.add(a, b)
        ),
        mc.one_sign_vector(result),
    )
    return Draft(prompt, VectorAnswer(result), hints, solution, wrong)


def _eq_side(p: int, q: int) -> str:
    """``2c_1 - c_2`` with zero terms left out."""
    pairs = [(k, name) for k, name in ((p, "c_1"), (q, "c_2")) if k != 0]
    return lincomb(pairs)


@check(
    "la.span.combination",
    "Write a vector as a linear combination",
    lesson="la.span",
    kind="vector",
    rungs=("la.r02", "la.r06"),
)
def combination(rng: random.Random) -> Draft:
    while True:
        m = imat(rng, 2, 2, -3, 3)
        if la.det(m) != 0 and all(any(row[j] for row in m) for j in range(2)):
            break
    u = (m[0][0], m[1][0])
    w = (m[0][1], m[1][1])
    c = (nonzero(rng, -4, 4), nonzero(rng, -4, 4))
    v = la.add(la.scale(c[0], u), la.scale(c[1], w))
    eq1 = f"{_eq_side(u[0], w[0])} = {num(v[0])}"
    eq2 = f"{_eq_side(u[1], w[1])} = {num(v[1])}"
    prompt = (
        f"Let $\\mathbf{{u}} = {colvec(u)}$, $\\mathbf{{w}} = {colvec(w)}$ and $\\mathbf{{v}} = {colvec(v)}$.\n\n"
        "Find the numbers $c_1, c_2$ with $c_1\\mathbf{u} + c_2\\mathbf{w} = \\mathbf{v}$. "
        "Type them as `[c1, c2]`."
    )
    hints = [
        "Write one equation per component: the first components and the second components must each match.",
        f"The equations are ${eq1}$ and ${eq2}$. Eliminate one unknown.",
    ]
    solution = (
        f"Component by component: ${eq1}$ and ${eq2}$.\n\n"
        f"Solving gives $c_1 = {num(c[0])}$, $c_2 = {num(c[1])}$. Check: "
        f"${lincomb([(c[0], colvec(u)), (c[1], colvec(w))])} = {colvec(v)}$.\n\n"
        "Because $\\mathbf{u}$ and $\\mathbf{w}$ point in different directions they span the plane, "
        "so every $\\mathbf{v}$ has exactly one such pair."
    )
    wrong = (
        mc.value(
            mc.COEFFS_SWAPPED,
            "The two numbers are in the wrong order: $c_1$ multiplies $\\mathbf{u}$, $c_2$ multiplies $\\mathbf{w}$.",
            (c[1], c[0]),
        ),
        mc.one_sign_vector(la.vec(c)),
    )
    return Draft(prompt, VectorAnswer(la.vec(c)), hints, solution, wrong)


def _basis_combo(c: la.Vec) -> str:
    pairs = [(k, name) for k, name in ((c[0], "\\mathbf{b}_1"), (c[1], "\\mathbf{b}_2")) if k != 0]
    return lincomb(pairs)


@check(
    "la.basis-change.coords",
    "Translate coordinates between bases",
    lesson="la.basis-change",
    kind="vector",
    rungs=("la.r06",),
)
def basis_coords(rng: random.Random) -> Draft:
    bmat = unimodular(rng)
    b1, b2 = (bmat[0][0], bmat[1][0]), (bmat[0][1], bmat[1][1])
    basis = (
        f"A second basis has vectors $\\mathbf{{b}}_1 = {colvec(b1)}$ and $\\mathbf{{b}}_2 = {colvec(b2)}$ "
        "(written in the standard coordinates)."
    )
    inv = la.inverse2(bmat)
    if rng.random() < 0.5:
        coords = ivec(rng, 2, -3, 3)
        answer = la.matvec(bmat, coords)
        combo = _basis_combo(coords)
        prompt = (
            f"{basis}\n\nA vector has coordinates ${colvec(coords)}$ in that basis. "
            f"What are its standard coordinates? {VECTOR_FORM}"
        )
        hints = [
            "Coordinates in a basis are the weights of a linear combination of its vectors.",
            f"Compute ${combo}$.",
        ]
        solution = (
            f"The vector is ${combo} = "
            f"{bmatrix(bmat)}{colvec(coords)} = {colvec(answer)}$: the matrix whose columns are the "
            "basis vectors translates from that basis to the standard one."
        )
        backwards = la.matvec(inv, coords)
        as_rows = la.matvec(la.transpose(bmat), coords)
    else:
        answer = ivec(rng, 2, -3, 3)
        v = la.matvec(bmat, answer)
        prompt = (
            f"{basis}\n\nA vector is ${colvec(v)}$ in standard coordinates. "
            f"What are its coordinates in the basis $\\mathbf{{b}}_1, \\mathbf{{b}}_2$? {VECTOR_FORM}"
        )
        hints = [
            "You need weights $c_1, c_2$ with $c_1\\mathbf{b}_1 + c_2\\mathbf{b}_2$ equal to the vector.",
            f"Those weights are $B^{{-1}}\\mathbf{{v}}$ with $B = {bmatrix(bmat)}$ (its determinant is "
            f"${num(la.det(bmat))}$).",
        ]
        solution = (
            f"With $B = {bmatrix(bmat)}$ (columns $\\mathbf{{b}}_1, \\mathbf{{b}}_2$), "
            f"$B^{{-1}} = {bmatrix(inv)}$ and $B^{{-1}}{colvec(v)} = {colvec(answer)}$.\n\n"
            f"Check: ${_basis_combo(answer)} = {colvec(v)}$."
        )
        backwards = la.matvec(bmat, v)
        as_rows = la.matvec(la.inverse2(la.transpose(bmat)), v)
    wrong = (
        mc.value(
            mc.BASIS_INVERSE,
            "You translated in the wrong direction: multiplying by the basis matrix goes from the new "
            "basis to standard coordinates, its inverse goes back.",
            backwards,
        ),
        mc.value(
            mc.TRANSPOSE_MATVEC,
            "You used the basis vectors as rows; they are the columns of the change-of-basis matrix.",
            as_rows,
        ),
        mc.one_sign_vector(answer),
    )
    return Draft(prompt, VectorAnswer(answer), hints, solution, wrong)
