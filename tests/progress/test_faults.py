"""Faults: missing files, locks, old schemas, corruption, kill -9, concurrency."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from rung.progress import (
    CorruptDatabase,
    DatabaseLocked,
    DatabaseUnavailable,
    open_store,
    schema,
)
from tests.progress import workers

REPO = Path(__file__).resolve().parents[2]


def test_missing_directory_and_database_are_created(tmp_path: Path, monkeypatch) -> None:
    home = tmp_path / "not" / "yet" / "here"
    monkeypatch.setenv("RUNG_HOME", str(home))
    store = open_store()
    try:
        assert store.location.path == home / "rung.db"
        store.record_attempt("me", workers.attempt(1))
    finally:
        store.close()
    assert (home / "rung.db").is_file()
    with sqlite3.connect(home / "rung.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_database_url_env_wins_over_home(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RUNG_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RUNG_DATABASE_URL", f"sqlite:///{tmp_path / 'elsewhere.db'}")
    open_store().close()
    assert (tmp_path / "elsewhere.db").exists()
    assert not (tmp_path / "home" / "rung.db").exists()


def test_directory_that_cannot_be_made_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    monkeypatch.setenv("RUNG_HOME", str(blocker / "sub"))
    with pytest.raises(DatabaseUnavailable, match="RUNG_HOME"):
        open_store()


def test_pragmas_on_every_connection(sqlite_store) -> None:
    with sqlite_store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


@pytest.mark.parametrize(
    "garbage",
    [b"this is not a database at all" * 200, b"SQLite format 3\x00" + os.urandom(8000)],
    ids=["no-header", "header-then-garbage"],
)
def test_corrupt_file_names_the_file_and_the_way_out(tmp_path: Path, garbage: bytes) -> None:
    db = tmp_path / "rung.db"
    db.write_bytes(garbage)
    with pytest.raises(CorruptDatabase) as info:
        open_store(f"sqlite:///{db}")
    message = str(info.value)
    assert str(db) in message
    assert "Move it aside" in message and "rung import" in message


def test_database_from_an_older_version_migrates_with_data_intact(tmp_path: Path) -> None:
    db = tmp_path / "rung.db"
    location = schema.resolve(f"sqlite:///{db}")
    engine = schema.make_engine(location)
    schema.migrate(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO learners (id, name, created_at) VALUES (1, 'ada', '2025-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO attempts (uid, learner_id, check_id, seed, answer, status, misconception,"
                " feedback, hints_used, seconds, solution_shown, at) VALUES ('u1', 1, 'la.matmul.x', 5,"
                " '[[1]]', 'correct', NULL, '', 0, 2.0, 0, '2025-01-01 10:00:00')"
            )
        )
        tables = set(conn.dialect.get_table_names(conn))
    engine.dispose()
    assert "lab_results" not in tables
    assert schema.current_revision(schema.make_engine(location)) == "0001"

    store = open_store(f"sqlite:///{db}")
    try:
        assert schema.current_revision(store.engine) == schema.SCHEMA_HEAD == "0003"
        (old,) = store.attempts("ada")
        assert (old.uid, old.check_id, old.seed, old.answer) == ("u1", "la.matmul.x", 5, "[[1]]")
        assert old.at == datetime(2025, 1, 1, 10, tzinfo=UTC)
        store.add_lab_result("ada", "micrograd", "t1", True, "", datetime.now(UTC))
        assert len(store.lab_results("ada")) == 1
        with store.engine.connect() as conn:
            indexes = {i["name"] for i in conn.dialect.get_indexes(conn, "attempts")}
        assert "ix_attempts_learner_check" in indexes
    finally:
        store.close()


HOLD_LOCK = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO learners (name, created_at) VALUES ('holder', '2025-01-01')")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("COMMIT")
    """
)


def _hold_lock(db: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    if proc.stdout.readline().strip() != "locked":
        proc.kill()
        proc.wait()
        proc.stdout.close()
        pytest.fail("the lock-holding process did not start")
    return proc


def test_locked_database_waits_then_succeeds(tmp_path: Path) -> None:
    db = tmp_path / "rung.db"
    open_store(f"sqlite:///{db}").close()
    store = open_store(f"sqlite:///{db}")
    holder = _hold_lock(db, 1.5)
    try:
        start = time.monotonic()
        store.record_attempt("me", workers.attempt(1))
        waited = time.monotonic() - start
        assert waited > 0.8  # it really waited for the other process to commit
        assert [a.seed for a in store.attempts("me")] == [1]
        assert "holder" in store.learners()
    finally:
        holder.wait(timeout=30)
        holder.stdout.close()
        store.close()


def test_lock_held_too_long_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "rung.db"
    open_store(f"sqlite:///{db}").close()
    store = open_store(f"sqlite:///{db}", busy_timeout=0.3)
    store.ensure_learner("me")
    holder = _hold_lock(db, 30)
    try:
        with pytest.raises(DatabaseLocked) as info:
            store.record_attempt("me", workers.attempt(1))
        assert str(db) in str(info.value) and "0.3 s" in str(info.value)
        assert store.attempts("me") == []  # readers still read under WAL
    finally:
        holder.kill()
        holder.wait(timeout=30)
        holder.stdout.close()
        store.close()


def test_kill_minus_nine_loses_nothing_committed(tmp_path: Path) -> None:
    db = tmp_path / "rung.db"
    url = f"sqlite:///{db}"
    open_store(url).close()  # migrate first, so the child only records
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.progress.workers", url],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )
    assert child.stdout is not None
    committed = [child.stdout.readline().strip() for _ in range(150)]
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        uids = {r[0] for r in conn.execute("SELECT uid FROM attempts")}
    assert set(committed) <= uids
    assert len(uids) >= 150
    store = open_store(url)
    try:
        assert len(store.attempts("me")) == len(uids)
    finally:
        store.close()


def test_four_processes_writing_at_once(store_url: str) -> None:
    """4 x 250 attempts into a brand-new database (so the migration races too)."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        counts = pool.starmap(workers.write_many, [(store_url, w, 250) for w in range(4)])
    assert counts == [250] * 4
    engine = create_engine(store_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM attempts")).scalar() == 1000
            assert conn.execute(text("SELECT count(*) FROM learners")).scalar() == 1
            per_worker = conn.execute(
                text("SELECT check_id, count(DISTINCT seed) FROM attempts GROUP BY check_id")
            ).all()
    finally:
        engine.dispose()
    assert sorted(per_worker) == [(f"bench.w{w}", 250) for w in range(4)]
