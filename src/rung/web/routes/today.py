"""Today: the one next step, reviews due, progress by phase, and recent work."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..state import WebState, render, web_state

router = APIRouter()

STATUS_WORDS = {
    "correct": "right",
    "wrong": "not yet",
    "unreadable": "unreadable",
    "revealed": "solution shown",
}


def recent_work(state: WebState, recent: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The summary's recent attempts with check titles and lesson links added."""
    tutor = state.tutor
    out = []
    for item in recent:
        try:
            fam = tutor.family(item["check_id"])
            title, lesson_id = fam.title, fam.lesson
        except KeyError:  # a check from an older version of rung, kept in the history
            title, lesson_id = item["check_id"], None
        out.append(
            {
                **item,
                "title": title,
                "lesson_id": lesson_id,
                "word": STATUS_WORDS.get(item["status"], item["status"]),
                "when": datetime.fromisoformat(item["at"]),
            }
        )
    return out


@router.get("/", response_class=HTMLResponse)
async def today_page(request: Request, track: str = "year") -> HTMLResponse:
    state = web_state(request)
    cur = state.curriculum
    if track not in cur.tracks:
        track = "year"
    now = state.now()
    tutor = state.tutor
    step = tutor.next_step(now, track=track)
    summary = tutor.progress_summary(now)
    step_lesson = cur.lesson(step.lesson_id) if step.lesson_id else None
    step_check = tutor.family(step.check_id) if step.check_id else None
    return render(
        request,
        "today.html",
        active="today",
        step=step,
        step_lesson=step_lesson,
        step_check=step_check,
        summary=summary,
        recent=recent_work(state, summary["recent"]),
        next_due=(
            datetime.fromisoformat(summary["reviews"]["next_due"])
            if summary["reviews"]["next_due"]
            else None
        ),
        tracks=list(cur.tracks.values()),
        track=track,
        now=now,
    )
