"""Find check families by id or lesson.

Family modules are imported on first use, not when :mod:`rung.practice` is
imported, and none of them imports SymPy at module level, so listing the
checks (``rung checks --json``) stays fast.
"""

from __future__ import annotations

import importlib
from functools import cache

from .families import FAMILY_MODULES
from .model import CheckFamily

#: Display numbers of the lessons that have checks, for sorting without loading content.
LESSON_NUMBERS: dict[str, int] = {
    "la.orientation": 1,
    "la.vectors": 2,
    "la.span": 3,
    "la.transformations": 4,
    "la.matmul": 5,
    "la.inverses": 6,
    "la.determinants": 7,
    "la.eigen": 8,
    "la.svd": 9,
    "la.dot": 10,
    "la.basis-change": 11,
    "la.tensors": 12,
}


@cache
def _families() -> dict[str, CheckFamily]:
    found: dict[str, CheckFamily] = {}
    for name in FAMILY_MODULES:
        module = importlib.import_module(f"{__package__}.families.{name}")
        for obj in vars(module).values():
            if isinstance(obj, CheckFamily):
                if obj.id in found and found[obj.id] is not obj:
                    raise RuntimeError(f"two check families share the id {obj.id!r}")
                found[obj.id] = obj
    return found


def _order(fam: CheckFamily) -> tuple[int, str]:
    return (LESSON_NUMBERS.get(fam.lesson, 10_000), fam.id)


def get_check(check_id: str) -> CheckFamily:
    """The family with this id; ``KeyError`` if there is none."""
    try:
        return _families()[check_id]
    except KeyError:
        raise KeyError(f"no check family {check_id!r}") from None


def all_checks() -> list[CheckFamily]:
    """Every family, sorted by lesson number, then id."""
    return sorted(_families().values(), key=_order)


def checks_for_lesson(lesson: str | int) -> list[CheckFamily]:
    """The families of one lesson, by id (``la.matmul``) or number (5 or ``"5"``)."""
    ref = str(lesson)
    if ref.isdigit():
        wanted = {lid for lid, n in LESSON_NUMBERS.items() if n == int(ref)}
    else:
        wanted = {ref}
    return [f for f in all_checks() if f.lesson in wanted]
