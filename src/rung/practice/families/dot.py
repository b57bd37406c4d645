"""Dot products and their geometry; norms, distances, projections, weight decay (lesson 10)."""

from __future__ import annotations

import math
import random
from fractions import Fraction

from .. import linalg as la
from .. import misconceptions as mc
from ..answers import IntegerAnswer, RealAnswer, VectorAnswer
from ..latex import colvec, fixed, num, paren, root_chain, sqrt_latex, sqrt_text, surd
from ..model import Draft, Explain, Misconception
from ._common import VECTOR_FORM, check, choice_draft, ivec, options_md


def _products(a: la.Vec, b: la.Vec) -> str:
    return " + ".join(f"{paren(x)}\\cdot{paren(y)}" for x, y in zip(a, b, strict=True))


def _ratio_text(p: Fraction | int, radicand: int) -> tuple[str, str]:
    """Text and LaTeX for p / sqrt(radicand), simplified."""
    k, m = surd(radicand)
    p = Fraction(p)
    if m == 1:
        value = p / k
        return (
            f"{value.numerator}/{value.denominator}"
            if value.denominator != 1
            else str(value.numerator),
            num(value),
        )
    coef = p / k
    text = (
        f"{coef.numerator}/sqrt({m})"
        if coef.denominator == 1
        else f"{coef.numerator}/({coef.denominator}*sqrt({m}))"
    )
    latex = f"\\frac{{{num(coef.numerator)}}}{{{'' if coef.denominator == 1 else coef.denominator}\\sqrt{{{m}}}}}"
    return text, latex


@check(
    "la.dot.compute",
    "Compute a dot product",
    lesson="la.dot",
    kind="integer",
    rungs=("la.r02",),
    exit=("la.exit.dot",),
)
def compute(rng: random.Random) -> Draft:
    n = rng.choice((3, 3, 4))
    while True:
        a, b = ivec(rng, n, -5, 6), ivec(rng, n, -5, 6)
        d = la.dot(a, b)
        added = sum(a) + sum(b)
        if d != 0 and d != added and d != -added:
            break
    prompt = (
        f"Compute $\\mathbf{{a}}\\cdot\\mathbf{{b}}$ for $\\mathbf{{a}} = {colvec(a)}$ and "
        f"$\\mathbf{{b}} = {colvec(b)}$. Then ask yourself what its sign says about the angle."
    )
    hints = [
        "Multiply matching entries, then add the products.",
        f"The products are ${', '.join(num(x * y) for x, y in zip(a, b, strict=True))}$.",
    ]
    meaning = (
        "positive, so the arrows make an acute angle: they point roughly the same way"
        if d > 0
        else "negative, so the angle between the arrows is obtuse: they point roughly opposite ways"
    )
    solution = (
        f"$\\mathbf{{a}}\\cdot\\mathbf{{b}} = {_products(a, b)} = {num(d)}$.\n\n"
        f"Geometrically $\\mathbf{{a}}\\cdot\\mathbf{{b}} = \\lVert\\mathbf{{a}}\\rVert\\,\\lVert\\mathbf{{b}}\\rVert\\cos\\theta$. "
        f"Here it is {meaning}."
    )
    wrong = (
        mc.sign_flip(d),
        mc.value(
            "dot-added-entries",
            "You added the entries. The dot product multiplies matching entries and adds the products.",
            added,
        ),
    )
    return Draft(prompt, IntegerAnswer(int(d)), hints, solution, wrong)


def _cross(a: la.Vec, b: la.Vec) -> la.Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


_ANGLES = [
    ("acute", "acute (less than $90^\\circ$): they point roughly the same way"),
    ("right", "a right angle: they are perpendicular"),
    ("obtuse", "obtuse (more than $90^\\circ$): they point roughly opposite ways"),
]


@check(
    "la.dot.angle",
    "Read the angle from the sign of a dot product",
    lesson="la.dot",
    kind="choice",
    rungs=("la.r02",),
    exit=("la.exit.dot",),
)
def angle(rng: random.Random) -> Draft:
    target = rng.choice(("acute", "right", "obtuse"))
    while True:
        a = ivec(rng, 3, -4, 4)
        if target == "right":
            b = _cross(a, ivec(rng, 3, -2, 2))
            if any(b) and max(abs(x) for x in b) <= 12:
                break
            continue
        b = ivec(rng, 3, -4, 4)
        d = la.dot(a, b)
        if (target == "acute" and d > 0) or (target == "obtuse" and d < 0):
            break
    d = la.dot(a, b)
    options = [text for _, text in _ANGLES]
    correct = [key for key, _ in _ANGLES].index(target)
    prompt = (
        f"What is the angle between $\\mathbf{{a}} = {colvec(a)}$ and $\\mathbf{{b}} = {colvec(b)}$?\n\n"
        f"{options_md(options)}"
    )
    hints = [
        "You do not need the angle itself: $\\mathbf{a}\\cdot\\mathbf{b} = \\lVert\\mathbf{a}\\rVert\\lVert\\mathbf{b}\\rVert\\cos\\theta$, and the lengths are positive.",
        "So the sign of the dot product is the sign of $\\cos\\theta$.",
    ]
    solution = (
        f"$\\mathbf{{a}}\\cdot\\mathbf{{b}} = {_products(a, b)} = {num(d)}$, so $\\cos\\theta$ is "
        + (
            "positive and the angle is acute."
            if d > 0
            else "negative and the angle is obtuse."
            if d < 0
            else "zero and the angle is $90^\\circ$."
        )
    )
    messages = {
        "acute": "An acute angle needs a positive dot product; compute its sign.",
        "right": "Perpendicular vectors have a dot product of exactly zero.",
        "obtuse": "An obtuse angle needs a negative dot product; compute its sign.",
    }
    wrong = tuple(
        mc.value("angle-from-dot-sign", messages[key], i)
        for i, (key, _) in enumerate(_ANGLES)
        if key != target
    )
    return choice_draft(prompt, options, correct, hints, solution, wrong)


@check(
    "la.dot.cosine",
    "Cosine similarity",
    lesson="la.dot",
    kind="real",
    rungs=("la.r09", "la.r02"),
    exit=("la.exit.cosine",),
)
def cosine(rng: random.Random) -> Draft:
    n = rng.choice((2, 3))
    while True:
        a, b = ivec(rng, n, -4, 5), ivec(rng, n, -4, 5)
        d = la.dot(a, b)
        na, nb = la.norm_sq(a), la.norm_sq(b)
        value = float(d) / math.sqrt(na * nb)
        if d != 0 and abs(value) < 0.999:
            break
    text, latex = _ratio_text(d, int(na * nb))
    answer = RealAnswer(value, text, rel=0, abs_tol=2e-3)
    prompt = (
        f"Compute the cosine similarity of $\\mathbf{{a}} = {colvec(a)}$ and $\\mathbf{{b}} = {colvec(b)}$. "
        "An exact form like `5/sqrt(26)` or a decimal to three places is fine."
    )
    hints = [
        "Cosine similarity is $\\dfrac{\\mathbf{a}\\cdot\\mathbf{b}}{\\lVert\\mathbf{a}\\rVert\\,\\lVert\\mathbf{b}\\rVert}$.",
        f"$\\mathbf{{a}}\\cdot\\mathbf{{b}} = {num(d)}$; now find both lengths.",
    ]
    solution = (
        f"$\\mathbf{{a}}\\cdot\\mathbf{{b}} = {_products(a, b)} = {num(d)}$, "
        f"$\\lVert\\mathbf{{a}}\\rVert = \\sqrt{{{num(na)}}}$, $\\lVert\\mathbf{{b}}\\rVert = \\sqrt{{{num(nb)}}}$.\n\n"
        f"$$\\cos\\theta = \\frac{{{num(d)}}}{{\\sqrt{{{num(na)}}}\\sqrt{{{num(nb)}}}}} = {latex} \\approx {fixed(value)}$$\n\n"
        "It depends only on the directions: scaling either vector leaves it unchanged."
    )
    wrong = (
        mc.dot_not_cosine(d),
        mc.value(
            "cosine-one-length",
            "You divided by only one of the lengths; cosine similarity divides by both.",
            float(d) / math.sqrt(na),
        ),
        mc.value(
            "cosine-one-length",
            "You divided by only one of the lengths; cosine similarity divides by both.",
            float(d) / math.sqrt(nb),
        ),
        mc.value(
            mc.MISSING_SQRT,
            "You divided by the squared lengths. The lengths are square roots of the sums of squares.",
            float(d) / float(na * nb),
        ),
    )
    return Draft(prompt, answer, hints, solution, wrong)


_NORMS = {
    "1": ("L^1", "\\lVert\\mathbf{v}\\rVert_1"),
    "2": ("L^2", "\\lVert\\mathbf{v}\\rVert_2"),
    "inf": ("L^\\infty", "\\lVert\\mathbf{v}\\rVert_\\infty"),
}


@check(
    "la.dot.norms",
    "L1, L2 and L-infinity norms",
    lesson="la.dot",
    kind="real",
    rungs=("la.r09",),
)
def norms(rng: random.Random) -> Draft:
    n = rng.choice((3, 4))
    while True:
        v = ivec(rng, n, -6, 6)
        if sum(1 for x in v if x < 0) >= 1 and sum(1 for x in v if x != 0) >= 2:
            break
    which = rng.choice(list(_NORMS))
    sq = int(la.norm_sq(v))
    l1 = int(sum(abs(x) for x in v))
    linf = int(max(abs(x) for x in v))
    values = {
        "1": (float(l1), str(l1)),
        "2": (math.sqrt(sq), sqrt_text(sq)),
        "inf": (float(linf), str(linf)),
    }
    name, symbol = _NORMS[which]
    prompt = f"Compute the ${name}$ norm ${symbol}$ of $\\mathbf{{v}} = {colvec(v)}$."
    definitions = {
        "1": "the sum of the absolute values of the entries",
        "2": "the square root of the sum of the squares (the length of the arrow)",
        "inf": "the largest absolute value among the entries",
    }
    hints = [f"The ${name}$ norm is {definitions[which]}."]
    hints.append(
        "Signs do not matter for any norm: every one is built from absolute values or squares."
    )
    abs_list = ", ".join(num(abs(x)) for x in v)
    if which == "1":
        work = f"${symbol} = {' + '.join(num(abs(x)) for x in v)} = {l1}$"
    elif which == "2":
        work = f"${symbol} = \\sqrt{{{' + '.join(f'{paren(x)}^2' for x in v)}}} = {root_chain(sq)}$"
    else:
        work = f"The absolute values are ${abs_list}$; the largest is ${linf}$."
    solution = (
        f"{work}\n\nFor comparison: $\\lVert\\mathbf{{v}}\\rVert_1 = {l1}$, "
        f"$\\lVert\\mathbf{{v}}\\rVert_2 = {sqrt_latex(sq)}$, $\\lVert\\mathbf{{v}}\\rVert_\\infty = {linf}$; "
        "in general $\\lVert\\mathbf{v}\\rVert_\\infty \\le \\lVert\\mathbf{v}\\rVert_2 \\le \\lVert\\mathbf{v}\\rVert_1$."
    )
    answer = RealAnswer(values[which][0], values[which][1])
    wrong: list[Misconception] = []
    if which == "2":
        wrong.append(mc.squared_not_rooted(sq))
    if which == "1":
        wrong.append(
            mc.value(
                mc.L1_NO_ABS,
                "Take absolute values before adding: negative entries count too.",
                sum(v),
            )
        )
    if which == "inf":
        wrong.append(
            mc.value(
                "linf-no-abs",
                "The largest absolute value counts, negative entries included.",
                max(v),
            )
        )
    for other in _NORMS:
        if other != which:
            wrong.append(
                mc.value(
                    mc.WRONG_NORM,
                    f"That is the ${_NORMS[other][0]}$ norm; this question asks for the ${name}$ norm.",
                    values[other][0],
                )
            )
    return Draft(prompt, answer, hints, solution, tuple(wrong))


@check(
    "la.dot.distance",
    "Euclidean distance",
    lesson="la.dot",
    kind="real",
    rungs=("la.r09",),
)
def distance(rng: random.Random) -> Draft:
    n = rng.choice((2, 3))
    while True:
        a, b = ivec(rng, n, -4, 5), ivec(rng, n, -4, 5)
        if a != b:
            break
    diff = tuple(x - y for x, y in zip(a, b, strict=True))
    sq = int(la.norm_sq(diff))
    prompt = (
        f"What is the Euclidean distance between the points $\\mathbf{{a}} = {colvec(a)}$ and "
        f"$\\mathbf{{b}} = {colvec(b)}$? Exact forms like `sqrt(10)` are welcome."
    )
    hints = [
        "The distance is the length of the difference: $\\lVert\\mathbf{a} - \\mathbf{b}\\rVert_2$.",
        f"$\\mathbf{{a}} - \\mathbf{{b}} = {colvec(diff)}$.",
    ]
    solution = (
        f"$\\mathbf{{a}} - \\mathbf{{b}} = {colvec(diff)}$, so the distance is "
        f"$\\sqrt{{{' + '.join(f'{paren(x)}^2' for x in diff)}}} = {root_chain(sq)}$."
    )
    na, nb = math.sqrt(la.norm_sq(a)), math.sqrt(la.norm_sq(b))
    wrong = (
        mc.value(mc.SQUARED_DISTANCE, "That is the squared distance: take the square root.", sq),
        mc.value(
            mc.NORM_DIFFERENCE,
            "You subtracted the lengths. The distance is the length of the difference vector.",
            abs(na - nb),
        ),
        mc.value(
            "distance-of-sum",
            "You used $\\mathbf{a} + \\mathbf{b}$; the distance uses the difference.",
            math.sqrt(la.norm_sq(la.add(a, b))),
        ),
        mc.value(
            mc.WRONG_NORM,
            "That is the $L^1$ (taxicab) distance; the Euclidean one squares, adds and takes a root.",
            float(sum(abs(x) for x in diff)),
        ),
    )
    return Draft(prompt, RealAnswer(math.sqrt(sq), sqrt_text(sq)), hints, solution, wrong)


@check(
    "la.dot.projection",
    "Project one vector onto another",
    lesson="la.dot",
    kind="vector",
    rungs=("la.r09",),
)
def projection(rng: random.Random) -> Draft:
    n = rng.choice((2, 3))
    while True:
        a, b = ivec(rng, n, -4, 5), ivec(rng, n, -3, 4)
        d, bb = la.dot(a, b), la.norm_sq(b)
        parallel = all(a[i] * b[j] == a[j] * b[i] for i in range(n) for j in range(n))
        if d != 0 and not parallel:
            break
    coef = Fraction(d, bb)
    proj = la.scale(coef, b)
    prompt = (
        f"Project $\\mathbf{{a}} = {colvec(a)}$ orthogonally onto $\\mathbf{{b}} = {colvec(b)}$. "
        f"Give the projection vector with exact fractions. {VECTOR_FORM}"
    )
    hints = [
        "The projection points along $\\mathbf{b}$: it is some number times $\\mathbf{b}$.",
        "That number is $\\dfrac{\\mathbf{a}\\cdot\\mathbf{b}}{\\mathbf{b}\\cdot\\mathbf{b}}$.",
    ]
    solution = (
        f"$\\mathbf{{a}}\\cdot\\mathbf{{b}} = {num(d)}$ and $\\mathbf{{b}}\\cdot\\mathbf{{b}} = {num(bb)}$, so\n\n"
        f"$$\\operatorname{{proj}}_{{\\mathbf{{b}}}}\\mathbf{{a}} = {num(coef)}{colvec(b)} = {colvec(proj)}$$\n\n"
        "Check: $\\mathbf{a} - \\operatorname{proj}_{\\mathbf{b}}\\mathbf{a}$ is perpendicular to $\\mathbf{b}$."
    )
    unsquared = tuple(float(d) / math.sqrt(bb) * float(x) for x in b)

    def close(target: tuple[float, ...]):
        return lambda got: (
            len(got) == len(target)
            and all(abs(float(g) - t) < 1e-2 for g, t in zip(got, target, strict=True))
        )

    wrong = (
        mc.value(
            mc.PROJECTION_DIRECTION,
            "That projects $\\mathbf{b}$ onto $\\mathbf{a}$. Projecting $\\mathbf{a}$ onto $\\mathbf{b}$ "
            "gives a multiple of $\\mathbf{b}$.",
            la.scale(Fraction(d, la.norm_sq(a)), a),
        ),
        Misconception(
            mc.PROJECTION_UNSQUARED,
            "You divided by $\\lVert\\mathbf{b}\\rVert$ once; divide by $\\mathbf{b}\\cdot\\mathbf{b} = \\lVert\\mathbf{b}\\rVert^2$ "
            "(one factor makes a unit vector, the other measures along it).",
            test=close(unsquared),
        ),
        Misconception(
            mc.PROJECTION_SCALAR,
            "That is the coefficient; the projection is that number times $\\mathbf{b}$, a vector.",
            test=lambda got: len(got) == 1 and abs(float(got[0]) - float(coef)) < 1e-9,
        ),
        mc.one_sign_vector(proj),
    )
    return Draft(prompt, VectorAnswer(proj), hints, solution, wrong)


@check(
    "la.dot.weight-decay",
    "One gradient step with L2 regularisation",
    lesson="la.dot",
    kind="vector",
    rungs=("la.r09",),
)
def weight_decay(rng: random.Random) -> Draft:
    lr = rng.choice((Fraction(1, 10), Fraction(1, 4), Fraction(1, 2)))
    lam = rng.choice((Fraction(1, 2), Fraction(1), Fraction(2)))
    if lr * lam >= 1:
        lam = Fraction(1, 2)
    w = ivec(rng, 3, -6, 6)
    g = ivec(rng, 3, -3, 3, nonzero_vec=False) if rng.random() < 0.7 else la.vec([0, 0, 0])
    new = tuple(x - lr * (gi + lam * x) for x, gi in zip(w, g, strict=True))
    prompt = (
        f"A model's weights are $\\mathbf{{w}} = {colvec(w)}$ and the gradient of the data loss is "
        f"$\\mathbf{{g}} = {colvec(g)}$. Training minimises the data loss plus "
        f"$\\frac{{\\lambda}}{{2}}\\lVert\\mathbf{{w}}\\rVert_2^2$ with $\\lambda = {num(lam)}$, by gradient descent "
        f"with learning rate $\\eta = {num(lr)}$.\n\nWhat are the weights after one step? {VECTOR_FORM}"
    )
    hints = [
        "The gradient of $\\frac{\\lambda}{2}\\lVert\\mathbf{w}\\rVert^2$ is $\\lambda\\mathbf{w}$.",
        "The step is $\\mathbf{w} - \\eta(\\mathbf{g} + \\lambda\\mathbf{w}) = (1 - \\eta\\lambda)\\mathbf{w} - \\eta\\mathbf{g}$.",
    ]
    factor = 1 - lr * lam
    solution = (
        f"$(1 - \\eta\\lambda)\\mathbf{{w}} - \\eta\\mathbf{{g}} = {num(factor)}{colvec(w)} - {num(lr)}{colvec(g)} = {colvec(new)}$.\n\n"
        f"The penalty multiplies the weights by ${num(factor)}$ on every step before the data gradient acts: "
        "that is why L2 regularisation is called weight decay."
    )
    wrong = (
        mc.value(
            mc.NO_DECAY,
            "You left out the penalty's gradient $\\lambda\\mathbf{w}$; it pulls every weight toward zero.",
            tuple(x - lr * gi for x, gi in zip(w, g, strict=True)),
        ),
        mc.value(
            mc.DECAY_SIGN,
            "The penalty term has the wrong sign: gradient descent subtracts $\\eta\\lambda\\mathbf{w}$, shrinking the weights.",
            tuple(x - lr * (gi - lam * x) for x, gi in zip(w, g, strict=True)),
        ),
        mc.value(
            "decay-without-learning-rate",
            "The penalty's gradient is scaled by the learning rate too: subtract $\\eta\\lambda\\mathbf{w}$, not $\\lambda\\mathbf{w}$.",
            tuple(x - lr * gi - lam * x for x, gi in zip(w, g, strict=True)),
        ),
        mc.one_sign_vector(new),
    )
    explain = Explain(
        "In two or three sentences: why does L2 regularisation shrink weights?",
        "The penalty $\\frac{\\lambda}{2}\\lVert\\mathbf{w}\\rVert^2$ has gradient $\\lambda\\mathbf{w}$, which points "
        "straight away from zero, so every descent step first multiplies the weights by $1 - \\eta\\lambda < 1$. "
        "A weight survives only if the data gradient keeps pushing it back, so weights the data does not need decay "
        "toward zero, and large weights pay the most because the pull is proportional to their size.",
    )
    return Draft(prompt, VectorAnswer(new), hints, solution, wrong, explain=explain)
