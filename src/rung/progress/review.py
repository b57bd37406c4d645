"""Spaced review of check families with FSRS.

py-fsrs schedules and stores nothing; we turn a graded attempt into an FSRS
rating, let the scheduler compute the card's next state, and store the card
as JSON. Everything here is pure: ``now`` is passed in, and fuzzing is off
(py-fsrs fuzzes with the global ``random`` module, which would make reviews
untestable and differ between machines).

How an attempt becomes a rating:

* wrong, or the solution was shown             -> Again
* correct, with one hint or more               -> Hard
* correct, no hints, within the quick time     -> Easy
* correct, no hints, slower than that          -> Good

"Quick" depends on how much writing an answer takes, so it is set per answer
kind in :data:`QUICK_SECONDS`: a multiple-choice click is quick in 15 s; a
number or shape in 30 s; a vector or fraction in 45 s; a matrix, set or
expression in 90 s. Unknown kinds use :data:`DEFAULT_QUICK_SECONDS`.
"""

from __future__ import annotations

import zlib
from datetime import datetime

from fsrs import Card, Rating, Scheduler

from rung.progress.store import CardRow

QUICK_SECONDS: dict[str, float] = {
    "choice": 15.0,
    "number": 30.0,
    "integer": 30.0,
    "shape": 30.0,
    "boolean": 15.0,
    "vector": 45.0,
    "fraction": 45.0,
    "matrix": 90.0,
    "set": 90.0,
    "expression": 90.0,
}
DEFAULT_QUICK_SECONDS = 60.0

SCHEDULER = Scheduler(enable_fuzzing=False)


def quick_seconds(kind: str) -> float:
    """The time under which a correct, unhinted answer counts as Easy."""
    return QUICK_SECONDS.get(kind, DEFAULT_QUICK_SECONDS)


def rating_for(
    status: str, hints_used: int, seconds: float, solution_shown: bool, kind: str
) -> Rating | None:
    """The FSRS rating of one attempt, or None when it must not count (unreadable)."""
    if status == "unreadable":
        return None
    if status != "correct" or solution_shown:
        return Rating.Again
    if hints_used > 0:
        return Rating.Hard
    if seconds <= quick_seconds(kind):
        return Rating.Easy
    return Rating.Good


def card_id_for(check_id: str) -> int:
    """A stable card id (py-fsrs would otherwise read the clock and sleep 1 ms)."""
    return zlib.crc32(check_id.encode())


def review(check_id: str, previous: CardRow | None, rating: Rating, now: datetime) -> CardRow:
    """The family's card after one review at ``now`` (a new card on first sight)."""
    if previous is None:
        card = Card(card_id=card_id_for(check_id), due=now)
        reviews = 0
    else:
        card = Card.from_json(previous.card)
        reviews = previous.reviews
    new, _log = SCHEDULER.review_card(card, rating, review_datetime=now)
    return CardRow(
        check_id=check_id,
        card=new.to_json(),
        due=new.due,
        reviews=reviews + 1,
        last_review=new.last_review,
    )
