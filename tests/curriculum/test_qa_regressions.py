"""Regressions found by trying the reading and author commands as a new user would."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from rung.cli import main
from tests.conftest import SEEDS


def run(*args: str):  # noqa: ANN201 - click's Result
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_plan_rejects_nan_hours() -> None:
    """`rung plan --hours-per-week nan` slipped past the range check into a ValueError."""
    r = run("plan", "--hours-per-week", "nan")
    assert r.exit_code == 1
    assert "--hours-per-week must be more than 0 and at most 120, not nan" in r.output


def test_plan_ics_into_a_missing_folder_is_a_message(tmp_path: Path) -> None:
    """`rung plan --ics /no/such/dir/y.ics` was a FileNotFoundError traceback."""
    target = tmp_path / "no" / "such" / "y.ics"
    r = run("plan", "--start", "2027-01-04", "--ics", str(target))
    assert r.exit_code == 1
    assert f"cannot write {target}" in r.output
    assert not target.exists()


def test_import_index_refuses_a_file_that_is_not_an_index_page(tmp_path: Path) -> None:
    """Any text used to "have no differences", and every video was listed as missing."""
    page = tmp_path / "notes.md"
    page.write_text("Build intuition first.\n\nChapter 1: what is a network?\n", encoding="utf-8")
    r = run("import-index", str(page))
    assert r.exit_code == 1
    assert "not an index page" in r.output
    assert "No differences" not in r.output


def test_import_index_still_reads_a_real_page() -> None:
    (older,) = SEEDS.glob("000_*.txt")
    r = run("import-index", str(older))
    assert r.exit_code == 0, r.output
    assert "renumbered" in r.output
