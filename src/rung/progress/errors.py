"""Errors the store raises, each with a message a learner can act on.

The faces (CLI, web, notebook) print ``str(error)`` and stop: the messages say
which file is involved and what to do, so nobody needs a traceback to recover.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base class: something about the progress database stops us."""


class CorruptDatabase(StoreError):
    """The database file exists but is not a readable rung database."""

    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        super().__init__(
            f"The progress database {path} is damaged or is not a rung database ({detail}). "
            f"Move it aside (for example: mv '{path}' '{path}.broken') and run rung again to "
            "start a fresh one; then bring your history back with `rung import FILE` from "
            "your latest `rung export`."
        )


class DatabaseLocked(StoreError):
    """Another process kept the database locked for longer than we wait."""

    def __init__(self, where: str, waited: float) -> None:
        self.where = where
        super().__init__(
            f"The progress database {where} stayed locked by another program for "
            f"{waited:g} s. Another rung (or a tool holding the file open) is writing to it: "
            "finish or close that, then try again."
        )


class DatabaseUnavailable(StoreError):
    """The database cannot be opened or reached at all."""


class ImportFormatError(StoreError):
    """An export file cannot be imported; the message names the problem."""


class UnknownLearner(StoreError):
    """A learner name that the store has never seen."""
