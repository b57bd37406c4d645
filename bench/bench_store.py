"""Benchmark the progress store: one attempt, four processes writing at once, and
one whole answer through the tutor (fresh variant, grade, store, review, mastery).

Run: ``python bench/bench_store.py [--pg URL]``. Without ``--pg`` it starts a
throwaway PostgreSQL with the test fixture's code when the server binaries are
installed, and otherwise measures SQLite only. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.progress.workers import attempt, write_many  # noqa: E402

from rung.progress import open_store  # noqa: E402

SINGLE = 500
PROCS, PER_PROC = 4, 1000


def one_attempt_ms(url: str) -> float:
    """Median milliseconds to store one attempt (one transaction) after a warm-up."""
    store = open_store(url)
    try:
        for i in range(20):
            store.record_attempt("bench", attempt(i))
        times = []
        for i in range(SINGLE):
            t = time.perf_counter()
            store.record_attempt("bench", attempt(i, worker=9))
            times.append(time.perf_counter() - t)
    finally:
        store.close()
    return statistics.median(times) * 1000


def tutor_answer_ms(url: str, n: int = 300) -> float:
    """Median milliseconds for what one answer costs a face: choose a fresh variant,
    grade a right answer, store it, update the review card and the mastery ledger."""
    from datetime import UTC, datetime, timedelta

    from rung.curriculum import load_curriculum
    from rung.progress.service import Tutor

    store = open_store(url)
    try:
        tutor = Tutor(store, load_curriculum(), "bench-tutor")
        now = datetime(2026, 1, 1, tzinfo=UTC)
        times = []
        for i in range(n):
            at = now + timedelta(minutes=i)
            t = time.perf_counter()
            problem = tutor.new_problem("la.dot.compute", at)
            tutor.submit(problem, problem.answer_text, 0, 20.0, at)
            times.append(time.perf_counter() - t)
    finally:
        store.close()
    return statistics.median(times[20:]) * 1000


def concurrent(url: str) -> float:
    open_store(url).close()  # migrate once, outside the timing
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(PROCS) as pool:
        pool.map(abs, range(PROCS))  # start the workers before the clock
        t = time.perf_counter()
        pool.starmap(write_many, [(url, 100 + w, PER_PROC) for w in range(PROCS)])
        return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg", help="a postgresql+psycopg:// URL of an empty database")
    args = parser.parse_args()
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        targets = [("SQLite", f"sqlite:///{tmp / 'a.db'}", f"sqlite:///{tmp / 'b.db'}")]
        pg = args.pg
        if pg is None:
            pg = _throwaway_postgres(stack)
        if pg is not None:
            targets.append(("PostgreSQL", pg, pg))
        print(
            f"{'backend':<11} {'one attempt (median)':>21} {'4 x 1000 attempts':>18} "
            f"{'attempts/s':>11} {'tutor answer (median)':>22}",
            flush=True,
        )
        for name, url_one, url_many in targets:
            single = one_attempt_ms(url_one)
            total = concurrent(url_many)
            rate = PROCS * PER_PROC / total
            answer = tutor_answer_ms(url_one)
            print(
                f"{name:<11} {single:>18.3f} ms {total:>16.2f} s {rate:>11.0f} {answer:>19.3f} ms",
                flush=True,
            )


def _throwaway_postgres(stack: ExitStack) -> str | None:
    import pytest
    from tests import pg

    if pg.find_bindir() is None:
        return None
    gen = pg.postgres_server.__wrapped__()  # the fixture's generator, outside pytest
    try:
        server = next(gen)
    except (pytest.skip.Exception, pytest.fail.Exception):
        return None
    stack.callback(lambda: next(gen, None))
    server.admin("CREATE DATABASE bench")
    return server.url("bench")


if __name__ == "__main__":
    main()
