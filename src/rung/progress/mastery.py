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


def status_from_attempts(
    attempts: Iterable[AttemptRow], needed: int = DEFAULT_NEEDED
) -> RungStatus:
    """Replay attempts (oldest first) through the rules in the module docstring."""
    if needed < 1:
        raise ValueError("needed must be at least 1")
    seen: set[tuple[str, int]] = set()
    streak = 0
    mastered = False
    for a in attempts:
        if not a.graded:
            continue
        variant = (a.check_id, a.seed)
        first_try = variant not in seen
        seen.add(variant)
        if a.status != "correct" or a.hints_used > 0 or a.solution_shown:
            streak = 0
        elif first_try:
            streak += 1
            mastered = mastered or streak >= needed
    return RungStatus(mastered=mastered, streak=streak, needed=needed)
