"""Lab results, and an index for the per-learner, per-check attempt lookups.

Every question asked (fresh seed, mastery streak, first try or retry) reads the
attempts of one learner on a few check ids; without the composite index those
reads scan the whole table once a cohort server has a few hundred thousand rows.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lab_results",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(32), nullable=False, unique=True),
        sa.Column(
            "learner_id",
            sa.Integer,
            sa.ForeignKey("learners.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("lab_id", sa.String(200), nullable=False),
        sa.Column("task_id", sa.String(200), nullable=False),
        sa.Column("passed", sa.Boolean, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_lab_results_learner_lab", "lab_results", ["learner_id", "lab_id"])
    op.create_index("ix_attempts_learner_check", "attempts", ["learner_id", "check_id"])


def downgrade() -> None:
    op.drop_index("ix_attempts_learner_check", table_name="attempts")
    op.drop_table("lab_results")
