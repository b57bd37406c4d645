"""Every lab in the manifest is whole: ids agree across lab.yaml, stubs, tests, steps, hints."""

from __future__ import annotations

import re

import pytest

from rung.labs import all_labs
from rung.labs.model import Lab

LABS = all_labs()


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.id)
def test_stub_markers_name_real_tasks_and_cover_them(lab: Lab) -> None:
    found: set[str] = set()
    for rel in lab.code_files("starter"):
        text = (lab.starter_dir / rel).read_text(encoding="utf-8")
        for task in re.findall(r"# TASK ([\w-]+)", text):
            assert task in lab.task_ids, f"{lab.id}/starter/{rel}: '# TASK {task}' is not a task"
            found.add(task)
    assert found == set(lab.task_ids), (
        f"{lab.id}: tasks without a stub: {set(lab.task_ids) - found}"
    )


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.id)
def test_every_task_has_tests_hints_and_a_steps_section(lab: Lab) -> None:
    marked: set[str] = set()
    for rel in lab.test_files():
        marked |= set(
            re.findall(
                r"mark\.task\(\"([\w-]+)\"\)", (lab.tests_dir / rel).read_text(encoding="utf-8")
            )
        )
    assert marked == set(lab.task_ids), (
        f"{lab.id}: markers {sorted(marked)} vs tasks {list(lab.task_ids)}"
    )
    hints = lab.hints()
    steps = lab.steps_path.read_text(encoding="utf-8")
    sections = re.findall(r"^## .*$", steps, flags=re.M)
    for task in lab.task_ids:
        assert hints.get(task), f"{lab.id}: no hints for {task}"
        assert any(f"`{task}`" in s for s in sections), (
            f"{lab.id}/steps.md: no ## section for `{task}`"
        )
    assert lab.lesson in steps or lab.lesson in lab.lessons


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.id)
def test_starter_and_solution_have_the_same_files(lab: Lab) -> None:
    """Every solution file reaches the workspace once: from the starter, or given
    complete from the lab's own solution (never both)."""
    starter = set(lab.code_files("starter"))
    own_given = {dest for src_lab, _path, dest in lab.given if src_lab == lab.id}
    assert not starter & own_given, f"{lab.id}: given files also in starter/"
    assert sorted(starter | own_given) == lab.code_files("solution")


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.id)
def test_at_least_three_wrong_variants_that_apply(lab: Lab) -> None:
    variants = lab.wrong_variants()
    assert len(variants) >= 3, f"{lab.id}: only {len(variants)} known-wrong variants"
    for v in variants:
        text = (lab.solution_dir / v.file).read_text(encoding="utf-8")
        assert v.apply(text) != text
        assert set(v.fails) <= set(lab.task_ids), f"{lab.id}/wrong/{v.id}: unknown task in fails"


def test_lab_ids_are_unique() -> None:
    ids = [lab.id for lab in LABS]
    assert len(ids) == len(set(ids))
