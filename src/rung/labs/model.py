"""Labs as data: the manifest, each lab's ``lab.yaml``, its hints and known-wrong variants.

A lab is a folder; this module reads it into frozen dataclasses and checks that it is
whole (every task has tests and hints, every wrong variant names a real file and a
text that occurs once), so that a broken lab fails loudly at load, not in front of a
learner.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

LABS_DIR = Path(__file__).resolve().parent


class LabError(ValueError):
    """A lab folder is incomplete or inconsistent; the message names the file."""


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    files: tuple[str, ...]  # workspace files that hold this task's stubs


@dataclass(frozen=True)
class WrongVariant:
    """A known-wrong edit of the reference solution that the tests must catch."""

    id: str
    why: str
    file: str  # path inside solution/
    old: str  # text that occurs exactly once in that file
    new: str  # what it becomes
    fails: tuple[str, ...]  # task ids that must fail with this edit

    def apply(self, text: str) -> str:
        if text.count(self.old) != 1:
            raise LabError(
                f"wrong variant {self.id!r}: its 'old' text occurs {text.count(self.old)} "
                f"times in {self.file}, not once"
            )
        return text.replace(self.old, self.new)


@dataclass(frozen=True)
class Lab:
    id: str
    title: str
    lesson: str
    lessons: tuple[str, ...]
    videos: tuple[str, ...]
    data: tuple[str, ...]
    tasks: tuple[Task, ...]
    root: Path
    wall_s: float
    test_timeout_s: float
    # Finished code, copied into the workspace with the starter and the solution: from
    # an earlier lab this one builds on, or files of this lab's own solution that the
    # learner gets complete (one copy, not two): (lab id, file or folder under its
    # solution/, where it goes in the workspace).
    given: tuple[tuple[str, str, str], ...] = ()

    @property
    def steps_path(self) -> Path:
        return self.root / "steps.md"

    @property
    def starter_dir(self) -> Path:
        return self.root / "starter"

    @property
    def solution_dir(self) -> Path:
        return self.root / "solution"

    @property
    def tests_dir(self) -> Path:
        return self.root / "tests"

    def given_sources(self) -> list[tuple[Path, str]]:
        """Where each piece of given code lives, and where it goes in a workspace."""
        return [
            (self.root.parent / lab / "solution" / path, dest) for lab, path, dest in self.given
        ]

    @property
    def task_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.tasks)

    def task(self, task_id: str) -> Task:
        for t in self.tasks:
            if t.id == task_id:
                return t
        raise KeyError(
            f"lab {self.id!r} has no task {task_id!r}; tasks: {', '.join(self.task_ids)}"
        )

    def hints(self) -> dict[str, list[str]]:
        data = yaml.safe_load((self.root / "hints.yaml").read_text(encoding="utf-8")) or {}
        return {str(k): [str(h) for h in v] for k, v in data.items()}

    def wrong_variants(self) -> list[WrongVariant]:
        out = []
        for file in sorted((self.root / "wrong").glob("*.yaml")):
            d = yaml.safe_load(file.read_text(encoding="utf-8"))
            out.append(
                WrongVariant(
                    id=file.stem,
                    why=str(d["why"]),
                    file=str(d["file"]),
                    old=str(d["old"]),
                    new=str(d["new"]),
                    fails=tuple(d["fails"]),
                )
            )
        return out

    def code_files(self, which: str = "solution") -> list[str]:
        """Relative paths of the files a learner edits (same set in starter and solution)."""
        base = self.root / which
        return sorted(
            p.relative_to(base).as_posix()
            for p in base.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        )

    def test_files(self) -> list[str]:
        return sorted(
            p.relative_to(self.tests_dir).as_posix()
            for p in self.tests_dir.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc")
        )


def _load(lab_dir: Path) -> Lab:
    meta_file = lab_dir / "lab.yaml"
    if not meta_file.is_file():
        raise LabError(f"{meta_file}: missing")
    d = yaml.safe_load(meta_file.read_text(encoding="utf-8"))
    try:
        tasks = tuple(
            Task(id=str(t["id"]), title=str(t["title"]), files=tuple(t.get("files", ())))
            for t in d["tasks"]
        )
        lab = Lab(
            id=str(d["id"]),
            title=str(d["title"]),
            lesson=str(d["lesson"]),
            lessons=tuple(d.get("lessons", [d["lesson"]])),
            videos=tuple(d.get("videos", ())),
            data=tuple(d.get("data", ())),
            tasks=tasks,
            root=lab_dir,
            wall_s=float(d.get("wall_s", 120)),
            test_timeout_s=float(d.get("test_timeout_s", 20)),
            given=tuple(
                (str(g["lab"]), str(g["path"]), str(g.get("as", g["path"])))
                for g in d.get("given", ())
            ),
        )
    except KeyError as exc:
        raise LabError(f"{meta_file}: missing field {exc}") from None
    if lab.id != lab_dir.name:
        raise LabError(f"{meta_file}: id {lab.id!r} differs from the folder name")
    for sub in ("starter", "solution", "tests"):
        if not (lab_dir / sub).is_dir():
            raise LabError(f"{lab_dir / sub}: missing")
    for name in ("steps.md", "hints.yaml"):
        if not (lab_dir / name).is_file():
            raise LabError(f"{lab_dir / name}: missing")
    for src, _ in lab.given_sources():
        if not src.exists():
            raise LabError(f"{meta_file}: given code {src} is missing")
    return lab


@cache
def all_labs() -> tuple[Lab, ...]:
    """Every lab in manifest order."""
    manifest = yaml.safe_load((LABS_DIR / "manifest.yaml").read_text(encoding="utf-8"))
    return tuple(_load(LABS_DIR / name) for name in manifest["labs"])


def get_lab(lab_id: str) -> Lab:
    for lab in all_labs():
        if lab.id == lab_id:
            return lab
    known = ", ".join(lab.id for lab in all_labs())
    raise KeyError(f"no lab {lab_id!r}; labs: {known}")
