"""A learner's workspace: start it, find it, reset it, put the solution in, keep backups.

A workspace is an ordinary folder the learner owns::

    micrograd-lab/
      .rung-lab.json      which lab this is (so `rung lab check` needs no argument)
      STEPS.md            the steps page
      pytest.ini          lets plain `pytest --task value-ops` work here
      micrograd/...       the starter code: the learner's to edit
      tests/...           the lab's tests, copied read-only

Nothing here ever deletes learner work without a copy: reset and solution first move
the current files into ``.rung-backup/<time>/``.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rung.labs.model import Lab, get_lab

MARKER = ".rung-lab.json"
BACKUP_DIR = ".rung-backup"
PYTEST_INI = """\
# Written by `rung lab start`: run `pytest` here, or `pytest --task ID` for one task.
[pytest]
testpaths = tests
pythonpath = .
addopts = -p rung.labs.pytest_plugin -p no:cacheprovider --strict-markers -q
"""


@dataclass(frozen=True)
class Workspace:
    lab: Lab
    root: Path


class WorkspaceError(RuntimeError):
    """A folder is not a workspace, or is not one that can be written to as asked."""


def _copy_tree(src: Path, dest: Path, read_only: bool = False) -> list[Path]:
    written = []
    for file in sorted(src.rglob("*")):
        if not file.is_file() or "__pycache__" in file.parts:
            continue
        target = dest / file.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.chmod(target.stat().st_mode | stat.S_IWUSR)
        shutil.copyfile(file, target)
        if read_only:
            target.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        written.append(target)
    return written


def _copy_given(lab: Lab, root: Path) -> None:
    """Finished code from an earlier lab (e.g. the GPT for the LoRA lab), kept in one place."""
    for src, rel in lab.given_sources():
        if src.is_file():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, root / rel)
        else:
            _copy_tree(src, root / rel)


def default_dir(lab: Lab) -> Path:
    return Path.cwd() / f"{lab.id}-lab"


def start(lab: Lab, dest: Path | None = None) -> Workspace:
    """Create a workspace with the starter code; refuses a folder that already has files
    other than a workspace of the same lab (then it only refreshes the tests)."""
    root = Path(dest) if dest is not None else default_dir(lab)
    if root.exists() and any(root.iterdir()):
        existing = read_marker(root)
        if existing != lab.id:
            raise WorkspaceError(
                f"{root} is not empty and is not a {lab.id} workspace; choose another folder"
            )
        restore_tests(lab, root)
        return Workspace(lab, root)
    root.mkdir(parents=True, exist_ok=True)
    _copy_tree(lab.starter_dir, root)
    _copy_given(lab, root)
    _copy_tree(lab.tests_dir, root / "tests", read_only=True)
    shutil.copyfile(lab.steps_path, root / "STEPS.md")
    (root / "pytest.ini").write_text(PYTEST_INI, encoding="utf-8")
    (root / MARKER).write_text(
        json.dumps({"lab": lab.id, "created": datetime.now(UTC).isoformat()}, indent=2) + "\n",
        encoding="utf-8",
    )
    return Workspace(lab, root)


def read_marker(root: Path) -> str | None:
    try:
        return str(json.loads((root / MARKER).read_text(encoding="utf-8"))["lab"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def find(start_dir: Path | None = None) -> Workspace | None:
    """The workspace containing ``start_dir`` (or the current folder), if any."""
    here = Path(start_dir or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        lab_id = read_marker(folder)
        if lab_id is not None:
            try:
                return Workspace(get_lab(lab_id), folder)
            except KeyError:
                return None
    return None


def changed_tests(lab: Lab, root: Path) -> list[str]:
    """How the workspace's copy of the tests differs from the lab's: one line per file."""
    notes = []
    pristine = lab.test_files()
    for rel in pristine:
        mine = root / "tests" / rel
        if not mine.exists():
            notes.append(f"tests/{rel} was deleted")
        elif mine.read_bytes() != (lab.tests_dir / rel).read_bytes():
            notes.append(f"tests/{rel} was edited")
    return notes


def restore_tests(lab: Lab, root: Path) -> list[str]:
    """Put pristine, read-only tests back; returns what was changed before."""
    changes = changed_tests(lab, root)
    if changes:
        _copy_tree(lab.tests_dir, root / "tests", read_only=True)
    return changes


def learner_files(lab: Lab, root: Path) -> list[Path]:
    """The code files of the workspace, where they exist: those the starter ships and the
    given ones (a learner may have edited those too, so they are backed up alike)."""
    files = [root / rel for rel in lab.code_files("starter")]
    for _src, rel in lab.given_sources():
        target = root / rel
        if target.is_dir():
            files += sorted(
                p for p in target.rglob("*") if p.is_file() and "__pycache__" not in p.parts
            )
        else:
            files.append(target)
    return [f for f in dict.fromkeys(files) if f.exists()]


def backup(lab: Lab, root: Path, now: datetime | None = None) -> Path | None:
    """Copy the learner's files to ``.rung-backup/<time>/``; returns that folder."""
    files = learner_files(lab, root)
    if not files:
        return None
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    dest = root / BACKUP_DIR / stamp
    for file in files:
        target = dest / file.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(file, target)
    return dest


def _install(lab: Lab, root: Path, source: Path) -> Path | None:
    if read_marker(root) != lab.id:
        raise WorkspaceError(f"{root} is not a {lab.id} workspace (no {MARKER} for it)")
    saved = backup(lab, root)
    _copy_tree(source, root)
    _copy_given(lab, root)
    restore_tests(lab, root)
    return saved


def install_solution(lab: Lab, root: Path) -> Path | None:
    """Write the reference solution over the learner's files, after a backup."""
    return _install(lab, root, lab.solution_dir)


def reset(lab: Lab, root: Path) -> Path | None:
    """Put the starter code back, after a backup."""
    return _install(lab, root, lab.starter_dir)


def snapshot(root: Path, dest: Path, max_bytes: int = 20 * 2**20) -> None:
    """Copy the learner's code (not tests, not dot-folders) to ``dest`` for a check."""
    for dirpath, dirs, files in os.walk(root):
        rel_dir = Path(dirpath).relative_to(root)
        dirs[:] = [
            d
            for d in dirs
            if not d.startswith(".")
            and d != "__pycache__"
            and not (rel_dir == Path(".") and d == "tests")
        ]
        for name in files:
            src = Path(dirpath) / name
            if name.startswith(".") or name == "pytest.ini" or src.stat().st_size > max_bytes:
                continue
            target = dest / rel_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
