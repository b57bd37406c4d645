"""Shape arithmetic for matrix products, chains of three, and attention scores (lessons 5, 10)."""

from __future__ import annotations

import random

from .. import linalg as la
from .. import misconceptions as mc
from ..answers import ERROR, IntegerAnswer, ShapeAnswer
from ..latex import bmatrix, num, paren
from ..model import Draft, Misconception
from ._common import check, imat

_SIZES = (1, 2, 3, 4, 5, 8, 16, 32, 64, 128)


def _sizes(rng: random.Random, k: int) -> list[int]:
    """k sizes, mostly distinct so that swapped axes are visible."""
    pool = list(_SIZES)
    rng.shuffle(pool)
    return pool[:k]


def _dims(shape: tuple[int, int]) -> str:
    return f"{shape[0]}\\times {shape[1]}"


@check(
    "la.shapes.product",
    "Predict the shape of a matrix product",
    lesson="la.matmul",
    kind="shape",
    rungs=("la.r04",),
)
def product_shape(rng: random.Random) -> Draft:
    m, n, p, other = _sizes(rng, 4)
    fails = rng.random() < 0.25
    left = (m, n)
    right = (other if fails else n, p)
    truth = ERROR if fails else (m, p)
    prompt = (
        f"$A$ is ${_dims(left)}$ and $B$ is ${_dims(right)}$.\n\n"
        "What is the shape of $AB$? Type it like `(2, 3)`, or `error` if the product is not defined."
    )
    hints = [
        "$(m\\times n)(n\\times p) = (m\\times p)$: the inner sizes must agree and then disappear.",
        f"Compare the columns of $A$ ({n}) with the rows of $B$ ({right[0]}).",
    ]
    if fails:
        solution = (
            f"$A$ has {n} columns but $B$ has {right[0]} rows. Each entry of $AB$ would dot a row of $A$ "
            f"(length {n}) with a column of $B$ (length {right[0]}), which is impossible, so $AB$ is not defined."
        )
    else:
        solution = (
            f"The inner sizes agree ({n} and {n}) and cancel: $({_dims(left)})({_dims(right)}) = ({_dims((m, p))})$. "
            f"The product keeps the {m} rows of $A$ and the {p} columns of $B$."
        )
    wrong: list[Misconception] = [] if fails else mc.shape_mistakes((m, p))
    if not fails:
        wrong.append(
            mc.value(
                "kept-inner-size",
                "You kept an inner size. The shared size $n$ is summed over and disappears.",
                (m, n),
            )
        )
    return Draft(prompt, ShapeAnswer(truth), hints, solution, tuple(wrong))


_CHAINS = ("ABC", "A B^T C", "A^T B C", "A B C^T")


@check(
    "la.shapes.chain3",
    "Shapes through a chain of three products",
    lesson="la.matmul",
    kind="shape",
    rungs=("la.r04",),
    exit=("la.exit.shapes",),
)
def chain3(rng: random.Random) -> Draft:
    m, n, p, q, other = _sizes(rng, 5)
    pattern = rng.choice(_CHAINS)
    factors = {"A": (m, n), "B": (n, p), "C": (p, q)}
    for name in "ABC":
        if f"{name}^T" in pattern:
            factors[name] = factors[name][::-1]  # shown transposed, so the chain still fits
    fails = rng.random() < 0.25
    if fails:
        victim = rng.choice("BC")
        rows, cols = factors[victim]
        factors[victim] = (other, cols) if f"{victim}^T" not in pattern else (rows, other)
    effective = {k: (v[::-1] if f"{k}^T" in pattern else v) for k, v in factors.items()}
    ok = effective["A"][1] == effective["B"][0] and effective["B"][1] == effective["C"][0]
    truth = (effective["A"][0], effective["C"][1]) if ok else ERROR
    given = ", ".join(f"${k}$ is ${_dims(v)}$" for k, v in factors.items())
    prompt = (
        f"{given}.\n\nWhat is the shape of ${pattern.replace(' ', '')}$? "
        "Type it like `(2, 3)`, or `error` if it is not defined."
    )
    steps = []
    for k in "ABC":
        if f"{k}^T" in pattern:
            steps.append(f"${k}^T$ is ${_dims(effective[k])}$")
    transposed = (" First the transposes: " + ", ".join(steps) + ".") if steps else ""
    hints = [
        "Swap the two sizes of any transposed factor first.",
        "Then chain left to right: each product needs the inner sizes to agree, and keeps the outer ones.",
    ]
    ea, eb, ec = effective["A"], effective["B"], effective["C"]
    if ok:
        solution = (
            f"{transposed.strip()} The chain is $({_dims(ea)})({_dims(eb)})({_dims(ec)})$. "
            f"The first product gives ${_dims((ea[0], eb[1]))}$, and times ${_dims(ec)}$ gives "
            f"${_dims((ea[0], ec[1]))}$."
        ).strip()
    else:
        bad = "first" if ea[1] != eb[0] else "second"
        solution = (
            f"{transposed.strip()} The chain is $({_dims(ea)})({_dims(eb)})({_dims(ec)})$, and the {bad} "
            "product has inner sizes that do not agree, so the expression is not defined."
        ).strip()
    wrong = mc.shape_mistakes(truth) if ok else []
    return Draft(prompt, ShapeAnswer(truth), hints, solution, tuple(wrong))


@check(
    "la.attention.qkt-shape",
    "The shape of attention scores",
    lesson="la.dot",
    kind="shape",
    rungs=("la.r05", "la.r04"),
    exit=("la.exit.qkt", "la.exit.shapes"),
)
def qkt_shape(rng: random.Random) -> Draft:
    batch, seq, dim = (
        rng.choice((2, 4, 8, 16)),
        rng.choice((5, 7, 10, 12, 32)),
        rng.choice((16, 24, 64)),
    )
    batched = rng.random() < 0.5
    if batched:
        setup = (
            f"`Q` and `K` have shape `({batch}, {seq}, {dim})` (batch, tokens, head size).\n\n"
            "What is the shape of `Q @ K.transpose(-2, -1)`?"
        )
        truth = (batch, seq, seq)
    else:
        setup = (
            f"$Q$ and $K$ are ${seq}\\times {dim}$: one row per token, {dim} numbers per row.\n\n"
            "What is the shape of $QK^T$?"
        )
        truth = (seq, seq)
    prompt = setup + " Type it like `(2, 3)`, or `error` if it fails."
    hints = [
        "Transposing $K$ swaps its last two sizes.",
        "Then it is an ordinary product: (tokens x head) times (head x tokens).",
    ]
    solution = (
        f"$K^T$ is ${dim}\\times {seq}$, so $QK^T$ is $({seq}\\times {dim})({dim}\\times {seq}) = "
        f"{seq}\\times {seq}$: one score for every (query token, key token) pair."
        + (f" The batch axis of size {batch} rides along in front." if batched else "")
    )
    wrong = [
        mc.value(
            "qtk-instead-of-qkt",
            "That is the shape of $Q^TK$, which compares feature columns with each other. The scores "
            "compare tokens: (tokens x head)(head x tokens).",
            truth[:-2] + (dim, dim),
        )
    ]
    wrong += mc.shape_mistakes(truth, batch=batched)
    return Draft(prompt, ShapeAnswer(truth), hints, solution, tuple(wrong))


@check(
    "la.attention.score-entry",
    "One attention score is one dot product",
    lesson="la.dot",
    kind="integer",
    rungs=("la.r02", "la.r05"),
    exit=("la.exit.qkt",),
)
def score_entry(rng: random.Random) -> Draft:
    while True:
        q, k = imat(rng, 3, 2, -3, 3), imat(rng, 3, 2, -3, 3)
        scores = la.matmul(q, la.transpose(k))
        i, j = rng.sample(range(3), 2)
        if scores[i][j] != scores[j][i]:
            break
    value = scores[i][j]
    prompt = (
        f"Three tokens have queries (rows of $Q$) and keys (rows of $K$):\n\n"
        f"$$Q = {bmatrix(q)},\\qquad K = {bmatrix(k)}$$\n\n"
        f"What is entry $({i + 1}, {j + 1})$ of $QK^T$, the score of query {i + 1} against key {j + 1}?"
    )
    hints = [
        "Row $i$ of $Q$ times column $j$ of $K^T$; column $j$ of $K^T$ is row $j$ of $K$.",
        f"So the entry is the dot product of row {i + 1} of $Q$ with row {j + 1} of $K$.",
    ]
    terms = " + ".join(f"{paren(q[i][t])}\\cdot{paren(k[j][t])}" for t in range(2))
    solution = (
        f"$\\mathbf{{q}}_{i + 1}\\cdot\\mathbf{{k}}_{j + 1} = {terms} = {num(value)}$.\n\n"
        "Transposing $K$ turns its rows into columns, so every entry of $QK^T$ is one query dotted "
        "with one key: a similarity score."
    )
    wrong = (
        mc.value(
            "score-indices-swapped",
            f"That is query {j + 1} against key {i + 1}: the row index picks the query, the column index the key.",
            scores[j][i],
        ),
        mc.value(
            "score-query-with-query",
            "That dots two queries. Scores pair a query (row of $Q$) with a key (row of $K$).",
            la.dot(q[i], q[j]),
        ),
        mc.sign_flip(value),
    )
    return Draft(prompt, IntegerAnswer(int(value)), hints, solution, wrong)
