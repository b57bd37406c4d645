"""Every widget in headless Chromium: it renders on its lesson page, answers an
input, and makes no request beyond 127.0.0.1. A screenshot of each widget is
saved in ``test-artifacts/widgets/`` (look at them: they are the widget's face).

The determinant test is the issue's "done when": on lesson 7, dragging a basis
vector until the determinant crosses zero flips the orientation shown, and the
number shown is the determinant of the matrix shown, in the form the
determinant checks on that page accept.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pytest

from rung.curriculum import load_curriculum
from rung.practice import get_check
from rung.practice.answers.integers import IntegerAnswer

from .conftest import ARTIFACTS, OutsideRequests

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "widgets"


def lesson_of(widget: str) -> str:
    return next(le.id for le in load_curriculum().lessons if widget in le.widgets)


def ready_count(page: Any, widget: str) -> int:
    return int(page.locator(f"#widget-{widget}").get_attribute("data-ready") or 0)


def open_widget(page: Any, widget: str, lesson: str | None = None) -> Any:
    page.goto(f"/lessons/{lesson or lesson_of(widget)}")
    fig = page.locator(f"#widget-{widget}")
    page.wait_for_function(
        "id => document.querySelector('#widget-' + id)?.dataset.ready", arg=widget, timeout=30_000
    )
    fig.scroll_into_view_if_needed()
    return fig


def wait_redraw(page: Any, widget: str, before: int, timeout: int = 20_000) -> None:
    page.wait_for_function(
        "([id, n]) => Number(document.querySelector('#widget-' + id).dataset.ready) > n",
        arg=[widget, before],
        timeout=timeout,
    )


def shoot(fig: Any, widget: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    fig.screenshot(path=str(SHOTS / f"{widget}.png"))


def fact(fig: Any, label: str) -> str:
    """The readout value next to a label (the <dd> after the <dt>)."""
    return fig.locator(f"dl.wfacts dt:text-is('{label}') + dd").first.inner_text()


def number(text: str) -> float:
    return float(text.replace("\u2212", "-"))


def shown_matrix(fig: Any) -> np.ndarray:
    boxes = fig.locator(".wmatrix input")
    return np.array([float(boxes.nth(k).input_value()) for k in range(4)]).reshape(2, 2)


def assert_no_outside(outside: OutsideRequests) -> None:
    assert list(outside) == [], f"widgets tried to reach outside 127.0.0.1: {list(outside)}"


def test_dragging_a_basis_vector_through_det_zero_flips_orientation(
    page: Any, outside: OutsideRequests
) -> None:
    fig = open_widget(page, "grid", "la.determinants")
    det0 = number(fact(fig, "det"))
    assert det0 > 0 and "preserved" in fact(fig, "orientation")
    assert fig.locator("polygon.unitsq.preserved").count() == 1
    handle = fig.locator(".handle-j")
    box = handle.bounding_box()
    start = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(*start)
    page.mouse.down()
    flipped = False
    seen = shown_matrix(fig)
    for step in range(1, 60):  # drag down, a few pixels at a time, until the sign changes
        before = ready_count(page, "grid")
        page.mouse.move(start[0], start[1] + 4 * step)
        shown = shown_matrix(fig)
        if not np.array_equal(shown, seen):  # the tip snapped to a new point: wait for the figure
            seen = shown
            wait_redraw(page, "grid", before)
            page.wait_for_function(
                "() => !document.querySelector('#widget-grid .wstatus').textContent"
            )
            det = number(fact(fig, "det"))
            if det < 0:
                flipped = True
                break
    page.mouse.up()
    assert flipped, "the determinant never crossed zero"
    matrix = shown_matrix(fig)
    text = fact(fig, "det").replace("\u2212", "-")
    assert number(text) == pytest.approx(np.linalg.det(matrix), abs=1e-9)
    assert "flipped" in fact(fig, "orientation")
    assert fig.locator("polygon.unitsq.flipped").count() == 1
    # The same number in the same form the determinant check on this page accepts.
    family = get_check("la.determinants.2x2")
    assert family.lesson == "la.determinants" and family.generate(1).kind == "integer"
    exact = round(
        Fraction(matrix[0, 0]) * Fraction(matrix[1, 1])
        - Fraction(matrix[0, 1]) * Fraction(matrix[1, 0])
    )
    spec = IntegerAnswer(exact)
    assert spec.canonical == text
    assert spec.is_correct(spec.read(text).value)
    shoot(fig, "grid-flipped")
    assert_no_outside(outside)


def test_grid_keyboard_and_singular_matrix(page: Any, outside: OutsideRequests) -> None:
    fig = open_widget(page, "grid", "la.transformations")
    boxes = fig.locator(".wmatrix input")
    before = ready_count(page, "grid")
    for k, v in enumerate(["1", "2", "2", "4"]):  # rank 1: columns on one line
        boxes.nth(k).fill(v)
    wait_redraw(page, "grid", before)
    page.wait_for_function(
        "() => document.querySelector('#widget-grid .det-value')?.textContent === '0'"
    )
    assert "collapsed" in fact(fig, "orientation")
    assert fig.locator("line.colspace").count() == 1 and fig.locator("line.nullspace").count() == 1
    shoot(fig, "grid-singular")
    before = ready_count(page, "grid")
    fig.locator(".handle-i").focus()
    page.keyboard.press("ArrowUp")  # i-hat from (1, 2) to (1, 3): det 1*4 - 2*3 = -2
    wait_redraw(page, "grid", before)
    page.wait_for_function(
        "() => document.querySelector('#widget-grid .det-value')?.textContent === '\u22122'"
    )
    assert shown_matrix(fig).tolist() == [[1, 2], [3, 4]]
    assert_no_outside(outside)


def interact(page: Any, fig: Any, widget: str) -> None:
    """One input per widget, as a learner would give it."""
    if widget == "composition":
        fig.locator(".wmatrix input").nth(4).fill("2")
    elif widget == "eigen":
        fig.locator("input[type=range]").fill("0.5")  # halfway: lambda = 3 stretches by 2
        return  # the morph is drawn here, from eigen data already fetched
    elif widget == "svd":
        fig.locator(".wmatrix input").nth(1).fill("1")
    elif widget == "projection":
        fig.locator(".handle-v").focus()
        page.keyboard.press("ArrowUp")
    elif widget == "derivative":
        fig.locator("select").select_option("exp(x)")
    elif widget == "taylor":
        fig.locator("input[name=order]").fill("7")
    elif widget == "descent":
        fig.locator("input[name=lr]").fill("-0.5")  # 10^-0.5 = 0.32 > 0.2 diverges on the bowl
    elif widget == "clt":
        fig.locator("input[name=n]").fill("30")
    elif widget == "bayes":
        fig.locator("input[name=prior]").fill("0.3")
    elif widget == "playground":
        fig.locator("button.wbtn.primary").click()
    elif widget in ("attention", "bpe"):
        fig.locator("input.wtext").fill("Now is the winter of our discontent")
    else:
        raise AssertionError(f"no interaction for {widget}")


WIDGETS = [w for w in load_curriculum().widgets if w != "grid"]


@pytest.mark.parametrize("widget", WIDGETS)
def test_widget_renders_and_responds(page: Any, outside: OutsideRequests, widget: str) -> None:
    fig = open_widget(page, widget)
    assert fig.locator("svg, .bpe-tokens").count() >= 1
    before = ready_count(page, widget)
    readout = fig.locator(".wreadout").inner_text()
    interact(page, fig, widget)
    if widget == "eigen":
        page.wait_for_function(
            "() => document.querySelector('#widget-eigen .wreadout').innerText.includes('t·λ1 = 2')"
        )
    else:
        wait_redraw(page, widget, before, timeout=60_000)
    if widget == "playground":
        page.wait_for_function(
            "() => !document.querySelector('#widget-playground button.primary').disabled",
            timeout=60_000,
        )
    assert fig.locator(".wreadout").inner_text() != readout
    assert fig.locator(".wstatus.werror").count() == 0
    check_numbers(fig, widget)
    shoot(fig, widget)
    assert_no_outside(outside)


def check_numbers(fig: Any, widget: str) -> None:
    """Spot-check a number shown against the mathematics."""
    if widget == "composition":
        a, b = np.array([[0, -1], [1, 0]]), np.array([[2, 1], [0, 1]])  # B after the edit
        assert fact(fig, "commute?").startswith("no")
        assert number(fact(fig, "det AB = det BA").split(" ")[0]) == pytest.approx(
            np.linalg.det(a @ b)
        )
    elif widget == "projection":
        v, u = np.array([1, 3.5]), np.array([4, 1])
        assert number(fact(fig, "v · u")) == pytest.approx(v @ u)
    elif widget == "descent":
        assert "diverged" in fact(fig, "verdict")
    elif widget == "clt":
        assert number(fact(fig, "spread σ/√n").split()[1].rstrip(",")) == pytest.approx(
            1 / np.sqrt(30), abs=1e-3
        )
    elif widget == "bayes":
        assert number(fact(fig, "P(H | E)")) == pytest.approx(
            0.3 * 0.9 / (0.3 * 0.9 + 0.7 * 0.2), abs=1e-4
        )
    elif widget == "playground":
        assert number(fact(fig, "accuracy").rstrip("%")) > 80
    elif widget == "bpe":
        tokens = fig.locator(".bpe-tokens .tok").all_inner_texts()
        assert "".join(tokens).replace("\u00b7", " ") == "Now is the winter of our discontent"
    elif widget == "attention":
        assert len(fig.locator("svg.attn .attn-row").all()) == len(
            "Now is the winter of our discontent"
        )


def test_widget_pages_fit_a_phone_screen(page: Any, outside: OutsideRequests) -> None:
    """At 375 px every lesson with widgets draws them without sideways scrolling."""
    page.set_viewport_size({"width": 375, "height": 800})
    for lesson in load_curriculum().lessons:
        if not lesson.widgets:
            continue
        page.goto(f"/lessons/{lesson.id}")
        page.wait_for_function(
            "() => [...document.querySelectorAll('figure.widget')].every(f => f.dataset.ready)",
            timeout=30_000,
        )
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{lesson.id} scrolls sideways at 375 px ({width} px wide)"
    assert_no_outside(outside)
