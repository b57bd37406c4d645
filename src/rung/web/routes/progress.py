"""Progress: what has been mastered, and the history out (export) and back in (import)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from ..state import WebState, render, web_state

router = APIRouter()

MAX_IMPORT_BYTES = 20 * 1024 * 1024  # years of answers fit in a few MB


def _page(request: Request, state: WebState, status_code: int = 200, **extra: Any) -> HTMLResponse:
    now = state.now()
    summary = state.tutor.progress_summary(now)
    cur = state.curriculum
    mastered = set(summary["rungs"]["mastered"])
    sequences = [
        (
            seq,
            [
                (r, r.id in mastered, summary["rungs"]["in_progress"].get(r.id, 0))
                for r in seq.rungs
            ],
        )
        for seq in cur.sequences.values()
    ]
    exits_mastered = set(summary["exits"]["mastered"])
    return render(
        request,
        "progress.html",
        status_code=status_code,
        active="progress",
        summary=summary,
        sequences=sequences,
        exits_mastered=exits_mastered,
        **extra,
    )


@router.get("/progress", response_class=HTMLResponse)
async def progress_page(request: Request) -> HTMLResponse:
    return _page(request, web_state(request))


@router.get("/progress/export.json")
async def export_history(request: Request) -> Response:
    """The learner's whole history as a JSON download."""
    state = web_state(request)
    data = state.store.export_learner(state.learner)
    stamp = state.now().strftime("%Y%m%d-%H%M")
    return Response(
        json.dumps(data, indent=2, ensure_ascii=False),
        media_type="application/json",
        headers={
            "content-disposition": f'attachment; filename="rung-{state.learner}-{stamp}.json"'
        },
    )


@router.post("/progress/import", response_class=HTMLResponse)
async def import_history(request: Request, file: Annotated[UploadFile, File()]) -> HTMLResponse:
    """Merge an exported file into this learner's history (safe to repeat)."""
    from rung.progress import StoreError  # imported late: app start stays light

    state = web_state(request)
    raw = await file.read(MAX_IMPORT_BYTES + 1)
    if len(raw) > MAX_IMPORT_BYTES:
        return _page(
            request,
            state,
            400,
            import_error="That file is larger than any rung export; nothing was imported.",
        )
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return _page(
            request,
            state,
            400,
            import_error=f"That file is not JSON ({exc}); nothing was imported.",
        )
    try:
        counts = state.store.import_learner(data, state.learner)
        state.changed()
    except StoreError as exc:
        return _page(request, state, 400, import_error=f"{exc} Nothing was imported.")
    return _page(request, state, import_counts=counts, import_name=file.filename or "the file")
