"""The progress store: a thin, typed layer over the tables.

The store knows nothing of grading, scheduling or mastery; it keeps what
happened and answers narrow questions about it. Each write is one short
transaction (one attempt = one commit), so a killed process loses at most the
answer in flight. Rows come back as frozen dataclasses, never ORM objects, so
that no caller can hold a session open by accident.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from rung.progress import schema
from rung.progress.errors import DatabaseUnavailable, StoreError, UnknownLearner
from rung.progress.models import (
    Attempt,
    HintView,
    LabResult,
    Learner,
    LessonMark,
    ReviewCard,
    SelfRating,
    VideoMark,
)


def new_uid() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class AttemptRow:
    check_id: str
    seed: int
    answer: str
    status: str
    misconception: str | None
    feedback: str
    hints_used: int
    seconds: float
    solution_shown: bool
    at: datetime
    uid: str = ""

    @property
    def graded(self) -> bool:
        """Whether the attempt counts for review and mastery (unreadable never does)."""
        return self.status != "unreadable"


class AttemptBrief(NamedTuple):
    """The columns of an attempt that mastery and seed choice read (see ``attempts_since``)."""

    id: int
    check_id: str
    seed: int
    status: str
    hints_used: int
    solution_shown: bool
    at: datetime


@dataclass(frozen=True)
class CardRow:
    check_id: str
    card: str  # fsrs.Card as JSON
    due: datetime
    reviews: int
    last_review: datetime | None


@dataclass(frozen=True)
class SelfRatingRow:
    check_id: str
    seed: int
    text: str
    rating: int
    at: datetime
    uid: str


@dataclass(frozen=True)
class LabResultRow:
    lab_id: str
    task_id: str
    passed: bool
    message: str
    at: datetime
    uid: str


def _attempt_row(a: Attempt) -> AttemptRow:
    return AttemptRow(
        check_id=a.check_id,
        seed=a.seed,
        answer=a.answer,
        status=a.status,
        misconception=a.misconception,
        feedback=a.feedback,
        hints_used=a.hints_used,
        seconds=a.seconds,
        solution_shown=a.solution_shown,
        at=a.at,
        uid=a.uid,
    )


def _card_row(c: ReviewCard) -> CardRow:
    return CardRow(c.check_id, c.card, c.due, c.reviews, c.last_review)


class Store:
    """One database, any number of learners. Build it with :func:`open_store`."""

    def __init__(self, engine: Engine, location: schema.Location, busy_timeout: float) -> None:
        self.engine = engine
        self.location = location
        self.busy_timeout = busy_timeout
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(
            engine.execution_options(rung_write=True), expire_on_commit=False
        )
        self._learner_ids: dict[str, int] = {}

    # -- plumbing -----------------------------------------------------------------
    @property
    def where(self) -> str:
        """The database file or URL, for messages."""
        return self.location.where

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with _translated(self.location, self.busy_timeout), self._reader() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose transaction holds the write lock from its start."""
        with _translated(self.location, self.busy_timeout), self._writer.begin() as session:
            yield session

    # -- learners -----------------------------------------------------------------
    def _learner(self, session: Session, name: str, create: bool) -> int:
        cached = self._learner_ids.get(name)
        if cached is not None:
            return cached
        found = session.scalar(select(Learner.id).where(Learner.name == name))
        if found is None:
            if not create:
                raise UnknownLearner(f"No learner named {name!r} in {self.where}.")
            learner = Learner(name=name, created_at=datetime.now(UTC))
            session.add(learner)
            session.flush()
            found = learner.id
        self._learner_ids[name] = found
        return found

    def ensure_learner(self, name: str) -> int:
        """The id of a learner, creating them on first use."""
        if name in self._learner_ids:
            return self._learner_ids[name]
        for _ in range(2):  # a concurrent creator may win the race once
            try:
                with self.write() as s:
                    return self._learner(s, name, create=True)
            except IntegrityError:
                self._learner_ids.pop(name, None)
        with self.read() as s:
            return self._learner(s, name, create=False)

    def learners(self) -> list[str]:
        with self.read() as s:
            return list(s.scalars(select(Learner.name).order_by(Learner.name)))

    # -- attempts and cards -------------------------------------------------------
    def record_attempt(
        self, learner: str, attempt: AttemptRow, card: CardRow | None = None
    ) -> AttemptRow:
        """Store one attempt (and the family's new review card) in one transaction."""
        learner_id = self.ensure_learner(learner)
        uid = attempt.uid or new_uid()
        with self.write() as s:
            s.add(
                Attempt(
                    uid=uid,
                    learner_id=learner_id,
                    check_id=attempt.check_id,
                    seed=attempt.seed,
                    answer=attempt.answer,
                    status=attempt.status,
                    misconception=attempt.misconception,
                    feedback=attempt.feedback,
                    hints_used=attempt.hints_used,
                    seconds=attempt.seconds,
                    solution_shown=attempt.solution_shown,
                    at=attempt.at,
                )
            )
            if card is not None:
                self._put_card(s, learner_id, card)
        return AttemptRow(**{**attempt.__dict__, "uid": uid})

    @staticmethod
    def _put_card(s: Session, learner_id: int, card: CardRow) -> None:
        row = s.scalar(
            select(ReviewCard).where(
                ReviewCard.learner_id == learner_id, ReviewCard.check_id == card.check_id
            )
        )
        if row is None:
            row = ReviewCard(learner_id=learner_id, check_id=card.check_id)
            s.add(row)
        row.card, row.due, row.reviews, row.last_review = (
            card.card,
            card.due,
            card.reviews,
            card.last_review,
        )

    def attempts(
        self, learner: str, check_ids: Iterable[str] | None = None, *, limit: int | None = None
    ) -> list[AttemptRow]:
        """Attempts in the order they happened (the newest ``limit`` when given)."""
        with self.read() as s:
            lid = self._learner_or_none(s, learner)
            if lid is None:
                return []
            q = select(Attempt).where(Attempt.learner_id == lid)
            if check_ids is not None:
                q = q.where(Attempt.check_id.in_(list(check_ids)))
            if limit is not None:
                q = q.order_by(Attempt.at.desc(), Attempt.id.desc()).limit(limit)
                return [_attempt_row(a) for a in reversed(list(s.scalars(q)))]
            return [_attempt_row(a) for a in s.scalars(q.order_by(Attempt.at, Attempt.id))]

    def attempts_since(
        self, learner: str, count: int, top: int
    ) -> tuple[int, int, list[AttemptBrief]] | None:
        """What was added since a reader saw ``count`` attempts with largest id ``top``.

        ``None`` when nothing changed (one index-only query, so a cache of the
        history can check it is current on every request); otherwise the
        current count and largest id, and the attempts with an id above
        ``top`` in the order they happened. ``count=top=0`` reads everything.
        Only the small columns are read (no answers or feedback), straight into
        tuples, which costs a fraction of :meth:`attempts`.
        """
        with self.read() as s:
            lid = self._learner_or_none(s, learner)
            if lid is None:
                return None if (count, top) == (0, 0) else (0, 0, [])
            q = select(func.count(), func.max(Attempt.id)).where(Attempt.learner_id == lid)
            now_count, now_top = s.execute(q).one()
            now_count, now_top = int(now_count), int(now_top or 0)
            if (now_count, now_top) == (count, top):
                return None
            rows = s.execute(
                select(
                    Attempt.id,
                    Attempt.check_id,
                    Attempt.seed,
                    Attempt.status,
                    Attempt.hints_used,
                    Attempt.solution_shown,
                    Attempt.at,
                )
                .where(Attempt.learner_id == lid, Attempt.id > top)
                .order_by(Attempt.at, Attempt.id)
            )
            return now_count, now_top, [AttemptBrief(*row) for row in rows]

    def seeds_tried(self, learner: str, check_id: str) -> set[int]:
        with self.read() as s:
            lid = self._learner_or_none(s, learner)
            if lid is None:
                return set()
            q = select(Attempt.seed).where(Attempt.learner_id == lid, Attempt.check_id == check_id)
            return set(s.scalars(q))

    def graded_before(self, learner: str, check_id: str, seed: int) -> bool:
        """Whether this exact variant already had a graded answer (so this one is a retry)."""
        with self.read() as s:
            lid = self._learner_or_none(s, learner)
            if lid is None:
                return False
            q = select(Attempt.id).where(
                Attempt.learner_id == lid,
                Attempt.check_id == check_id,
                Attempt.seed == seed,
                Attempt.status != "unreadable",
            )
            return s.scalar(q.limit(1)) is not None

    def record_hints(
        self, learner: str, check_id: str, seed: int, shown: int, now: datetime
    ) -> None:
        """Remember that ``shown`` hints of this variant were seen (never lowers the count)."""
        lid = self.ensure_learner(learner)
        for _ in range(2):  # a concurrent first view of the same variant may win once
            try:
                with self.write() as s:
                    row = s.scalar(
                        select(HintView).where(
                            HintView.learner_id == lid,
                            HintView.check_id == check_id,
                            HintView.seed == seed,
                        )
                    )
                    if row is None:
                        s.add(
                            HintView(
                                learner_id=lid, check_id=check_id, seed=seed, hints=shown, at=now
                            )
                        )
                    elif shown > row.hints:
                        row.hints, row.at = shown, now
                return
            except IntegrityError:
                continue

    def hints_seen(self, learner: str, check_id: str) -> dict[int, int]:
        """Seed -> hints seen, for every variant of the check whose hints were shown."""
        with self.read() as s:
            lid = self._learner_or_none(s, learner)
            if lid is None:
                return {}
            q = select(HintView.seed, HintView.hints).where(
                HintView.learner_id == lid, HintView.check_id == check_id
            )
            return {seed: hints for seed, hints in s.execute(q)}

    def card(self, learner: str, check_id: str) -> CardRow | None:
        with self.read() as s:
            lid = self._learner_or_none(s, learner)
            if lid is None:
                return None
            row = s.scalar(
                select(ReviewCard).where(
                    ReviewCard.learner_id == lid, ReviewCard.check_id == check_id
                )
            )
            return None if row is None else _card_row(row)

    def cards(self, learner: str, due_by: datetime | None = None) -> list[CardRow]:
        """Review cards, soonest due first; only those due by ``due_by`` when given."""
        with self.read() as s:
            lid = self._learner_or_none(s, learner)
            if lid is None:
                return []
            q = select(ReviewCard).where(ReviewCard.learner_id == lid)
            if due_by is not None:
                q = q.where(ReviewCard.due <= due_by)
            q = q.order_by(ReviewCard.due, ReviewCard.check_id)
            return [_card_row(c) for c in s.scalars(q)]

    # -- marks, ratings, labs -----------------------------------------------------
    def set_lesson(self, learner: str, lesson_id: str, status: str | None, now: datetime) -> None:
        """Mark a lesson (``status`` None clears the mark)."""
        lid = self.ensure_learner(learner)
        with self.write() as s:
            row = s.scalar(
                select(LessonMark).where(
                    LessonMark.learner_id == lid, LessonMark.lesson_id == lesson_id
                )
            )
            if status is None:
                if row is not None:
                    s.delete(row)
                return
            if row is None:
                s.add(
                    LessonMark(learner_id=lid, lesson_id=lesson_id, status=status, updated_at=now)
                )
            else:
                row.status, row.updated_at = status, now

    def lesson_marks(self, learner: str) -> dict[str, str]:
        with self.read() as s:
            lid = self._learner_or_none(s, learner)
            if lid is None:
                return {}
            q = select(LessonMark.lesson_id, LessonMark.status).where(LessonMark.learner_id == lid)
            return {lesson: status for lesson, status in s.execute(q)}

    def set_video(self, learner: str, video_id: str, watched: bool, now: datetime) -> None:
        lid = self.ensure_learner(learner)
        with self.write() as s:
            row = s.scalar(
                select(VideoMark).where(VideoMark.learner_id == lid, VideoMark.video_id == video_id)
            )
            if row is None:
                s.add(VideoMark(learner_id=lid, video_id=video_id, watched=watched, updated_at=now))
            else:
                row.watched, row.updated_at = watched, now

    def videos_watched(self, learner: str) -> set[str]:
        with self.read() as s:
            lid = self._learner_or_none(s, learner)
            if lid is None:
                return set()
            q = select(VideoMark.video_id).where(VideoMark.learner_id == lid, VideoMark.watched)
            return set(s.scalars(q))

    def add_self_rating(
        self, learner: str, check_id: str, seed: int, text: str, rating: int, now: datetime
    ) -> None:
        lid = self.ensure_learner(learner)
        with self.write() as s:
            s.add(
                SelfRating(
                    uid=new_uid(),
                    learner_id=lid,
                    check_id=check_id,
                    seed=seed,
                    text=text,
                    rating=rating,
                    at=now,
                )
            )

    def self_ratings(self, learner: str) -> list[SelfRatingRow]:
        with self.read() as s:
            lid = self._learner_or_none(s, learner)
            if lid is None:
                return []
            q = select(SelfRating).where(SelfRating.learner_id == lid).order_by(SelfRating.at)
            return [
                SelfRatingRow(r.check_id, r.seed, r.text, r.rating, r.at, r.uid)
                for r in s.scalars(q)
            ]

    def add_lab_result(
        self, learner: str, lab_id: str, task_id: str, passed: bool, message: str, now: datetime
    ) -> None:
        lid = self.ensure_learner(learner)
        with self.write() as s:
            s.add(
                LabResult(
                    uid=new_uid(),
                    learner_id=lid,
                    lab_id=lab_id,
                    task_id=task_id,
                    passed=passed,
                    message=message,
                    at=now,
                )
            )

    def lab_results(self, learner: str, lab_id: str | None = None) -> list[LabResultRow]:
        with self.read() as s:
            lid = self._learner_or_none(s, learner)
            if lid is None:
                return []
            q = select(LabResult).where(LabResult.learner_id == lid)
            if lab_id is not None:
                q = q.where(LabResult.lab_id == lab_id)
            q = q.order_by(LabResult.at, LabResult.id)
            return [
                LabResultRow(r.lab_id, r.task_id, r.passed, r.message, r.at, r.uid)
                for r in s.scalars(q)
            ]

    # -- export / import ----------------------------------------------------------
    def export_learner(self, learner: str) -> dict[str, Any]:
        """The learner's whole history as JSON-ready data (see ``exchange``)."""
        from rung.progress import exchange

        return exchange.export_learner(self, learner)

    def import_learner(self, data: Any, learner: str | None = None) -> dict[str, int]:
        """Merge an export into this store; returns how many rows were added."""
        from rung.progress import exchange

        return exchange.import_learner(self, data, learner)

    def _learner_or_none(self, s: Session, name: str) -> int | None:
        try:
            return self._learner(s, name, create=False)
        except UnknownLearner:
            return None


def open_store(url: str | None = None, *, busy_timeout: float | None = None) -> Store:
    """Open (creating and migrating as needed) the progress database.

    ``url`` defaults to ``RUNG_DATABASE_URL``, then to ``rung.db`` in ``RUNG_HOME``
    or the user data directory. ``busy_timeout`` (seconds a writer waits for
    another's lock) defaults to ``RUNG_BUSY_TIMEOUT``, then 10 s. Raises a :class:`StoreError` with a message fit
    for a learner when the file is corrupt, locked too long, or unreachable.
    """
    if busy_timeout is None:
        env = os.environ.get("RUNG_BUSY_TIMEOUT")
        try:
            busy_timeout = float(env) if env else schema.DEFAULT_BUSY_TIMEOUT
        except ValueError:
            raise DatabaseUnavailable(
                f"RUNG_BUSY_TIMEOUT should be a number of seconds, not {env!r}."
            ) from None
    timeout = busy_timeout
    location = schema.resolve(url)
    with _translated(location, timeout):
        engine = schema.make_engine(location, timeout)
        schema.migrate(engine)
    return Store(engine, location, timeout)


@contextmanager
def _translated(location: schema.Location, busy_timeout: float) -> Iterator[None]:
    """Turn a database error into the :class:`StoreError` a learner can act on.

    Errors that :func:`schema.translate` does not recognise pass through
    unchanged; a :class:`StoreError` raised inside passes through as it is.
    """
    try:
        yield
    except StoreError:
        raise
    except SQLAlchemyError as exc:
        mapped = schema.translate(exc, location, busy_timeout)
        if mapped is None:
            raise
        raise mapped from exc
