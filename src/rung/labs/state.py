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


_notices: list[str] = []
_damaged: set[Path] = set()  # damaged files that could not be moved aside


def take_notices() -> list[str]:
    """Messages for the learner about the state file (a damaged file set aside), once."""
    out = list(_notices)
    _notices.clear()
    return out


def load() -> dict[str, Any]:
    """The recorded state; ``{}`` when there is none yet.

    A file that exists but cannot be parsed is never overwritten: it is renamed to
    ``labs.json.unreadable-<time>`` (so nothing in it is lost) and a notice says so.
    """
    path = home() / STATE_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        return _set_aside(path, f"it could not be read: {exc}")
    try:
        data = json.loads(text)
    except ValueError as exc:
        return _set_aside(path, f"it is not valid JSON: {exc}")
    if not isinstance(data, dict):
        return _set_aside(path, f"it holds a JSON {type(data).__name__}, not an object")
    return data


def _set_aside(path: Path, why: str) -> dict[str, Any]:
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{STATE_FILE}.unreadable-{stamp}")
    try:
        os.replace(path, aside)
    except OSError as exc:
        _damaged.add(path)  # never save over it
        _notices.append(
            f"{path}: {why}; it could not be moved aside either ({exc}), so lab status "
            "is not saved until the file is fixed or removed. Your workspaces are untouched."
        )
        return {}
    _notices.append(
        f"{path}: {why}. It was kept as {aside.name} beside it and lab status starts "
        "afresh; your workspaces and their code are untouched."
    )
    return {}


def _save(data: dict[str, Any]) -> None:
    folder = home()
    if folder / STATE_FILE in _damaged:
        return
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
