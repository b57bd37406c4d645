"""Concept checks for rung 09: cosine or dot product, and why L2 shrinks weights.

The cosine check mixes statements with scenarios in which the learner decides
whether a vector's length is signal or noise; the L2 check picks statements.
"""

from __future__ import annotations

import random

from .. import misconceptions as mc
from ..model import Draft, Explain
from ._choice import Wrong, statement_check, statement_choice
from ._common import check, choice_draft, options_md, shuffled

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
    return choice_draft(prompt, options, correct, hints, solution, wrong, _COS_EXPLAIN)


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


l2_shrink = statement_check(
    "la.dot.l2-shrink",
    "Why L2 regularisation shrinks weights",
    lesson="la.dot",
    rungs=("la.r09",),
    topic="About L2 regularisation:",
    true=_L2_TRUE,
    false=_L2_FALSE,
    hints=(
        "Differentiate the penalty $\\frac{\\lambda}{2}\\sum_i w_i^2$ with respect to one weight.",
        "Then write one gradient-descent step and collect the terms in $\\mathbf{w}$.",
    ),
    explain=Explain(
        "In two or three sentences: why does L2 regularisation shrink weights?",
        "The penalty $\\frac{\\lambda}{2}\\lVert\\mathbf{w}\\rVert^2$ has gradient $\\lambda\\mathbf{w}$, so every "
        "descent step includes $-\\eta\\lambda\\mathbf{w}$, a pull toward zero proportional to each weight; with "
        "plain SGD that is multiplying by $1 - \\eta\\lambda$. Only weights that the data gradient keeps pushing "
        "back stay large.",
    ),
)
