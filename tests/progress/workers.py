"""Functions that run in child processes (spawned, so they must be importable)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from rung.progress import AttemptRow, open_store


def attempt(i: int, worker: int = 0) -> AttemptRow:
    return AttemptRow(
        check_id=f"bench.w{worker}",
        seed=i,
        answer=str(i),
        status="correct" if i % 3 else "wrong",
        misconception=None,
        feedback="",
        hints_used=i % 2,
        seconds=1.5,
        solution_shown=False,
        at=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(seconds=i),
    )


def write_many(url: str, worker: int, count: int) -> int:
    """Record ``count`` attempts, one transaction each; returns how many."""
    store = open_store(url)
    try:
        for i in range(count):
            store.record_attempt("me", attempt(i, worker))
    finally:
        store.close()
    return count


def record_forever(url: str) -> None:
    """Record attempts until killed, printing each committed uid (for the kill -9 test)."""
    store = open_store(url)
    i = 0
    while True:
        row = store.record_attempt("me", attempt(i))
        sys.stdout.write(row.uid + "\n")
        sys.stdout.flush()
        i += 1


if __name__ == "__main__":
    record_forever(sys.argv[1])
