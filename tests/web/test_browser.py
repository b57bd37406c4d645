"""End to end in headless Chromium: what a learner does, with the network walled off.

Each test runs the real app under uvicorn and blocks (and records) any
request not addressed to 127.0.0.1; the ``no_outside`` check at the end of
each test proves the pages never tried one. Answers are computed by
regenerating the problem from the seed in the page, never hard-coded.
"""

from __future__ import annotations

from typing import Any

import pytest

from rung.curriculum import load_curriculum
from rung.practice import get_check

from .conftest import OutsideRequests

pytestmark = pytest.mark.browser


def current_problem(check: Any) -> Any:
    check_id = check.locator("form.check-form input[name=check_id]").input_value()
    seed = int(check.locator("form.check-form input[name=seed]").input_value())
    return get_check(check_id).generate(seed)


def wrong_answer_for(problem: Any) -> str:
    family = get_check(problem.check_id)
    for other in range(1, 200):
        candidate = family.generate(problem.seed + other).answer_text
        if problem.grade(candidate).status == "wrong":
            return candidate
    raise AssertionError("no wrong answer found")


def give_answer(check: Any, text: str) -> None:
    """Type (or pick) an answer and submit it with the keyboard, as a learner would."""
    box = check.locator("input.answer")
    if box.count():
        box.fill(text)
        box.press("Enter")
    else:
        check.locator(f'input[type=radio][value="{text}"]').check()
        check.locator("button[type=submit]").click()


def assert_no_outside(outside: OutsideRequests) -> None:
    assert list(outside) == [], f"pages tried to reach outside 127.0.0.1: {list(outside)}"


def test_wrong_answer_shows_feedback_and_keeps_focus(page: Any, outside: OutsideRequests) -> None:
    page.goto("/lessons/la.matmul")
    check = page.locator("section.check").first
    problem = current_problem(check)
    give_answer(check, wrong_answer_for(problem))
    feedback = check.locator(".feedback .fb-wrong")
    feedback.wait_for()
    assert "Not quite" in feedback.inner_text()
    if check.locator("input.answer").count():
        focused = page.evaluate("document.activeElement && document.activeElement.className")
        assert "answer" in focused
    assert page.locator(".katex").count() > 0, "math in the lesson was not typeset"
    assert_no_outside(outside)


def test_three_right_answers_master_the_rung(page: Any, outside: OutsideRequests) -> None:
    page.goto("/lessons/la.matmul")
    check = page.locator("section.check").first
    family = get_check(check.locator("form.check-form input[name=check_id]").input_value())
    rung = family.rungs[0]
    dom_rung = "".join(c if c.isalnum() else "-" for c in rung)
    check_dom = check.get_attribute("id")
    for i in range(3):
        check = page.locator(f"#{check_dom}")
        seed_before = check.locator("form.check-form input[name=seed]").input_value()
        give_answer(check, current_problem(check).answer_text)
        check.locator(".feedback .fb-correct").wait_for()
        if i < 2:
            check.locator("button.next-variant").click()
            page.wait_for_function(
                "([id, seed]) => { const el = document.querySelector('#' + id + ' input[name=seed]');"
                " return el && el.value !== seed; }",
                arg=[check_dom, seed_before],
            )
    page.locator(f"#{check_dom} .mastered-note").wait_for()
    status = page.locator(f"#rung-status-{dom_rung}")
    assert "Mastered" in status.inner_text()
    page.reload()
    assert "Mastered" in page.locator(f"#rung-status-{dom_rung}").inner_text()
    assert_no_outside(outside)


def test_mark_video_watched_persists_after_reload(page: Any, outside: OutsideRequests) -> None:
    video = load_curriculum().lesson("la.matmul").videos[0]
    page.goto("/lessons/la.matmul")
    status = page.locator(f"#video-status-{video}")
    status.get_by_role("button", name="Mark").click()
    page.locator(f"#video-status-{video} .badge-done").wait_for()
    focused = page.evaluate("document.activeElement && document.activeElement.textContent")
    assert "Unmark" in focused, "focus should land on the replacement button"
    page.reload()
    assert "Watched" in page.locator(f"#video-status-{video}").inner_text()
    page.goto("/videos?watched=yes")
    assert page.locator("tbody tr").count() == 1
    assert_no_outside(outside)


def test_play_here_is_opt_in(page: Any, outside: OutsideRequests) -> None:
    page.goto("/lessons/la.matmul")
    assert page.locator("iframe").count() == 0, "no player may load before the learner asks"
    button = page.locator("button.play-here").first
    button.click()
    frame = page.locator(".player iframe").first
    frame.wait_for(state="attached")
    assert frame.get_attribute("src", timeout=2000).startswith(
        "https://www.youtube-nocookie.com/embed/"
    )
    # The request it made was blocked (the wall stands in for being offline).
    page.wait_for_timeout(200)
    assert all("youtube-nocookie.com" in url for url in outside)
    button.click()
    assert page.locator(".player iframe").count() == 0


def test_find_lesson_five_from_the_map(page: Any, outside: OutsideRequests) -> None:
    page.goto("/")
    page.get_by_role("link", name="Map").click()
    page.get_by_role("link", name="5. Matrix multiplication", exact=False).first.click()
    page.wait_for_url("**/lessons/la.matmul")
    assert page.locator("h1").inner_text().startswith("5. ")
    assert_no_outside(outside)


def test_today_updates_after_solving(page: Any, outside: OutsideRequests) -> None:
    page.goto("/")
    assert "0 right answers" in page.locator(".tally").inner_text()
    page.goto("/lessons/5")
    check = page.locator("section.check").first
    problem = current_problem(check)
    give_answer(check, problem.answer_text)
    check.locator(".fb-correct").wait_for()
    page.get_by_role("link", name="Today").click()
    assert "1 right answers in 1 attempts" in page.locator(".tally").first.inner_text()
    recent = page.locator(".recent").inner_text()
    assert get_check(problem.check_id).title in recent
    assert_no_outside(outside)


@pytest.mark.parametrize(
    "path", ["/", "/map", "/lessons/la.matmul", "/videos", "/review", "/progress"]
)
def test_readable_at_375px_without_horizontal_scroll(
    page: Any, outside: OutsideRequests, path: str
) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(path)
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{path} scrolls sideways at 375 px ({width} px wide)"
    assert_no_outside(outside)


def test_keyboard_only_answer(page: Any, outside: OutsideRequests) -> None:
    """Skip link, then Tab to the first answer box, type, Enter: no mouse needed."""
    page.goto("/lessons/la.matmul")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    check = page.locator("section.check").first
    box = check.locator("input.answer, input[type=radio]").first
    box.focus()
    problem = current_problem(check)
    if check.locator("input.answer").count():
        page.keyboard.type(problem.answer_text)
        page.keyboard.press("Enter")
    else:
        give_answer(check, problem.answer_text)
    check.locator(".fb-correct").wait_for()
    assert_no_outside(outside)
