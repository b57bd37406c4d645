"""`rung lab ...` and `rung data ...`: the documented JSON shapes and the learner's loop."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from rung.cli import main
from rung.labs import get_lab

from .conftest import SHARED_DATA


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_list_json_shape() -> None:
    code, out = _run("lab", "list", "--json")
    assert code == 0
    rows = json.loads(out)
    by_id = {r["id"]: r for r in rows}
    assert by_id["micrograd"]["lesson"] == "calc.backprop"
    assert by_id["micrograd"]["tasks"][:2] == ["value-ops", "value-backward"]
    assert by_id["bigram"]["tasks"] == ["counts", "probs", "sample", "nll", "neural"]


def test_help_and_list_do_not_import_torch() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from rung.cli import main\n"
        "for args in (['--help'], ['lab', 'list', '--json'], ['lab', '--help'], ['data', 'list']):\n"
        "    r = CliRunner().invoke(main, args)\n"
        "    assert r.exit_code == 0, (args, r.output)\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
        "assert 'numpy' not in sys.modules, 'numpy was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_learner_loop_first_task(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """start, fill in the first task with one slip, check says precisely what is wrong."""
    lab = get_lab("micrograd")
    root = tmp_path / "mg"
    code, out = _run("lab", "start", "micrograd", str(root))
    assert code == 0 and "value-ops" in out
    assert (root / ".rung-lab.json").exists() and (root / "STEPS.md").exists()
    # The learner writes value-ops, with __rsub__ the wrong way round.
    solution = (lab.solution_dir / "micrograd/engine.py").read_text(encoding="utf-8")
    (root / "micrograd/engine.py").write_text(
        solution.replace("        return other + (-self)", "        return self - other"),
        encoding="utf-8",
    )
    monkeypatch.chdir(root / "micrograd")  # inside the workspace: no LAB argument needed
    code, out = _run("lab", "check", "--task", "value-ops", "--json")
    report = json.loads(out)
    assert code == 1 and report["lab"] == "micrograd"
    (task,) = report["tasks"]
    assert set(task) >= {"id", "passed", "message"} and task["id"] == "value-ops"
    assert not task["passed"]
    assert "5 - Value(3) differs: yours -2, expected 2 (sign?)" in task["message"]
    code, out = _run("lab", "hint", "--task", "value-ops")
    assert code == 0 and out.startswith("Hint 1/")
    code, out = _run("lab", "hint", "--task", "value-ops")
    assert "Hint 2/" in out
    code, out = _run("lab", "status", "--json")
    status = {r["id"]: r for r in json.loads(out)}
    assert {"id": "value-ops", "passed": False} in status["micrograd"]["tasks"]


def test_solution_and_reset_keep_backups(tmp_path: Path) -> None:
    root = tmp_path / "bg"
    assert _run("lab", "start", "bigram", str(root))[0] == 0
    mine = root / "bigram/counting.py"
    mine.write_text(mine.read_text(encoding="utf-8") + "\n# my notes\n", encoding="utf-8")
    code, out = _run("lab", "solution", "bigram", "--dir", str(root), "--yes")
    assert code == 0
    assert mine.read_bytes() == (get_lab("bigram").solution_dir / "bigram/counting.py").read_bytes()
    backups = list((root / ".rung-backup").rglob("counting.py"))
    assert len(backups) == 1 and "# my notes" in backups[0].read_text(encoding="utf-8")
    code, _ = _run("lab", "reset", "bigram", "--dir", str(root), "--yes")
    assert code == 0
    assert mine.read_bytes() == (get_lab("bigram").starter_dir / "bigram/counting.py").read_bytes()
    assert len(list((root / ".rung-backup").rglob("counting.py"))) == 2


def test_solution_asks_first(tmp_path: Path) -> None:
    root = tmp_path / "bg"
    _run("lab", "start", "bigram", str(root))
    result = CliRunner().invoke(
        main, ["lab", "solution", "bigram", "--dir", str(root)], input="n\n"
    )
    assert result.exit_code == 1  # aborted
    assert (root / "bigram/counting.py").read_bytes() == (
        get_lab("bigram").starter_dir / "bigram/counting.py"
    ).read_bytes()


def test_data_commands() -> None:
    code, out = _run("data", "path", "names")
    assert code == 0 and out.strip() == str(SHARED_DATA / "names.txt")
    code, out = _run("data", "list", "--json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows["tinyshakespeare"]["path"] == str(SHARED_DATA / "tinyshakespeare.txt")
    code, out = _run("data", "path", "names", "--data-dir", "/nonexistent-folder")
    # --data-dir points at a folder without the file; the cache is empty; offline: a clear error.
    assert code == 1 and "RUNG_DATA_DIR" in out and "makemore/master/names.txt" in out


def test_a_damaged_state_file_is_set_aside_not_overwritten(
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("RUNG_HOME", str(home))
    (home / "labs.json").write_text('{"micrograd": {"workspace": "/x", ', encoding="utf-8")
    result = CliRunner().invoke(main, ["lab", "start", "micrograd", str(tmp_path / "mg")])
    assert result.exit_code == 0, result.output
    kept = list(home.glob("labs.json.unreadable-*"))
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8") == '{"micrograd": {"workspace": "/x", '
    assert "not valid JSON" in result.output and kept[0].name in result.output
    fresh = json.loads((home / "labs.json").read_text(encoding="utf-8"))
    assert fresh["micrograd"]["workspace"] == str((tmp_path / "mg").resolve())
    # Once set aside, the next command has nothing to say about it.
    again = CliRunner().invoke(main, ["lab", "status", "--json"])
    assert again.exit_code == 0 and "unreadable" not in again.output


def test_a_state_file_holding_a_list_is_set_aside(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RUNG_HOME", str(tmp_path))
    (tmp_path / "labs.json").write_text("[1, 2]", encoding="utf-8")
    from rung.labs import state

    assert state.load() == {}
    (notice,) = state.take_notices()
    assert "holds a JSON list" in notice
    assert [p.read_text() for p in tmp_path.glob("labs.json.unreadable-*")] == ["[1, 2]"]


def test_reset_backs_up_edited_given_files_too(tmp_path: Path) -> None:
    """forward.py is given complete (not in the starter); a learner's edits to it are
    still copied to .rung-backup before reset puts the original back."""
    root = tmp_path / "nj"
    assert _run("lab", "start", "ninja", str(root))[0] == 0
    given = root / "backprop/forward.py"
    original = given.read_bytes()
    given.write_text(given.read_text(encoding="utf-8") + "\n# my experiment\n", encoding="utf-8")
    code, _ = _run("lab", "reset", "ninja", "--dir", str(root), "--yes")
    assert code == 0
    assert given.read_bytes() == original
    (saved,) = (root / ".rung-backup").rglob("forward.py")
    assert "# my experiment" in saved.read_text(encoding="utf-8")
