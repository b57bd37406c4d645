"""Export a learner's history as JSON, and merge such a file back in.

The file is the learner's own record, meant to move between machines and
between SQLite and PostgreSQL, so it is plain JSON with a format name and a
version. Import is a merge, safe to repeat:

* attempts, self ratings and lab results carry a uid and are added once;
* a review card is replaced only by one reviewed more recently;
* a lesson or video mark is replaced only by a newer mark.

A file is checked completely before anything is written, and the whole import
is one transaction: a malformed file changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from rung.progress.errors import ImportFormatError
from rung.progress.models import (
    Attempt,
    LabResult,
    Learner,
    LessonMark,
    ReviewCard,
    SelfRating,
    VideoMark,
)

if TYPE_CHECKING:
    from rung.progress.store import Store

FORMAT = "rung-progress"
VERSION = 1


def _ts(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


def export_learner(store: Store, learner: str, now: datetime | None = None) -> dict[str, Any]:
    with store.read() as s:
        lid = s.scalar(select(Learner.id).where(Learner.name == learner))
        out: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": _ts(now or datetime.now(UTC)),
            "learner": learner,
        }
        for section, _, _ in _TABLES:
            out[section] = []
        if lid is None:
            return out
        for section, model, order in _TABLES:
            query = select(model).where(model.learner_id == lid).order_by(*order)
            out[section] = [_export_row(row, SECTIONS[section]) for row in s.scalars(query)]
    return out


def _export_row(row: Any, fields: dict[str, Callable[[Any], Any]]) -> dict[str, Any]:
    """One row as JSON-ready data: the fields that :data:`SECTIONS` reads back, in its order."""
    out: dict[str, Any] = {}
    for name in fields:
        value = getattr(row, name)
        out[name] = _ts(value) if isinstance(value, datetime) else value
    return out


# -- validation -----------------------------------------------------------------------


def _datetime(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError("expected an ISO 8601 date-time string")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("date-time without a timezone")
    return parsed.astimezone(UTC)


def _opt_datetime(value: Any) -> datetime | None:
    return None if value is None else _datetime(value)


def _typed(*types: type) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        # bool is an int in Python; a JSON true is not a seed or a count.
        if isinstance(value, bool) and bool not in types:
            raise ValueError(f"expected {' or '.join(t.__name__ for t in types)}")
        if not isinstance(value, types):
            raise ValueError(f"expected {' or '.join(t.__name__ for t in types)}")
        return float(value) if float in types and not isinstance(value, bool) else value

    return check


def _int_in(low: int, high: int) -> Callable[[Any], Any]:
    """An int that fits the column it goes to (SQLite and PostgreSQL reject bigger ones)."""
    as_int = _typed(int)

    def check(value: Any) -> Any:
        number = as_int(value)
        if not low <= number <= high:
            raise ValueError(f"expected an int from {low} to {high}")
        return number

    return check


def _one_of(*allowed: str) -> Callable[[Any], Any]:
    """A string from a fixed vocabulary: other values would mislead mastery and the faces."""

    def check(value: Any) -> Any:
        if value not in allowed:
            raise ValueError(f"expected one of {', '.join(allowed)}")
        return value

    return check


_STR = _typed(str)
_INT = _int_in(-(2**31), 2**31 - 1)  # Integer columns
_SEED = _int_in(-(2**63), 2**63 - 1)  # BigInteger columns
_COUNT = _int_in(0, 2**31 - 1)
_BOOL = _typed(bool)
_NUM = _typed(int, float)
_ATTEMPT_STATUS = _one_of("correct", "wrong", "unreadable")
_LESSON_STATUS = _one_of("done", "started")


def _opt_str(value: Any) -> str | None:
    return None if value is None else _STR(value)


SECTIONS: dict[str, dict[str, Callable[[Any], Any]]] = {
    "attempts": {
        "uid": _STR,
        "check_id": _STR,
        "seed": _SEED,
        "answer": _STR,
        "status": _ATTEMPT_STATUS,
        "misconception": _opt_str,
        "feedback": _STR,
        "hints_used": _COUNT,
        "seconds": _NUM,
        "solution_shown": _BOOL,
        "at": _datetime,
    },
    "review_cards": {
        "check_id": _STR,
        "card": _STR,
        "due": _datetime,
        "reviews": _COUNT,
        "last_review": _opt_datetime,
    },
    "lessons": {"lesson_id": _STR, "status": _LESSON_STATUS, "updated_at": _datetime},
    "videos": {"video_id": _STR, "watched": _BOOL, "updated_at": _datetime},
    "self_ratings": {
        "uid": _STR,
        "check_id": _STR,
        "seed": _SEED,
        "text": _STR,
        "rating": _INT,
        "at": _datetime,
    },
    "lab_results": {
        "uid": _STR,
        "lab_id": _STR,
        "task_id": _STR,
        "passed": _BOOL,
        "message": _STR,
        "at": _datetime,
    },
}


#: Where each section lives, and the order its rows are written in.
_TABLES: tuple[tuple[str, Any, tuple[Any, ...]], ...] = (
    ("attempts", Attempt, (Attempt.at, Attempt.id)),
    ("review_cards", ReviewCard, (ReviewCard.check_id,)),
    ("lessons", LessonMark, ()),
    ("videos", VideoMark, ()),
    ("self_ratings", SelfRating, (SelfRating.at,)),
    ("lab_results", LabResult, (LabResult.at,)),
)


def validate(data: Any) -> dict[str, list[dict[str, Any]]]:
    """Check an export completely; return its rows with parsed values."""
    if not isinstance(data, dict):
        raise ImportFormatError("This is not a rung export: the top level is not a JSON object.")
    if data.get("format") != FORMAT:
        raise ImportFormatError(
            f'This is not a rung export: "format" should be "{FORMAT}", '
            f"found {data.get('format')!r}."
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportFormatError('The export has no integer "version".')
    if version > VERSION:
        raise ImportFormatError(
            f"The export is format version {version}, made by a newer rung; this rung reads "
            f"version {VERSION} and older. Upgrade rung, then import again."
        )
    if not isinstance(data.get("learner"), str) or not data["learner"]:
        raise ImportFormatError('The export has no "learner" name.')
    parsed: dict[str, list[dict[str, Any]]] = {}
    for section, fields in SECTIONS.items():
        rows = data.get(section, [])
        if not isinstance(rows, list):
            raise ImportFormatError(f'"{section}" should be a list.')
        parsed[section] = []
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                raise ImportFormatError(f"{section}[{i}] should be an object.")
            clean: dict[str, Any] = {}
            for name, check in fields.items():
                if name not in row:
                    raise ImportFormatError(f'{section}[{i}] has no "{name}".')
                try:
                    clean[name] = check(row[name])
                except ValueError as exc:
                    raise ImportFormatError(
                        f'{section}[{i}]."{name}" is not valid: {exc} (found {row[name]!r}).'
                    ) from None
            parsed[section].append(clean)
    return parsed


# -- import ---------------------------------------------------------------------------


def import_learner(store: Store, data: Any, learner: str | None = None) -> dict[str, int]:
    """Merge an export into ``store`` as ``learner`` (default: the name in the file)."""
    rows = validate(data)
    name = learner or data["learner"]
    lid = store.ensure_learner(name)
    added = dict.fromkeys(SECTIONS, 0)
    with store.write() as s:
        for model, section in (
            (Attempt, "attempts"),
            (SelfRating, "self_ratings"),
            (LabResult, "lab_results"),
        ):
            uids = [r["uid"] for r in rows[section]]
            known: set[str] = set()
            for chunk in range(0, len(uids), 500):
                known |= set(
                    s.scalars(select(model.uid).where(model.uid.in_(uids[chunk : chunk + 500])))
                )
            for r in rows[section]:
                if r["uid"] in known:
                    continue
                known.add(r["uid"])
                s.add(model(learner_id=lid, **r))
                added[section] += 1

        cards = {
            c.check_id: c for c in s.scalars(select(ReviewCard).where(ReviewCard.learner_id == lid))
        }
        for r in rows["review_cards"]:
            have = cards.get(r["check_id"])
            if have is None:
                s.add(ReviewCard(learner_id=lid, **r))
                added["review_cards"] += 1
            elif _newer(r["last_review"], have.last_review):
                have.card, have.due, have.reviews, have.last_review = (
                    r["card"],
                    r["due"],
                    r["reviews"],
                    r["last_review"],
                )
                added["review_cards"] += 1

        for model, section, key in (
            (LessonMark, "lessons", "lesson_id"),
            (VideoMark, "videos", "video_id"),
        ):
            marks = {
                getattr(m, key): m for m in s.scalars(select(model).where(model.learner_id == lid))
            }
            for r in rows[section]:
                have = marks.get(r[key])
                if have is None:
                    marks[r[key]] = model(learner_id=lid, **r)
                    s.add(marks[r[key]])
                    added[section] += 1
                elif _newer(r["updated_at"], have.updated_at):
                    for field, value in r.items():
                        setattr(have, field, value)
                    added[section] += 1
    return added


def _newer(incoming: datetime | None, current: datetime | None) -> bool:
    if incoming is None:
        return False
    return current is None or incoming > current
