"""The Map: phases and their lessons, a track to follow, and the year by month."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from rung.curriculum import Curriculum, Lesson

from ..state import render, web_state
from .common import lesson_statuses

router = APIRouter()


@dataclass(frozen=True)
class MonthPlan:
    month: int
    lessons: tuple[Lesson, ...]
    hours: float


def year_plan(cur: Curriculum) -> list[MonthPlan]:
    """Group the year track's lessons by the month it assigns them, in track order."""
    year = cur.tracks.get("year")
    if year is None or not year.months:
        return []
    by_month: dict[int, list[Lesson]] = defaultdict(list)
    order = {lid: i for i, lid in enumerate(year.lessons)}
    for lesson_id, month in sorted(year.months.items(), key=lambda kv: order.get(kv[0], 0)):
        by_month[int(month)].append(cur.lesson(lesson_id))
    return [
        MonthPlan(m, tuple(ls), sum(lesson.hours for lesson in ls))
        for m, ls in sorted(by_month.items())
    ]


@router.get("/map", response_class=HTMLResponse)
async def map_page(request: Request, track: str | None = None) -> HTMLResponse:
    state = web_state(request)
    cur = state.curriculum
    chosen = cur.tracks.get(track) if track else None
    in_track = set(chosen.lessons) if chosen else None
    history = state.history()
    status = lesson_statuses(state, None, history.attempts, history.marks)
    phases = [(phase, [cur.lesson(lid) for lid in phase.lessons]) for phase in cur.phases]
    track_lessons = [cur.lesson(lid) for lid in chosen.lessons] if chosen else []
    return render(
        request,
        "map.html",
        active="map",
        phases=phases,
        status=status,
        tracks=list(cur.tracks.values()),
        track=chosen,
        track_id=track or "",
        unknown_track=bool(track) and chosen is None,
        in_track=in_track,
        track_lessons=track_lessons,
        months=year_plan(cur),
    )
