"""The figures agree with the mathematics they draw."""

import math

import numpy as np
import pytest

from rung.viz import (
    bayes_areas,
    clt_figure,
    composition,
    derivative_zoom,
    gradient_descent,
    grid_figure,
    projection_figure,
    svd_figure,
    taylor,
    train_playground,
)
from rung.viz.calculus import SURFACES

rng = np.random.default_rng(7)
MATRICES = [rng.integers(-4, 5, (2, 2)).tolist() for _ in range(40)] + [
    [[1, 2], [2, 4]],
    [[0, 0], [0, 0]],
    [[2, 0], [0, 2]],
    [[1, 1], [0, 1]],
    [[0, -1], [1, 0]],
]


@pytest.mark.parametrize("m", MATRICES)
def test_area_drawn_is_the_determinant(m):
    fig = grid_figure(m)
    det = float(np.linalg.det(np.array(m, float)))
    assert fig["area_signed"] == pytest.approx(det, abs=1e-9)
    assert fig["det"] == pytest.approx(det, abs=1e-9)
    expected = "collapsed" if abs(det) < 1e-9 else ("preserved" if det > 0 else "flipped")
    assert fig["orientation"] == expected


@pytest.mark.parametrize("m", MATRICES)
def test_eigenvectors_drawn_satisfy_av_equals_lambda_v(m):
    a = np.array(m, float)
    for e in grid_figure(m)["eigen"]:
        v = np.array(e["vector"])
        assert np.linalg.norm(v) == pytest.approx(1)
        assert a @ v == pytest.approx(e["value"] * v, abs=1e-8)


@pytest.mark.parametrize("m", MATRICES)
def test_singular_matrices_show_column_and_null_space(m):
    a = np.array(m, float)
    fig = grid_figure(m)
    if fig["rank"] == 1:
        n = np.array(fig["null_space"]["direction"])
        c = np.array(fig["column_space"]["direction"])
        assert a @ n == pytest.approx([0, 0], abs=1e-8)
        for col in a.T:  # every column lies on the drawn line
            assert abs(col[0] * c[1] - col[1] * c[0]) < 1e-8


def test_grid_lines_are_images_of_the_plane_grid():
    fig = grid_figure([[2, 1], [0, 1]], extent=2)
    a = np.array([[2, 1], [0, 1]])
    assert fig["grid"][0] == [list(a @ [-2, -2]), list(a @ [-2, 2])]


def test_composition_ab_differs_from_ba():
    fig = composition([[0, -1], [1, 0]], [[1, 1], [0, 1]])
    assert not fig["commute"]
    assert fig["AB"]["matrix"] == [[0, -1], [1, 1]]
    assert fig["BA"]["matrix"] == [[1, -1], [1, 0]]
    assert fig["AB"]["det"] == pytest.approx(fig["A"]["det"] * fig["B"]["det"])


@pytest.mark.parametrize("m", MATRICES[:15])
def test_svd_is_rotate_scale_rotate(m):
    fig = svd_figure(m, n=16)
    u, s, vt = np.array(fig["U"]), np.array(fig["S"]), np.array(fig["Vt"])
    assert u @ np.diag(s) @ vt == pytest.approx(np.array(m, float), abs=1e-8)
    circle, final = np.array(fig["stages"][0]), np.array(fig["stages"][3])
    assert final == pytest.approx((np.array(m, float) @ circle.T).T, abs=1e-8)
    assert u @ u.T == pytest.approx(np.eye(2), abs=1e-9) and vt @ vt.T == pytest.approx(
        np.eye(2), abs=1e-9
    )


def test_projection_residual_is_orthogonal():
    fig = projection_figure([3, 4], [2, 0])
    assert fig["dot"] == 6 and fig["proj"] == [3, 0] and fig["residual"] == [0, 4]
    assert fig["cos"] == pytest.approx(0.6) and fig["angle_deg"] == pytest.approx(
        math.degrees(math.acos(0.6))
    )
    with pytest.raises(ValueError):
        projection_figure([1, 1], [0, 0])


def test_descent_path_follows_the_update_rule():
    fig = gradient_descent("rosenbrock", (-1.0, 1.5), lr=0.001, momentum=0.9, steps=30)
    _, grad, _ = SURFACES["rosenbrock"]
    p, v = np.array([-1.0, 1.5]), np.zeros(2)
    for point in fig["path"][1:]:
        v = 0.9 * v - 0.001 * grad(p)
        p = p + v
        assert point == pytest.approx(p.tolist())


def test_a_learning_rate_too_large_diverges_on_the_bowl():
    assert not gradient_descent("bowl", (2, 2), lr=0.15, steps=200)["diverged"]
    big = gradient_descent("bowl", (2, 2), lr=0.25, steps=200)
    assert big["diverged"] and len(big["path"]) < 201
    assert big["loss"][-1] > big["loss"][0]


def test_derivative_zoom_secants_approach_the_slope():
    fig = derivative_zoom("sin(x)", 0.5)
    assert fig["slope"] == pytest.approx(math.cos(0.5))
    gaps = [abs(w["secant_slope"] - fig["slope"]) for w in fig["windows"]]
    assert gaps == sorted(gaps, reverse=True) and gaps[-1] < 1e-4


def test_taylor_coefficients_and_convergence():
    fig = taylor("exp(x)", 0.0, 6)
    assert fig["coefficients"] == pytest.approx([1 / math.factorial(k) for k in range(7)])
    errs = [
        max(
            abs(p - f)
            for p, f in zip(
                taylor("sin(x)", 0, k)["polynomial"], taylor("sin(x)", 0, k)["f"], strict=True
            )
            if -1 <= x <= 1
        )
        for k, x in [(1, 0), (3, 0), (7, 0)]
    ]
    assert errs == sorted(errs, reverse=True)


def test_clt_sd_matches_sigma_over_root_n():
    fig = clt_figure("exponential", 25, samples=5000, seed=3)
    assert fig["sd"] == pytest.approx(1 / 5)
    assert fig["sample_sd"] == pytest.approx(0.2, rel=0.05)
    widths = np.diff(fig["edges"])
    assert float(np.sum(np.array(fig["density"]) * widths)) == pytest.approx(1.0)


def test_bayes_posterior_is_area_ratio():
    fig = bayes_areas(0.01, 0.9, 0.05)
    assert fig["posterior"] == pytest.approx(0.009 / (0.009 + 0.0495))
    assert sum(r["area"] for r in fig["rects"]) == pytest.approx(fig["evidence"])


@pytest.mark.parametrize("dataset", ["moons", "circles", "xor"])
def test_playground_learns_each_dataset(dataset):
    fig = train_playground(dataset, width=8, depth=2, lr=0.5, steps=1500)
    assert fig["accuracy"] >= 0.93
    assert fig["loss"][-1] < fig["loss"][0]
    assert len(fig["grid"]["p"]) == 40


def test_playground_is_deterministic_in_its_seed():
    a = train_playground("moons", steps=20, seed=1)
    assert a == train_playground("moons", steps=20, seed=1)
    assert a["loss"] != train_playground("moons", steps=20, seed=2)["loss"]
