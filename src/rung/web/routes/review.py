"""Review: one due check at a time, each a fresh variant of its family."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..state import render, web_state
from .checks import new_check_view

router = APIRouter()


@router.get("/review", response_class=HTMLResponse)
async def review_page(request: Request) -> HTMLResponse:
    state = web_state(request)
    now = state.now()
    tutor = state.tutor
    due = tutor.due_reviews(now)
    view = None
    lesson = None
    if due:
        family = tutor.family(due[0])
        view = new_check_view(state, family, now, mode="review")
        lesson = state.curriculum.lesson(family.lesson)
    cards = state.store.cards(state.learner)
    upcoming = [c for c in cards if c.due > now]
    return render(
        request,
        "review.html",
        active="review",
        due=due,
        v=view,
        lesson=lesson,
        next_due=upcoming[0].due if upcoming else None,
        cards=len(cards),
        now=now,
    )
