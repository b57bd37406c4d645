"""What every request handler needs: the curriculum, the learner's tutor, templates.

One ``WebState`` hangs off ``app.state.rung``. Handlers reach it with
``web_state(request)`` and render pages with ``render``. Keeping it in one
object (instead of module globals) lets a test build an app over a temporary
content directory and database, and lets the benchmark build a fresh one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from rung.curriculum import Curriculum

from .markdown import render_content, render_inline, render_text
from .security import CSRF_FIELD, ProblemSigner

if TYPE_CHECKING:
    from rung.progress import Store
    from rung.progress.service import Tutor

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"


def utc_now() -> datetime:
    return datetime.now(UTC)


def make_templates() -> jinja2.Environment:
    """Jinja with autoescaping on: anything not marked safe is shown, never run."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=jinja2.select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["md"] = lambda text: jinja2.filters.Markup(render_content(text or ""))
    env.filters["mdtext"] = lambda text: jinja2.filters.Markup(render_text(text or ""))
    env.filters["mdinline"] = lambda text: jinja2.filters.Markup(render_inline(text or ""))
    env.filters["slug"] = lambda text: "".join(c if c.isalnum() else "-" for c in str(text))
    env.globals["csrf_field_name"] = CSRF_FIELD
    return env


@dataclass
class WebState:
    """The app's long-lived parts, built once by ``create_app``."""

    curriculum: Curriculum
    store_factory: Callable[[], Store]
    learner: str = "me"
    clock: Callable[[], datetime] = utc_now
    signer: ProblemSigner = field(default_factory=ProblemSigner)
    templates: jinja2.Environment = field(default_factory=make_templates)
    _store: Store | None = field(default=None, repr=False)
    _tutor: Tutor | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def store(self) -> Store:
        """The progress store, opened on first use (so importing the app touches no disk)."""
        if self._store is None:
            with self._lock:
                if self._store is None:
                    self._store = self.store_factory()
        return self._store

    @property
    def tutor(self) -> Tutor:
        if self._tutor is None:
            from rung.progress.service import Tutor  # imported late: app start stays light

            store = self.store
            with self._lock:
                if self._tutor is None:
                    self._tutor = Tutor(store, self.curriculum, learner=self.learner)
        return self._tutor

    def now(self) -> datetime:
        return self.clock()


def web_state(request: Request) -> WebState:
    return request.app.state.rung


def render(
    request: Request, template: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """Render a template with the request, CSRF token and active nav item in scope."""
    state = web_state(request)
    html = state.templates.get_template(template).render(
        request=request,
        csrf_token=request.state.csrf_token,
        cur=state.curriculum,
        learner=state.learner,
        **context,
    )
    return HTMLResponse(html, status_code=status_code)
