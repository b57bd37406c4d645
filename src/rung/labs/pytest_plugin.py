"""The pytest plugin that lab tests run under, in the learner's workspace and in a check.

It does four things, each so that a check can say precisely what is wrong:

* registers the ``task`` marker (``@pytest.mark.task("value-ops")``) so ``--strict-markers``
  accepts it, and adds ``--task ID`` to run only the tests of the task in hand;
* gives each test a wall-clock alarm, so an infinite loop in one function fails that
  test with the place it was looping instead of hanging the whole check;
* turns each failure into one readable sentence (what failed, where in the learner's
  code) rather than a traceback;
* with ``--rung-report FILE``, writes one JSON line per event (test started, test
  finished, file that does not compile, module that does not import). The runner reads
  it even when the process was killed half way, because every line is flushed.

Load it with ``-p rung.labs.pytest_plugin`` (the workspace's ``pytest.ini`` does).
It must not import torch: the tests do that themselves.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import types
from pathlib import Path
from typing import Any

import pytest

_REPORT_KEY = pytest.StashKey[Any]()


class LabTimeout(BaseException):
    """Raised inside a test by the alarm; a BaseException so ``except Exception`` in
    learner code cannot swallow it and loop on."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("rung", "rung labs")
    group.addoption(
        "--task",
        action="append",
        default=[],
        metavar="ID",
        help="run only the tests of this lab task (repeatable)",
    )
    group.addoption("--rung-report", default=None, help="write JSON-lines results here")
    group.addoption(
        "--rung-test-timeout",
        type=float,
        default=float(os.environ.get("RUNG_LAB_TEST_TIMEOUT", "20")),
        help="seconds one test may run before it fails as an infinite loop",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "task(id): the lab task this test checks")
    config.addinivalue_line("markers", "timeout(seconds): this test's own time limit")
    report = config.getoption("--rung-report")
    if report:
        fh = open(report, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - closed at unconfigure
        config.stash[_REPORT_KEY] = fh


def pytest_unconfigure(config: pytest.Config) -> None:
    fh = config.stash.get(_REPORT_KEY, None)
    if fh is not None:
        fh.close()


def _emit(config: pytest.Config, **event: Any) -> None:
    fh = config.stash.get(_REPORT_KEY, None)
    if fh is not None:
        fh.write(json.dumps(event) + "\n")
        fh.flush()


def task_of(item: pytest.Item) -> str | None:
    marker = item.get_closest_marker("task")
    if marker is None or not marker.args:
        return None
    return str(marker.args[0])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wanted = set(config.getoption("--task") or [])
    if not wanted:
        return
    keep = [it for it in items if task_of(it) in wanted]
    drop = [it for it in items if task_of(it) not in wanted]
    if drop:
        config.hook.pytest_deselected(items=drop)
    items[:] = keep


def _learner_root(config: pytest.Config) -> Path:
    return Path(config.rootpath)


def _is_learner_file(config: pytest.Config, filename: str) -> bool:
    """True for the learner's own modules: under the root but not the tests or rung."""
    try:
        rel = Path(filename).resolve().relative_to(_learner_root(config).resolve())
    except (ValueError, OSError):
        return False
    return bool(rel.parts) and rel.parts[0] != "tests"


def _describe_frame(config: pytest.Config, frame: types.FrameType, lineno: int) -> str:
    code = frame.f_code
    name = code.co_name
    owner = frame.f_locals.get("self")
    if owner is not None:
        name = f"{type(owner).__name__}.{name}"
    rel = Path(code.co_filename).resolve().relative_to(_learner_root(config).resolve())
    return f"{name} ({rel.as_posix()}:{lineno})"


def _deepest_learner_frame(config: pytest.Config, tb: types.TracebackType | None) -> str | None:
    """The innermost frame in the learner's code, preferring a named function over a
    comprehension or lambda inside it (``<listcomp>`` says little about where to look)."""
    where = named = None
    while tb is not None:
        if _is_learner_file(config, tb.tb_frame.f_code.co_filename):
            where = _describe_frame(config, tb.tb_frame, tb.tb_lineno)
            if not tb.tb_frame.f_code.co_name.startswith("<"):
                named = where
        tb = tb.tb_next
    return named or where


def explain(config: pytest.Config, excinfo: pytest.ExceptionInfo[BaseException]) -> str:
    """One sentence for a failed test: what went wrong and where in the learner's code."""
    exc = excinfo.value
    where = _deepest_learner_frame(config, excinfo.tb)
    at = f" in {where}" if where else ""
    if isinstance(exc, LabTimeout):
        return f"{exc}{at and ' — look for an infinite loop' + at}"
    if isinstance(exc, NotImplementedError):
        return f"not written yet: NotImplementedError raised{at}"
    if isinstance(exc, MemoryError):
        limit = os.environ.get("RUNG_LAB_MEMORY_LIMIT", "the limit")
        return (
            f"ran out of memory ({limit} of address space){at} — look for a list or "
            "tensor that grows without end"
        )
    if isinstance(exc, RecursionError):
        return f"recursion too deep{at} — a function that calls itself without end?"
    if isinstance(exc, AssertionError):
        text = str(exc).strip() or "assertion failed"
        return text
    text = f"{type(exc).__name__}: {exc}".strip()
    return f"{text}{' (raised' + at[3:] + ')' if where else ''}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    rep = outcome.get_result()
    if call.excinfo is not None and rep.failed:
        message = explain(item.config, call.excinfo)
        rep.user_properties.append(("rung_message", message))
        if call.excinfo.errisinstance(LabTimeout):
            _TIMED_OUT.setdefault(task_of(item), message)


_TIMED_OUT: dict[str | None, str] = {}


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Once a test of a task has timed out, fail the task's other tests at once: they
    would most likely loop in the same place, and each would cost a full timeout."""
    task = task_of(item)
    if task in _TIMED_OUT:
        pytest.fail(f"not run: an earlier test of this task timed out ({_TIMED_OUT[task]})")


def pytest_runtest_logstart(nodeid: str, location: tuple[str, int | None, str]) -> None:
    config = _CONFIG.get("config")
    if config is not None:
        item_task = _TASKS.get(nodeid)
        _emit(config, event="start", test=nodeid, task=item_task, pid=os.getpid())


_CONFIG: dict[str, pytest.Config] = {}
_TASKS: dict[str, str | None] = {}


def pytest_sessionstart(session: pytest.Session) -> None:
    _CONFIG["config"] = session.config
    _check_syntax(session.config)


def pytest_collection_finish(session: pytest.Session) -> None:
    for item in session.items:
        _TASKS[item.nodeid] = task_of(item)
    _emit(
        session.config,
        event="collected",
        tests=[{"test": it.nodeid, "task": task_of(it)} for it in session.items],
    )


def _check_syntax(config: pytest.Config) -> None:
    """Compile every learner module first: a syntax error is named with its line,
    instead of surfacing as an import error inside some test file."""
    root = _learner_root(config)
    for file in sorted(root.rglob("*.py")):
        rel = file.relative_to(root)
        if rel.parts[0] in ("tests",) or any(p.startswith(".") for p in rel.parts):
            continue
        try:
            compile(file.read_bytes(), str(file), "exec")
        except SyntaxError as exc:
            _emit(
                config,
                event="syntax-error",
                file=rel.as_posix(),
                line=exc.lineno,
                message=f"{type(exc).__name__}: {exc.msg}",
                text=(exc.text or "").rstrip(),
            )


def pytest_collectreport(report: pytest.CollectReport) -> None:
    config = _CONFIG.get("config")
    if config is None or not report.failed:
        return
    lines = [ln for ln in report.longreprtext.splitlines() if ln.startswith("E ")]
    message = lines[-1][1:].strip() if lines else report.longreprtext.strip().splitlines()[-1]
    _emit(config, event="collect-error", path=report.nodeid, message=message)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    config = _CONFIG.get("config")
    if config is None:
        return
    wanted = report.when == "call" or report.failed or (report.when == "setup" and report.skipped)
    if not wanted:
        return
    message = dict(report.user_properties).get("rung_message")
    if report.failed and message is None:
        message = report.longreprtext.strip().splitlines()[-1] if report.longreprtext else ""
    _emit(
        config,
        event="result",
        test=report.nodeid,
        task=_TASKS.get(report.nodeid),
        outcome=report.outcome,
        when=report.when,
        message=message or "",
        pid=os.getpid(),
    )


def _on_alarm(signum: int, frame: types.FrameType | None) -> None:
    seconds = _TIMEOUT.get("seconds", 0.0)
    if signum == getattr(signal, "SIGXCPU", None):
        raise LabTimeout("used up its CPU time")
    raise LabTimeout(f"timed out after {seconds:g} s")


_TIMEOUT: dict[str, float] = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item):  # type: ignore[no-untyped-def]
    seconds = float(item.config.getoption("--rung-test-timeout") or 0)
    marker = item.get_closest_marker("timeout")
    if marker is not None and marker.args:
        seconds = float(marker.args[0])
    use_alarm = seconds > 0 and hasattr(signal, "setitimer") and sys.platform != "win32"
    if use_alarm:
        _TIMEOUT["seconds"] = seconds
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        if hasattr(signal, "SIGXCPU"):
            signal.signal(signal.SIGXCPU, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
