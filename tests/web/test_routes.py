"""Route tests through FastAPI's TestClient: pages, security, and answering checks."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from rung.curriculum import load_curriculum
from rung.practice import checks_for_lesson, get_check
from rung.progress import open_store
from rung.web.app import create_app
from rung.web.markdown import render_text

from .conftest import BASE, check_forms, csrf

PAGES = ["/", "/map", "/map?track=year", "/map?track=llm-asap", "/videos", "/review", "/progress"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_200_with_security_headers(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    assert "frame-src https://www.youtube-nocookie.com" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


def test_every_lesson_page_renders(client: TestClient) -> None:
    for lesson in load_curriculum().lessons:
        r = client.get(f"/lessons/{lesson.id}")
        assert r.status_code == 200, lesson.id
        assert str(escape(f"{lesson.number}. {lesson.title}")) in r.text


def test_lesson_number_redirects_to_id(client: TestClient) -> None:
    r = client.get("/lessons/5", follow_redirects=False)
    assert r.status_code == 307
    assert r.headers["location"] == "/lessons/la.matmul"


def test_unknown_lesson_is_a_calm_404(client: TestClient) -> None:
    r = client.get("/lessons/no.such")
    assert r.status_code == 404
    assert "There is no lesson" in r.text
    assert "Traceback" not in r.text


def test_static_assets_have_headers_too(client: TestClient) -> None:
    r = client.get("/static/vendor/htmx/htmx.min.js")
    assert r.status_code == 200
    assert "content-security-policy" in r.headers
    assert r.headers["x-content-type-options"] == "nosniff"


def test_csrf_post_without_token_is_refused(client: TestClient) -> None:
    video = next(iter(load_curriculum().videos))
    r = client.post(f"/videos/{video}/watched", data={"watched": "1"})
    assert r.status_code == 403
    r = client.post(
        f"/videos/{video}/watched", data={"watched": "1"}, headers={"X-CSRF-Token": "x" * 40}
    )
    assert r.status_code == 403
    r = client.post(f"/videos/{video}/watched", data={"watched": "1"}, headers=csrf(client))
    assert r.status_code == 200


def test_csrf_form_field_is_accepted(client: TestClient) -> None:
    video = next(iter(load_curriculum().videos))
    token = client.cookies["rung_csrf"]
    r = client.post(f"/videos/{video}/watched", data={"watched": "1", "csrf_token": token})
    assert r.status_code == 200


def test_cross_origin_post_is_refused_even_with_token(client: TestClient) -> None:
    video = next(iter(load_curriculum().videos))
    headers = {**csrf(client), "Origin": "http://evil.example"}
    r = client.post(f"/videos/{video}/watched", data={"watched": "1"}, headers=headers)
    assert r.status_code == 403


def test_unknown_host_is_refused(client: TestClient) -> None:
    """DNS rebinding: a name that resolves to 127.0.0.1 must not reach the app."""
    r = client.get("/", headers={"Host": "attacker.example"})
    assert r.status_code == 400


def test_lesson_body_is_sanitised(content_copy: Path, tmp_path: Path) -> None:
    lesson_file = next((content_copy / "lessons").glob("05-*.md"))
    text = lesson_file.read_text()
    lesson_file.write_text(
        text
        + '\n\n<script>alert("owned")</script>\n\n<img src="x" onerror="alert(2)">\n\n'
        + "Safe math $a_i * b_i$ stays.\n"
    )
    cur = load_curriculum(content_copy)
    s = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with TestClient(create_app(curriculum=cur, store=s), base_url=BASE) as c:
            r = c.get("/lessons/la.matmul")
    finally:
        s.close()
    assert r.status_code == 200
    assert "alert(" not in r.text
    assert "onerror" not in r.text
    assert r"\(a_i * b_i\)" in r.text


def _first_check(client: TestClient, lesson: str = "la.matmul") -> dict[str, str]:
    page = client.get(f"/lessons/{lesson}")
    forms = check_forms(page.text)
    assert forms, f"lesson {lesson} shows no checks"
    return forms[0]


def _wrong_answer(form: dict[str, str]) -> str:
    """Another variant's answer that this variant grades wrong (found, not hard-coded)."""
    problem = get_check(form["check_id"]).generate(int(form["seed"]))
    for other in range(1, 200):
        candidate = get_check(form["check_id"]).generate(int(form["seed"]) + other).answer_text
        if problem.grade(candidate).status == "wrong":
            return candidate
    raise AssertionError("no wrong answer found among 200 variants")


def test_wrong_then_right_answer(client: TestClient) -> None:
    form = _first_check(client)
    problem = get_check(form["check_id"]).generate(int(form["seed"]))

    wrong = _wrong_answer(form)
    r = client.post("/checks/answer", data={**form, "answer": wrong}, headers=csrf(client))
    assert r.status_code == 200
    assert "fb-wrong" in r.text and "Not quite." in r.text

    r = client.post(
        "/checks/answer", data={**form, "answer": problem.answer_text}, headers=csrf(client)
    )
    assert r.status_code == 200
    assert "fb-correct" in r.text and "Correct." in r.text


def test_answers_are_escaped_when_echoed(client: TestClient) -> None:
    form = _first_check(client)
    r = client.post(
        "/checks/answer",
        data={**form, "answer": "<script>alert(1)</script>"},
        headers=csrf(client),
    )
    assert r.status_code == 200
    assert "<script>alert(1)</script>" not in r.text
    assert "&lt;script&gt;" in r.text


def test_tampered_seed_is_refused(client: TestClient) -> None:
    form = _first_check(client)
    forged = {**form, "seed": str(int(form["seed"]) + 1)}
    r = client.post("/checks/answer", data={**forged, "answer": "1"}, headers=csrf(client))
    assert r.status_code == 400
    assert "does not match" in r.text


def test_three_fresh_right_answers_master_the_rung(client: TestClient) -> None:
    form = _first_check(client)
    family = get_check(form["check_id"])
    assert family.rungs, "the first check of lesson 5 should prove a rung"
    rung = family.rungs[0]
    dom_rung = "".join(c if c.isalnum() else "-" for c in rung)
    text = ""
    for _ in range(3):
        problem = family.generate(int(form["seed"]))
        r = client.post(
            "/checks/answer", data={**form, "answer": problem.answer_text}, headers=csrf(client)
        )
        assert "fb-correct" in r.text
        text = r.text
        fresh = client.post(
            "/checks/next", data={"check_id": family.id, "mode": "lesson"}, headers=csrf(client)
        )
        form = check_forms(fresh.text)[0]
    assert "Rung mastered" in text
    assert f'id="rung-status-{dom_rung}"' in text and 'hx-swap-oob="true"' in text
    page = client.get("/lessons/la.matmul")
    status_block = page.text.split(f'id="rung-status-{dom_rung}"', 1)[1].split("</p>", 1)[0]
    assert "Mastered" in status_block


def test_hint_and_solution(client: TestClient) -> None:
    form = _first_check(client)
    problem = get_check(form["check_id"]).generate(int(form["seed"]))
    r = client.post("/checks/hint", data=form, headers=csrf(client))
    assert r.status_code == 200
    assert 'name="hints_used" value="1"' in r.text
    r = client.post("/checks/solution", data=form, headers=csrf(client))
    assert r.status_code == 200
    assert "Worked solution" in r.text
    assert 'name="solution_shown" value="1"' in r.text
    assert render_text(problem.solution) in r.text


def test_hints_seen_survive_a_reload(client: TestClient) -> None:
    """Hints are stored per variant: a reload offers another variant, and an answer to
    the hinted one from a stale form (hints_used=0) still counts the hint."""
    form = _first_check(client)
    family = get_check(form["check_id"])
    client.post("/checks/hint", data=form, headers=csrf(client))
    reloaded = check_forms(client.get("/lessons/la.matmul").text)
    same = [f for f in reloaded if f["check_id"] == form["check_id"]]
    assert same and same[0]["seed"] != form["seed"], "the hinted variant came back unhinted"
    problem = family.generate(int(form["seed"]))
    r = client.post(
        "/checks/answer",
        data={**form, "hints_used": "0", "answer": problem.answer_text},
        headers=csrf(client),
    )
    assert "fb-correct" in r.text
    store = client.app.state.rung.store  # type: ignore[attr-defined]
    (attempt,) = store.attempts(client.app.state.rung.learner)  # type: ignore[attr-defined]
    assert attempt.seed == int(form["seed"]) and attempt.hints_used == 1


def test_mark_video_watched_persists(client: TestClient) -> None:
    cur = load_curriculum()
    video = cur.lesson("la.matmul").videos[0]
    r = client.post(f"/videos/{video}/watched", data={"watched": "1"}, headers=csrf(client))
    assert "Watched" in r.text
    page = client.get("/lessons/la.matmul")
    block = page.text.split(f'id="video-status-{video}"', 1)[1].split("</span>", 1)[0]
    assert "Watched" in block
    only_watched = client.get("/videos?watched=yes")
    assert only_watched.text.count('class="video-status"') == 1


def test_today_updates_after_work(client: TestClient) -> None:
    before = client.get("/").text
    assert "0</strong> right answers" in before
    form = _first_check(client)
    problem = get_check(form["check_id"]).generate(int(form["seed"]))
    client.post(
        "/checks/answer", data={**form, "answer": problem.answer_text}, headers=csrf(client)
    )
    after = client.get("/").text
    assert "1</strong> right answers in 1 attempts" in after
    assert get_check(form["check_id"]).title in after.split("Recent work", 1)[1]


def test_review_session_shows_a_due_check(client: TestClient) -> None:
    form = _first_check(client)
    wrong = _wrong_answer(form)
    client.post("/checks/answer", data={**form, "answer": wrong}, headers=csrf(client))
    app_state = client.app.state.rung  # type: ignore[attr-defined]
    app_state.clock = lambda: datetime.now(UTC) + timedelta(days=30)
    r = client.get("/review")
    assert r.status_code == 200
    forms = check_forms(r.text)
    assert forms and forms[0]["mode"] == "review"
    assert forms[0]["check_id"] == form["check_id"]


def test_export_and_import_round_trip(client: TestClient, tmp_path: Path) -> None:
    form = _first_check(client)
    problem = get_check(form["check_id"]).generate(int(form["seed"]))
    client.post(
        "/checks/answer", data={**form, "answer": problem.answer_text}, headers=csrf(client)
    )
    exported = client.get("/progress/export.json")
    assert exported.status_code == 200
    assert "attachment" in exported.headers["content-disposition"]
    data = exported.json()
    assert len(data["attempts"]) == 1

    other = open_store(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        with TestClient(create_app(store=other), base_url=BASE) as c2:
            c2.get("/progress")
            token = c2.cookies["rung_csrf"]
            files = {"file": ("history.json", json.dumps(data).encode(), "application/json")}
            r = c2.post("/progress/import", data={"csrf_token": token}, files=files)
            assert r.status_code == 200
            assert "1 attempts" in r.text
            again = c2.post("/progress/import", data={"csrf_token": token}, files=files)
            assert "0 attempts" in again.text
            bad = {"file": ("x.json", b"not json", "application/json")}
            r = c2.post("/progress/import", data={"csrf_token": token}, files=bad)
            assert r.status_code == 400 and "nothing was imported" in r.text
            assert "1</strong> right answers" in c2.get("/").text
    finally:
        other.close()


def test_lesson_checks_match_practice(client: TestClient) -> None:
    ids = [f["check_id"] for f in check_forms(client.get("/lessons/la.matmul").text)]
    assert ids == [f.id for f in checks_for_lesson("la.matmul")]


def test_store_errors_are_shown_not_raised() -> None:
    from rung.progress import StoreError

    def broken() -> None:
        raise StoreError("The progress database is locked: close the other rung and retry.")

    app = create_app()
    app.state.rung.store_factory = broken
    with TestClient(app, base_url=BASE) as c:
        r = c.get("/")
    assert r.status_code == 503
    assert "close the other rung and retry" in r.text
