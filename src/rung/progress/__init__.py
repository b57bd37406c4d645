"""Progress: the store (SQLAlchemy 2 + Alembic), FSRS review and mastery rules.

``open_store()`` opens the database; :class:`rung.progress.service.Tutor` ties
the store to the curriculum and the practice checks for the faces.
"""

from rung.progress.errors import (
    CorruptDatabase,
    DatabaseLocked,
    DatabaseUnavailable,
    ImportFormatError,
    StoreError,
)
from rung.progress.store import AttemptRow, CardRow, Store, open_store

__all__ = [
    "AttemptRow",
    "CardRow",
    "CorruptDatabase",
    "DatabaseLocked",
    "DatabaseUnavailable",
    "ImportFormatError",
    "Store",
    "StoreError",
    "open_store",
]
