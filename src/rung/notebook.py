"""Practice in Jupyter: problems that render their own math and record answers.

``rung.notebook.practice("la.matmul.2x2")`` (or a lesson id or number) returns
a :class:`Practice` object. Displayed, it shows the prompt as Markdown with
LaTeX (Jupyter renders ``$...$``); ``.check(answer)``, ``.hint()``,
``.solution()`` and ``.next()`` work as in ``rung practice``, and everything
is recorded in the same store as the terminal and the web app use.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

_TUTORS: dict[tuple[str, str], Any] = {}


def _tutor(learner: str) -> Any:
    """One store and tutor per (database, learner) for the kernel's lifetime."""
    from rung.curriculum import load_curriculum
    from rung.progress import open_store
    from rung.progress.schema import resolve
    from rung.progress.service import Tutor

    key = (resolve().url, learner)
    if key not in _TUTORS:
        _TUTORS[key] = Tutor(open_store(), load_curriculum(), learner)
    return _TUTORS[key]


@dataclass(frozen=True)
class Note:
    """A piece of Markdown that renders in a notebook and prints as text."""

    markdown: str

    def _repr_markdown_(self) -> str:
        return self.markdown

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/markdown": self.markdown, "text/plain": self.markdown}

    def __str__(self) -> str:
        return self.markdown


class Practice:
    """One problem at a time from a check family or a lesson's families."""

    def __init__(self, target: str | int, *, learner: str | None = None, tutor: Any = None) -> None:
        self.learner = learner or os.environ.get("RUNG_LEARNER", "me")
        self.tutor = tutor if tutor is not None else _tutor(self.learner)
        self.checks, lesson = self.tutor.targets(str(target))
        if not self.checks:
            raise ValueError(
                f"Lesson {lesson.number} ({lesson.id}) has no checks; "
                "mark it done with `rung done` when you have worked through it."
            )
        self._index = 0
        self._seeds: list[int] = []
        self._new()

    def _new(self) -> None:
        check = self.checks[self._index % len(self.checks)]
        self.problem = self.tutor.new_problem(check, datetime.now(UTC), avoid=self._seeds)
        self._seeds.append(self.problem.seed)
        self.hints_used = 0
        self.finished = False
        self._shown = time.monotonic()

    # -- display ------------------------------------------------------------------
    def markdown(self) -> str:
        family = self.tutor.family(self.problem.check_id)
        parts = [f"**{family.title}** `{self.problem.check_id}`", "", self.problem.prompt]
        if self.problem.choices:
            parts += [""] + [f"{i}. {c}" for i, c in enumerate(self.problem.choices, 1)]
        parts += ["", "_Answer with `.check(answer)`; `.hint()`, `.solution()`, `.next()`._"]
        return "\n".join(parts)

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/markdown": self.markdown(), "text/plain": self.markdown()}

    def __repr__(self) -> str:
        return f"<Practice {self.problem.check_id} seed={self.problem.seed}>"

    # -- actions ------------------------------------------------------------------
    def check(self, answer: Any) -> Note:
        """Grade an answer (text, or anything whose str() is the answer) and record it."""
        text = answer if isinstance(answer, str) else _as_text(answer)
        seconds = time.monotonic() - self._shown
        result = self.tutor.submit(self.problem, text, self.hints_used, seconds, datetime.now(UTC))
        grade = result.grade
        if grade.status == "correct":
            self.finished = True
            lines = [f"✅ **Correct.** {grade.feedback}"]
            lines += [f"🎉 Rung mastered: `{r}`" for r in result.rung_mastered]
            lines += [f"🎉 Exit criterion met: `{e}`" for e in result.exit_mastered]
            lines.append("Call `.next()` for another problem.")
        elif grade.status == "unreadable":
            lines = [f"⚠️ **Could not read that answer.** {grade.feedback}"]
        else:
            lines = [f"❌ **Not yet.** {grade.feedback}"]
            if grade.misconception:
                lines.append(f"_Misconception: {grade.misconception}_")
        return Note("\n\n".join(lines))

    def hint(self) -> Note:
        hints = self.problem.hints
        if self.hints_used >= len(hints):
            return Note("No more hints: `.solution()` shows the worked solution.")
        self.hints_used += 1
        return Note(f"**Hint {self.hints_used}/{len(hints)}:** {hints[self.hints_used - 1]}")

    def solution(self) -> Note:
        """Show the worked solution; an unanswered variant counts as not yet known."""
        if not self.finished:
            seconds = time.monotonic() - self._shown
            self.tutor.reveal(self.problem, self.hints_used, seconds, datetime.now(UTC))
            self.finished = True
        return Note(f"**Solution.**\n\n{self.problem.solution}")

    def next(self) -> Practice:
        """Move to a fresh variant (the next family of a lesson after a right answer)."""
        if self.finished:
            self._index += 1
        self._new()
        return self


def _as_text(answer: Any) -> str:
    """Lists, tuples and NumPy arrays become the bracketed form the graders read."""
    tolist = getattr(answer, "tolist", None)
    if callable(tolist):
        answer = tolist()
    return str(answer)


def practice(target: str | int, *, learner: str | None = None) -> Practice:
    """A practice object for a check id, lesson id or lesson number."""
    return Practice(target, learner=learner)
