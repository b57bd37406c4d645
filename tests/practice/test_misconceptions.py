"""Wrong answers that a known mistake predicts get feedback that names the mistake."""

from __future__ import annotations

import math
from collections.abc import Callable

from rung.practice import Problem, get_check
from rung.practice import linalg as la
from rung.practice.answers import matrix_text, shape_text, vector_text

from .helpers import value_text


def first(check_id: str, want: Callable[[Problem], bool], seeds: int = 300) -> Problem:
    """The first generated problem with a property (so tests do not hard-code variants)."""
    fam = get_check(check_id)
    for seed in range(seeds):
        p = fam.generate(seed)
        if want(p):
            return p
    raise AssertionError(f"no variant of {check_id} with that property")


def matrices_of(p: Problem) -> tuple[la.Mat, la.Mat]:
    """Recover A and B from the prompt's bmatrix blocks, via the reader."""
    import re

    from rung.practice.answers import read_matrix

    blocks = re.findall(r"\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}", p.prompt)
    mats = [read_matrix(b.replace("\\\\", ";").replace("&", " ")).value for b in blocks[:2]]
    return mats[0], mats[1]


def test_ba_instead_of_ab() -> None:
    p = first("la.matmul.2x2", lambda p: True)
    a, b = matrices_of(p)
    assert la.matmul(a, b) == p.answer.truth
    g = p.grade(matrix_text(la.matmul(b, a)))
    assert (g.status, g.misconception) == ("wrong", "ba-instead-of-ab")
    assert "BA" in g.feedback


def test_transpose_of_the_product() -> None:
    p = first("la.matmul.3x3", lambda p: True)
    g = p.grade(matrix_text(la.transpose(p.answer.truth)))
    assert (g.status, g.misconception) == ("wrong", "transpose")


def test_elementwise_product() -> None:
    p = first("la.matmul.2x2", lambda p: True)
    a, b = matrices_of(p)
    g = p.grade(matrix_text(la.elementwise(a, b)))
    assert g.misconception == "elementwise-instead-of-matmul"


def test_one_entry_with_the_wrong_sign() -> None:
    p = first("la.matmul.2x2", lambda p: p.answer.truth[0][1] != 0)
    rows = [list(r) for r in p.answer.truth]
    rows[0][1] = -rows[0][1]
    g = p.grade(matrix_text(rows))
    assert g.misconception in ("sign-error-entry", "transpose", "ba-instead-of-ab")
    q = first(
        "la.matmul.2x2",
        lambda p: p.answer.truth[0][1] != 0 and p.answer.truth[0][1] != -p.answer.truth[1][0],
    )
    rows = [list(r) for r in q.answer.truth]
    rows[0][1] = -rows[0][1]
    assert q.grade(matrix_text(rows)).misconception in ("sign-error-entry", "ba-instead-of-ab")


def test_negated_dot_product_is_a_sign_error() -> None:
    p = first("la.dot.compute", lambda p: True)
    g = p.grade(str(-int(p.answer_text)))
    assert (g.status, g.misconception) == ("wrong", "sign-error")


def test_swapped_shape() -> None:
    p = first("la.shapes.product", lambda p: p.answer_text != "error")
    m, n = p.answer.truth
    g = p.grade(f"({n}, {m})")
    assert (g.status, g.misconception) == ("wrong", "rows-columns-swapped")
    assert "swapped" in g.feedback


def test_batch_axis_missing_and_extra() -> None:
    p = first("la.tensors.matmul", lambda p: p.answer.truth != "error" and len(p.answer.truth) == 3)
    truth = p.answer.truth
    assert p.grade(shape_text(truth[1:])).misconception == "batch-axis-missing"
    assert p.grade(shape_text((7,) + truth)).misconception == "batch-axis-extra"
    q = first("la.attention.qkt-shape", lambda p: len(p.answer.truth) == 3)
    assert q.grade(shape_text(q.answer.truth[1:])).misconception == "batch-axis-missing"


def test_missing_square_root() -> None:
    p = first("la.dot.norms", lambda p: "L^2" in p.prompt)
    squared = round(float(p.answer.truth) ** 2)
    g = p.grade(str(squared))
    assert (g.status, g.misconception) == ("wrong", "missing-sqrt")
    d = first("la.dot.distance", lambda p: True)
    assert d.grade(str(round(float(d.answer.truth) ** 2))).misconception == "missing-sqrt-distance"


def test_missing_normalisation() -> None:
    p = first("la.dot.cosine", lambda p: True)
    dot_value = next(m.value for m in p.misconceptions if m.id == "missing-normalisation")
    g = p.grade(str(dot_value))
    assert (g.status, g.misconception) == ("wrong", "missing-normalisation")
    assert "dot product" in g.feedback


def test_determinant_with_ad_plus_bc() -> None:
    p = first("la.determinants.2x2", lambda p: True)
    (a,) = matrices_of_single(p)
    (x, y), (z, w) = a
    g = p.grade(str(x * w + y * z))
    assert g.misconception == "det-ad-plus-bc"


def matrices_of_single(p: Problem) -> tuple[la.Mat]:
    import re

    from rung.practice.answers import read_matrix

    block = re.search(r"\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}", p.prompt).group(1)
    return (read_matrix(block.replace("\\\\", ";").replace("&", " ")).value,)


def test_inverse_without_dividing_by_the_determinant() -> None:
    p = first("la.inverses.2x2", lambda p: True)
    (a,) = matrices_of_single(p)
    (x, y), (z, w) = a
    g = p.grade(matrix_text([[w, -y], [-z, x]]))
    assert g.misconception == "inverse-forgot-determinant"


def test_transpose_without_reversing() -> None:
    p = first("la.transpose.product", lambda p: True)
    a, b = matrices_of(p)
    g = p.grade(matrix_text(la.matmul(la.transpose(a), la.transpose(b))))
    assert g.misconception == "transpose-without-reversing"


def test_composition_in_the_wrong_order() -> None:
    p = first("la.matmul.compose", lambda p: True)
    wrong = next(m.value for m in p.misconceptions if m.id == "composition-order")
    assert p.grade(matrix_text(wrong)).misconception == "composition-order"


def test_eigenvector_for_the_other_eigenvalue_and_scaling() -> None:
    p = first("la.eigen.vector", lambda p: True)
    v = p.answer.truth
    assert p.grade(vector_text([3 * x for x in v])).status == "correct"
    assert p.grade(vector_text([-x for x in v])).status == "correct"
    zero = p.grade("[0, 0]")
    assert zero.status == "wrong" and "zero vector" in zero.feedback
    other_test = p.misconceptions[0]
    assert other_test.id == "eigenvector-of-other-eigenvalue"


def test_characteristic_polynomial_sign() -> None:
    p = first(
        "la.eigen.charpoly",
        lambda p: any(m.id == "charpoly-trace-sign" for m in p.misconceptions),
        seeds=20,
    )
    wrong = next(m.value for m in p.misconceptions if m.id == "charpoly-trace-sign")
    assert p.grade(wrong).misconception == "charpoly-trace-sign"
    assert p.grade(p.answer_text.replace("t", "λ")).status == "correct"


def test_rank_k_error_mistakes() -> None:
    p = first("la.svd.rank-k-error", lambda p: True)
    sq = round(float(p.answer.truth) ** 2)
    assert p.grade(str(sq)).misconception == "missing-sqrt"
    assert p.grade(f"{math.sqrt(sq):.4f}").status == "correct"


def test_permute_and_keepdim_and_cat_stack_mistakes() -> None:
    p = first("la.tensors.permute", lambda p: True)
    m = next(m for m in p.misconceptions if m.id == "permute-inverted")
    assert p.grade(shape_text(m.value)).misconception == "permute-inverted"
    r = first("la.tensors.reduce", lambda p: True)
    m = next(m for m in r.misconceptions if m.id == "keepdim-confused")
    assert r.grade(shape_text(m.value)).misconception == "keepdim-confused"
    c = first(
        "la.tensors.cat-stack", lambda p: p.answer_text != "error" and "torch.cat" in p.prompt
    )
    m = next(m for m in c.misconceptions if m.id == "cat-stack-confused")
    assert c.grade(shape_text(m.value)).misconception == "cat-stack-confused"


def test_concept_options_explain_the_mistake() -> None:
    p = first("la.attention.why-transpose", lambda p: "**true**" in p.prompt)
    wrong_index = (p.answer.truth + 1) % len(p.choices)
    g = p.grade(value_text(p, wrong_index))
    assert g.status == "wrong" and g.misconception.startswith("concept:")
    assert g.feedback.startswith("That one is false")


def test_feedback_without_a_known_mistake_does_not_give_the_answer_away() -> None:
    p = first("la.matmul.2x2", lambda p: True)
    rows = [[x + 10 for x in r] for r in p.answer.truth]
    g = p.grade(matrix_text(rows))
    assert g.status == "wrong" and g.misconception is None
    assert "4 of 4 entries are wrong" in g.feedback
    for row in p.answer.truth:
        for x in row:
            assert f" {x} " not in g.feedback
