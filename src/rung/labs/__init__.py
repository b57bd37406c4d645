"""Labs: build it from scratch, checked against a trusted reference.

A lab is a folder (steps, starter, tests, solution, hints, known-wrong variants)
listed in ``manifest.yaml``. This package starts workspaces, checks them in a
sandbox, and serves hints and solutions. See ``README.md`` for adding a lab.
torch is never imported here: only the lab tests import it, in the check process.
"""

from __future__ import annotations

from rung.labs.model import Lab, LabError, Task, WrongVariant, all_labs, get_lab
from rung.labs.runner import CheckReport, TaskResult, check
from rung.labs.sandbox import Limits
from rung.labs.workspace import Workspace, WorkspaceError, find, install_solution, reset, start

__all__ = [
    "CheckReport",
    "Lab",
    "LabError",
    "Limits",
    "Task",
    "TaskResult",
    "Workspace",
    "WorkspaceError",
    "WrongVariant",
    "all_labs",
    "check",
    "find",
    "get_lab",
    "install_solution",
    "reset",
    "start",
]
