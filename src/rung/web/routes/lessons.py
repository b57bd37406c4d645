"""A lesson: body with math, its rungs and their mastery, videos, resources, and checks."""

from __future__ import annotations

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rung.curriculum import Lesson

from ..state import render, web_state
from .checks import new_check_view
from .common import lesson_status, lesson_statuses, rung_views
from .videos import video_rows

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
    from rung.practice import checks_for_lesson  # imported late: app start stays light

    now = state.now()
    checks = [new_check_view(state, fam, now) for fam in checks_for_lesson(lesson.id)]
    statuses = lesson_statuses(state)
    position = cur.lessons.index(lesson)
    return render(
        request,
        "lesson.html",
        active="map",
        lesson=lesson,
        phase=cur.phase(lesson.phase),
        requires=[cur.lesson(r) for r in lesson.requires],
        required_by=[other for other in cur.lessons if lesson.id in other.requires],
        status=statuses,
        rungs=rung_views(state, lesson.rungs),
        videos=video_rows(cur, lesson.videos, state.store.videos_watched(state.learner)),
        resources=[cur.resources[r] for r in lesson.resources if r in cur.resources],
        checks=checks,
        prev_lesson=cur.lessons[position - 1] if position > 0 else None,
        next_lesson=cur.lessons[position + 1] if position + 1 < len(cur.lessons) else None,
        marks=LESSON_MARKS,
    )


@router.post("/lessons/{ref}/status", response_class=HTMLResponse)
async def mark_lesson(request: Request, ref: str, status: str = Form(...)) -> HTMLResponse:
    """Set the learner's own mark on a lesson ("started", "done", or "" to clear)."""
    lesson = find_lesson(request, ref)
    if status not in (*LESSON_MARKS, ""):
        raise HTTPException(status_code=400, detail=f"Unknown lesson status {status!r}.")
    state = web_state(request)
    state.tutor.mark_lesson(lesson.id, status or None)
    return render(
        request,
        "partials/lesson_mark.html",
        lesson=lesson,
        current=lesson_status(state, lesson.id),
        marks=LESSON_MARKS,
        announce=True,
    )
