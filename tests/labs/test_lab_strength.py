"""Like rustlings' CI, and one step further: for each lab, through the real runner and
sandbox, the starter fails every task, the reference passes every task, and every
known-wrong variant fails the tasks it should."""

from __future__ import annotations

from pathlib import Path

import pytest

from rung.labs import Lab, all_labs, check, start

from .helpers import solved_workspace, wrong_workspace

LABS = all_labs()
VARIANTS = [(lab, v) for lab in LABS for v in lab.wrong_variants()]


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.id)
def test_starter_fails_every_task(lab: Lab, tmp_path: Path) -> None:
    w = start(lab, tmp_path / "ws")
    report = check(lab, w.root, record=False)
    passing = [t.id for t in report.tasks if t.passed]
    assert not passing, f"{lab.id}: the starter already passes {passing}"
    assert [t.id for t in report.tasks] == list(lab.task_ids)
    for t in report.tasks:
        assert "NotImplementedError" in t.message or "not written yet" in t.message, t.message


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.id)
def test_reference_passes_every_task(lab: Lab, tmp_path: Path) -> None:
    root = solved_workspace(lab, tmp_path / "ws")
    report = check(lab, root, record=False)
    failing = {t.id: t.message for t in report.tasks if not t.passed}
    assert not failing, f"{lab.id}: the reference fails {failing}"


@pytest.mark.parametrize("lab,variant", VARIANTS, ids=[f"{lab.id}-{v.id}" for lab, v in VARIANTS])
def test_wrong_variant_fails(lab: Lab, variant, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = wrong_workspace(lab, variant, tmp_path / "ws")
    report = check(lab, root, list(variant.fails), record=False)
    passing = [t.id for t in report.tasks if t.passed]
    assert not passing, f"{lab.id}/wrong/{variant.id} ({variant.why}) still passes {passing}"
    for t in report.tasks:
        assert t.message and "no test ran" not in t.message, t.message
