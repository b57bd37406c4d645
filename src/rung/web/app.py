"""The app factory: one function that wires curriculum, store and pages together.

``create_app()`` with no arguments gives the app ``rung serve`` runs: the
built-in curriculum, the default SQLite store (opened on the first request
that needs it), loopback hosts only. Tests and the benchmark pass their own
content directory, store URL, clock and hosts.

Nothing here imports torch; the practice checks and the tutor are loaded
when a page first needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from rung.curriculum import Curriculum, load_curriculum
from rung.progress import StoreError

from .security import LOOPBACK_HOSTS, ProblemSigner, SecurityMiddleware, csrf_protect
from .state import STATIC_DIR, WebState, render, utc_now

if TYPE_CHECKING:
    from rung.progress import Store


class CachedStatic(StaticFiles):
    """Static files with a cache header: vendored assets never change within a version."""

    def file_response(self, *args, **kwargs) -> Response:  # type: ignore[no-untyped-def]
        response = super().file_response(*args, **kwargs)
        response.headers.setdefault("cache-control", "public, max-age=3600")
        return response


def _default_store_factory(url: str | None) -> Callable[[], Store]:
    def open_default() -> Store:
        from rung.progress import open_store  # imported late: app start stays light

        return open_store(url)

    return open_default


def create_app(
    *,
    content_dir: str | Path | None = None,
    curriculum: Curriculum | None = None,
    store: Store | None = None,
    store_url: str | None = None,
    learner: str = "me",
    clock: Callable[[], datetime] = utc_now,
    secret: bytes | None = None,
    allowed_hosts: Iterable[str] = LOOPBACK_HOSTS,
    checks: Any = None,
) -> FastAPI:
    """Build the web app.

    ``store`` wins over ``store_url``; with neither, ``open_store()`` picks the
    default database (``RUNG_HOME`` / ``RUNG_DATABASE_URL`` apply). ``secret``
    signs problems in pages; pass a stable one to keep open tabs valid across
    restarts. ``allowed_hosts`` is the Host allow-list (``"*"`` allows any).
    ``checks`` is a check registry for the tutor (``rung.practice`` by default).
    """
    cur = curriculum if curriculum is not None else load_curriculum(content_dir)
    if store is not None:
        given = store

        def factory() -> Store:
            return given
    else:
        factory = _default_store_factory(store_url)
    state = WebState(
        curriculum=cur,
        store_factory=factory,
        learner=learner,
        clock=clock,
        signer=ProblemSigner(secret),
        checks=checks,
    )

    app = FastAPI(
        title="rung",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(csrf_protect)],
    )
    app.state.rung = state
    app.add_middleware(SecurityMiddleware, allowed_hosts=list(allowed_hosts))
    app.mount("/static", CachedStatic(directory=STATIC_DIR), name="static")

    from .routes import include_routes

    include_routes(app)
    _install_error_pages(app)
    return app


def _install_error_pages(app: FastAPI) -> None:
    """Errors as calm pages (or short fragments for htmx), never tracebacks."""

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = str(exc.detail) if exc.detail else "Something went wrong."
        if request.headers.get("hx-request"):
            # htmx does not swap 4xx bodies by default; app.js shows this text instead.
            return PlainTextResponse(message, status_code=exc.status_code)
        return render(
            request,
            "error.html",
            status_code=exc.status_code,
            status=exc.status_code,
            message=message,
        )

    async def validation_error(request: Request, exc: Exception) -> Response:
        message = (
            "That request was missing something the page should have sent. Reload and try again."
        )
        if request.headers.get("hx-request"):
            return PlainTextResponse(message, status_code=422)
        return render(request, "error.html", status_code=422, status=422, message=message)

    async def store_error(request: Request, exc: Exception) -> Response:
        # The store's messages say what is wrong and what to do (a locked or damaged file).
        message = str(exc)
        if request.headers.get("hx-request"):
            return PlainTextResponse(message, status_code=503)
        return render(request, "error.html", status_code=503, status=503, message=message)

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StoreError, store_error)
