"""A check survives what learner code can do: loop, eat memory, fork, not parse, or
delete its tests. Each gives a clear per-task result, never a hang or a traceback."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from rung.labs import Limits, check, get_lab
from rung.labs.sandbox import run_sandboxed

from .helpers import solved_workspace

LAB = get_lab("micrograd")
ENGINE = "micrograd/engine.py"


def _edit(root: Path, old: str, new: str, file: str = ENGINE) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_infinite_loop_is_named(tmp_path: Path) -> None:
    root = solved_workspace(LAB, tmp_path / "ws")
    _edit(
        root,
        "        for node in reversed(topo):",
        "        while True:\n            pass\n        for node in reversed(topo):",
    )
    lab = replace(LAB, test_timeout_s=2)
    (result,) = check(lab, root, ["value-backward"], record=False).tasks
    assert not result.passed
    assert result.message.startswith(
        "timed out after 2 s — look for an infinite loop in Value.backward (micrograd/engine.py:"
    )


def test_memory_bomb_fails_with_a_memory_message(tmp_path: Path) -> None:
    root = solved_workspace(LAB, tmp_path / "ws")
    _edit(
        root,
        '        out = Value(self.data + other.data, (self, other), "+")',
        "        hog = [bytes(2**28) for _ in range(200)]  # 50 GiB, far past any limit\n"
        '        out = Value(self.data + other.data + len(hog), (self, other), "+")',
    )
    report = check(LAB, root, ["value-ops"], limits=Limits(memory_bytes=2 * 2**30), record=False)
    (result,) = report.tasks
    assert not result.passed
    assert "ran out of memory (2.0 GiB of address space) in Value.__add__" in result.message
    assert any("RLIMIT_AS" in line for line in report.sandbox)


def test_fork_bomb_is_stopped(tmp_path: Path) -> None:
    root = solved_workspace(LAB, tmp_path / "ws")
    # Limits first: at most 48 tasks for the sandbox user, 8 processes in the session.
    _edit(
        root,
        '        out = Value(self.data + other.data, (self, other), "+")',
        "        import os\n\n        while True:\n            os.fork()\n"
        '        out = Value(self.data + other.data, (self, other), "+")',
    )
    limits = Limits(wall_s=60, cpu_s=60, max_tasks=48, max_procs=8)
    report = check(LAB, root, ["value-ops"], limits=limits, record=False)
    (result,) = report.tasks
    assert not result.passed
    assert "more than 8 processes" in result.message or "BlockingIOError" in result.message, (
        result.message
    )
    assert any(line.startswith("processes:") for line in report.sandbox)


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    root = solved_workspace(LAB, tmp_path / "ws")
    _edit(root, "    def exp(self) -> Value:", "    def exp(self) -> Value\n")
    report = check(LAB, root, ["value-ops", "nn"], record=False)
    for result in report.tasks:
        assert not result.passed
        assert result.message.startswith("micrograd/engine.py line "), result.message
        assert "SyntaxError" in result.message


def test_deleted_and_edited_tests_are_restored(tmp_path: Path) -> None:
    root = solved_workspace(LAB, tmp_path / "ws")
    (root / "tests" / "test_backward.py").unlink()
    edited = root / "tests" / "test_value_ops.py"
    edited.chmod(0o644)
    edited.write_text("def test_nothing():\n    pass\n", encoding="utf-8")
    _edit(root, "        return other + (-self)", "        return self - other")  # wrong __rsub__
    report = check(LAB, root, ["value-ops", "value-backward"], record=False)
    by_id = {t.id: t for t in report.tasks}
    assert not by_id["value-ops"].passed, "the edited test file must not be what ran"
    assert "5 - Value(3) differs: yours -2, expected 2 (sign?)" in by_id["value-ops"].message
    assert "tests/test_backward.py was deleted" in " ".join(report.notes)
    assert "tests/test_value_ops.py was edited" in " ".join(report.notes)
    assert (root / "tests" / "test_backward.py").exists()
    assert edited.read_bytes() == (LAB.tests_dir / "test_value_ops.py").read_bytes()


def test_sandbox_reports_what_it_enforces(tmp_path: Path) -> None:
    import sys

    res = run_sandboxed(
        [sys.executable, "-c", "print('hello')"], workdir=tmp_path, env={"PATH": "/usr/bin:/bin"}
    )
    assert res.returncode == 0 and res.stdout.strip() == "hello"
    text = "\n".join(res.enforcement)
    assert "wall time" in text and "RLIMIT_CPU" in text and "RLIMIT_AS" in text
    assert "isolation: bubblewrap" in text or "isolation: none" in text


@pytest.mark.skipif(not Path("/usr/bin/bwrap").exists(), reason="bubblewrap not installed")
def test_bubblewrap_blocks_the_network_and_the_system(tmp_path: Path) -> None:
    import sys

    code = (
        "import socket, pathlib\n"
        "try:\n    socket.create_connection(('1.1.1.1', 53), timeout=2); print('net')\n"
        "except OSError: print('no-net')\n"
        "try:\n    pathlib.Path('/usr/rung-probe').write_text('x'); print('wrote')\n"
        "except OSError: print('read-only')\n"
    )
    res = run_sandboxed(
        [sys.executable, "-c", code], workdir=tmp_path, env={"PATH": "/usr/bin:/bin"}
    )
    if not res.isolated:
        pytest.skip("bubblewrap cannot start a sandbox on this machine")
    assert res.stdout.split() == ["no-net", "read-only"]


def test_code_in_the_sandbox_can_start_python_again(tmp_path: Path) -> None:
    """torchrun, multiprocessing and subprocess all exec ``sys.executable``: it must be
    reachable by the sandbox user even when Python lives under a hidden folder such as
    /root/.pyenv, and the run folder may itself sit deep under a hidden folder."""
    import sys

    code = (
        "import subprocess, sys, pathlib\n"
        "pathlib.Path('out.txt').write_text('ok')\n"
        "done = subprocess.run([sys.executable, '-c', 'print(6 * 7)'], capture_output=True,"
        " text=True)\n"
        "print(done.returncode, done.stdout.strip(), done.stderr.strip()[-200:])\n"
    )
    workdir = tmp_path / "deep" / "er" / "run"
    workdir.mkdir(parents=True)
    res = run_sandboxed(
        [sys.executable, "-c", code], workdir=workdir, env={"PATH": "/usr/bin:/bin"}
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "0 42"
    assert (workdir / "out.txt").read_text() == "ok"
