"""The pages, one module each; ``include_routes`` mounts them all on an app.

``viz`` is the widgets' JSON API (written with ``rung.viz``); its handlers
import their figure code on first call, so mounting it costs nothing at start.
"""

from __future__ import annotations

from fastapi import FastAPI

from . import checks, lessons, map, progress, review, today, videos, viz

ROUTERS = (today, map, lessons, checks, review, videos, progress, viz)


def include_routes(app: FastAPI) -> None:
    for module in ROUTERS:
        app.include_router(module.router)
