"""Practice: seeded exercise generators and answer grading (pure: no I/O, no clock).

``get_check(id).generate(seed)`` gives a :class:`Problem`; ``problem.grade(text)``
gives a :class:`Grade` (correct / wrong / unreadable, with feedback that names
the mistake where it can).
"""

from .model import CheckFamily, Draft, Explain, Grade, Misconception, Problem
from .registry import all_checks, checks_for_lesson, get_check

__all__ = [
    "CheckFamily",
    "Draft",
    "Explain",
    "Grade",
    "Misconception",
    "Problem",
    "all_checks",
    "checks_for_lesson",
    "get_check",
]
