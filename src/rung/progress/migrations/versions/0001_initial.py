"""The initial schema: learners, attempts, review cards, lesson and video marks,
self ratings.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def _learner_fk() -> sa.Column:
    return sa.Column(
        "learner_id", sa.Integer, sa.ForeignKey("learners.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "learners",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(32), nullable=False, unique=True),
        _learner_fk(),
        sa.Column("check_id", sa.String(200), nullable=False),
        sa.Column("seed", sa.BigInteger, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("misconception", sa.String(100), nullable=True),
        sa.Column("feedback", sa.Text, nullable=False),
        sa.Column("hints_used", sa.Integer, nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("solution_shown", sa.Boolean, nullable=False),
        sa.Column("at", TS, nullable=False),
    )
    op.create_index("ix_attempts_at", "attempts", ["at"])
    op.create_table(
        "review_cards",
        sa.Column("id", sa.Integer, primary_key=True),
        _learner_fk(),
        sa.Column("check_id", sa.String(200), nullable=False),
        sa.Column("card", sa.Text, nullable=False),
        sa.Column("due", TS, nullable=False),
        sa.Column("reviews", sa.Integer, nullable=False),
        sa.Column("last_review", TS, nullable=True),
        sa.UniqueConstraint("learner_id", "check_id"),
    )
    op.create_index("ix_review_cards_due", "review_cards", ["due"])
    op.create_table(
        "lesson_status",
        sa.Column("id", sa.Integer, primary_key=True),
        _learner_fk(),
        sa.Column("lesson_id", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("learner_id", "lesson_id"),
    )
    op.create_table(
        "video_status",
        sa.Column("id", sa.Integer, primary_key=True),
        _learner_fk(),
        sa.Column("video_id", sa.String(200), nullable=False),
        sa.Column("watched", sa.Boolean, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("learner_id", "video_id"),
    )
    op.create_table(
        "self_ratings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(32), nullable=False, unique=True),
        _learner_fk(),
        sa.Column("check_id", sa.String(200), nullable=False),
        sa.Column("seed", sa.BigInteger, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("at", TS, nullable=False),
    )


def downgrade() -> None:
    for table in ("self_ratings", "video_status", "lesson_status", "review_cards", "attempts"):
        op.drop_table(table)
    op.drop_table("learners")
