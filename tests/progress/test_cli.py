"""The terminal faces, driven with piped input through click's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from rung.cli import main, progress_cmds
from rung.progress import open_store
from rung.progress.service import Tutor
from tests.progress.fakes import default_registry

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def reg(monkeypatch):
    registry = default_registry()
    monkeypatch.setattr(progress_cmds, "_registry", lambda: registry)
    return registry


def run(*args: str, input: str | None = None, now: datetime = NOW):
    result = CliRunner().invoke(
        main,
        [*args, "--now", now.isoformat()] if args[0] not in ("export", "import") else list(args),
        input=input,
    )
    assert "Traceback" not in result.output
    return result


def upcoming(reg, cur, check: str, n: int, learner: str = "me") -> list:
    """The next n problems the CLI will draw (seeds are deterministic per learner)."""
    with open_store() as store:
        tutor = Tutor(store, cur, learner, checks=reg)
        seeds: list[int] = []
        out = []
        for _ in range(n):
            p = tutor.new_problem(check, NOW, avoid=seeds)
            seeds.append(p.seed)
            out.append(p)
    return out


def test_practice_hint_unreadable_wrong_then_right(reg, cur) -> None:
    (p,) = upcoming(reg, cur, "la.dot.fake", 1)
    near = str(int(p.answer_text) + 1)
    r = run("practice", "la.dot.fake", "--count", "1", input=f"?\nforty\n{near}\n{p.answer_text}\n")
    assert r.exit_code == 0, r.output
    assert f"What is {p.seed} mod 97?" in r.output  # LaTeX made plain
    assert "Hint 1/2: Divide by 97." in r.output
    assert "Type a whole number" in r.output
    assert "Not yet. Off by one." in r.output and "misconception: off-by-one" in r.output
    assert "Correct." in r.output
    with open_store() as store:
        statuses = [a.status for a in store.attempts("me")]
    assert statuses == ["unreadable", "wrong", "correct"]


def test_practice_a_lesson_until_the_rung_is_mastered_then_review_days_later(reg, cur) -> None:
    problems = upcoming(reg, cur, "la.dot.fake", 3)
    answers = "".join(p.answer_text + "\n" for p in problems)
    r = run("practice", "10", input=answers)  # lesson 10 = la.dot; input ends -> session ends
    assert r.exit_code == 0, r.output
    assert r.output.count("Correct.") == 3
    assert "Rung mastered: la.r02" in r.output
    assert "Exit criterion met: la.exit.dot" in r.output
    assert "Session over" in r.output

    assert json.loads(run("review", "--json").output) == {"due": []}
    later = NOW + timedelta(days=60)
    due = json.loads(run("review", "--json", now=later).output)["due"]
    assert [d["check_id"] for d in due] == ["la.dot.fake"]
    nxt = json.loads(run("next", "--json", now=later).output)
    assert nxt["kind"] == "review" and nxt["check_id"] == "la.dot.fake"

    (fresh,) = upcoming(reg, cur, "la.dot.fake", 1)
    assert fresh.seed not in {p.seed for p in problems}  # a review is a new variant
    r = run("review", input=fresh.answer_text + "\n", now=later)
    assert r.exit_code == 0 and "Correct." in r.output and "0 still due" in r.output


def test_reveal_and_move_on_and_quit(reg, cur) -> None:
    p1, p2 = upcoming(reg, cur, "la.dot.fake", 2)
    r = run("practice", "la.dot.fake", input="!\n1000\nn\nq\n")
    assert r.exit_code == 0, r.output
    assert "Solution:" in r.output and f"{p1.seed} = 97 · {p1.seed // 97}" in r.output
    with open_store() as store:
        rows = store.attempts("me")
    assert [(a.seed, a.status) for a in rows] == [(p1.seed, "revealed"), (p2.seed, "wrong")]


def test_lesson_without_checks_and_done(reg, cur) -> None:
    r = run("practice", "1")
    assert (
        r.exit_code == 0 and "has no checks" in r.output and "rung done la.orientation" in r.output
    )
    r = run("done", "la.orientation")
    assert r.exit_code == 0 and "marked done" in r.output
    r = run("done", "la.matmul")
    assert r.exit_code == 1 and "proven by its checks" in r.output
    r = run("done", "99")
    assert r.exit_code == 1 and "no lesson number 99" in r.output
    nxt = json.loads(run("next", "--json").output)
    assert nxt["lesson_id"] == "la.vectors"
    r = run("done", "la.orientation", "--undo")
    assert "no longer marked done" in r.output


def test_progress_text_and_json(reg, cur) -> None:
    (p,) = upcoming(reg, cur, "la.dot.fake", 1)
    run("practice", "la.dot.fake", "--count", "1", input=p.answer_text + "\n")
    data = json.loads(run("progress", "--json").output)
    assert data["attempts"] == {"total": 1, "correct": 1}
    assert data["rungs"]["in_progress"] == {"la.r02": 1}
    text = run("progress").output
    assert "Lessons complete: 0/67" in text and "la.r02: 1/3 in a row" in text
    r = run("next")
    assert r.exit_code == 0 and "Lesson 1" in r.output


def test_unknown_things_are_clean_errors(reg) -> None:
    r = run("practice", "no.such.thing")
    assert r.exit_code == 1 and "Error:" in r.output
    r = run("next", "--track", "nope")
    assert r.exit_code == 1 and "tracks:" in r.output
    r = CliRunner().invoke(main, ["next", "--now", "yesterday"])
    assert r.exit_code == 2 and "ISO" in r.output


def test_export_import_via_files(reg, cur, tmp_path: Path, monkeypatch) -> None:
    (p,) = upcoming(reg, cur, "la.dot.fake", 1)
    run("practice", "la.dot.fake", "--count", "1", input=p.answer_text + "\n")
    run("done", "la.orientation")
    out = tmp_path / "me.json"
    r = run("export", str(out))
    assert r.exit_code == 0 and "Exported 1 attempts" in r.output
    monkeypatch.setenv("RUNG_HOME", str(tmp_path / "laptop"))
    r = run("import", str(out))
    assert r.exit_code == 0 and "1 attempts" in r.output and "1 lessons" in r.output
    r = run("import", str(out))
    assert "nothing new" in r.output
    assert json.loads(run("progress", "--json").output)["attempts"]["total"] == 1

    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    r = run("import", str(bad))
    assert r.exit_code == 1 and "is not JSON (line 1" in r.output
    bad.write_text(
        json.dumps({"format": "rung-progress", "version": 1, "learner": "x", "attempts": [{}]})
    )
    r = run("import", str(bad))
    assert r.exit_code == 1 and 'attempts[0] has no "uid"' in r.output
    r = run("import", str(tmp_path / "missing.json"))
    assert r.exit_code == 1 and "Cannot read" in r.output


def test_corrupt_database_message_without_traceback(reg, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RUNG_HOME", str(tmp_path))
    (tmp_path / "rung.db").write_bytes(b"\x00garbage" * 100)
    for args in (["progress"], ["next"], ["practice", "5"]):
        r = run(*args)
        assert r.exit_code == 1
        assert str(tmp_path / "rung.db") in r.output and "Move it aside" in r.output
    r = run("export", str(tmp_path / "x.json"))
    assert r.exit_code == 1 and "Move it aside" in r.output


def test_locked_database_message(reg, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RUNG_HOME", str(tmp_path))
    monkeypatch.setenv("RUNG_BUSY_TIMEOUT", "0.2")
    open_store().close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("BEGIN IMMEDIATE"); print("locked", flush=True); time.sleep(30)
            """
            ),
            str(tmp_path / "rung.db"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        r = run("done", "la.orientation")
        assert r.exit_code == 1 and "stayed locked" in r.output and "0.2 s" in r.output
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert run("done", "la.orientation").exit_code == 0


def test_help_lists_the_commands() -> None:
    r = CliRunner().invoke(main, ["--help"])
    for name in ("practice", "review", "next", "progress", "done", "export", "import"):
        assert name in r.output


def test_end_to_end_with_the_real_matmul_checks(cur, tmp_path: Path, monkeypatch) -> None:
    """Issue #3's "done when": practise lesson 5, master the rung, review later, move."""
    import rung.practice

    problems = upcoming(rung.practice, cur, "la.matmul.2x2", 3)
    assert len({p.prompt for p in problems}) == 3  # fresh variants

    def rows_form(answer_text: str) -> str:  # "[[1, 2], [3, 4]]" -> "1 2; 3 4"
        return "; ".join(" ".join(str(x) for x in row) for row in json.loads(answer_text))

    first, second, third = problems
    typed = [
        "[[0, 0], [0, 0]]",  # wrong: told which entries
        "n",  # move on: this variant no longer counts
        second.answer_text,
        rows_form(third.answer_text),  # any form the grader reads
    ]
    fourth = upcoming(rung.practice, cur, "la.matmul.2x2", 4)[3]
    r = run("practice", "la.matmul.2x2", input="\n".join([*typed, fourth.answer_text, "q"]) + "\n")
    assert r.exit_code == 0, r.output
    assert "Let A = [[" in r.output  # the bmatrix prompt rendered as a typed-in matrix
    assert "entries are wrong" in r.output
    assert r.output.count("Correct.") == 3
    assert "Rung mastered: la.r04" in r.output and "Exit criterion met: la.exit.matmul" in r.output

    later = NOW + timedelta(days=90)
    due = json.loads(run("review", "--json", now=later).output)["due"]
    assert [d["check_id"] for d in due] == ["la.matmul.2x2"]

    out = tmp_path / "history.json"
    assert run("export", str(out)).exit_code == 0
    monkeypatch.setenv("RUNG_HOME", str(tmp_path / "new-machine"))
    assert run("import", str(out)).exit_code == 0
    moved = json.loads(run("progress", "--json", now=later).output)
    assert "la.r04" in moved["rungs"]["mastered"]
    assert moved["reviews"]["due_checks"] == ["la.matmul.2x2"]
