"""The common wrong answers, and what each one says about the mistake.

A generator lists the misconceptions that fit its problem, each with the
wrong value it predicts (computed from this variant's numbers) or a test for
a pattern. When an answer is wrong, the first one that matches names the
mistake. The ids are stable: the progress store counts them per learner.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from . import linalg as la
from .answers.base import numbers_equal
from .model import Misconception

# --- ids, kept together so faces and reports can list them -------------------
BA_INSTEAD_OF_AB = "ba-instead-of-ab"
TRANSPOSE = "transpose"
SIGN = "sign-error"
SIGN_ONE_ENTRY = "sign-error-entry"
SHAPE_SWAPPED = "rows-columns-swapped"
BATCH_MISSING = "batch-axis-missing"
BATCH_EXTRA = "batch-axis-extra"
MISSING_SQRT = "missing-sqrt"
MISSING_NORMALISATION = "missing-normalisation"
ELEMENTWISE = "elementwise-instead-of-matmul"
DET_AD_PLUS_BC = "det-ad-plus-bc"
DET_REVERSED = "det-reversed-products"
INVERSE_NO_DET = "inverse-forgot-determinant"
INVERSE_NO_SWAP = "inverse-no-swap"
INVERSE_ELEMENTWISE = "inverse-elementwise-reciprocal"
TRANSPOSE_NO_REVERSE = "transpose-without-reversing"
COMPOSITION_ORDER = "composition-order"
IMAGES_AS_ROWS = "images-as-rows"
PROJECTION_DIRECTION = "projection-wrong-direction"
PROJECTION_UNSQUARED = "projection-norm-not-squared"
PROJECTION_SCALAR = "projection-gave-coefficient"
SQUARED_DISTANCE = "missing-sqrt-distance"
NORM_DIFFERENCE = "difference-of-norms"
L1_NO_ABS = "l1-without-absolute-values"
WRONG_NORM = "wrong-norm"
FULL_RANK_ASSUMED = "full-rank-assumed"
LORA_FULL = "lora-counted-full-matrix"
LORA_PRODUCT = "lora-multiplied-sizes"
LORA_ONE_FACTOR = "lora-one-factor-only"
RANKK_SUM = "rank-k-summed-singular-values"
RANKK_LARGEST = "rank-k-dropped-largest"
RANKK_SPECTRAL = "rank-k-gave-spectral-error"
AREA_SIGNED = "area-kept-sign"
AREA_NO_DET = "area-ignored-determinant"
COEFFS_SWAPPED = "coefficients-swapped"
BASIS_INVERSE = "basis-change-wrong-direction"
TRANSPOSE_MATVEC = "used-rows-as-columns"
TAIL_MINUS_HEAD = "tail-minus-head"
NO_DECAY = "weight-decay-ignored"
DECAY_SIGN = "weight-decay-wrong-sign"
CHAR_POLY_SIGN = "charpoly-trace-sign"
EIGEN_DIAGONAL = "eigenvalues-from-diagonal"
CHOICE = "concept"  # prefix for option-specific feedback in concept checks


def value(id: str, message: str, wrong: Any) -> Misconception:
    return Misconception(id, message, value=wrong)


# --- products ------------------------------------------------------------------
def matmul_mistakes(
    a: la.Mat, b: la.Mat, name_a: str = "A", name_b: str = "B"
) -> list[Misconception]:
    """BA instead of AB, the transpose, the elementwise product, a whole sign flip."""
    ab = la.matmul(a, b)
    out: list[Misconception] = []
    if len(b[0]) == len(a):
        out.append(
            value(
                BA_INSTEAD_OF_AB,
                f"That is ${name_b}{name_a}$, not ${name_a}{name_b}$: the product takes rows of "
                f"${name_a}$ against columns of ${name_b}$, and order matters.",
                la.matmul(b, a),
            )
        )
    out.append(
        value(
            TRANSPOSE,
            f"That is the transpose of ${name_a}{name_b}$: entry $(i, j)$ comes from row $i$ of "
            f"${name_a}$ and column $j$ of ${name_b}$; you filled in $(j, i)$.",
            la.transpose(ab),
        )
    )
    if len(a) == len(b) and len(a[0]) == len(b[0]):
        out.append(
            value(
                ELEMENTWISE,
                "You multiplied entry by entry (the Hadamard product). A matrix product sums "
                "row-times-column products.",
                la.elementwise(a, b),
            )
        )
    out.append(sign_flip(ab))
    out.append(one_sign_matrix(ab))
    return out


def sign_flip(truth: Any) -> Misconception:
    """The whole answer negated."""
    if isinstance(truth, tuple) and truth and isinstance(truth[0], tuple):
        wrong: Any = la.neg(truth)
    elif isinstance(truth, tuple):
        wrong = tuple(-x for x in truth)
    else:
        wrong = -truth
    return value(SIGN, "Every sign is flipped: check the signs as you multiply and add.", wrong)


def one_sign_matrix(truth: la.Mat) -> Misconception:
    """Exactly one entry of a matrix has the wrong sign and the right size."""

    def test(got: Any) -> bool:
        diffs = [
            (x, y)
            for rx, ry in zip(got, truth, strict=True)
            for x, y in zip(rx, ry, strict=True)
            if not numbers_equal(x, y)
        ]
        return len(diffs) == 1 and numbers_equal(diffs[0][0], -diffs[0][1])

    return Misconception(
        SIGN_ONE_ENTRY,
        "One entry has the wrong sign: recheck the signs in that row-column sum.",
        test=test,
    )


def one_sign_vector(truth: Sequence[Fraction]) -> Misconception:
    def test(got: Any) -> bool:
        if len(got) != len(truth):
            return False
        diffs = [(x, y) for x, y in zip(got, truth, strict=True) if not numbers_equal(x, y)]
        return len(diffs) == 1 and numbers_equal(diffs[0][0], -diffs[0][1])

    return Misconception(
        SIGN_ONE_ENTRY, "One entry has the wrong sign; the rest are right.", test=test
    )


# --- shapes --------------------------------------------------------------------
def shape_mistakes(truth: tuple[int, ...] | str, batch: bool = False) -> list[Misconception]:
    """Rows and columns swapped; a batch axis lost or added."""
    if not isinstance(truth, tuple):
        return []
    out: list[Misconception] = []
    if len(truth) >= 2:
        swapped = truth[:-2] + (truth[-1], truth[-2])
        out.append(
            value(
                SHAPE_SWAPPED,
                "The last two sizes are swapped: a product has the rows of the left factor "
                "and the columns of the right one.",
                swapped,
            )
        )
    if batch and len(truth) >= 2:
        out.append(
            value(
                BATCH_MISSING,
                "The leading batch axis is missing: batched operations keep it in front.",
                truth[1:],
            )
        )

        def extra(got: Any) -> bool:
            return isinstance(got, tuple) and len(got) == len(truth) + 1 and got[1:] == truth

        out.append(
            Misconception(
                BATCH_EXTRA,
                "There is one leading axis too many: a batch axis appears only once.",
                test=extra,
            )
        )
    return out


# --- norms and similarity --------------------------------------------------------
def squared_not_rooted(
    squared: Fraction | float, what: str = "the squared length"
) -> Misconception:
    return value(MISSING_SQRT, f"That is {what}: take the square root at the end.", squared)


def dot_not_cosine(dot_value: Fraction) -> Misconception:
    return value(
        MISSING_NORMALISATION,
        "That is the dot product. Cosine similarity divides it by both lengths, so it lies in [-1, 1].",
        dot_value,
    )
