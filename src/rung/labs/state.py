"""Where the learner's labs are and how their last check went: one small JSON file.

``rung lab status`` reads this. It lives beside the progress store (``RUNG_HOME`` or
the user data folder) but needs no database, so labs work before or without one.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

STATE_FILE = "labs.json"


def home() -> Path:
    env = os.environ.get("RUNG_HOME")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("rung"))


def load() -> dict[str, Any]:
    try:
        data = json.loads((home() / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(data: dict[str, Any]) -> None:
    folder = home()
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / (STATE_FILE + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, folder / STATE_FILE)


def record_start(lab_id: str, workspace: str, now: datetime) -> None:
    data = load()
    entry = data.setdefault(lab_id, {})
    entry.update(workspace=workspace, started=now.isoformat())
    _save(data)


def record_check(lab_id: str, workspace: str, tasks: dict[str, bool], now: datetime) -> None:
    data = load()
    entry = data.setdefault(lab_id, {})
    entry["workspace"] = workspace
    entry["checked"] = now.isoformat()
    entry.setdefault("tasks", {}).update(tasks)
    _save(data)


def hints_seen(lab_id: str, task_id: str) -> int:
    return int(load().get(lab_id, {}).get("hints", {}).get(task_id, 0))


def record_hints(lab_id: str, task_id: str, seen: int) -> None:
    """Remember how many hints of a task were shown, so the next call shows one more."""
    data = load()
    data.setdefault(lab_id, {}).setdefault("hints", {})[task_id] = seen
    _save(data)
