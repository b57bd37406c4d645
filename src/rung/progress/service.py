"""The tutor: practice + curriculum + store, for every face.

The CLI, the web app and the notebook all go through :class:`Tutor`, so a
learner's history means the same thing everywhere. It adds no state of its
own beyond caches of the (immutable) curriculum and check catalogue and a
:class:`~rung.progress.ledger.Ledger` of mastery derived from the attempts (see
``mastery``), which it extends by the attempts added since it last looked
rather than replaying the history on every call; review state lives in the
store's FSRS cards (see ``review``).

Only the first graded answer to a variant counts for review and mastery; a
second try at the same variant after feedback is stored but is practice, not
recall. Unreadable answers are stored and count for nothing.
"""

from __future__ import annotations

import random
import threading
from collections import defaultdict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from rung.progress import review
from rung.progress.ledger import Key, Ledger
from rung.progress.mastery import DEFAULT_NEEDED, RungStatus
from rung.progress.store import AttemptRow, Store

#: What the status methods accept as the history: rows (oldest first), a
#: ledger from :meth:`Tutor.ledger`, or ``None`` to read the store.
History = Sequence[AttemptRow] | Ledger | None

SEED_SPACE = 2**31


class CheckRegistry(Protocol):
    """Where check families come from (``rung.practice`` satisfies it)."""

    def get_check(self, check_id: str) -> Any: ...

    def all_checks(self) -> list[Any]: ...


@dataclass(frozen=True)
class AttemptResult:
    grade: Any
    rung_mastered: list[str]
    review_due: datetime | None
    exit_mastered: list[str] = field(default_factory=list)
    counted: bool = True  # False for unreadable answers and retries of a variant


@dataclass(frozen=True)
class NextStep:
    kind: str  # review | lesson | done
    check_id: str | None
    lesson_id: str | None
    reason: str


@dataclass(frozen=True)
class LessonStatus:
    lesson_id: str
    complete: bool
    marked: str | None  # what the learner said: "done", "started" or nothing
    rungs: dict[str, RungStatus]
    checks: tuple[str, ...]
    needs_mark: bool  # part of the lesson can only be declared done, not proven


LESSON_MARKS = ("done", "started")


def _default_registry() -> CheckRegistry:
    import rung.practice as practice

    return practice


class Tutor:
    def __init__(
        self,
        store: Store,
        curriculum: Any,
        learner: str = "me",
        *,
        checks: CheckRegistry | None = None,
        needed: int = DEFAULT_NEEDED,
    ) -> None:
        if needed < 1:
            raise ValueError("needed must be at least 1")
        self.store = store
        self.cur = curriculum
        self.learner = learner
        self.needed = needed
        self.checks = checks if checks is not None else _default_registry()
        families = list(self.checks.all_checks())
        self._families = {f.id: f for f in families}
        self._by_rung: dict[str, list[str]] = defaultdict(list)
        self._by_exit: dict[str, list[str]] = defaultdict(list)
        self._by_lesson: dict[str, list[str]] = defaultdict(list)
        for f in families:
            self._by_lesson[f.lesson].append(f.id)
            for r in f.rungs:
                self._by_rung[r].append(f.id)
            for e in f.exit:
                self._by_exit[e].append(f.id)
        self._keys_of: dict[str, tuple[Key, ...]] = {
            f.id: (
                ("check", f.id),
                *(("rung", r) for r in dict.fromkeys(f.rungs)),
                *(("exit", e) for e in dict.fromkeys(f.exit)),
            )
            for f in families
        }
        self._synced: Ledger | None = None
        self._sync_lock = threading.Lock()
        self._list_memo: tuple[Sequence[AttemptRow], int, Ledger] | None = None
        store.ensure_learner(learner)

    # -- the ledger ---------------------------------------------------------------
    def ledger(self) -> Ledger:
        """Mastery as of the store's latest attempt, brought up to date cheaply.

        One index-only query tells whether attempts were added (by this process
        or another); only those are read and folded in. Attempts that arrive
        out of time order (an import, a clock set back) or a history that
        shrank make it read everything again, so the answer is always what
        replaying the whole history would give.
        """
        with self._sync_lock:
            led = self._synced
            seen = (led.count, led.top) if led is not None else (0, 0)
            change = self.store.attempts_since(self.learner, *seen)
            if change is None and led is not None:
                return led
            fresh = Ledger(self._keys_of, self.needed)
            if change is None:  # no attempts yet
                self._synced = fresh
                return fresh
            count, _, new = change
            if led is not None:
                in_order = not new or led.last_at is None or new[0].at >= led.last_at
                if in_order and led.count + len(new) == count:
                    led.add_briefs(new)
                    return led
            if seen != (0, 0):  # rows arrived out of order: read everything again
                change = self.store.attempts_since(self.learner, 0, 0)
                new = change[2] if change is not None else []
            fresh.add_briefs(new)
            self._synced = fresh
            return fresh

    def _ledger_for(self, attempts: History) -> Ledger:
        """The ledger of a history given as rows (replayed once, then reused), or the store's."""
        if attempts is None:
            return self.ledger()
        if isinstance(attempts, Ledger):
            return attempts
        memo = self._list_memo
        if memo is not None and memo[0] is attempts and memo[1] == len(attempts):
            return memo[2]
        led = Ledger(self._keys_of, self.needed)
        for a in attempts:
            led.add_row(a)
        self._list_memo = (attempts, len(attempts), led)
        return led

    # -- the catalogue ------------------------------------------------------------
    def family(self, check_id: str) -> Any:
        """A check family by id; KeyError when there is none."""
        if check_id not in self._families:
            raise KeyError(f"no check with id {check_id!r}")
        return self._families[check_id]

    def checks_for_lesson(self, lesson_id: str) -> list[str]:
        return list(self._by_lesson.get(lesson_id, ()))

    def targets(self, ref: str) -> tuple[list[str], Any]:
        """What a practice target names: one check id, or a lesson (id or number).

        Returns the check ids to cycle through and the lesson (``None`` for a
        check id); a lesson without checks gives an empty list, which each face
        words in its own way. KeyError when ``ref`` is neither.
        """
        if ref in self._families:
            return [ref], None
        lesson = self.cur.lesson(ref)
        return self.checks_for_lesson(lesson.id), lesson

    # -- asking and answering -----------------------------------------------------
    def new_problem(self, check_id: str, now: datetime, avoid: Iterable[int] = ()) -> Any:
        """A variant of the family this learner has not tried (nor is in ``avoid``).

        Seeds are drawn from a generator keyed by learner, check and how many
        variants were tried, so a session can be replayed in a test, yet two
        learners see different variants. ``now`` is accepted for symmetry with
        the other calls and for future use (e.g. time-of-day variation); the
        draw does not depend on it.
        """
        family = self.family(check_id)
        # A variant whose hints were shown is not fresh either: offered again after a
        # reload, it would look unhinted while the learner knows the way.
        hinted = self.store.hints_seen(self.learner, check_id)
        used = self.ledger().tried(check_id) | set(avoid) | set(hinted)
        rng = random.Random(f"{self.learner}|{check_id}|{len(used)}")
        seed = rng.randrange(SEED_SPACE)
        while seed in used:
            seed = rng.randrange(SEED_SPACE)
        return family.generate(seed)

    def hint_shown(self, problem: Any, shown: int, now: datetime) -> None:
        """Remember that ``shown`` hints of this variant have been seen, so that an answer
        to it counts them even when the page that showed them is gone."""
        self.store.record_hints(self.learner, problem.check_id, int(problem.seed), shown, now)

    def submit(
        self,
        problem: Any,
        answer_text: str,
        hints_used: int,
        seconds: float,
        now: datetime,
        solution_shown: bool = False,
    ) -> AttemptResult:
        """Grade an answer, store it, update review and report new mastery."""
        grade = problem.grade(answer_text)
        return self._record(problem, answer_text, grade, hints_used, seconds, now, solution_shown)

    def reveal(self, problem: Any, hints_used: int, seconds: float, now: datetime) -> AttemptResult:
        """The learner asked for the solution without answering: an Again review."""
        grade = _Revealed()
        return self._record(problem, "", grade, hints_used, seconds, now, True)

    def _record(
        self,
        problem: Any,
        answer_text: str,
        grade: Any,
        hints_used: int,
        seconds: float,
        now: datetime,
        solution_shown: bool,
    ) -> AttemptResult:
        family = self.family(problem.check_id)
        seen = self.store.hints_seen(self.learner, problem.check_id).get(int(problem.seed), 0)
        hints_used = max(hints_used, seen)
        row = AttemptRow(
            check_id=problem.check_id,
            seed=problem.seed,
            answer=answer_text,
            status=grade.status,
            misconception=getattr(grade, "misconception", None),
            feedback=getattr(grade, "feedback", "") or "",
            hints_used=hints_used,
            seconds=float(seconds),
            solution_shown=solution_shown,
            at=now,
        )
        if grade.status == "unreadable":
            self.store.record_attempt(self.learner, row)
            card = self.store.card(self.learner, problem.check_id)
            return AttemptResult(grade, [], card.due if card else None, counted=False)

        led = self.ledger()
        first_try = not led.graded(problem.check_id, problem.seed)
        # What this answer changes, worked out before it is stored: each run as it
        # stands, then the same run with this attempt added.
        rungs = [r for r in family.rungs if _gains(led, ("rung", r), row)]
        exits = [e for e in family.exit if _gains(led, ("exit", e), row)]
        new_card = None
        if first_try:
            rating = review.rating_for(
                grade.status, hints_used, seconds, solution_shown, getattr(problem, "kind", "")
            )
            assert rating is not None  # unreadable was handled above
            new_card = review.review(
                problem.check_id, self.store.card(self.learner, problem.check_id), rating, now
            )
        self.store.record_attempt(self.learner, row, new_card)
        if new_card is None:
            card = self.store.card(self.learner, problem.check_id)
            due = card.due if card else None
        else:
            due = new_card.due
        return AttemptResult(grade, rungs, due, exits, counted=first_try)

    def _known_status(
        self,
        what: str,
        kind: str,
        key: str,
        declared: Container[str],
        index: dict[str, list[str]],
        attempts: History,
    ) -> RungStatus:
        """A rung's or exit's status; KeyError when neither the curriculum nor a check names it."""
        if key not in declared and key not in index:
            raise KeyError(f"no {what} with id {key!r}")
        return self._ledger_for(attempts).status((kind, key))

    # -- mastery and completion ---------------------------------------------------
    def rung_status(self, rung_id: str, attempts: History = None) -> RungStatus:
        return self._known_status("rung", "rung", rung_id, self.cur.rungs, self._by_rung, attempts)

    def exit_status(self, exit_id: str, attempts: History = None) -> RungStatus:
        return self._known_status(
            "exit criterion", "exit", exit_id, self.cur.exit_criteria, self._by_exit, attempts
        )

    def sequence_complete(self, sequence_id: str, attempts: History = None) -> bool:
        """A sequence is complete when every one of its exit criteria is mastered."""
        seq = self.cur.sequences[sequence_id]
        led = self._ledger_for(attempts)
        return bool(seq.exit) and all(self.exit_status(e.id, led).mastered for e in seq.exit)

    def lesson_status(
        self,
        lesson_id: str,
        attempts: History = None,
        marks: dict[str, str] | None = None,
    ) -> LessonStatus:
        """Complete when every rung is mastered; parts no check covers need a mark.

        * rungs that check families declare must be mastered;
        * rungs no family declares yet (and lessons without rungs or checks)
          can only be declared: they need the learner's "done" mark;
        * a lesson with checks but no rungs is complete when each of its
          families has been mastered on its own terms (N fresh in a row).
        """
        lesson = self.cur.lesson(lesson_id)
        led = self._ledger_for(attempts)
        if marks is None:
            marks = self.store.lesson_marks(self.learner)
        mark = marks.get(lesson.id)
        checks = tuple(self._by_lesson.get(lesson.id, ()))
        rungs = {r: led.status(("rung", r)) for r in lesson.rungs}
        proven = [r for r in lesson.rungs if self._by_rung.get(r)]
        if proven:
            needs_mark = len(proven) < len(lesson.rungs)
            complete = all(rungs[r].mastered for r in proven) and (not needs_mark or mark == "done")
        elif checks:
            needs_mark = False
            complete = all(led.status(("check", c)).mastered for c in checks)
        else:
            needs_mark = True
            complete = mark == "done"
        return LessonStatus(lesson.id, complete, mark, rungs, checks, needs_mark)

    def mark_lesson(self, lesson_id: str, status: str | None, now: datetime | None = None) -> None:
        """Record "done" / "started" (None clears). "done" is refused where checks prove it."""
        lesson = self.cur.lesson(lesson_id)
        if status is not None and status not in LESSON_MARKS:
            raise ValueError(f"a lesson mark is one of {', '.join(LESSON_MARKS)}, not {status!r}")
        if status == "done" and not self.lesson_status(lesson.id).needs_mark:
            raise ValueError(
                f"Lesson {lesson.number} ({lesson.id}) is proven by its checks, not marked: "
                f"run `rung practice {lesson.id}` and master its rungs."
            )
        self.store.set_lesson(self.learner, lesson.id, status, now or datetime.now(UTC))

    def mark_video(self, video_id: str, watched: bool, now: datetime | None = None) -> None:
        if video_id not in self.cur.videos:
            raise KeyError(f"no video with id {video_id!r}")
        self.store.set_video(self.learner, video_id, watched, now or datetime.now(UTC))

    def record_self_rating(
        self, check_id: str, seed: int, text: str, rating: int, now: datetime | None = None
    ) -> None:
        """Store a written explanation with the learner's rating of it (1 = missed, 5 = full).

        It is never graded and never touches review or mastery.
        """
        self.family(check_id)
        if not 1 <= int(rating) <= 5:
            raise ValueError("a self rating is a whole number from 1 to 5")
        self.store.add_self_rating(
            self.learner, check_id, seed, text, int(rating), now or datetime.now(UTC)
        )

    def record_lab_result(
        self, lab_id: str, task_id: str, passed: bool, message: str, now: datetime
    ) -> None:
        self.store.add_lab_result(self.learner, lab_id, task_id, passed, message, now)

    # -- what next ----------------------------------------------------------------
    def due_reviews(self, now: datetime) -> list[str]:
        """Check ids due for review by ``now``, the longest overdue first."""
        return [
            c.check_id for c in self.store.cards(self.learner, now) if c.check_id in self._families
        ]

    def next_step(self, now: datetime, track: str = "year") -> NextStep:
        due = self.due_reviews(now)
        if due:
            fam = self._families[due[0]]
            card = self.store.card(self.learner, due[0])
            since = card.due.strftime("%Y-%m-%d %H:%M UTC") if card else "now"
            more = f" {len(due) - 1} more after it." if len(due) > 1 else ""
            return NextStep(
                "review",
                due[0],
                fam.lesson,
                f"A review is due first: {fam.title} ({due[0]}) has been due since {since}. "
                f"Reviews come before new lessons so that what you learnt stays learnt.{more}",
            )
        order = self._track_order(track)
        attempts = self.ledger()
        marks = self.store.lesson_marks(self.learner)
        done = {
            lid
            for lid in self._all_lesson_ids()
            if self.lesson_status(lid, attempts, marks).complete
        }
        todo = [lid for lid in order if lid not in done]
        if not todo:
            return NextStep(
                "done",
                None,
                None,
                f"Every lesson on the {track} track is complete. Reviews will bring checks back "
                "as they fall due.",
            )
        for lid in todo:
            lesson = self.cur.lesson(lid)
            if all(r in done for r in lesson.requires):
                return self._lesson_step(lesson, track, attempts, marks)
        # Nothing on the track is open: its prerequisites lie off the track.
        blocked = self.cur.lesson(todo[0])
        missing = self._first_missing_prerequisite(blocked.id, done)
        target = self.cur.lesson(missing)
        step = self._lesson_step(target, track, attempts, marks)
        return NextStep(
            "lesson",
            step.check_id,
            target.id,
            f"Lesson {blocked.number} ({blocked.title}) needs lesson {target.number} "
            f"({target.title}) first, which is not done yet.",
        )

    def _lesson_step(
        self, lesson: Any, track: str, attempts: Ledger, marks: dict[str, str]
    ) -> NextStep:
        status = self.lesson_status(lesson.id, attempts, marks)
        # Its own checks first, then any family that proves one of its open rungs
        # (a rung may be declared by a later lesson's checks).
        candidates = [*status.checks]
        for r, s in status.rungs.items():
            if not s.mastered:
                candidates += [c for c in self._by_rung.get(r, ()) if c not in candidates]
        check = None
        for c in candidates:
            fam = self._families[c]
            if not fam.rungs or any(not status.rungs.get(r, _MASTERED).mastered for r in fam.rungs):
                check = c
                break
        where = f"Lesson {lesson.number}, {lesson.title},"
        if lesson.requires:
            pre = ", ".join(str(self.cur.lesson(r).number) for r in lesson.requires)
            opening = f"{where} is next on the {track} track; its prerequisites ({pre}) are done."
        else:
            opening = f"{where} is next on the {track} track."
        open_rungs = [r for r, s in status.rungs.items() if not s.mastered and self._by_rung.get(r)]
        if open_rungs:
            parts = [
                f"{r} needs {self.needed - status.rungs[r].streak} more fresh right answer(s) in a row"
                for r in open_rungs
            ]
            detail = " To finish it: " + "; ".join(parts) + "."
        elif status.needs_mark:
            detail = (
                " When you have worked through it, mark it done: the Mark done button on its "
                f"page, or `rung done {lesson.id}` in a terminal."
            )
        else:
            detail = ""
        return NextStep("lesson", check, lesson.id, opening + detail)

    def _track_order(self, track: str) -> tuple[str, ...]:
        tracks = self.cur.tracks
        if track not in tracks:
            raise KeyError(f"no track {track!r} (tracks: {', '.join(sorted(tracks))})")
        return tuple(tracks[track].lessons)

    def _all_lesson_ids(self) -> list[str]:
        return [lesson.id for lesson in self.cur.lessons]

    def _first_missing_prerequisite(self, lesson_id: str, done: set[str]) -> str:
        """The deepest not-done prerequisite on the first open path below a lesson."""
        current = lesson_id
        seen = {current}
        while True:
            missing = [r for r in self.cur.lesson(current).requires if r not in done]
            if not missing or missing[0] in seen:
                return current
            current = missing[0]
            seen.add(current)

    # -- summary ------------------------------------------------------------------
    def progress_summary(self, now: datetime) -> dict[str, Any]:
        """Everything a progress page shows, as JSON-ready data."""
        led = self.ledger()
        recent = self.store.attempts(self.learner, limit=10)
        marks = self.store.lesson_marks(self.learner)
        statuses = {lid: self.lesson_status(lid, led, marks) for lid in self._all_lesson_ids()}
        phases = []
        for phase in self.cur.phases:
            ids = [lesson.id for lesson in self.cur.lessons if lesson.phase == phase.number]
            phases.append(
                {
                    "number": phase.number,
                    "id": phase.id,
                    "title": phase.title,
                    "done": sum(statuses[i].complete for i in ids),
                    "total": len(ids),
                }
            )
        rung_states = {r: led.status(("rung", r)) for r in self.cur.rungs}
        exit_states = {e: led.status(("exit", e)) for e in self.cur.exit_criteria}
        cards = self.store.cards(self.learner)
        due = [c for c in cards if c.due <= now and c.check_id in self._families]
        upcoming = [c for c in cards if c.due > now]
        return {
            "learner": self.learner,
            "now": now.astimezone(UTC).isoformat(),
            "lessons": {
                "done": sum(s.complete for s in statuses.values()),
                "total": len(statuses),
                "complete": [lid for lid, s in statuses.items() if s.complete],
            },
            "phases": phases,
            "rungs": {
                "total": len(rung_states),
                "mastered": [r for r, s in rung_states.items() if s.mastered],
                "in_progress": {
                    r: s.streak for r, s in rung_states.items() if not s.mastered and s.streak
                },
                "needed": self.needed,
            },
            "exits": {
                "total": len(exit_states),
                "mastered": [e for e, s in exit_states.items() if s.mastered],
            },
            "sequences": {sid: self.sequence_complete(sid, led) for sid in self.cur.sequences},
            "reviews": {
                "due": len(due),
                "due_checks": [c.check_id for c in due],
                "next_due": upcoming[0].due.isoformat() if upcoming else None,
                "cards": len(cards),
            },
            "attempts": {"total": led.count, "correct": led.correct},
            "recent": [
                {
                    "check_id": a.check_id,
                    "seed": a.seed,
                    "status": a.status,
                    "answer": a.answer,
                    "misconception": a.misconception,
                    "at": a.at.isoformat(),
                }
                for a in recent[::-1]
            ],
            "videos_watched": sorted(self.store.videos_watched(self.learner)),
            "labs": _lab_summary(self.store.lab_results(self.learner)),
        }


_MASTERED = RungStatus(True, 0, 0)


def _gains(led: Ledger, key: Key, row: AttemptRow) -> bool:
    """Whether adding ``row`` to the ledger's run for ``key`` would newly master it."""
    run = led.run(key)
    before = run.mastered
    run.add_row(row)
    return run.mastered and not before


class _Revealed:
    """The grade of "show me the solution": counts as a miss."""

    status = "revealed"
    feedback = "Solution shown: this variant counts as not yet known and will come back soon."
    misconception = None


def _lab_summary(results: Sequence[Any]) -> dict[str, dict[str, bool]]:
    """Lab id -> task id -> whether its latest run passed."""
    out: dict[str, dict[str, bool]] = defaultdict(dict)
    for r in results:
        out[r.lab_id][r.task_id] = r.passed
    return dict(out)
