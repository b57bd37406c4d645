"""The SVD: rank-k approximation error, LoRA parameter counts, rotate-scale-rotate (lesson 9).

For the approximation error the matrix is built with mutually orthogonal
columns, A = U diag(sigma) Q with U orthogonal (rational entries) and Q a
signed permutation. Its singular values are then the column lengths, so the
learner can find them by hand, and by Eckart-Young the best rank-k error in
the Frobenius norm is sqrt(sum of the dropped sigma^2).
"""

from __future__ import annotations

import math
import random

from .. import linalg as la
from .. import misconceptions as mc
from ..answers import IntegerAnswer, OrderingAnswer, RealAnswer
from ..latex import bmatrix, num, root_chain, sqrt_text
from ..model import Draft, Explain
from ._common import check, options_md, shuffled

# Columns are orthogonal, all of length 3 (3x3) or 5 (2x2).
_BASES = {
    3: (la.mat([[1, 2, 2], [2, 1, -2], [2, -2, 1]]), 3),
    2: (la.mat([[3, -4], [4, 3]]), 5),
}


def _orthogonal_columns(rng: random.Random) -> tuple[la.Mat, list[int]]:
    n = rng.choice((2, 3, 3))
    base, length = _BASES[n]
    flips = [rng.choice((1, -1)) for _ in base]  # one sign per row keeps the columns orthogonal
    rows = shuffled(rng, [tuple(x * f for x in row) for row, f in zip(base, flips, strict=True)])
    scales = rng.sample(range(1, 5), n)
    order = shuffled(rng, range(n))
    signs = [rng.choice((1, -1)) for _ in range(n)]
    cols = [[rows[i][order[j]] * scales[j] * signs[j] for i in range(n)] for j in range(n)]
    a = la.transpose(la.mat(cols))
    return a, [s * length for s in scales]


@check(
    "la.svd.rank-k-error",
    "The error of the best rank-k approximation",
    lesson="la.svd",
    kind="real",
    rungs=("la.r08",),
    exit=("la.exit.lowrank",),
)
def rank_k_error(rng: random.Random) -> Draft:
    a, sigmas = _orthogonal_columns(rng)
    n = len(sigmas)
    k = rng.randint(1, n - 1)
    ordered = sorted(sigmas, reverse=True)
    dropped = ordered[k:]
    sq = sum(s * s for s in dropped)
    answer = RealAnswer(math.sqrt(sq), sqrt_text(sq))
    prompt = (
        f"The columns of $A = {bmatrix(a)}$ are mutually orthogonal.\n\n"
        f"Let $A_{k}$ be the best rank-{k} approximation of $A$. What is the error "
        f"$\\lVert A - A_{k}\\rVert_F$ (Frobenius norm)? Exact forms like `sqrt(10)` are welcome."
    )
    hints = [
        "When the columns are orthogonal, $A = U\\Sigma$ with $U$ = the normalised columns: the singular "
        "values are the column lengths.",
        (
            "Keep the largest singular value; the best rank-1 approximation drops the rest."
            if k == 1
            else f"Keep the {k} largest singular values; the best rank-{k} approximation drops the rest."
        ),
        "The Frobenius error is the square root of the sum of the squares of the dropped singular values.",
    ]
    lengths = ", ".join(f"${num(s)}$" for s in sigmas)
    sum_text = " + ".join(f"{s}^2" for s in dropped)
    solution = (
        f"The column lengths are {lengths}, so the singular values are "
        f"${', '.join(num(s) for s in ordered)}$.\n\n"
        f"Keeping the largest {'one' if k == 1 else k} drops ${', '.join(num(s) for s in dropped)}$, and\n\n"
        f"$$\\lVert A - A_{k}\\rVert_F = \\sqrt{{{sum_text}}} = {root_chain(sq)}$$\n\n"
        "Geometrically: $A_k$ keeps the $k$ directions that $A$ stretches most and flattens the others."
    )
    largest = ordered[: n - k]
    wrong = (
        mc.squared_not_rooted(sq, "the squared error"),
        mc.value(
            mc.RANKK_SUM,
            "You added the dropped singular values. The Frobenius error adds their squares, then takes a square root.",
            sum(dropped),
        ),
        mc.value(
            mc.RANKK_LARGEST,
            "You dropped the largest singular values. The best approximation keeps the largest and drops the smallest.",
            math.sqrt(sum(s * s for s in largest)),
        ),
        mc.value(
            mc.RANKK_SPECTRAL,
            "That is the largest dropped singular value: the error in the spectral norm. The Frobenius "
            "error combines all the dropped ones.",
            dropped[0],
        ),
    )
    return Draft(prompt, answer, hints, solution, wrong)


_SIZES = (256, 512, 768, 1024, 2048, 4096)


@check(
    "la.svd.lora-params",
    "Count LoRA's trainable parameters",
    lesson="la.svd",
    kind="integer",
    rungs=("la.r06", "la.r08"),
    exit=("la.exit.lowrank",),
)
def lora_params(rng: random.Random) -> Draft:
    d, k = rng.choice(_SIZES), rng.choice(_SIZES)
    r = rng.choice((1, 2, 4, 8, 16, 32))
    lora, full = r * (d + k), d * k
    savings = rng.random() < 0.3
    setup = (
        f"A weight matrix $W$ is ${d}\\times {k}$. LoRA freezes $W$ and learns the update as "
        f"$\\Delta W = BA$ with $B$ of shape ${d}\\times {r}$ and $A$ of shape ${r}\\times {k}$ "
        f"(rank {r})."
    )
    question = (
        "How many fewer numbers does LoRA train than a full update of $W$?"
        if savings
        else "How many numbers does LoRA train for this matrix?"
    )
    answer = full - lora if savings else lora
    prompt = f"{setup}\n\n{question}"
    hints = [
        "Count the entries of $B$ and of $A$ separately.",
        f"$B$ has ${d}\\cdot {r}$ entries and $A$ has ${r}\\cdot {k}$: together $r(d + k)$.",
    ] + (
        ["A full update trains every entry of $\\Delta W$: $d\\cdot k$ numbers."] if savings else []
    )
    solution = (
        f"LoRA trains $r(d + k) = {r}\\cdot({d} + {k}) = {lora}$ numbers; a full update trains "
        f"$dk = {d}\\cdot {k} = {full}$, about {full / lora:.0f} times more."
        + (f" The difference is ${full} - {lora} = {answer}$." if savings else "")
        + f"\n\nThe product $BA$ has rank at most {r}: a low-rank update is described by few numbers, "
        "which is why it is cheap to train and store."
    )
    if savings:
        wrong = [
            mc.value(
                mc.LORA_FULL,
                "That is the full update's count; subtract what LoRA trains, $r(d + k)$.",
                full,
            ),
            mc.value(
                "lora-gave-count-not-savings",
                "That is LoRA's own count; the question asks how many fewer than the full update.",
                lora,
            ),
            mc.value(
                mc.LORA_PRODUCT,
                "LoRA's factors are $d\\times r$ and $r\\times k$: add their entry counts, do not multiply all three sizes.",
                full - r * d * k,
            ),
        ]
    else:
        wrong = [
            mc.value(
                mc.LORA_FULL,
                "That counts every entry of the full $d\\times k$ update. LoRA trains only the two thin factors.",
                full,
            ),
            mc.value(
                mc.LORA_PRODUCT,
                "You multiplied all three sizes. The factors are $d\\times r$ and $r\\times k$: add their entry counts.",
                r * d * k,
            ),
        ]
        for one in (r * d, r * k):
            wrong.append(
                mc.value(
                    mc.LORA_ONE_FACTOR,
                    "That counts only one of the two factors; LoRA trains both $B$ and $A$.",
                    one,
                )
            )
    return Draft(prompt, IntegerAnswer(answer), hints, solution, tuple(wrong))


_STEPS = {
    "Vt": "rotate or reflect with $V^T$, turning the input's special directions onto the axes",
    "S": "stretch each axis by its singular value with $\\Sigma$",
    "Sinv": "divide each axis by its singular value with $\\Sigma^{-1}$",
    "U": "rotate or reflect with $U$ into the output's special directions",
    "Ut": "rotate or reflect with $U^T$, turning the output's special directions onto the axes",
    "V": "rotate or reflect with $V$ back into the input's directions",
}

_PRODUCTS = {
    "A": ("A = U\\Sigma V^T", ["Vt", "S", "U"]),
    "A^T": ("A^T = V\\Sigma U^T", ["Ut", "S", "V"]),
    "A^{-1}": ("A^{-1} = V\\Sigma^{-1} U^T", ["Ut", "Sinv", "V"]),
}


@check(
    "la.svd.geometry",
    "The SVD as rotate, scale, rotate",
    lesson="la.svd",
    kind="ordering",
    rungs=("la.r08",),
)
def geometry(rng: random.Random) -> Draft:
    name = rng.choice(list(_PRODUCTS))
    formula, order = _PRODUCTS[name]
    shown = shuffled(rng, order)
    items = [_STEPS[key] for key in shown]
    answer_order = [shown.index(key) for key in order]
    prompt = (
        f"Take the SVD $A = U\\Sigma V^T$ of an invertible square matrix. Put the steps of computing "
        f"${name}\\mathbf{{x}}$ in the order they act on $\\mathbf{{x}}$:\n\n{options_md(items)}\n\n"
        "Type the letters in order, like `c, a, b`."
    )
    hints = [
        f"Write it out: ${formula}$.",
        "In a product applied to $\\mathbf{x}$, the rightmost factor acts first.",
    ]
    solution = (
        f"${formula}$, and $\\mathbf{{x}}$ meets the factors from right to left: "
        + ", then ".join(_STEPS[key] for key in order)
        + ".\n\nEvery matrix is a rotation, an axis-aligned stretch, and another rotation."
    )
    reversed_order = list(reversed(answer_order))
    wrong = (
        mc.value(
            "factors-read-left-to-right",
            "You read the factors left to right. Applied to $\\mathbf{x}$, the rightmost factor acts first.",
            tuple(reversed_order),
        ),
    )
    explain = Explain(
        "Sketch in words what $A = U\\Sigma V^T$ does to the unit circle, and what a rank-$k$ approximation keeps.",
        "$V^T$ turns the circle (a circle stays a circle); $\\Sigma$ stretches it along the axes into an ellipse "
        "whose semi-axes are the singular values; $U$ turns that ellipse into its final position. A rank-$k$ "
        "approximation keeps the $k$ longest semi-axes and flattens the rest to zero, so it keeps the directions "
        "that $A$ stretches most and loses the least.",
    )
    return Draft(
        prompt,
        OrderingAnswer(items, answer_order),
        hints,
        solution,
        wrong,
        choices=items,
        explain=explain,
    )
