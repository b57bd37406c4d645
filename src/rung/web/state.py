"""What every request handler needs: the curriculum, the learner's tutor, templates.

One ``WebState`` hangs off ``app.state.rung``. Handlers reach it with
``web_state(request)`` and render pages with ``render``. Keeping it in one
object (instead of module globals) lets a test build an app over a temporary
content directory and database, and lets the benchmark build a fresh one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from rung import __version__
from rung.curriculum import Curriculum

from .markdown import render_content, render_inline, render_text
from .security import CSRF_FIELD, ProblemSigner

if TYPE_CHECKING:
    from rung.progress import Store
    from rung.progress.ledger import Ledger
    from rung.progress.service import Tutor

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"


PROBLEM_CACHE_SIZE = 4096
HISTORY_TTL_S = 1.0  # how long a read of the history may be reused (writes here reset it)


@dataclass(frozen=True)
class History:
    """One consistent read of what a page needs from the learner's record.

    ``attempts`` is the tutor's ledger (mastery and tried seeds, kept up to
    date incrementally), which every tutor call that takes a history accepts.
    """

    attempts: Ledger
    marks: dict[str, str]
    watched: set[str]


def utc_now() -> datetime:
    return datetime.now(UTC)


def until(when: datetime, now: datetime) -> str:
    """A due time in words relative to now: "in 10 minutes", "tomorrow", "on 3 March 2027"."""
    seconds = (when - now).total_seconds()
    if seconds <= 0:
        return "now"
    if seconds <= 60:
        return "in under a minute"
    if seconds < 3600:
        return f"in {round(seconds / 60)} minutes"
    if seconds < 86400:
        hours = round(seconds / 3600)
        return "in an hour" if hours == 1 else f"in {hours} hours"
    days = round(seconds / 86400)
    if days == 1:
        return "tomorrow"
    if days <= 30:
        return f"in {days} days"
    return f"on {when.day} {when.strftime('%B %Y')}"


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
    env.filters["until"] = until
    env.filters["slug"] = lambda text: "".join(c if c.isalnum() else "-" for c in str(text))
    env.globals["csrf_field_name"] = CSRF_FIELD
    env.globals["asset_version"] = __version__  # in asset URLs, so an upgrade busts caches
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
    checks: Any = None  # a check registry for the tutor; None means rung.practice
    rung_checks: dict[str, Any] | None = field(default=None, repr=False)
    _problems: dict[tuple[str, int], Any] = field(default_factory=dict, repr=False)
    _fresh_seeds: dict[tuple[str, frozenset[int]], int] = field(default_factory=dict, repr=False)
    _history: tuple[int, float, History] | None = field(default=None, repr=False)
    generation: int = 0
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
                    self._tutor = Tutor(
                        store, self.curriculum, learner=self.learner, checks=self.checks
                    )
        return self._tutor

    def now(self) -> datetime:
        return self.clock()

    # -- the learner's history, read once and shared ----------------------------
    def history(self) -> History:
        """Attempts, lesson marks and watched videos, read together.

        Pages read these on every view; under load the same read is reused for
        up to ``HISTORY_TTL_S`` seconds. Every write made through this app calls
        ``changed()``, which drops the cached read at once, so a learner always
        sees their own last action; a write from another process (the CLI)
        shows within the TTL.
        """
        cached = self._history
        now = time.monotonic()
        if cached is not None and cached[0] == self.generation and now - cached[1] < HISTORY_TTL_S:
            return cached[2]
        generation = self.generation
        store = self.store
        fresh = History(
            attempts=self.tutor.ledger(),
            marks=store.lesson_marks(self.learner),
            watched=store.videos_watched(self.learner),
        )
        self._history = (generation, now, fresh)
        return fresh

    def changed(self) -> None:
        """Call after any write to the learner's record."""
        self.generation += 1
        self._history = None

    # -- problems ----------------------------------------------------------------
    # Generating a variant is pure in (check, seed), so it is memoised. Choosing a
    # fresh seed is the tutor's job and depends only on the seeds this learner has
    # already tried; when the caller has those at hand (a page that read the
    # history anyway), the choice is memoised on them, saving a query and a
    # generation per check on every page view.

    def problem(self, family: Any, seed: int) -> Any:
        key = (family.id, int(seed))
        found = self._problems.get(key)
        if found is None:
            if len(self._problems) >= PROBLEM_CACHE_SIZE:
                self._problems.clear()
            found = self._problems[key] = family.generate(int(seed))
        return found

    def forget_fresh(self, family_id: str) -> None:
        """Drop the memoised fresh variant of a family (its hints were just shown)."""
        for key in [k for k in self._fresh_seeds if k[0] == family_id]:
            del self._fresh_seeds[key]

    def fresh_problem(self, family: Any, now: datetime, attempts: Ledger | None = None) -> Any:
        """A variant this learner has not tried (the tutor decides which).

        ``attempts`` is the ledger of a history the page already holds.
        """
        if attempts is None:
            problem = self.tutor.new_problem(family.id, now)
            self._problems.setdefault((family.id, int(problem.seed)), problem)
            return problem
        tried = attempts.tried(family.id)
        seed = self._fresh_seeds.get((family.id, tried))
        if seed is not None:
            return self.problem(family, seed)
        problem = self.tutor.new_problem(family.id, now)
        if len(self._fresh_seeds) >= PROBLEM_CACHE_SIZE:
            self._fresh_seeds.clear()
        self._fresh_seeds[(family.id, tried)] = int(problem.seed)
        self._problems.setdefault((family.id, int(problem.seed)), problem)
        return problem


def web_state(request: Request) -> WebState:
    return request.app.state.rung


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
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
