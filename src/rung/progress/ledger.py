"""Running mastery for one learner: every rung, exit criterion and check family at once.

Mastery is derived from the attempts (see ``mastery``), and the rules are a
fold over them in order, so the tutor does not need to replay the whole
history on every answer: a :class:`Ledger` holds one :class:`~rung.progress.mastery.Run`
per rung, exit criterion and check family, and extends them as attempts
arrive. It also keeps the seeds tried per check (to pick fresh variants) and
two counts for the progress summary. The tutor keeps one in step with the
store (see ``Tutor.ledger``); one built from a list of rows answers exactly
what replaying that list would.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from rung.progress.mastery import Run, RungStatus
from rung.progress.store import AttemptBrief, AttemptRow

#: ("rung", id), ("exit", id) or ("check", id).
Key = tuple[str, str]


class Ledger:
    """Mastery runs and tried seeds, extended one attempt at a time (oldest first)."""

    def __init__(self, keys_of: Mapping[str, tuple[Key, ...]], needed: int) -> None:
        self._keys_of = keys_of  # check id -> the keys its attempts count towards
        self.needed = needed
        self._runs: dict[Key, Run] = {}
        self._tried: dict[str, set[int]] = {}
        self.count = 0  # attempts seen, unreadable and unknown checks included
        self.correct = 0
        self.top = 0  # the largest store id fed (0 for rows without one)
        self.last_at: datetime | None = None

    def add(
        self, check_id: str, seed: int, status: str, hints_used: int, solution_shown: bool
    ) -> None:
        self.count += 1
        self.correct += status == "correct"
        self._tried.setdefault(check_id, set()).add(seed)
        for key in self._keys_of.get(check_id, ()):
            run = self._runs.get(key)
            if run is None:
                run = self._runs[key] = Run(self.needed)
            run.add(check_id, seed, status, hints_used, solution_shown)

    def add_row(self, a: AttemptRow) -> None:
        self.add(a.check_id, a.seed, a.status, a.hints_used, a.solution_shown)
        self.last_at = a.at

    def add_briefs(self, briefs: Iterable[AttemptBrief]) -> None:
        for b in briefs:
            self.add(b.check_id, b.seed, b.status, b.hints_used, b.solution_shown)
            self.top = max(self.top, b.id)
            self.last_at = b.at

    def status(self, key: Key) -> RungStatus:
        run = self._runs.get(key)
        return run.status() if run is not None else RungStatus(False, 0, self.needed)

    def run(self, key: Key) -> Run:
        """A copy of the run for ``key``, to try an attempt on without changing this ledger."""
        run = self._runs.get(key)
        return run.copy() if run is not None else Run(self.needed)

    def graded(self, check_id: str, seed: int) -> bool:
        """Whether this variant already had a graded answer (its family's run has seen it)."""
        run = self._runs.get(("check", check_id))
        return run is not None and (check_id, seed) in run.seen

    def tried(self, check_id: str) -> frozenset[int]:
        """Every seed of the check answered so far, unreadable answers included."""
        return frozenset(self._tried.get(check_id, ()))
