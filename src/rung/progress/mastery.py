"""Mastery rules, derived from the attempt history (nothing stored).

A rung (or an exit criterion) is *mastered* once the learner has answered N
fresh variants in a row right, without hints and without seeing the
solution, counting every attempt on the check families that declare that
rung. The rules, in the order attempts happened:

* unreadable answers are skipped: they neither break nor extend a run;
* a wrong answer, a revealed solution, or a correct answer that needed a hint
  ends the run (back to 0);
* a correct, unaided answer to a variant (check id + seed) seen for the first
  time extends the run by one;
* a correct answer to a variant already answered before (a retry after
  feedback) is learning, not proof: it neither extends nor breaks the run.

Mastery, once reached, stays: forgetting is what spaced review is for. The
current run is still reported, so a face can show "2 of 3".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rung.progress.store import AttemptRow

DEFAULT_NEEDED = 3


@dataclass(frozen=True)
class RungStatus:
    mastered: bool
    streak: int
    needed: int


class Run:
    """The rules above as a running fold: feed attempts oldest first, ask at any time.

    Keeping one ``Run`` per rung lets the tutor extend mastery by one attempt
    at a time instead of replaying the whole history on every answer; replaying
    a list through a fresh ``Run`` is what :func:`status_from_attempts` does.
    """

    __slots__ = ("mastered", "needed", "seen", "streak")

    def __init__(self, needed: int = DEFAULT_NEEDED) -> None:
        if needed < 1:
            raise ValueError("needed must be at least 1")
        self.needed = needed
        self.seen: set[tuple[str, int]] = set()  # graded variants (check id, seed)
        self.streak = 0
        self.mastered = False

    def add(
        self, check_id: str, seed: int, status: str, hints_used: int, solution_shown: bool
    ) -> None:
        """One attempt, in the order attempts happened."""
        if status == "unreadable":  # not graded: neither breaks nor extends the run
            return
        variant = (check_id, seed)
        first_try = variant not in self.seen
        self.seen.add(variant)
        if status != "correct" or hints_used > 0 or solution_shown:
            self.streak = 0
        elif first_try:
            self.streak += 1
            self.mastered = self.mastered or self.streak >= self.needed

    def add_row(self, a: AttemptRow) -> None:
        self.add(a.check_id, a.seed, a.status, a.hints_used, a.solution_shown)

    def copy(self) -> Run:
        other = Run(self.needed)
        other.seen = set(self.seen)
        other.streak, other.mastered = self.streak, self.mastered
        return other

    def status(self) -> RungStatus:
        return RungStatus(mastered=self.mastered, streak=self.streak, needed=self.needed)


def status_from_attempts(
    attempts: Iterable[AttemptRow], needed: int = DEFAULT_NEEDED
) -> RungStatus:
    """Replay attempts (oldest first) through the rules in the module docstring."""
    run = Run(needed)
    for a in attempts:
        run.add_row(a)
    return run.status()
