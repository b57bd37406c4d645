"""Small views over the tutor that several pages share.

The tutor speaks in dataclasses (``LessonStatus``, ``RungStatus``); pages want
a word for a badge and the checks that prove a rung. These helpers make that
translation once, and bring the learner's history (the tutor's ledger) up to
date once per page rather than once per lesson or rung.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rung.curriculum import Rung

from ..state import WebState

if TYPE_CHECKING:
    from rung.progress.mastery import RungStatus
    from rung.progress.service import LessonStatus


def status_word(status: LessonStatus) -> str:
    """One word for a badge: complete, in progress, started, or nothing."""
    if status.complete:
        return "complete"
    if any(r.mastered or r.streak for r in status.rungs.values()):
        return "in progress"
    if status.marked == "started":
        return "started"
    return ""


def lesson_statuses(
    state: WebState,
    lesson_ids: Iterable[str] | None = None,
    attempts: Any = None,
    marks: dict[str, str] | None = None,
) -> dict[str, str]:
    """Badge words for the given lessons (all by default), from one read of the history."""
    tutor = state.tutor
    if attempts is None:
        attempts = tutor.ledger()
    if marks is None:
        marks = state.store.lesson_marks(state.learner)
    ids = (
        lesson_ids if lesson_ids is not None else [lesson.id for lesson in state.curriculum.lessons]
    )
    return {lid: status_word(tutor.lesson_status(lid, attempts, marks)) for lid in ids}


@dataclass(frozen=True)
class CheckRef:
    id: str
    title: str
    lesson: str


@dataclass(frozen=True)
class RungView:
    rung: Rung
    status: RungStatus
    checks: tuple[CheckRef, ...]


def checks_by_rung(state: WebState) -> dict[str, tuple[CheckRef, ...]]:
    """Rung id -> the check families that declare it (the catalogue is fixed: cached)."""
    if state.rung_checks is None:
        out: dict[str, list[CheckRef]] = {}
        for fam in state.tutor.checks.all_checks():
            for r in fam.rungs:
                out.setdefault(r, []).append(CheckRef(fam.id, fam.title, fam.lesson))
        state.rung_checks = {r: tuple(refs) for r, refs in out.items()}
    return state.rung_checks


def rung_views(state: WebState, rung_ids: Iterable[str], attempts: Any = None) -> list[RungView]:
    """Each rung with its mastery and the check families that can prove it."""
    rungs = state.curriculum.rungs
    index = checks_by_rung(state)
    tutor = state.tutor
    if attempts is None:
        attempts = tutor.ledger()
    return [
        RungView(rungs[r], tutor.rung_status(r, attempts), index.get(r, ()))
        for r in rung_ids
        if r in rungs
    ]
