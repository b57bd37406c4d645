"""The widgets' JSON API: every widget answers with the figure of the tested
function for the same inputs; bad inputs get a 422 that says what is wrong;
numbers out of range are clamped and reported; the lesson pages carry the
widgets they list."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from markupsafe import escape as html_escape

from rung import viz
from rung.curriculum import load_curriculum
from rung.viz.transformer import attention_for_text, bpe_figure, reference_gpt, reference_merges

from .test_offline import assert_self_contained


def get(client: TestClient, widget: str, **params: Any) -> Any:
    return client.get(f"/api/viz/{widget}", params=params)


def figure(client: TestClient, widget: str, **params: Any) -> dict:
    r = get(client, widget, **params)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


# Each widget: query params, and the same figure from the viz function directly.
CASES = {
    "grid": ({"m": "1,2,3,4"}, lambda: viz.grid_figure([[1, 2], [3, 4]])),
    "eigen": ({"m": "2,1,1,2"}, lambda: viz.grid_figure([[2, 1], [1, 2]])),
    "composition": (
        {"a": "0,-1,1,0", "b": "1,1,0,1"},
        lambda: viz.composition([[0, -1], [1, 0]], [[1, 1], [0, 1]]),
    ),
    "svd": ({"m": "3,0,4,5", "n": "16"}, lambda: viz.svd_figure([[3, 0], [4, 5]], n=16)),
    "projection": ({"v": "3,4", "u": "2,0"}, lambda: viz.projection_figure([3, 4], [2, 0])),
    "derivative": ({"f": "sin(x)", "x0": "0.5"}, lambda: viz.derivative_zoom("sin(x)", 0.5)),
    "taylor": ({"f": "exp(x)", "a": "0", "order": "6"}, lambda: viz.taylor("exp(x)", 0.0, 6)),
    "descent": (
        {"surface": "bowl", "x": "2", "y": "2", "lr": "0.25", "momentum": "0", "steps": "200"},
        lambda: viz.gradient_descent("bowl", (2.0, 2.0), lr=0.25, momentum=0.0, steps=200),
    ),
    "clt": (
        {"dist": "die", "n": "10", "samples": "500", "seed": "3"},
        lambda: viz.clt_figure("die", 10, samples=500, seed=3),
    ),
    "bayes": (
        {"prior": "0.01", "tp": "0.9", "fp": "0.05"},
        lambda: viz.bayes_areas(0.01, 0.9, 0.05),
    ),
    "playground": (
        {
            "dataset": "xor",
            "width": "4",
            "depth": "1",
            "activation": "relu",
            "lr": "0.3",
            "steps": "30",
        },
        lambda: viz.train_playground("xor", 4, 1, "relu", 0.3, 30),
    ),
    "bpe": ({"text": "hello world"}, lambda: bpe_figure("hello world", reference_merges())),
    "attention": (
        {"text": "To be, or not", "model": "reference"},
        lambda: attention_for_text("To be, or not", reference_gpt()),
    ),
}


def test_every_widget_in_the_catalogue_has_an_api():
    assert set(load_curriculum().widgets) == set(CASES)


@pytest.mark.parametrize("widget", sorted(CASES))
def test_api_serves_the_figure_of_the_viz_function(client: TestClient, widget: str) -> None:
    if widget == "attention":
        pytest.importorskip("torch")
    params, direct = CASES[widget]
    data = figure(client, widget, **params)
    assert data["widget"] == widget and data["clamped"] == {}
    expected = direct()
    got = data["figure"]
    for key in ("det_text", "det_exact"):
        got.pop(key, None)
    for part in ("A", "B"):
        if part in got:
            got[part].pop("det_text"), got[part].pop("det_exact")
    assert _same(got, expected)


def _same(a: Any, b: Any) -> bool:
    """Equal after a JSON round trip (tuples become lists, floats survive exactly)."""
    if isinstance(a, dict):
        assert set(a) == set(b), set(a) ^ set(b)
        return all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        assert len(a) == len(b)
        return all(_same(x, y) for x, y in zip(a, b, strict=True))
    assert a == b or (isinstance(a, float) and a == pytest.approx(b, rel=1e-12, abs=1e-12))
    return True


@pytest.mark.parametrize(
    "m, det_text",
    [
        ("1,2,3,4", "-2"),
        ("2,1,0,-1", "-2"),
        ("0.1,0.2,0.3,0.5", "-0.01"),
        ("1,2,2,4", "0"),
        ("1/3,0,0,3", "1"),
    ],
)
def test_grid_shows_the_exact_determinant(client: TestClient, m: str, det_text: str) -> None:
    fig = figure(client, "grid", m=m)["figure"]
    entries = np.array([float(Fraction(x)) for x in m.split(",")]).reshape(2, 2)
    assert fig["det_text"] == det_text
    assert float(Fraction(det_text)) == pytest.approx(np.linalg.det(entries), abs=1e-12)
    assert fig["orientation"] == (
        "collapsed" if det_text == "0" else "flipped" if det_text.startswith("-") else "preserved"
    )


def test_composition_reports_det_of_the_product(client: TestClient) -> None:
    fig = figure(client, "composition", a="2,0,0,3", b="1,1,0,1")["figure"]
    assert fig["det_text"] == "6" and fig["A"]["det_text"] == "6" and fig["B"]["det_text"] == "1"
    assert fig["commute"] is False


@pytest.mark.parametrize(
    "widget, params, clamped",
    [
        ("grid", {"m": "100,0,0,1"}, {"m": True}),
        ("descent", {"lr": "50"}, {"lr": 2.0}),
        ("clt", {"n": "100000"}, {"n": 200}),
        ("bayes", {"prior": "1.5"}, {"prior": 1.0}),
        ("playground", {"steps": "99999", "width": "0"}, {"steps": 1000, "width": 1}),
        ("taylor", {"order": "40"}, {"order": 12}),
        ("bpe", {"text": "x" * 500}, {"text": 300}),
    ],
)
def test_out_of_range_numbers_are_clamped_and_said(
    client: TestClient, widget: str, params: dict, clamped: dict
) -> None:
    data = figure(client, widget, **params)
    assert data["clamped"] == clamped
    if widget == "grid":
        assert data["figure"]["matrix"][0][0] == 10
    if widget == "bpe":
        assert data["figure"]["n_bytes"] == 300


@pytest.mark.parametrize(
    "widget, params, says",
    [
        ("grid", {"m": "1,2,3"}, "needs 4 numbers"),
        ("grid", {"m": "1,2,x,4"}, "not a number"),
        ("grid", {"m": "nan,0,0,1"}, "not a number"),
        ("grid", {"matrix": "1,0,0,1"}, "unknown parameter"),
        ("composition", {"a": "1,,2,3"}, "not a number"),
        ("svd", {"n": "many"}, "whole number"),
        ("projection", {"u": "0,0"}, "zero vector"),
        ("derivative", {"f": "__import__('os')"}, "must be one of"),
        ("derivative", {"x0": "inf"}, "finite"),
        ("taylor", {"f": "1/(1-x)", "a": "1"}, "pick another point"),
        ("taylor", {"f": "log(1+x)", "a": "-1.5"}, "pick another point"),
        ("descent", {"surface": "everest"}, "must be one of"),
        ("clt", {"dist": "cauchy"}, "must be one of"),
        ("bayes", {"tp": "likely"}, "must be a number"),
        ("playground", {"activation": "swish"}, "must be one of"),
        ("bpe", {"text": ""}, "must not be empty"),
        ("attention", {"model": "gpt5"}, "must be one of"),
    ],
)
def test_bad_parameters_are_a_422_with_a_message(
    client: TestClient, widget: str, params: dict, says: str
) -> None:
    r = get(client, widget, **params)
    assert r.status_code == 422
    assert says in r.json()["error"]


def test_unknown_widget_is_a_404_naming_the_widgets(client: TestClient) -> None:
    r = client.get("/api/viz/teapot")
    assert r.status_code == 404 and "grid" in r.json()["error"]


def test_attention_says_which_characters_it_left_out(client: TestClient) -> None:
    pytest.importorskip("torch")
    fig = figure(client, "attention", text="Year 2024: ok", model="reference")["figure"]
    assert fig["model"]["dropped"] == ["0", "2", "4"]
    assert "".join(fig["tokens"]) == "Year : ok"


def test_lesson_pages_carry_their_widgets(client: TestClient) -> None:
    cur = load_curriculum()
    for lesson in cur.lessons:
        if not lesson.widgets:
            continue
        html = client.get(f"/lessons/{lesson.id}").text
        for wid in lesson.widgets:
            assert f'data-widget="{wid}"' in html, (lesson.id, wid)
            assert html_escape(cur.widgets[wid].title) in html
        assert '<script type="module" src="/static/widgets/loader.js' in html
        assert_self_contained(html, lesson.id)
    assert 'class="widget"' not in client.get("/lessons/la.orientation").text


def test_widget_modules_are_served(client: TestClient) -> None:
    for name in ["loader", "lib", *load_curriculum().widgets]:
        r = client.get(f"/static/widgets/{name}.js")
        assert r.status_code == 200 and "javascript" in r.headers["content-type"], name
        assert "http://" not in r.text.replace("http://www.w3.org/2000/svg", "")
        assert "https://" not in r.text
