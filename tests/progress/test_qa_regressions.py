"""Regressions found by trying the progress commands as a demanding new user would.

Each test names the command that went wrong: a traceback instead of a message,
or an answer form the prompt promises but the terminal could not take.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

import rung.practice
from rung.cli import main
from rung.cli.progress_cmds import plain
from rung.progress import StoreError, open_store
from rung.progress.service import Tutor

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def run(*args: str, input: str | None = None):  # noqa: ANN201 - click's Result
    result = CliRunner().invoke(main, list(args), input=input)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _rows(problem) -> list[str]:  # noqa: ANN001 - a practice Problem
    return [" ".join(str(x) for x in row) for row in problem.answer.truth]


def test_practice_takes_a_matrix_typed_one_row_per_line(cur) -> None:  # noqa: ANN001
    """`rung practice la.matmul.3x3`, typing `1 2 3` Enter `4 5 6` Enter ...: was 'got 1×3'."""
    with open_store() as store:
        problem = Tutor(store, cur, "me", checks=rung.practice).new_problem("la.matmul.3x3", NOW)
    answer = "\n".join(_rows(problem)) + "\n"
    r = run("practice", "la.matmul.3x3", "--count", "1", "--now", NOW.isoformat(), input=answer)
    assert r.exit_code == 0, r.output
    assert "Correct." in r.output and "got 1×3" not in r.output
    with open_store() as store:
        (attempt,) = store.attempts("me")
    assert attempt.status == "correct" and attempt.answer.count("\n") == 2


def test_practice_an_empty_line_ends_a_short_matrix_early(cur) -> None:  # noqa: ANN001
    with open_store() as store:
        problem = Tutor(store, cur, "me", checks=rung.practice).new_problem("la.matmul.3x3", NOW)
    rows = _rows(problem)
    r = run(
        "practice", "la.matmul.3x3", "--count", "1", "--now", NOW.isoformat(),
        input=f"{rows[0]}\n{rows[1]}\n\nq\n",
    )  # fmt: skip
    assert "Expected a 3×3 matrix, got 2×3." in r.output


def test_plain_spaces_times_evenly() -> None:
    assert plain("a $2\\times 3$ matrix") == "a 2 × 3 matrix"
    assert plain("$m \\times n$") == "m × n"


def test_export_to_a_missing_folder_is_a_message(tmp_path: Path) -> None:
    r = run("export", str(tmp_path / "no" / "such" / "h.json"))
    assert r.exit_code == 1
    assert "Cannot write" in r.output and "No such file or directory" in r.output


def test_import_of_a_binary_file_is_a_message(tmp_path: Path) -> None:
    f = tmp_path / "h.json"
    f.write_bytes(b"\xe1\x00\xff garbage")
    r = run("import", str(f))
    assert r.exit_code == 1
    assert "is not UTF-8 text" in r.output


def _export(**attempt: object) -> dict:
    row = {
        "uid": "a" * 32,
        "check_id": "la.matmul.2x2",
        "seed": 5,
        "answer": "1 2; 3 4",
        "status": "correct",
        "misconception": None,
        "feedback": "Correct.",
        "hints_used": 0,
        "seconds": 3.0,
        "solution_shown": False,
        "at": NOW.isoformat(),
    }
    row.update(attempt)
    return {"format": "rung-progress", "version": 1, "learner": "me", "attempts": [row]}


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("seed", 10**30, '"seed" is not valid: expected an int from'),
        ("status", "great", '"status" is not valid: expected one of correct, wrong, unreadable'),
        ("hints_used", -1, '"hints_used" is not valid: expected an int from 0'),
    ],
)
def test_import_rejects_values_the_database_cannot_hold(
    tmp_path: Path, field: str, value: object, says: str
) -> None:
    """A seed of 10**30 was an OverflowError traceback; a made-up status went in silently."""
    f = tmp_path / "h.json"
    f.write_text(json.dumps(_export(**{field: value})), encoding="utf-8")
    r = run("import", str(f))
    assert r.exit_code == 1
    assert says in r.output
    with open_store() as store:
        assert all(not store.attempts(name) for name in store.learners())


def _made_db() -> Path:
    with open_store() as store:
        store.ensure_learner("me")
        path = store.location.path
    assert path is not None
    return path


def test_a_database_missing_a_table_is_reported_as_damaged() -> None:
    path = _made_db()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE attempts")
    r = run("progress")
    assert r.exit_code == 1
    assert "damaged or is not a rung database" in r.output and "no such table" in r.output


def test_a_database_from_a_newer_rung_is_a_message() -> None:
    path = _made_db()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="schema this rung does not know"):
        open_store()
    r = run("progress")
    assert r.exit_code == 1 and "probably made by a newer rung" in r.output
    assert str(path) in r.output


def test_a_directory_where_the_database_should_be_is_a_message(tmp_path: Path) -> None:
    (tmp_path / "rung.db").mkdir()
    r = CliRunner().invoke(main, ["progress"], env={"RUNG_HOME": str(tmp_path)})
    assert r.exit_code == 1, r.output
    assert "is a directory, not the progress database file" in r.output


def test_quitting_after_a_hint_is_recorded_so_the_variant_cannot_count_later(cur) -> None:  # noqa: ANN001
    """`?` then `q` used to record nothing; the same variant could come back 'without hints'."""
    r = run("practice", "la.matmul.2x2", "--count", "1", "--now", NOW.isoformat(), input="?\nq\n")
    assert "Hint 1/" in r.output
    with open_store() as store:
        (attempt,) = store.attempts("me")
    assert attempt.hints_used == 1 and attempt.solution_shown and attempt.status != "correct"


def test_quitting_without_help_records_nothing(cur) -> None:  # noqa: ANN001
    run("practice", "la.matmul.2x2", "--count", "1", "--now", NOW.isoformat(), input="q\n")
    with open_store() as store:
        assert store.attempts("me") == []
