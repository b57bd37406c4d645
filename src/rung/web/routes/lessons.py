"""A lesson: body with math, its rungs and their mastery, videos, resources, and checks."""

from __future__ import annotations

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rung.curriculum import Lesson

from ..state import render, web_state
from .checks import new_check_view
from .common import lesson_statuses, rung_views
from .videos import series_titles, video_rows

router = APIRouter()

LESSON_MARKS = ("started", "done")


def find_lesson(request: Request, ref: str) -> Lesson:
    try:
        return web_state(request).curriculum.lesson(ref)
    except KeyError:
        raise HTTPException(status_code=404, detail=f"There is no lesson {ref!r}.") from None


@router.get("/lessons", response_class=HTMLResponse)
async def lessons_index() -> Response:
    return RedirectResponse("/map", status_code=307)


@router.get("/lessons/{ref}", response_class=HTMLResponse)
async def lesson_page(request: Request, ref: str) -> Response:
    lesson = find_lesson(request, ref)
    if ref != lesson.id:  # /lessons/5 -> /lessons/la.matmul: one address per lesson
        return RedirectResponse(f"/lessons/{lesson.id}", status_code=307)
    state = web_state(request)
    cur = state.curriculum
    tutor = state.tutor
    now = state.now()
    # One read of the history serves the checks, the badges and the rungs.
    history = state.history()
    attempts, marks = history.attempts, history.marks
    checks = [
        new_check_view(state, tutor.family(c), now, attempts=attempts)
        for c in tutor.checks_for_lesson(lesson.id)
    ]
    required_by = [other for other in cur.lessons if lesson.id in other.requires]
    neighbours = [*lesson.requires, *(o.id for o in required_by)]
    statuses = lesson_statuses(state, neighbours, attempts, marks)
    position = cur.lessons.index(lesson)
    return render(
        request,
        "lesson.html",
        active="map",
        lesson=lesson,
        phase=cur.phase(lesson.phase),
        requires=[cur.lesson(r) for r in lesson.requires],
        required_by=required_by,
        status=statuses,
        mark=tutor.lesson_status(lesson.id, attempts, marks),
        rungs=rung_views(state, lesson.rungs, attempts),
        videos=video_rows(cur, lesson.videos, history.watched),
        series_titles=series_titles(cur),
        resources=[cur.resources[r] for r in lesson.resources if r in cur.resources],
        checks=checks,
        prev_lesson=cur.lessons[position - 1] if position > 0 else None,
        next_lesson=cur.lessons[position + 1] if position + 1 < len(cur.lessons) else None,
    )


@router.post("/lessons/{ref}/status", response_class=HTMLResponse)
async def mark_lesson(request: Request, ref: str, status: str = Form(...)) -> HTMLResponse:
    """Set the learner's own mark on a lesson ("started", "done", or "" to clear)."""
    lesson = find_lesson(request, ref)
    if status not in (*LESSON_MARKS, ""):
        raise HTTPException(status_code=400, detail=f"Unknown lesson status {status!r}.")
    state = web_state(request)
    try:
        state.tutor.mark_lesson(lesson.id, status or None, state.now())
    except ValueError as exc:  # "done" on a lesson its checks prove
        raise HTTPException(status_code=400, detail=str(exc)) from None
    finally:
        state.changed()
    return render(
        request,
        "partials/lesson_mark.html",
        lesson=lesson,
        mark=state.tutor.lesson_status(lesson.id),
        announce=True,
    )
