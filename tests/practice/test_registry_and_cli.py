"""The registry, coverage of Sequence 01, the import-time contract, and `rung checks`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from rung.cli import main
from rung.curriculum import load_curriculum
from rung.practice import CheckFamily, all_checks, checks_for_lesson, get_check
from rung.practice.registry import LESSON_NUMBERS


def test_get_check_and_unknown_ids() -> None:
    fam = get_check("la.dot.compute")
    assert isinstance(fam, CheckFamily) and fam.lesson == "la.dot"
    with pytest.raises(KeyError):
        get_check("la.nope")


def test_all_checks_sorted_by_lesson_then_id() -> None:
    cur = load_curriculum()
    keys = [(cur.lesson(f.lesson).number, f.id) for f in all_checks()]
    assert keys == sorted(keys)
    assert 25 <= len(keys) <= 60
    assert len({f.id for f in all_checks()}) == len(keys)


def test_families_point_at_real_lessons_rungs_and_exits() -> None:
    cur = load_curriculum()
    for f in all_checks():
        lesson = cur.lesson(f.lesson)
        assert LESSON_NUMBERS[f.lesson] == lesson.number
        for r in f.rungs:
            assert r in cur.rungs, (f.id, r)
        for e in f.exit:
            assert e in cur.exit_criteria, (f.id, e)
        assert f.id.startswith(("la.",)) and f.title


def test_every_rung_and_exit_criterion_of_sequence_01_has_a_check() -> None:
    cur = load_curriculum()
    seq = cur.sequences["01-linear-algebra"]
    covered_rungs = {r for f in all_checks() for r in f.rungs}
    covered_exits = {e for f in all_checks() for e in f.exit}
    assert {r.id for r in seq.rungs} <= covered_rungs
    assert {e.id for e in seq.exit} <= covered_exits


def test_explain_criteria_offer_a_self_rated_explanation() -> None:
    explain_rungs = {"la.r01", "la.r03", "la.r05", "la.r06", "la.r07", "la.r08", "la.r09"}
    offered: set[str] = set()
    for f in all_checks():
        if f.generate(0).explain is not None or f.generate(1).explain is not None:
            offered |= set(f.rungs)
    assert explain_rungs <= offered


def test_checks_for_lesson_by_id_and_number() -> None:
    by_id = checks_for_lesson("la.matmul")
    assert by_id and all(f.lesson == "la.matmul" for f in by_id)
    assert [f.id for f in checks_for_lesson(5)] == [f.id for f in by_id]
    assert [f.id for f in checks_for_lesson("5")] == [f.id for f in by_id]
    assert checks_for_lesson("calc.backprop") == []


def test_importing_the_registry_does_not_import_sympy_or_numpy() -> None:
    code = (
        "import sys, rung.practice as p; p.all_checks(); p.get_check('la.matmul.2x2').generate(1).grade('1');"
        "print('sympy' in sys.modules, 'numpy' in sys.modules, 'torch' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False", "False"]


def test_rung_checks_json() -> None:
    result = CliRunner().invoke(main, ["checks", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows == [{"id": f.id, "lesson": f.lesson, "kind": f.kind} for f in all_checks()]


def test_rung_checks_for_a_lesson() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["checks", "--lesson", "5", "--json"])
    assert result.exit_code == 0
    assert {r["lesson"] for r in json.loads(result.output)} == {"la.matmul"}
    text = runner.invoke(main, ["checks", "--lesson", "la.tensors"])
    assert text.exit_code == 0 and "la.tensors.reshape" in text.output
    empty = runner.invoke(main, ["checks", "--lesson", "calc.backprop"])
    assert empty.exit_code == 0 and "No checks" in empty.output
    bad = runner.invoke(main, ["checks", "--lesson", "999"])
    assert bad.exit_code != 0
