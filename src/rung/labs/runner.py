"""Check a workspace: run the lab's own tests against the learner's code, in the sandbox.

The check never trusts the workspace's copy of the tests: it copies the learner's
code and the lab's pristine tests into a fresh run folder, runs pytest there under
``sandbox.run_sandboxed``, and reads the plugin's JSON-lines report. Every task gets a
result with one message, whatever happened: a failing assertion, a stub not written,
a syntax error, an import error, an infinite loop, a memory or fork bomb.

When the process had to be killed (wall time, fork bomb, a crash), the tasks that
finished keep their results, the task that was running is failed with the reason,
and the tasks not reached are run again without it.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rung.labs import workspace as ws
from rung.labs.model import Lab
from rung.labs.sandbox import Limits, SandboxResult, run_sandboxed

RUN_INI = """\
[pytest]
testpaths = tests
"""


@dataclass
class TaskResult:
    id: str
    title: str
    passed: bool
    message: str
    tests_passed: int = 0
    tests_total: int = 0


@dataclass
class CheckReport:
    lab: str
    workspace: str
    tasks: list[TaskResult]
    notes: list[str] = field(default_factory=list)
    sandbox: list[str] = field(default_factory=list)
    isolated: bool = False
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return all(t.passed for t in self.tasks)

    def to_json(self) -> dict[str, Any]:
        return {
            "lab": self.lab,
            "workspace": self.workspace,
            "passed": self.passed,
            "tasks": [
                {"id": t.id, "passed": t.passed, "message": t.message, "title": t.title}
                | {"tests_passed": t.tests_passed, "tests_total": t.tests_total}
                for t in self.tasks
            ],
            "notes": self.notes,
            "sandbox": {"isolated": self.isolated, "limits": self.sandbox},
            "seconds": round(self.seconds, 2),
        }


@dataclass
class _Run:
    """What one pytest process reported."""

    collected: dict[str, str | None] = field(default_factory=dict)  # test -> task
    results: dict[str, dict[str, Any]] = field(default_factory=dict)  # test -> result event
    started: list[str] = field(default_factory=list)
    syntax: list[dict[str, Any]] = field(default_factory=list)
    collect_errors: list[dict[str, Any]] = field(default_factory=list)


def _read_report(path: Path) -> _Run:
    run = _Run()
    main_pid: int | None = None
    if not path.exists():
        return run
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            ev = json.loads(line)
        except ValueError:
            continue  # a line cut short by a kill
        kind = ev.get("event")
        if kind == "collected":
            run.collected = {t["test"]: t["task"] for t in ev["tests"]}
        elif kind == "syntax-error":
            run.syntax.append(ev)
        elif kind == "collect-error":
            run.collect_errors.append(ev)
        elif kind in ("start", "result"):
            # A forked child keeps running pytest and writes here too: trust the first pid.
            main_pid = main_pid if main_pid is not None else ev.get("pid")
            if ev.get("pid") != main_pid:
                continue
            if kind == "start":
                run.started.append(ev["test"])
            else:
                prev = run.results.get(ev["test"])
                if prev is None or prev.get("outcome") == "passed":
                    run.results[ev["test"]] = ev
    return run


def _pytest_argv(run_dir: Path, report: Path, lab: Lab, tasks: list[str]) -> list[str]:
    argv = [
        sys.executable, "-m", "pytest", "tests",
        "-c", str(run_dir / "pytest.ini"), "--rootdir", str(run_dir),
        "-p", "rung.labs.pytest_plugin", "-p", "no:cacheprovider",
        "-q", "--no-header", "-rN", "--strict-markers", "--continue-on-collection-errors",
        "--rung-report", str(report), "--rung-test-timeout", f"{lab.test_timeout_s:g}",
    ]  # fmt: skip
    for task in tasks:
        argv += ["--task", task]
    return argv


def _child_env(run_dir: Path, data_env: dict[str, str]) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(run_dir),
        "TMPDIR": str(run_dir / ".tmp"),
        "PYTHONPATH": str(run_dir),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "LANG": "C.UTF-8",
    }
    env.update(data_env)
    return env


def _data_env(lab: Lab) -> tuple[dict[str, str], list[Path], list[str]]:
    """Resolve the lab's datasets in the parent (which may download; the sandbox has no
    network) and pass their paths, or the reason they are missing, to the tests."""
    env: dict[str, str] = {}
    readable: list[Path] = []
    notes: list[str] = []
    if not lab.data:
        return env, readable, notes
    from rung import data

    for name in lab.data:
        key = "RUNG_LAB_DATA_" + name.upper().replace("-", "_")
        try:
            # The real path: a data folder reached through a symlink would not exist
            # inside the sandbox, which binds only the paths it is given.
            file = data.path(name).resolve()
            env[key] = str(file)
            readable.append(file)
        except (data.DatasetUnavailable, data.ChecksumError, KeyError) as exc:
            env[key + "_ERROR"] = str(exc)
            notes.append(str(exc).splitlines()[0])
    return env, readable, notes


def _killed_message(res: SandboxResult, test: str | None) -> str:
    where = f" while running {test.split('::')[-1]}" if test else ""
    if res.stopped == "timeout":
        return f"{res.detail}{where} — the check was stopped; look for an infinite loop"
    if res.stopped == "fork-bomb":
        return f"{res.detail}{where}"
    rc = res.returncode if res.returncode is not None else 0
    if rc < 0:
        import signal

        name = signal.Signals(-rc).name if -rc in signal.valid_signals() else str(-rc)
        why = {
            "SIGKILL": "killed — CPU time or memory limit?",
            "SIGXCPU": "used up its CPU time",
            "SIGSEGV": "crashed (segmentation fault)",
        }.get(name, f"stopped by {name}")
        return f"the test process {why}{where}"
    tail = (res.stderr or res.stdout).strip().splitlines()
    return f"the test process ended early (exit {rc}){where}: {tail[-1] if tail else ''}"


def _summarise(lab: Lab, task_id: str, run: _Run) -> TaskResult | None:
    """A task's result from a run, or None if the run did not finish it."""
    task = lab.task(task_id)
    tests = [t for t, k in run.collected.items() if k == task_id]
    if tests and all(t in run.results for t in tests):
        events = [run.results[t] for t in tests]
        bad = [e for e in events if e["outcome"] != "passed"]
        if not bad:
            return TaskResult(
                task.id, task.title, True, f"all {len(tests)} tests pass", len(tests), len(tests)
            )
        msg = bad[0]["message"] or f"{bad[0]['test']} {bad[0]['outcome']}"
        if len(tests) > 1:
            msg += f"  ({len(tests) - len(bad)} of {len(tests)} tests pass)"
        return TaskResult(task.id, task.title, False, msg, len(tests) - len(bad), len(tests))
    return None


def _not_collected(lab: Lab, task_id: str, run: _Run) -> TaskResult:
    task = lab.task(task_id)
    relevant = [s for s in run.syntax if not task.files or s["file"] in task.files] or run.syntax
    if relevant:
        s = relevant[0]
        msg = f"{s['file']} line {s['line']}: {s['message']} — fix this first; " + (
            "nothing that imports this file can be tested"
        )
        if s.get("text"):
            msg += f"\n    {s['text'].strip()}"
    elif run.collect_errors:
        e = run.collect_errors[0]
        msg = f"could not load the tests in {e['path']}: {e['message']}"
    else:
        msg = "no test ran for this task"
    return TaskResult(task.id, task.title, False, msg)


def check(
    lab: Lab,
    root: Path,
    tasks: list[str] | None = None,
    limits: Limits | None = None,
    record: bool = True,
) -> CheckReport:
    """Run the lab's tests on the workspace at ``root``; one result per task."""
    root = Path(root).resolve()
    wanted = list(tasks) if tasks else list(lab.task_ids)
    for t in wanted:
        lab.task(t)  # KeyError naming the tasks there are
    limits = limits or Limits(wall_s=lab.wall_s, cpu_s=lab.wall_s + 30)
    notes = [
        f"{c}: the check used the lab's original (and put it back in your workspace)"
        for c in ws.restore_tests(lab, root)
    ]
    data_env, readable, data_notes = _data_env(lab)
    notes += data_notes

    done: dict[str, TaskResult] = {}
    sandbox_notes: list[str] = []
    isolated = False
    seconds = 0.0
    remaining = list(wanted)
    for _attempt in range(len(wanted) + 1):
        if not remaining:
            break
        run_dir = Path(tempfile.mkdtemp(prefix="rung-check-"))
        try:
            ws.snapshot(root, run_dir)
            shutil.copytree(
                lab.tests_dir, run_dir / "tests", ignore=shutil.ignore_patterns("__pycache__")
            )
            (run_dir / "pytest.ini").write_text(RUN_INI, encoding="utf-8")
            (run_dir / ".tmp").mkdir()
            report = run_dir / ".report.jsonl"
            res = run_sandboxed(
                _pytest_argv(run_dir, report, lab, remaining),
                workdir=run_dir,
                env=_child_env(run_dir, data_env),
                limits=limits,
                readable=readable,
            )
            run = _read_report(report)
        finally:
            shutil.rmtree(run_dir, ignore_errors=True)
        sandbox_notes, isolated = res.enforcement, res.isolated
        seconds += res.wall_s
        for t in remaining:
            result = _summarise(lab, t, run)
            if result is not None:
                done[t] = result
        normal_end = res.stopped is None and res.returncode in (0, 1, 2, 5)
        unfinished = [t for t in remaining if t not in done]
        if normal_end:
            for t in unfinished:
                done[t] = _not_collected(lab, t, run)
            break
        # Killed or crashed: blame the test that was running, rerun the rest without it.
        running = next((s for s in reversed(run.started) if s not in run.results), None)
        blamed = run.collected.get(running) if running else None
        if blamed is None or blamed not in unfinished:
            blamed = unfinished[0] if unfinished else None
        if blamed is not None:
            task = lab.task(blamed)
            done[blamed] = TaskResult(task.id, task.title, False, _killed_message(res, running))
        remaining = [t for t in unfinished if t != blamed]

    results = [done[t] for t in wanted if t in done]
    report_obj = CheckReport(
        lab=lab.id,
        workspace=str(root),
        tasks=results,
        notes=notes,
        sandbox=sandbox_notes,
        isolated=isolated,
        seconds=seconds,
    )
    if record:
        report_obj.notes += record_results(report_obj)
    return report_obj


def record_results(report: CheckReport, now: datetime | None = None) -> list[str]:
    """Save results in the lab state file and, when rung.progress exists, the store.

    Returns notes for the learner; never raises for a missing or failing store, since
    a check's result matters more than its bookkeeping.
    """
    now = now or datetime.now(UTC)
    notes: list[str] = []
    from rung.labs import state

    try:
        state.record_check(
            report.lab, report.workspace, {t.id: t.passed for t in report.tasks}, now
        )
    except OSError as exc:
        notes.append(f"lab state not saved: {exc}")
    try:
        from rung.curriculum import load_curriculum
        from rung.progress import open_store
        from rung.progress.service import Tutor
    except ImportError:
        return notes
    try:
        tutor = Tutor(open_store(), load_curriculum(), learner=os.environ.get("RUNG_LEARNER", "me"))
        for t in report.tasks:
            tutor.record_lab_result(report.lab, t.id, t.passed, t.message, now)
    except Exception as exc:  # noqa: BLE001 - bookkeeping must not break a check
        notes.append(f"progress not recorded: {type(exc).__name__}: {exc}")
    return notes


def as_dict(result: TaskResult) -> dict[str, Any]:
    return asdict(result)
