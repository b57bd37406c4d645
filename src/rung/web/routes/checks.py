"""Inline checks: answer, hint, solution, next variant and self-rated explanations.

Every action is an htmx POST that returns a fragment, so the page never
reloads and focus stays where the learner is working. A problem is never
stored server-side between requests: the form carries its check id and seed
plus a signature over (learner, check, seed, time issued). The server
regenerates the problem from the seed (generators are deterministic), so an
answer is always graded against the variant the learner saw, and a forged
seed is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse

from ..state import WebState, render, web_state
from .common import rung_views

router = APIRouter(prefix="/checks")

MODES = ("lesson", "review")


@dataclass(frozen=True)
class CheckView:
    """Everything the check template needs for one variant."""

    family: Any
    problem: Any
    token: str
    mode: str
    dom: str


def dom_id(check_id: str, mode: str) -> str:
    base = "".join(c if c.isalnum() else "-" for c in check_id)
    return base if mode == "lesson" else f"{mode}-{base}"


def view_for(
    state: WebState, family: Any, problem: Any, mode: str, token: str | None = None
) -> CheckView:
    token = token or state.signer.sign(state.learner, problem.check_id, int(problem.seed))
    return CheckView(family, problem, token, mode, dom_id(problem.check_id, mode))


def new_check_view(
    state: WebState, family: Any, now: datetime, mode: str = "lesson", attempts: Any = None
) -> CheckView:
    """A fresh variant of a family, one this learner has not tried.

    ``attempts`` (the learner's history, when the page has already read it)
    lets the choice of variant skip a database query.
    """
    return view_for(state, family, state.fresh_problem(family, now, attempts), mode)


@dataclass(frozen=True)
class Posted:
    view: CheckView
    issued: float


def _posted(state: WebState, check_id: str, seed: str, token: str, mode: str) -> Posted:
    """Rebuild the problem a form came from, refusing anything that was altered."""
    if mode not in MODES:
        raise HTTPException(status_code=400, detail="Unknown check mode.")
    try:
        family = state.tutor.family(check_id)
    except KeyError:
        raise HTTPException(status_code=404, detail=f"There is no check {check_id!r}.") from None
    signed = state.signer.verify(state.learner, check_id, seed, token)
    if signed is None:
        raise HTTPException(
            status_code=400,
            detail="This problem's form does not match the one rung issued (it may be from "
            "before a restart). Reload the page for a fresh variant.",
        )
    problem = state.problem(family, signed.seed)
    return Posted(view_for(state, family, problem, mode, token), signed.issued)


def _seconds(state: WebState, issued: float) -> float:
    return max(0.0, state.now().timestamp() - issued)


@router.post("/answer", response_class=HTMLResponse)
async def answer(
    request: Request,
    check_id: str = Form(...),
    seed: str = Form(...),
    token: str = Form(...),
    mode: str = Form("lesson"),
    answer: Annotated[list[str] | None, Form()] = None,
    hints_used: int = Form(0),
    solution_shown: str = Form("0"),
) -> HTMLResponse:
    state = web_state(request)
    posted = _posted(state, check_id, seed, token, mode)
    v = posted.view
    now = state.now()
    # Ticked boxes of a "select all" check arrive as several values: "a, c".
    text = ", ".join(a.strip() for a in answer or [] if a.strip())[:2000]
    result = state.tutor.submit(
        v.problem,
        text,
        hints_used=max(0, hints_used),
        seconds=_seconds(state, posted.issued),
        now=now,
        solution_shown=solution_shown == "1",
    )
    state.changed()
    rungs = state.curriculum.rungs
    return render(
        request,
        "partials/feedback.html",
        v=v,
        grade=result.grade,
        answer=text,
        mastered=[rungs[r] for r in result.rung_mastered if r in rungs],
        review_due=result.review_due,
        now=now,
        # A retry or an unreadable answer changes no rung, so nothing to refresh.
        rung_updates=(
            rung_views(state, v.family.rungs) if v.mode == "lesson" and result.counted else []
        ),
    )


@router.post("/hint", response_class=HTMLResponse)
async def hint(
    request: Request,
    check_id: str = Form(...),
    seed: str = Form(...),
    token: str = Form(...),
    mode: str = Form("lesson"),
    hints_used: int = Form(0),
) -> HTMLResponse:
    """Reveal one more hint. The count travels back in the form for the next answer and
    is stored, so that a reload or a second tab cannot answer this variant unhinted."""
    state = web_state(request)
    v = _posted(state, check_id, seed, token, mode).view
    hints = list(v.problem.hints)
    shown = min(len(hints), max(0, hints_used) + 1)
    if shown:
        state.tutor.hint_shown(v.problem, shown, state.now())
        state.forget_fresh(v.family.id)
        state.changed()
    return render(request, "partials/hints.html", v=v, hints=hints[:shown], total_hints=len(hints))


@router.post("/solution", response_class=HTMLResponse)
async def solution(
    request: Request,
    check_id: str = Form(...),
    seed: str = Form(...),
    token: str = Form(...),
    mode: str = Form("lesson"),
    hints_used: int = Form(0),
) -> HTMLResponse:
    """Show the worked solution. Before any answer it counts as a miss for review."""
    state = web_state(request)
    posted = _posted(state, check_id, seed, token, mode)
    v = posted.view
    if not state.store.graded_before(state.learner, check_id, int(v.problem.seed)):
        state.tutor.reveal(
            v.problem, max(0, hints_used), _seconds(state, posted.issued), state.now()
        )
        state.changed()
    return render(request, "partials/solution.html", v=v, solution=v.problem.solution)


@router.post("/next", response_class=HTMLResponse)
async def next_variant(
    request: Request, check_id: str = Form(...), mode: str = Form("lesson")
) -> HTMLResponse:
    state = web_state(request)
    if mode not in MODES:
        raise HTTPException(status_code=400, detail="Unknown check mode.")
    try:
        family = state.tutor.family(check_id)
    except KeyError:
        raise HTTPException(status_code=404, detail=f"There is no check {check_id!r}.") from None
    return render(
        request, "partials/check.html", v=new_check_view(state, family, state.now(), mode)
    )


@router.post("/explain", response_class=HTMLResponse)
async def explain(
    request: Request,
    check_id: str = Form(...),
    seed: str = Form(...),
    token: str = Form(...),
    mode: str = Form("lesson"),
    text: str = Form(""),
) -> HTMLResponse:
    """Show the model answer beside the learner's own explanation, ready to self-rate."""
    state = web_state(request)
    v = _posted(state, check_id, seed, token, mode).view
    if v.problem.explain is None:
        raise HTTPException(status_code=404, detail="This check asks for no explanation.")
    return render(
        request,
        "partials/explain.html",
        v=v,
        explain=v.problem.explain,
        text=text[:4000],
        model_answer=v.problem.explain.model_answer,
        rated=None,
    )


@router.post("/explain/rate", response_class=HTMLResponse)
async def rate_explanation(
    request: Request,
    check_id: str = Form(...),
    seed: str = Form(...),
    token: str = Form(...),
    mode: str = Form("lesson"),
    text: str = Form(""),
    rating: int = Form(...),
) -> HTMLResponse:
    state = web_state(request)
    v = _posted(state, check_id, seed, token, mode).view
    if v.problem.explain is None:
        raise HTTPException(status_code=404, detail="This check asks for no explanation.")
    try:
        state.tutor.record_self_rating(
            check_id, int(v.problem.seed), text[:4000], rating, state.now()
        )
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None
    state.changed()
    return render(
        request,
        "partials/explain.html",
        v=v,
        explain=v.problem.explain,
        text=text[:4000],
        model_answer=v.problem.explain.model_answer,
        rated=rating,
    )
