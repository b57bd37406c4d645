"""Regressions found by trying `rung lab ...` as a new learner would (no sandbox runs)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from rung.cli import main
from rung.labs import get_lab, state


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_hint_without_task_gives_the_first_task_not_yet_passing(tmp_path: Path) -> None:
    """`rung lab hint` in a workspace was a usage error ("Missing option '--task'")."""
    lab = get_lab("micrograd")
    root = tmp_path / "mg"
    assert _run("lab", "start", "micrograd", str(root))[0] == 0
    first, second = lab.task_ids[:2]
    hints = lab.hints()

    code, out = _run("lab", "hint", "--dir", str(root))
    assert code == 0, out
    assert f"Task {first}:" in out and hints[first][0] in out

    stamp = datetime(2025, 3, 1, tzinfo=UTC)
    state.record_check(lab.id, str(root), {first: True}, stamp)
    code, out = _run("lab", "hint", "--dir", str(root))
    assert code == 0, out
    assert f"Task {second}:" in out and hints[second][0] in out

    state.record_check(lab.id, str(root), dict.fromkeys(lab.task_ids, True), stamp)
    code, out = _run("lab", "hint", "--dir", str(root))
    assert code == 2
    assert "passed at the last check; name one with --task" in out


def test_start_on_an_existing_workspace_says_the_code_is_kept(tmp_path: Path) -> None:
    """A second `rung lab start` printed "fill in the first task" over finished work."""
    root = tmp_path / "mg"
    assert _run("lab", "start", "micrograd", str(root))[0] == 0
    engine = root / "micrograd" / "engine.py"
    engine.write_text("# my own work\n", encoding="utf-8")
    code, out = _run("lab", "start", "micrograd", str(root))
    assert code == 0, out
    assert "already a micrograd workspace: your code is kept" in out
    assert "fill in the first task" not in out
    assert engine.read_text(encoding="utf-8") == "# my own work\n"


def test_a_data_folder_reached_through_a_symlink_works_in_the_sandbox(
    tmp_path: Path, monkeypatch
) -> None:  # noqa: ANN001
    """CI found it: with RUNG_DATA_DIR behind a symlink every bigram task failed with
    FileNotFoundError inside the sandbox, which binds only the paths it is given."""
    import os

    from rung.labs import check, install_solution, start

    link = tmp_path / "linked-data"
    link.symlink_to(Path(os.environ["RUNG_DATA_DIR"]).resolve(), target_is_directory=True)
    monkeypatch.setenv("RUNG_DATA_DIR", str(link))
    lab = get_lab("bigram")
    ws = start(lab, tmp_path / "ws")
    install_solution(lab, ws.root)
    report = check(lab, ws.root, ["counts"], record=False)
    assert [t.passed for t in report.tasks] == [True], report.tasks[0].message
