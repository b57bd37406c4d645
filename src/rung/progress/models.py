"""The tables of the progress store, as typed SQLAlchemy 2 models.

Rung mastery, lesson completion and the "next step" are *derived* from the
attempts rather than stored, so there is one source of truth and no state to
repair when the rules change. The only derived state we keep is the FSRS card
of each check family, because replaying a whole history through the scheduler
on every question would be wasteful.

Every row that a learner's history is made of carries a ``uid`` (random hex),
so that importing the same export twice, or into another machine, never
duplicates it. The Alembic migrations in ``migrations/versions`` create these
tables; a test checks that the migrated schema matches this metadata.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend.

    SQLite has no timezone type and hands back naive values; PostgreSQL keeps
    the zone. We store UTC and always return aware UTC datetimes, so that
    comparisons with ``now`` never mix naive and aware values.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("rung stores only timezone-aware datetimes")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime()}


class Learner(Base):
    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime]


class Attempt(Base):
    """One answer to one variant (check id + seed) of a check family."""

    __tablename__ = "attempts"
    __table_args__ = (Index("ix_attempts_learner_check", "learner_id", "check_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    check_id: Mapped[str] = mapped_column(String(200))
    seed: Mapped[int] = mapped_column(BigInteger)
    answer: Mapped[str] = mapped_column(Text)
    # correct | wrong | unreadable | revealed (solution shown without an answer)
    status: Mapped[str] = mapped_column(String(20))
    misconception: Mapped[str | None] = mapped_column(String(100))
    feedback: Mapped[str] = mapped_column(Text, default="")
    hints_used: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    solution_shown: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[datetime] = mapped_column(index=True)


class ReviewCard(Base):
    """The FSRS state of one check family for one learner."""

    __tablename__ = "review_cards"
    __table_args__ = (UniqueConstraint("learner_id", "check_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    check_id: Mapped[str] = mapped_column(String(200))
    card: Mapped[str] = mapped_column(Text)  # fsrs.Card.to_json()
    due: Mapped[datetime] = mapped_column(index=True)
    reviews: Mapped[int] = mapped_column(Integer, default=0)
    last_review: Mapped[datetime | None]


class LessonMark(Base):
    """What the learner said about a lesson ("done", "started")."""

    __tablename__ = "lesson_status"
    __table_args__ = (UniqueConstraint("learner_id", "lesson_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    lesson_id: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    updated_at: Mapped[datetime]


class VideoMark(Base):
    __tablename__ = "video_status"
    __table_args__ = (UniqueConstraint("learner_id", "video_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    video_id: Mapped[str] = mapped_column(String(200))
    watched: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime]


class SelfRating(Base):
    """A written explanation and the learner's own rating of it; never graded."""

    __tablename__ = "self_ratings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    check_id: Mapped[str] = mapped_column(String(200))
    seed: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text)
    rating: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime]


class LabResult(Base):
    """One run of one lab task's tests (added by migration 0002)."""

    __tablename__ = "lab_results"
    __table_args__ = (Index("ix_lab_results_learner_lab", "learner_id", "lab_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    lab_id: Mapped[str] = mapped_column(String(200))
    task_id: Mapped[str] = mapped_column(String(200))
    passed: Mapped[bool] = mapped_column(Boolean)
    message: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime]


class HintView(Base):
    """How many hints of one variant a learner has seen (added by migration 0003).

    Kept apart from attempts: seeing a hint is not an answer, but an answer to the
    same variant later must count those hints even if the page was reloaded.
    """

    __tablename__ = "hint_views"
    __table_args__ = (
        UniqueConstraint("learner_id", "check_id", "seed", name="uq_hint_views_variant"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    check_id: Mapped[str] = mapped_column(String(200))
    seed: Mapped[int] = mapped_column(BigInteger)
    hints: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime]
