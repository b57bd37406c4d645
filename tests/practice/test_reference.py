"""Computed answers agree with NumPy, on the matrices read back out of each prompt.

The generators use exact arithmetic of their own; this checks them against a
trusted reference, the way a lab checks against PyTorch.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from rung.practice import Problem, get_check
from rung.practice.answers import read_matrix

SEEDS = range(100)


def prompt_matrices(p: Problem) -> list[np.ndarray]:
    blocks = re.findall(r"\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}", p.prompt)
    out = []
    for block in blocks:
        text = block.replace("\\\\", ";").replace("&", " ")
        out.append(np.array([[float(x) for x in row] for row in read_matrix(text).value]))
    return out


def truth_array(p: Problem) -> np.ndarray:
    return np.array([[float(x) for x in row] for row in p.answer.truth])


@pytest.mark.parametrize("fid", ["la.matmul.2x2", "la.matmul.3x3", "la.matmul.rect"])
def test_products(fid: str) -> None:
    for seed in SEEDS:
        p = get_check(fid).generate(seed)
        a, b = prompt_matrices(p)[:2]
        assert np.allclose(a @ b, truth_array(p))


def test_transpose_of_product() -> None:
    for seed in SEEDS:
        p = get_check("la.transpose.product").generate(seed)
        a, b = prompt_matrices(p)[:2]
        assert np.allclose((a @ b).T, truth_array(p))


@pytest.mark.parametrize("fid", ["la.determinants.2x2", "la.determinants.3x3"])
def test_determinants(fid: str) -> None:
    for seed in SEEDS:
        p = get_check(fid).generate(seed)
        (a,) = prompt_matrices(p)[:1]
        assert np.isclose(np.linalg.det(a), float(p.answer.truth))


def test_inverses_and_ranks() -> None:
    for seed in SEEDS:
        p = get_check("la.inverses.2x2").generate(seed)
        a = prompt_matrices(p)[0]
        assert np.allclose(np.linalg.inv(a), truth_array(p))
        r = get_check("la.inverses.rank").generate(seed)
        assert np.linalg.matrix_rank(prompt_matrices(r)[0]) == r.answer.truth


def test_eigenvalues_and_eigenvectors() -> None:
    for seed in SEEDS:
        p = get_check("la.eigen.values").generate(seed)
        a = prompt_matrices(p)[0]
        got = sorted(np.linalg.eigvals(a).real)
        assert np.allclose(got, sorted(float(x) for x in p.answer.truth))
        q = get_check("la.eigen.vector").generate(seed)
        a = prompt_matrices(q)[0]
        lam = float(re.search(r"\\lambda = (-?\d+)", q.prompt).group(1))
        v = np.array([float(x) for x in q.answer.truth])
        assert np.allclose(a @ v, lam * v)


def test_rank_k_error_matches_the_svd() -> None:
    for seed in SEEDS:
        p = get_check("la.svd.rank-k-error").generate(seed)
        a = prompt_matrices(p)[0]
        k = int(re.search(r"best rank-(\d+)", p.prompt).group(1))
        gram = a.T @ a
        assert np.allclose(gram, np.diag(np.diag(gram))), (
            "columns must be orthogonal, as the prompt says"
        )
        s = np.linalg.svd(a, compute_uv=False)
        assert np.isclose(np.sqrt(np.sum(s[k:] ** 2)), float(p.answer.truth))
        u, sv, vt = np.linalg.svd(a)
        approx = (u[:, :k] * sv[:k]) @ vt[:k]
        assert np.isclose(np.linalg.norm(a - approx), float(p.answer.truth))


def test_cosine_distance_norms_projection() -> None:
    for seed in SEEDS:
        p = get_check("la.dot.cosine").generate(seed)
        a, b = (m.ravel() for m in prompt_matrices(p)[:2])
        assert np.isclose(a @ b / np.linalg.norm(a) / np.linalg.norm(b), p.answer.truth)
        d = get_check("la.dot.distance").generate(seed)
        a, b = (m.ravel() for m in prompt_matrices(d)[:2])
        assert np.isclose(np.linalg.norm(a - b), d.answer.truth)
        n = get_check("la.dot.norms").generate(seed)
        v = prompt_matrices(n)[0].ravel()
        order = {"_1": 1, "_2": 2, "_\\infty": np.inf}[
            re.search(r"rVert(_1|_2|_\\infty)\$ of", n.prompt).group(1)
        ]
        assert np.isclose(np.linalg.norm(v, order), n.answer.truth)
        j = get_check("la.dot.projection").generate(seed)
        a, b = (m.ravel() for m in prompt_matrices(j)[:2])
        assert np.allclose((a @ b) / (b @ b) * b, [float(x) for x in j.answer.truth])
