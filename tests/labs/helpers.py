"""Building workspaces in known states: starter, reference, a known-wrong variant."""

from __future__ import annotations

from pathlib import Path

from rung.labs import Lab, WrongVariant, install_solution, start


def solved_workspace(lab: Lab, dest: Path) -> Path:
    w = start(lab, dest)
    install_solution(lab, w.root)
    return w.root


def wrong_workspace(lab: Lab, variant: WrongVariant, dest: Path) -> Path:
    root = solved_workspace(lab, dest)
    target = root / variant.file
    target.write_text(variant.apply(target.read_text(encoding="utf-8")), encoding="utf-8")
    return root
