"""Concept checks for rung 05: transposes of products, and the transpose in QK^T.

The product rule is asked as "true or false, and why", so a right verdict for a
wrong reason is caught and named; the attention check picks statements.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ..model import Draft, Explain
from ._choice import Wrong, keyed_choice, statement_check
from ._common import check, choice_draft, options_md


@dataclass(frozen=True)
class Claim:
    text: str
    true: bool
    reason: str
    bad_reasons: tuple[str, str]


_CLAIMS = [
    Claim(
        "$(AB)^T = A^T B^T$ whenever $AB$ is defined.",
        False,
        "transposing reverses the order, $(AB)^T = B^T A^T$; for non-square shapes $A^T B^T$ may not even be defined",
        (
            "the transpose distributes over a product as it does over a sum",
            "it holds only when $A$ and $B$ are square",
        ),
    ),
    Claim(
        "$(AB)^T = B^T A^T$ whenever $AB$ is defined.",
        True,
        "entry $(i, j)$ of $(AB)^T$ is row $j$ of $A$ dotted with column $i$ of $B$, which is row $i$ of $B^T$ dotted with column $j$ of $A^T$",
        (
            "the transpose of any product is the product of the transposes, in any order",
            "transposing twice gives back the original",
        ),
    ),
    Claim(
        "$(ABC)^T = C^T B^T A^T$.",
        True,
        "apply the two-factor rule twice: $(ABC)^T = C^T (AB)^T = C^T B^T A^T$",
        ("transposes always commute with each other", "it follows from $(A^T)^T = A$ alone"),
    ),
    Claim(
        "If $A$ is $2\\times 3$ and $B$ is $3\\times 4$, then $A^T B^T$ is defined.",
        False,
        "$A^T$ is $3\\times 2$ and $B^T$ is $4\\times 3$, and $2 \\ne 4$; the defined product is $B^T A^T$, which is $4\\times 2$",
        (
            "transposing never changes which products are defined",
            "it is defined and is $3\\times 3$",
        ),
    ),
    Claim(
        "For a column vector $\\mathbf{x}$, $(A\\mathbf{x})^T = \\mathbf{x}^T A^T$.",
        True,
        "it is the product rule with $B = \\mathbf{x}$: a column becomes a row, and the order reverses",
        ("vectors are unchanged by transposing", "a product of a matrix and a vector commutes"),
    ),
]


@check(
    "la.transpose.rule",
    "True or false, and why: transposes of products",
    lesson="la.inverses",
    kind="choice",
    rungs=("la.r05",),
)
def transpose_rule(rng: random.Random) -> Draft:
    claim = rng.choice(_CLAIMS)
    verdict, other = ("True", "False") if claim.true else ("False", "True")
    entries = [
        ("right", f"{verdict}: {claim.reason}."),
        ("bad-reason", f"{verdict}: {claim.bad_reasons[0]}."),
        ("wrong-verdict", f"{other}: {claim.bad_reasons[1]}."),
        ("wrong-verdict-2", f"{other}: {claim.bad_reasons[0]}."),
    ]
    messages = {
        "bad-reason": (
            "transpose-right-verdict-wrong-reason",
            f"The verdict is right ({verdict.lower()}), but not for that reason.",
        ),
        "wrong-verdict": (
            "transpose-wrong-verdict",
            f"The claim is {verdict.lower()}; check it on the shapes or on one entry.",
        ),
        "wrong-verdict-2": (
            "transpose-wrong-verdict",
            f"The claim is {verdict.lower()}; check it on the shapes or on one entry.",
        ),
    }
    options, correct, wrong = keyed_choice(rng, entries, messages)
    prompt = f"True or false, and why?\n\n> {claim.text}\n\n{options_md(options)}"
    hints = [
        "Check the shapes first: if $A$ is $m\\times n$, $A^T$ is $n\\times m$.",
        "Then compare one entry of each side: entry $(i, j)$ of $M^T$ is entry $(j, i)$ of $M$.",
    ]
    solution = f"{verdict}: {claim.reason}."
    explain = Explain(
        "Explain why $(AB)^T = B^T A^T$, and why a transpose appears in attention ($QK^T$).",
        "Entry $(i, j)$ of $(AB)^T$ is entry $(j, i)$ of $AB$: row $j$ of $A$ dotted with column $i$ of $B$. That is "
        "row $i$ of $B^T$ dotted with column $j$ of $A^T$, entry $(i, j)$ of $B^T A^T$; the shapes also only fit "
        "in that order. In attention, queries and keys are both stored as rows; transposing $K$ turns its rows "
        "into columns, so each entry of $QK^T$ is one query dotted with one key.",
    )
    return choice_draft(prompt, options, correct, hints, solution, wrong, explain)


_QKT_TRUE = [
    "Queries and keys are rows in the same $d$-dimensional space; transposing $K$ makes entry $(i, j)$ of $QK^T$ the dot product of query $i$ with key $j$.",
    "$QK^T$ computes every query-key dot product in one matrix product instead of $n^2$ separate ones.",
    "A larger entry $(i, j)$ means query $i$ and key $j$ point in more similar directions, so after the softmax token $i$ attends more to token $j$.",
    "Dividing the scores by $\\sqrt{d}$ stops their size growing with the head dimension before the softmax.",
    "With $Q$ and $K$ both $n\\times d$, the product $QK$ is not even defined unless $n = d$; $QK^T$ is always $n\\times n$.",
]
_QKT_FALSE = [
    Wrong(
        "The transpose makes the score matrix symmetric, so token $i$ attends to $j$ as much as $j$ attends to $i$.",
        "qkt-symmetric",
        "$Q$ and $K$ are different matrices, so $QK^T$ is generally not symmetric.",
    ),
    Wrong(
        "$K^T$ undoes $K$, so attention compares each query with itself.",
        "transpose-is-inverse",
        "a transpose swaps rows and columns; it is not an inverse.",
    ),
    Wrong(
        "$QK^T$ is $d\\times d$ and compares feature dimensions with each other.",
        "qtk-confusion",
        "that describes $Q^TK$; $QK^T$ is $n\\times n$, tokens against tokens.",
    ),
    Wrong(
        "Each entry of $QK^T$ is the elementwise product of a query and a key.",
        "elementwise",
        "each entry is a sum of products, a single number: a dot product.",
    ),
    Wrong(
        "The scores in $QK^T$ are already probabilities.",
        "scores-are-probabilities",
        "scores can be any real numbers; the softmax turns each row into probabilities.",
    ),
]


why_transpose = statement_check(
    "la.attention.why-transpose",
    "Why attention uses Q K^T",
    lesson="la.dot",
    rungs=("la.r05", "la.r02"),
    exit=("la.exit.qkt",),
    topic="About the scores $QK^T$ in attention:",
    true=_QKT_TRUE,
    false=_QKT_FALSE,
    hints=(
        "Write the shapes: $Q$ and $K$ are $n\\times d$ (tokens by head size).",
        "Entry $(i, j)$ of $QK^T$ is row $i$ of $Q$ times column $j$ of $K^T$.",
    ),
    explain=Explain(
        "In a paragraph: why does attention use $QK^T$?",
        "Each token has a query (what it looks for) and a key (what it offers), stored as rows of $Q$ and $K$, "
        "both $n\\times d$. How well token $j$ matches token $i$ is the dot product of query $i$ with key $j$: large "
        "when they point the same way. Transposing $K$ turns keys into columns, so the single product $QK^T$ "
        "($n\\times n$) holds every query-key dot product at once. Scaled by $1/\\sqrt{d}$ and passed through a "
        "row-wise softmax, row $i$ becomes the weights with which token $i$ mixes the values.",
    ),
)
