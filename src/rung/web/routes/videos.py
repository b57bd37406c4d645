"""Videos: the index in the seeds' shape, filterable, and the "mark watched" toggle."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse

from rung.curriculum import Curriculum, Series, Video

from ..state import render, web_state

router = APIRouter()

_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_LIST_ID = re.compile(r"^[A-Za-z0-9_-]{10,64}$")
EMBED_BASE = "https://www.youtube-nocookie.com/embed/"


def embed_url(url: str | None) -> str | None:
    """The privacy-enhanced player URL for a YouTube link, or None for anything else.

    Only ids that look like YouTube's are accepted, so nothing an author wrote
    can steer the iframe to another page.
    """
    if not url:
        return None
    m = re.match(
        r"^https?://(?:www\.|m\.)?(?:youtube\.com/watch\?(?:.*&)?v=|youtu\.be/)([^&?#/]+)", url
    )
    if m and _VIDEO_ID.match(m.group(1)):
        return EMBED_BASE + m.group(1)
    m = re.match(r"^https?://(?:www\.)?youtube\.com/playlist\?(?:.*&)?list=([^&#]+)", url)
    if m and _LIST_ID.match(m.group(1)):
        return f"{EMBED_BASE}videoseries?list={m.group(1)}"
    return None


@dataclass(frozen=True)
class VideoRow:
    video: Video
    watched: bool
    embed: str | None


def video_rows(
    cur: Curriculum, ids: tuple[str, ...] | list[str], watched: set[str]
) -> list[VideoRow]:
    return [
        VideoRow(cur.videos[v], v in watched, embed_url(cur.videos[v].url))
        for v in ids
        if v in cur.videos
    ]


def series_titles(cur: Curriculum) -> dict[str, str]:
    """Series id -> display title."""
    return {s.id: s.title for s in cur.series}


@router.get("/videos", response_class=HTMLResponse)
async def videos_page(
    request: Request, series: str = "", lesson: str = "", watched: str = ""
) -> HTMLResponse:
    state = web_state(request)
    cur = state.curriculum
    seen = state.history().watched
    lesson_id = ""
    if lesson:
        try:
            lesson_id = cur.lesson(lesson).id
        except KeyError:
            lesson_id = ""

    def keep(v: Video) -> bool:
        if lesson_id and lesson_id not in v.lessons:
            return False
        if watched == "yes" and v.id not in seen:
            return False
        return not (watched == "no" and v.id in seen)

    groups: list[tuple[Series, list[VideoRow]]] = []
    for s in cur.series:
        if series and s.id != series:
            continue
        rows = [row for row in video_rows(cur, s.videos, seen) if keep(row.video)]
        if rows:
            groups.append((s, rows))
    total = sum(len(rows) for _, rows in groups)
    return render(
        request,
        "videos.html",
        active="videos",
        groups=groups,
        total=total,
        all_series=cur.series,
        f_series=series,
        f_lesson=lesson_id,
        f_watched=watched,
        watched_count=len(seen & set(cur.videos)),
    )


@router.post("/videos/{video_id}/watched", response_class=HTMLResponse)
async def mark_watched(request: Request, video_id: str, watched: str = Form("1")) -> HTMLResponse:
    """Toggle a video's watched mark; answers with the refreshed control for htmx."""
    state = web_state(request)
    video = state.curriculum.videos.get(video_id)
    if video is None:
        raise HTTPException(status_code=404, detail=f"No video {video_id!r}.")
    is_watched = watched in {"1", "true", "yes", "on"}
    state.tutor.mark_video(video_id, is_watched, state.now())
    state.changed()
    return render(
        request,
        "partials/video_status.html",
        row=VideoRow(video, is_watched, embed_url(video.url)),
        announce=True,
    )
