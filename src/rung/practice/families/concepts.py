"""Concept checks for the "explain" criteria of Sequence 01.

Each family draws from pools of statements (one right among wrong ones, or
one wrong among right ones), true/false claims with a reason to pick, or a
scenario with numbers; every wrong option carries a message that names the
misunderstanding. Each also offers an optional written explanation that the
learner rates against a model answer: explanations are never machine-graded.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from .. import linalg as la
from .. import misconceptions as mc
from ..answers import ChoiceAnswer, MultiChoiceAnswer
from ..latex import num
from ..model import Draft, Explain, Misconception
from ._common import check, ivec, nonzero, options_md, shuffled


@dataclass(frozen=True)
class Wrong:
    """A false statement and the misunderstanding it stands for."""

    text: str
    id: str
    why: str


def statement_choice(
    rng: random.Random,
    topic: str,
    true: Sequence[str],
    false: Sequence[Wrong],
    hints: list[str],
    explain: Explain,
) -> Draft:
    """Pick the one true statement among three false ones, or the one false among three true."""
    if rng.random() < 0.6:
        right = rng.choice(list(true))
        wrongs = rng.sample(list(false), 3)
        keyed: list[tuple[str, Wrong | None]] = [(right, None)] + [(w.text, w) for w in wrongs]
        keyed = shuffled(rng, keyed)
        options = [t for t, _ in keyed]
        correct = next(i for i, (_, w) in enumerate(keyed) if w is None)
        prompt = f"{topic} Which statement is **true**?\n\n{options_md(options)}"
        misses = tuple(
            mc.value(f"{mc.CHOICE}:{w.id}", f"That one is false: {w.why}", i)
            for i, (_, w) in enumerate(keyed)
            if w is not None
        )
        reasons = "\n".join(f"- *{w.text}* False: {w.why}" for _, w in keyed if w is not None)
        solution = f"True: *{right}*\n\nThe others:\n\n{reasons}"
    else:
        odd = rng.choice(list(false))
        rights = rng.sample(list(true), 3)
        keyed2: list[tuple[str, bool]] = [(odd.text, False)] + [(t, True) for t in rights]
        keyed2 = shuffled(rng, keyed2)
        options = [t for t, _ in keyed2]
        correct = next(i for i, (_, ok) in enumerate(keyed2) if not ok)
        prompt = f"{topic} Which statement is **false**?\n\n{options_md(options)}"
        misses = tuple(
            Misconception(
                f"{mc.CHOICE}:true-statement-rejected",
                "That statement is true; look for the one that breaks on a small example.",
                value=i,
            )
            for i, (_, ok) in enumerate(keyed2)
            if ok
        )
        solution = f"False: *{odd.text}* {odd.why}\n\nThe other three statements are true."
    return Draft(
        prompt,
        ChoiceAnswer(options, correct),
        hints,
        solution,
        misses,
        choices=options,
        explain=explain,
    )


# --- rung 01: arrows and lists -------------------------------------------------
_VIEWS_TRUE = [
    "The arrow view makes similarity visible: two embeddings are alike when their arrows point in nearly the same direction.",
    "The list view is what a computer stores and computes with: a dot product is a sum of products of entries.",
    "The same arrow gets a different list in a different basis; the arrow itself does not change.",
    "Adding vectors means placing arrows tip to tail, and equally adding the lists entry by entry.",
    "A 768-entry embedding cannot be drawn, yet length and angle still make sense for it.",
]
_VIEWS_FALSE = [
    Wrong(
        "An arrow and a list are different objects, and turning one into the other loses information.",
        "views-different-objects",
        "once a basis is fixed, each arrow has exactly one list and each list one arrow.",
    ),
    Wrong(
        "A vector's list of numbers is the same in every basis.",
        "list-basis-independent",
        "the entries are the weights on the basis vectors, so they change when the basis changes.",
    ),
    Wrong(
        "Sliding an arrow to a new starting point, without turning it, makes a different vector.",
        "arrow-position-matters",
        "a vector is a displacement: only length and direction matter, not where it is drawn.",
    ),
    Wrong(
        "Vectors with more than three entries have no geometric meaning.",
        "no-geometry-high-dim",
        "length, angle and projection are defined by the same formulas in any dimension.",
    ),
    Wrong(
        "The length of the arrow for $[3, 4]$ is $7$, the sum of its entries.",
        "length-is-sum",
        "length is the square root of the sum of squares: $\\sqrt{9 + 16} = 5$.",
    ),
]

_VIEWS_EXPLAIN = Explain(
    "Describe a 3-D vector of your choice both as an arrow and as a list, and say what each view is good for.",
    "Take $[2, -1, 3]$. As a list it is three numbers: the weights on the $x$, $y$ and $z$ basis vectors. As an "
    "arrow it starts anywhere, moves 2 along $x$, 1 back along $y$ and 3 up along $z$; it has a length "
    "($\\sqrt{14}$) and a direction. The list is what we compute with (sums, products, code); the arrow is what "
    "we reason with (similar vectors point the same way, adding is tip to tail, projections are shadows).",
)


def _arrow_reading(rng: random.Random) -> Draft:
    v = ivec(rng, 3, -4, 4)
    while len({abs(x) for x in v}) < 3 or 0 in v:
        v = ivec(rng, 3, -4, 4)
    axes = ("x", "y", "z")

    def describe(w: Sequence[int]) -> str:
        parts = []
        for x, axis in zip(w, axes, strict=True):
            size = abs(x)
            step = "step" if size == 1 else "steps"
            parts.append(f"{size} {step} {'forward' if x > 0 else 'backward'} along ${axis}$")
        return ", ".join(parts)

    flipped = list(v)
    i = rng.randrange(3)
    flipped[i] = -flipped[i]
    rotated = [v[1], v[2], v[0]]
    keyed = shuffled(
        rng,
        [
            ("right", describe(v)),
            ("sign", describe(flipped)),
            ("order", describe(rotated)),
            ("length", f"an arrow of length {num(abs(sum(v)))} along the line $x = y = z$"),
        ],
    )
    options = [t for _, t in keyed]
    correct = [k for k, _ in keyed].index("right")
    messages = {
        "sign": (
            "arrow-sign",
            "Check each sign: a negative entry means a step backward along that axis.",
        ),
        "order": (
            "arrow-axis-order",
            "The entries go with the axes in order: first $x$, then $y$, then $z$.",
        ),
        "length": (
            "length-is-sum",
            "The entries are separate steps along the axes, not one length to add up.",
        ),
    }
    wrong = tuple(
        mc.value(messages[k][0], messages[k][1], idx)
        for idx, (k, _) in enumerate(keyed)
        if k != "right"
    )
    prompt = (
        f"The list $[{', '.join(num(x) for x in v)}]$ describes an arrow from the origin. Which description "
        f"fits it?\n\n{options_md(options)}"
    )
    hints = [
        "Each entry is how far to move along one axis: the first along $x$, then $y$, then $z$.",
        "A negative entry means moving backward along that axis.",
    ]
    length_sq = int(la.norm_sq(la.vec(v)))
    solution = (
        f"Read the entries as steps: {describe(v)}. The arrow's length is "
        f"$\\sqrt{{{length_sq}}}$, not the sum of the entries."
    )
    return Draft(
        prompt,
        ChoiceAnswer(options, correct),
        hints,
        solution,
        wrong,
        choices=options,
        explain=_VIEWS_EXPLAIN,
    )


@check(
    "la.vectors.views",
    "Arrows and lists: two views of one vector",
    lesson="la.vectors",
    kind="choice",
    rungs=("la.r01",),
)
def views(rng: random.Random) -> Draft:
    if rng.random() < 0.5:
        return _arrow_reading(rng)
    hints = [
        "Think of an embedding: what do you compute with, and what do you picture?",
        "Try each statement on a small example such as $[3, 4]$.",
    ]
    return statement_choice(
        rng, "About vectors as arrows and lists:", _VIEWS_TRUE, _VIEWS_FALSE, hints, _VIEWS_EXPLAIN
    )


# --- rung 03: linear maps --------------------------------------------------------
def _linear_maps(rng: random.Random) -> tuple[list[str], list[tuple[str, str]]]:
    a, b, c = nonzero(rng, -3, 3), nonzero(rng, -3, 3), nonzero(rng, -3, 3)
    k = rng.randint(1, 3)

    def term(coef: int, var: str) -> str:
        return var if coef == 1 else (f"-{var}" if coef == -1 else f"{coef}{var}")

    def plus(coef: int, var: str) -> str:
        t = term(coef, var)
        return f"- {t[1:]}" if t.startswith("-") else f"+ {t}"

    linear = [
        f"$(x, y) \\mapsto ({term(a, 'x')} {plus(b, 'y')},\\ {term(c, 'x')})$",
        f"$(x, y) \\mapsto ({term(a, 'y')},\\ {term(b, 'x')})$",
        f"$(x, y) \\mapsto (x - y,\\ {term(c, 'y')})$",
        f"$(x, y) \\mapsto (0,\\ {term(a, 'x')} {plus(b, 'y')})$",
        f"$(x, y) \\mapsto ({term(k + 1, 'x')},\\ {term(k + 1, 'y')})$",
    ]
    nonlinear = [
        (f"$(x, y) \\mapsto (x + {k},\\ y)$", "shift"),
        ("$(x, y) \\mapsto (x^2,\\ y)$", "curve"),
        ("$(x, y) \\mapsto (xy,\\ y)$", "curve"),
        ("$(x, y) \\mapsto (|x|,\\ y)$", "curve"),
        (f"$(x, y) \\mapsto ({term(a, 'x')},\\ y - {k})$", "shift"),
    ]
    return linear, nonlinear


_VERDICTS = {
    "linear": "linear: each output is a fixed combination of $x$ and $y$",
    "shift": "not linear: it adds a constant, so $\\mathbf{0}$ does not stay at $\\mathbf{0}$",
    "curve": "not linear: doubling the input does not double the output",
}


@check(
    "la.transformations.linear",
    "Which maps are linear?",
    lesson="la.transformations",
    kind="multi",
    rungs=("la.r03",),
)
def linear_maps(rng: random.Random) -> Draft:
    linear, nonlinear = _linear_maps(rng)
    n_lin = rng.randint(2, 3)
    picked = [(t, "linear") for t in rng.sample(linear, n_lin)] + rng.sample(nonlinear, 5 - n_lin)
    picked = shuffled(rng, picked)
    options = [t for t, _ in picked]
    right = [i for i, (_, tag) in enumerate(picked) if tag == "linear"]
    shifts = {i for i, (_, tag) in enumerate(picked) if tag == "shift"}
    prompt = (
        "Which of these maps of the plane are linear? Select every one that is.\n\n"
        f"{options_md(options)}\n\nType the letters, like `a, c`."
    )
    hints = [
        "A linear map sends $\\mathbf{0}$ to $\\mathbf{0}$, sums to sums and multiples to multiples.",
        "Each output of a linear map is a fixed combination $px + qy$: no constants, powers, products or absolute values.",
    ]
    lines = "\n".join(f"- {t}: {_VERDICTS[tag]}" for t, tag in picked)
    solution = (
        f"{lines}\n\nThe linear ones are exactly those that a $2\\times 2$ matrix can represent."
    )
    wrong = (
        Misconception(
            "translation-is-linear",
            "A map that adds a constant moves the origin, so it is not linear: a linear map sends $\\mathbf{0}$ to $\\mathbf{0}$.",
            test=lambda got: bool(set(got) & shifts),
        ),
        Misconception(
            "nonlinear-term-accepted",
            "Squares, products and absolute values break $T(c\\mathbf{v}) = cT(\\mathbf{v})$; try $c = -1$ or $c = 2$.",
            test=lambda got: bool(set(got) - set(right) - shifts),
        ),
    )
    explain = Explain(
        "Why is every map $\\mathbf{x} \\mapsto A\\mathbf{x}$, for a $2\\times 2$ matrix $A$, a linear transformation?",
        "$A\\mathbf{x}$ is $x_1$ times the first column plus $x_2$ times the second. So "
        "$A(\\mathbf{u} + \\mathbf{v}) = A\\mathbf{u} + A\\mathbf{v}$ and $A(c\\mathbf{u}) = cA\\mathbf{u}$: the weights "
        "just add and scale. Geometrically the origin stays put and grid lines stay parallel and evenly spaced, "
        "because every point is the same combination of the moved basis vectors.",
    )
    return Draft(
        prompt,
        MultiChoiceAnswer(options, right),
        hints,
        solution,
        wrong,
        choices=options,
        explain=explain,
    )


_COMPOSE_TRUE = [
    "$AB\\mathbf{x} = A(B\\mathbf{x})$: the product applies $B$ first, then $A$.",
    "Column $j$ of $AB$ is $A$ applied to column $j$ of $B$: where $B$ sends basis vector $j$, moved on by $A$.",
    "$(AB)C = A(BC)$ because both mean: apply $C$, then $B$, then $A$.",
    "$AB$ and $BA$ usually differ, because doing two moves in the other order usually ends somewhere else.",
    "The row-times-column rule follows from tracking where the basis vectors go; it need not be memorised.",
]
_COMPOSE_FALSE = [
    Wrong(
        "$AB$ applies $A$ first, because we read from left to right.",
        "reading-order",
        "the factor next to $\\mathbf{x}$, on the right, acts first.",
    ),
    Wrong(
        "$AB = BA$ for any two square matrices of the same size.",
        "commutes",
        "rotate-then-shear and shear-then-rotate end in different places.",
    ),
    Wrong(
        "The product of two matrices multiplies matching entries.",
        "elementwise",
        "that is the elementwise (Hadamard) product, not composition.",
    ),
    Wrong(
        "Only square matrices can be composed.",
        "square-only",
        "a $2\\times 3$ times a $3\\times 4$ composes a map $\\mathbb{R}^4 \\to \\mathbb{R}^3 \\to \\mathbb{R}^2$.",
    ),
    Wrong(
        "$AB$ has as many columns as $A$.",
        "columns-of-a",
        "$AB$ takes its inputs where $B$ does: it has the columns of $B$.",
    ),
]


@check(
    "la.matmul.composition",
    "Matrix products are compositions",
    lesson="la.matmul",
    kind="choice",
    rungs=("la.r03",),
)
def composition(rng: random.Random) -> Draft:
    hints = [
        "Read $AB\\mathbf{x}$ as a machine: which matrix touches $\\mathbf{x}$ first?",
        "Test a statement with a rotation and a shear.",
    ]
    explain = Explain(
        "Why is multiplying matrices the same as composing transformations?",
        "A matrix is fixed by where it sends the basis vectors (its columns). To find the single matrix for "
        "'$B$, then $A$', follow each basis vector: $B$ sends it to column $j$ of $B$, and $A$ sends that to "
        "$A$ times column $j$ of $B$. Those results are the columns of $AB$, and writing them out entry by entry "
        "is the rows-times-columns rule. So the product is defined to be the composition.",
    )
    return statement_choice(
        rng, "About matrix products:", _COMPOSE_TRUE, _COMPOSE_FALSE, hints, explain
    )


# --- rung 05: transposes ----------------------------------------------------------
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
    keyed = shuffled(
        rng,
        [
            ("right", f"{verdict}: {claim.reason}."),
            ("bad-reason", f"{verdict}: {claim.bad_reasons[0]}."),
            ("wrong-verdict", f"{other}: {claim.bad_reasons[1]}."),
            ("wrong-verdict-2", f"{other}: {claim.bad_reasons[0]}."),
        ],
    )
    options = [t for _, t in keyed]
    correct = [k for k, _ in keyed].index("right")
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
    wrong = tuple(
        mc.value(messages[k][0], messages[k][1], i)
        for i, (k, _) in enumerate(keyed)
        if k != "right"
    )
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
    return Draft(
        prompt,
        ChoiceAnswer(options, correct),
        hints,
        solution,
        wrong,
        choices=options,
        explain=explain,
    )


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


@check(
    "la.attention.why-transpose",
    "Why attention uses Q K^T",
    lesson="la.dot",
    kind="choice",
    rungs=("la.r05", "la.r02"),
    exit=("la.exit.qkt",),
)
def why_transpose(rng: random.Random) -> Draft:
    hints = [
        "Write the shapes: $Q$ and $K$ are $n\\times d$ (tokens by head size).",
        "Entry $(i, j)$ of $QK^T$ is row $i$ of $Q$ times column $j$ of $K^T$.",
    ]
    explain = Explain(
        "In a paragraph: why does attention use $QK^T$?",
        "Each token has a query (what it looks for) and a key (what it offers), stored as rows of $Q$ and $K$, "
        "both $n\\times d$. How well token $j$ matches token $i$ is the dot product of query $i$ with key $j$: large "
        "when they point the same way. Transposing $K$ turns keys into columns, so the single product $QK^T$ "
        "($n\\times n$) holds every query-key dot product at once. Scaled by $1/\\sqrt{d}$ and passed through a "
        "row-wise softmax, row $i$ becomes the weights with which token $i$ mixes the values.",
    )
    return statement_choice(
        rng, "About the scores $QK^T$ in attention:", _QKT_TRUE, _QKT_FALSE, hints, explain
    )


# --- rungs 06 and 08: low rank ----------------------------------------------------
_LOWRANK_TRUE = [
    "A $d\\times k$ matrix of rank $r$ can be written as a $d\\times r$ matrix times an $r\\times k$ matrix.",
    "A rank-$r$ update needs $r(d + k)$ numbers instead of $dk$.",
    "Every column of a rank-1 matrix is a multiple of one vector.",
    "LoRA's update $BA$ has rank at most $r$, however large $d$ and $k$ are.",
    "Keeping the $r$ largest singular values gives the best rank-$r$ approximation in the Frobenius norm.",
]
_LOWRANK_FALSE = [
    Wrong(
        "A low-rank matrix has mostly zero entries.",
        "lowrank-is-sparse",
        "$\\mathbf{u}\\mathbf{v}^T$ with no zero entries in $\\mathbf{u}, \\mathbf{v}$ has rank 1 and no zeros.",
    ),
    Wrong(
        "Low rank means the entries are small.",
        "lowrank-is-small",
        "rank counts independent directions; scaling a matrix by 1000 leaves its rank alone.",
    ),
    Wrong(
        "LoRA trains a smaller copy of the whole model.",
        "lora-small-model",
        "LoRA keeps the full model frozen and learns a low-rank update to some weight matrices.",
    ),
    Wrong(
        "A rank-$r$ update can only change $r$ entries of $W$.",
        "lowrank-few-entries",
        "a rank-1 update $\\mathbf{u}\\mathbf{v}^T$ can change every entry.",
    ),
    Wrong(
        "The rank of a $d\\times k$ matrix can exceed $\\min(d, k)$.",
        "rank-too-large",
        "rank is the number of independent columns, at most $k$, and of independent rows, at most $d$.",
    ),
]


@check(
    "la.svd.low-rank",
    "What low rank means, and why LoRA is cheap",
    lesson="la.svd",
    kind="choice",
    rungs=("la.r06", "la.r08"),
    exit=("la.exit.lowrank",),
)
def low_rank(rng: random.Random) -> Draft:
    hints = [
        "Rank is the number of independent columns (the dimension of the column space).",
        "A rank-$r$ matrix is a sum of $r$ outer products $\\mathbf{u}\\mathbf{v}^T$.",
    ]
    explain = Explain(
        "Explain what 'low rank' means, and why a low-rank update like LoRA's is parameter-efficient.",
        "A matrix has rank $r$ when its columns span only an $r$-dimensional space; then it factors as a "
        "$d\\times r$ times an $r\\times k$ matrix, a sum of $r$ outer products. Low rank means $r$ is much smaller "
        "than $d$ and $k$. LoRA learns the change to a $d\\times k$ weight as $BA$ with those thin factors, so it "
        "trains $r(d + k)$ numbers instead of $dk$: for $d = k = 4096$ and $r = 8$ that is 65,536 instead of "
        "16,777,216, 256 times fewer, while the frozen weights keep what the model already knows.",
    )
    return statement_choice(
        rng, "About rank and LoRA:", _LOWRANK_TRUE, _LOWRANK_FALSE, hints, explain
    )


# --- rung 07: PCA ----------------------------------------------------------------
_PCA_TRUE = [
    "The eigenvectors of the covariance matrix are the directions along which the data spread; each eigenvalue is the variance along its direction.",
    "The first principal component is the eigenvector of the covariance matrix with the largest eigenvalue.",
    "Projecting onto the top $k$ eigenvectors keeps at least as much variance as any other $k$ directions.",
    "A covariance matrix is symmetric, so its eigenvectors can be chosen orthogonal to each other.",
    "The covariance matrix only stretches its eigenvectors; it does not turn them.",
]
_PCA_FALSE = [
    Wrong(
        "PCA keeps the eigenvectors with the smallest eigenvalues, because they are the most stable.",
        "pca-smallest",
        "small eigenvalues are directions of little variance: PCA drops those.",
    ),
    Wrong(
        "The principal components are the columns of the data with the largest values.",
        "pca-columns",
        "they are directions (combinations of features), found from the covariance matrix.",
    ),
    Wrong(
        "An eigenvector of the covariance matrix is a direction along which the data never vary.",
        "pca-no-variance",
        "only an eigenvalue of 0 means no variance; the eigenvalue is the variance.",
    ),
    Wrong(
        "A covariance matrix can have negative eigenvalues, meaning negative variance.",
        "pca-negative",
        "variance along any direction is a mean of squares, so it is never negative.",
    ),
    Wrong(
        "PCA needs the data matrix to be square.",
        "pca-square",
        "the covariance matrix is square (features by features) whatever the number of samples.",
    ),
]


@check(
    "la.eigen.pca",
    "Why eigenvectors matter for PCA",
    lesson="la.eigen",
    kind="choice",
    rungs=("la.r07",),
)
def pca(rng: random.Random) -> Draft:
    hints = [
        "An eigenvector is a direction the matrix only stretches; the eigenvalue is the stretch.",
        "For a covariance matrix, the stretch along a unit direction is the variance of the data along it.",
    ]
    explain = Explain(
        "In one sentence: why do eigenvectors matter for PCA?",
        "The eigenvectors of the data's covariance matrix are the directions of greatest spread, with the "
        "eigenvalues as the variances, so keeping the top few eigenvectors keeps the most information in the "
        "fewest dimensions.",
    )
    return statement_choice(rng, "About PCA:", _PCA_TRUE, _PCA_FALSE, hints, explain)


# --- rung 09: cosine and L2 ------------------------------------------------------
_SCENARIOS = [
    (
        "Comparing two documents by word counts, when one document is ten times longer than the other.",
        "cos",
        "length here only reflects document size, not topic",
    ),
    (
        "Finding sentences with the same meaning from embeddings whose lengths vary with sentence length.",
        "cos",
        "the lengths carry noise you want to ignore",
    ),
    (
        "Scoring queries against keys inside attention, where the model may learn lengths that carry meaning.",
        "dot",
        "the model can use length (for example, confidence), so you keep it",
    ),
    (
        "A recommender in which a longer user vector means a more active user, who should get higher scores.",
        "dot",
        "length is signal here, and the dot product keeps it",
    ),
    (
        "Computing a neuron's pre-activation $\\mathbf{w}\\cdot\\mathbf{x} + b$.",
        "dot",
        "the size of the input should change the output",
    ),
    (
        "Finding near-duplicate images by embedding, where brightness changes an embedding's length but not its direction.",
        "cos",
        "brightness only rescales, and cosine ignores scale",
    ),
]
_COS_TRUE = [
    "Cosine similarity is the dot product of the two vectors after scaling each to length 1.",
    "Cosine similarity ignores length: the cosine of $\\mathbf{a}$ and $3\\mathbf{b}$ equals that of $\\mathbf{a}$ and $\\mathbf{b}$.",
    "For vectors of length 1, the dot product and cosine similarity are equal.",
    "Cosine similarity always lies between $-1$ and $1$.",
]
_COS_FALSE = [
    Wrong(
        "Cosine similarity always lies between 0 and 1.",
        "cosine-range",
        "opposite directions give $-1$.",
    ),
    Wrong(
        "Doubling one vector doubles its cosine similarity with another.",
        "cosine-scales",
        "that is true of the dot product; cosine divides the length back out.",
    ),
    Wrong(
        "Cosine similarity measures the distance between the tips of the arrows.",
        "cosine-is-distance",
        "it measures the angle; two arrows of different lengths can have cosine 1.",
    ),
    Wrong(
        "Two vectors with cosine similarity 0 are equal.",
        "cosine-zero",
        "cosine 0 means perpendicular; equal vectors have cosine 1.",
    ),
]

_COS_EXPLAIN = Explain(
    "Define cosine similarity, and say when you would use it instead of the dot product.",
    "$\\cos(\\mathbf{a}, \\mathbf{b}) = \\dfrac{\\mathbf{a}\\cdot\\mathbf{b}}{\\lVert\\mathbf{a}\\rVert\\,\\lVert\\mathbf{b}\\rVert}$: "
    "the dot product of the two directions, between $-1$ and $1$. Use it when only direction carries meaning "
    "and length is a nuisance (document length, embedding norms that drift); use the raw dot product when "
    "length is information the score should keep, as in attention or a neuron's pre-activation.",
)


@check(
    "la.dot.cosine-or-dot",
    "When cosine similarity, when the dot product",
    lesson="la.dot",
    kind="choice",
    rungs=("la.r09",),
    exit=("la.exit.cosine",),
)
def cosine_or_dot(rng: random.Random) -> Draft:
    hints = [
        "Cosine similarity is the dot product with both lengths divided out.",
        "Ask: does the length of the vectors carry meaning you want to keep?",
    ]
    if rng.random() < 0.5:
        return statement_choice(
            rng, "About cosine similarity:", _COS_TRUE, _COS_FALSE, hints, _COS_EXPLAIN
        )
    scenario, answer, why = rng.choice(_SCENARIOS)
    options = shuffled(rng, ["cosine similarity", "the raw dot product"])
    correct = options.index("cosine similarity" if answer == "cos" else "the raw dot product")
    message = (
        "Here length is noise: divide it out with cosine similarity."
        if answer == "cos"
        else "Here length carries information, and cosine similarity would throw it away."
    )
    wrong = (mc.value(f"{mc.CHOICE}:cosine-vs-dot", message, 1 - correct),)
    prompt = f"{scenario}\n\nWhich score fits better?\n\n{options_md(options)}"
    solution = f"{options[correct].capitalize()}: {why}."
    return Draft(
        prompt,
        ChoiceAnswer(options, correct),
        hints,
        solution,
        wrong,
        choices=options,
        explain=_COS_EXPLAIN,
    )


_L2_TRUE = [
    "The gradient of $\\frac{\\lambda}{2}\\lVert\\mathbf{w}\\rVert^2$ is $\\lambda\\mathbf{w}$, which points away from zero, so each descent step pulls the weights toward zero.",
    "With plain gradient descent, an L2 penalty multiplies the weights by $1 - \\eta\\lambda$ on every step.",
    "The pull of an L2 penalty is proportional to the weight, so large weights are pulled hardest.",
    "A weight the data gradient does not support shrinks geometrically toward zero.",
]
_L2_FALSE = [
    Wrong(
        "L2 regularisation drives small weights to exactly zero.",
        "l2-exact-zero",
        "the pull shrinks with the weight, so weights approach zero without reaching it; L1 is the penalty that zeroes weights.",
    ),
    Wrong(
        "L2 regularisation subtracts the same fixed amount from every weight on each step.",
        "l2-constant-pull",
        "the pull is $\\eta\\lambda w$, proportional to the weight (a fixed amount is closer to L1).",
    ),
    Wrong(
        "L2 regularisation makes all the weights equal.",
        "l2-equalises",
        "it scales each weight toward zero; it does not average them.",
    ),
    Wrong(
        "The penalty $\\lambda\\lVert\\mathbf{w}\\rVert_2^2$ is smallest when the weights are large.",
        "l2-backwards",
        "the penalty grows with the weights; minimising it favours small weights.",
    ),
]


@check(
    "la.dot.l2-shrink",
    "Why L2 regularisation shrinks weights",
    lesson="la.dot",
    kind="choice",
    rungs=("la.r09",),
)
def l2_shrink(rng: random.Random) -> Draft:
    hints = [
        "Differentiate the penalty $\\frac{\\lambda}{2}\\sum_i w_i^2$ with respect to one weight.",
        "Then write one gradient-descent step and collect the terms in $\\mathbf{w}$.",
    ]
    explain = Explain(
        "In two or three sentences: why does L2 regularisation shrink weights?",
        "The penalty $\\frac{\\lambda}{2}\\lVert\\mathbf{w}\\rVert^2$ has gradient $\\lambda\\mathbf{w}$, so every "
        "descent step includes $-\\eta\\lambda\\mathbf{w}$, a pull toward zero proportional to each weight; with "
        "plain SGD that is multiplying by $1 - \\eta\\lambda$. Only weights that the data gradient keeps pushing "
        "back stay large.",
    )
    return statement_choice(rng, "About L2 regularisation:", _L2_TRUE, _L2_FALSE, hints, explain)
