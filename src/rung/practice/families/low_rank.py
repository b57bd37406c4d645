"""Concept check for rungs 06 and 08: what low rank means, and why LoRA is cheap.

A statement check (see ``_choice``): the wrong statements are the usual
confusions of low rank with sparsity, small entries or a smaller model.
"""

from __future__ import annotations

from ..model import Explain
from ._choice import Wrong, statement_check

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


low_rank = statement_check(
    "la.svd.low-rank",
    "What low rank means, and why LoRA is cheap",
    lesson="la.svd",
    rungs=("la.r06", "la.r08"),
    exit=("la.exit.lowrank",),
    topic="About rank and LoRA:",
    true=_LOWRANK_TRUE,
    false=_LOWRANK_FALSE,
    hints=(
        "Rank is the number of independent columns (the dimension of the column space).",
        "A rank-$r$ matrix is a sum of $r$ outer products $\\mathbf{u}\\mathbf{v}^T$.",
    ),
    explain=Explain(
        "Explain what 'low rank' means, and why a low-rank update like LoRA's is parameter-efficient.",
        "A matrix has rank $r$ when its columns span only an $r$-dimensional space; then it factors as a "
        "$d\\times r$ times an $r\\times k$ matrix, a sum of $r$ outer products. Low rank means $r$ is much smaller "
        "than $d$ and $k$. LoRA learns the change to a $d\\times k$ weight as $BA$ with those thin factors, so it "
        "trains $r(d + k)$ numbers instead of $dk$: for $d = k = 4096$ and $r = 8$ that is 65,536 instead of "
        "16,777,216, 256 times fewer, while the frozen weights keep what the model already knows.",
    ),
)
