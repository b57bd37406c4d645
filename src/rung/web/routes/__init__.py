"""The pages, one module each; ``include_routes`` mounts them all on an app."""

from __future__ import annotations

from fastapi import FastAPI

from . import checks, lessons, map, progress, review, today, videos

ROUTERS = (today, map, lessons, checks, review, videos, progress)


def include_routes(app: FastAPI) -> None:
    for module in ROUTERS:
        app.include_router(module.router)
