"""Run learner code in a separate process with limits, isolated where the system allows.

A check runs code that may loop forever, eat memory or fork without end: that must
give a result, never a hung terminal or a traceback from rung. This module starts a
command in its own session and enforces, in layers:

* **wall time** — the parent polls and kills the whole session when time is up;
* **CPU time** — ``RLIMIT_CPU`` (soft limit sends SIGXCPU, hard limit kills);
* **memory** — ``RLIMIT_AS`` (allocation fails with MemoryError past the limit);
* **processes** — ``RLIMIT_NPROC``, which the kernel counts *per user*, and which it
  never applies to root. So when rung runs as root, the child first drops to an
  unprivileged uid (``nobody`` unless ``RUNG_LAB_SANDBOX_UID`` says otherwise) and the
  limit is real; as another user the limit is set to that user's current count plus
  the allowance. In every case a watchdog also counts the processes in the child's
  session and kills them all past ``max_procs`` (a fork bomb);
* **isolation** — on Linux with bubblewrap (``bwrap``) installed: no network, the
  system and the venv read-only, home folders hidden, only the run folder writable.

Every limit reports whether it was enforced, and how, so the output never claims
more safety than there is (``SandboxResult.enforcement``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ISOLATION_ENV = "RUNG_LAB_ISOLATION"  # "auto" (default), "bwrap" or "none"
# Folders the sandbox sees empty, but for the paths a check needs (bound back in).
HIDDEN_FOLDERS = ("/tmp", "/home", "/root", "/var/tmp")
UID_ENV = "RUNG_LAB_SANDBOX_UID"  # uid to drop to when run as root; "none" to keep root
NOBODY = 65534


@dataclass(frozen=True)
class Limits:
    """Resource limits for one sandboxed run; the defaults suit a lab check on a laptop."""

    wall_s: float = 120.0
    cpu_s: float = 150.0
    memory_bytes: int = 3 * 2**30
    # RLIMIT_NPROC counts processes *and threads* of the sandbox user, across every check
    # running at once, so it is a generous backstop; the watchdog catches fork bombs.
    max_tasks: int = 512
    max_procs: int = 16  # watchdog: processes in the child's session
    file_bytes: int = 256 * 2**20  # RLIMIT_FSIZE: no single file larger than this


@dataclass
class SandboxResult:
    returncode: int | None
    stdout: str
    stderr: str
    wall_s: float
    stopped: str | None = None  # "timeout", "fork-bomb" or None
    detail: str = ""
    enforcement: list[str] = field(default_factory=list)
    isolated: bool = False


def _gib(n: int) -> str:
    return f"{n / 2**30:.1f} GiB"


# ---------------------------------------------------------------- process accounting


def _stat_fields(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name may hold spaces and parentheses: split after the last ')'.
    return raw[raw.rfind(")") + 2 :].split()


def session_members(sid: int) -> list[int]:
    """Pids whose session id is ``sid`` (Linux /proc; empty elsewhere)."""
    members = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        fields = _stat_fields(int(entry))
        # fields: state ppid pgrp session ...
        if fields and len(fields) > 3 and fields[3] == str(sid):
            members.append(int(entry))
    return members


def _tasks_of_uid(uid: int) -> int:
    """How many tasks (processes and threads) the kernel counts against ``uid``."""
    count = 0
    try:
        entries = os.listdir("/proc")
    except OSError:  # no /proc (macOS): the kernel counts, we cannot
        return 0
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        uid_line = threads = None
        for line in status.splitlines():
            if line.startswith("Uid:"):
                uid_line = line.split()[1]
            elif line.startswith("Threads:"):
                threads = int(line.split()[1])
        if uid_line == str(uid):
            count += threads or 1
    return count


def _kill_session(sid: int) -> None:
    """SIGKILL the child's process group and every process still in its session."""
    for _ in range(5):
        try:
            os.killpg(sid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        left = session_members(sid)
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if not left:
            return
        time.sleep(0.02)


# ---------------------------------------------------------------- choosing a setup


def _drop_uid() -> int | None:
    if os.name != "posix" or os.geteuid() != 0:
        return None
    wanted = os.environ.get(UID_ENV, str(NOBODY))
    if wanted.lower() == "none":
        return None
    return int(wanted)


def _bwrap_argv(workdir: Path, readable: Sequence[Path]) -> list[str]:
    """bubblewrap: the whole system read-only, home folders and /tmp hidden, then the
    paths the check needs (venv, package, data, run folder) bound back in."""
    argv = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    hidden = [Path(h) for h in HIDDEN_FOLDERS if Path(h).is_dir()]
    for folder in hidden:
        argv += ["--tmpfs", str(folder)]
    made: set[Path] = set()
    binds = [("--ro-bind-try", path) for path in readable] + [("--bind", workdir)]
    for how, path in binds:
        # bwrap makes missing parents of a mount point with mode 0700, which would
        # lock the unprivileged uid out of (say) /root/.pyenv/versions/3.11.7 under
        # the hidden /root. Make them first, traversable and empty but for the path.
        for parent in _parents_below(path, hidden):
            if parent not in made:
                made.add(parent)
                argv += ["--perms", "0755", "--dir", str(parent)]
        argv += [how, str(path), str(path)]
    argv += [
        "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-pid",
        "--die-with-parent",
        "--chdir", str(workdir),
        "--",
    ]  # fmt: skip
    return argv


def _parents_below(path: Path, hidden: Sequence[Path]) -> list[Path]:
    """The folders between a hidden folder and ``path``, outermost first."""
    for folder in hidden:
        if path != folder and path.is_relative_to(folder):
            # For folder/a/b/c: parents of "a/b/c" are "a/b", "a", "."; keep a, a/b.
            between = path.relative_to(folder).parents
            return [folder / rel for rel in reversed(between) if rel != Path(".")]
    return []


def _python_paths() -> list[Path]:
    """Folders the child's Python needs to read: prefixes, sys.path and rung itself."""
    paths = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).parent}
    paths |= {Path(p) for p in sys.path if p and Path(p).is_dir()}
    paths.add(Path(__file__).resolve().parents[2])
    return sorted(p.resolve() for p in paths)


def _preexec(limits: Limits, uid: int | None, nproc: int | None):  # type: ignore[no-untyped-def]
    import resource

    def setup() -> None:
        cpu = int(limits.cpu_s)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if nproc is not None:
            resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
        if uid is not None:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)

    return setup


@dataclass(frozen=True)
class _Setup:
    """How a run is wrapped: bubblewrap or not, and how (if at all) root is dropped."""

    bwrap: bool
    uid: int | None
    via: str = ""  # "setpriv" (inside bwrap, after its mounts) or "preexec" (before exec)

    def prefix(self, workdir: Path, readable: Sequence[Path]) -> list[str]:
        argv = _bwrap_argv(workdir, readable) if self.bwrap else []
        if self.uid is not None and self.via == "setpriv":
            argv += [
                "setpriv", f"--reuid={self.uid}", f"--regid={self.uid}",
                "--clear-groups", "--no-new-privs",
            ]  # fmt: skip
        return argv

    @property
    def preexec_uid(self) -> int | None:
        return self.uid if self.via == "preexec" else None


_PROBES: dict[_Setup, bool] = {}


def _probe(setup: _Setup, workdir: Path, readable: Sequence[Path]) -> bool:
    """Can this setup start Python and import pytest and rung? Cached per process."""
    if setup not in _PROBES:
        argv = setup.prefix(workdir, readable) + [
            sys.executable, "-c", "import pytest, rung.labs.pytest_plugin",
        ]  # fmt: skip
        if setup.uid is not None:
            _chown_tree(workdir, setup.uid)
        try:
            res = subprocess.run(
                argv,
                preexec_fn=_preexec(Limits(), setup.preexec_uid, None),
                capture_output=True,
                timeout=60,
                cwd=workdir,
                env={
                    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                    "PYTHONDONTWRITEBYTECODE": "1",
                },
            )
            _PROBES[setup] = res.returncode == 0
        except (OSError, subprocess.SubprocessError):
            _PROBES[setup] = False
        finally:
            if setup.uid is not None:
                _chown_tree(workdir, os.geteuid())
    return _PROBES[setup]


def _choose(workdir: Path, readable: Sequence[Path]) -> tuple[_Setup, list[str]]:
    """The safest setup that actually works here, tried in order of preference.

    As root, dropping to an unprivileged uid is what makes RLIMIT_NPROC real. Inside
    bubblewrap that is done by ``setpriv`` after the mounts, so Python may live in a
    folder (such as /root/.pyenv) that the unprivileged uid could not reach itself.
    """
    notes: list[str] = []
    mode = os.environ.get(ISOLATION_ENV, "auto").lower()
    uid = _drop_uid()
    candidates: list[_Setup] = []
    bwrap_ok = sys.platform.startswith("linux") and mode != "none" and shutil.which("bwrap")
    if bwrap_ok:
        if uid is not None and shutil.which("setpriv"):
            candidates.append(_Setup(True, uid, "setpriv"))
        if uid is not None:
            candidates.append(_Setup(True, uid, "preexec"))
        candidates.append(_Setup(True, None))
    if mode != "bwrap":
        if uid is not None:
            candidates.append(_Setup(False, uid, "preexec"))
        candidates.append(_Setup(False, None))
    chosen = next((c for c in candidates if _probe(c, workdir, readable)), None)
    if chosen is None:
        if mode == "bwrap":
            raise RuntimeError(f"{ISOLATION_ENV}=bwrap but bubblewrap cannot run here")
        chosen = _Setup(False, None)
    if not chosen.bwrap:
        if mode == "none":
            notes.append(f"not isolated: {ISOLATION_ENV}=none")
        elif not sys.platform.startswith("linux"):
            notes.append(f"not isolated: no sandbox on {sys.platform}")
        elif not shutil.which("bwrap"):
            notes.append("not isolated: bubblewrap (bwrap) is not installed")
        else:
            notes.append("not isolated: bwrap is installed but could not start a sandbox here")
    if uid is not None and chosen.uid is None:
        notes.append(f"could not run as uid {uid} (cannot reach Python or rung?): kept root")
    if chosen.uid is not None:
        _chown_tree(workdir, chosen.uid)
    return chosen, notes


def _chown_tree(root: Path, uid: int) -> None:
    for dirpath, _dirs, files in os.walk(root):
        os.chown(dirpath, uid, uid)
        for name in files:
            os.chown(os.path.join(dirpath, name), uid, uid)


# ---------------------------------------------------------------- running


def run_sandboxed(
    argv: Sequence[str],
    *,
    workdir: Path,
    env: dict[str, str],
    limits: Limits | None = None,
    readable: Sequence[Path] = (),
) -> SandboxResult:
    """Run ``argv`` in ``workdir`` (the only writable place) under ``limits``.

    ``readable`` lists extra paths the command must read (data files); the Python
    installation and rung are always readable. Never raises for anything the child
    does; raises only if the command cannot be started at all.
    """
    limits = limits or Limits()
    workdir = workdir.resolve()
    readable = [*_python_paths(), *(Path(p).resolve() for p in readable)]
    setup, notes = _choose(workdir, readable)
    use_bwrap, uid = setup.bwrap, setup.uid

    nproc: int | None = None
    proc_note = f"processes: watchdog only ({limits.max_procs} processes)"
    if os.name == "posix":
        if uid is not None:
            nproc = _tasks_of_uid(uid) + limits.max_tasks
            proc_note = (
                f"processes: at most {limits.max_tasks} tasks (kernel RLIMIT_NPROC, "
                f"running as uid {uid}) and {limits.max_procs} processes (watchdog)"
            )
        elif os.geteuid() == 0:
            proc_note = (
                f"processes: watchdog only ({limits.max_procs} processes; the kernel's "
                "RLIMIT_NPROC does not apply to root)"
            )
        else:
            nproc = _tasks_of_uid(os.geteuid()) + limits.max_tasks
            proc_note = (
                f"processes: {limits.max_tasks} more tasks for your user (kernel "
                f"RLIMIT_NPROC, per user) and {limits.max_procs} processes (watchdog)"
            )
    enforcement = [
        f"wall time: {limits.wall_s:g} s (enforced: the session is killed)",
        f"CPU time: {limits.cpu_s:g} s (enforced: RLIMIT_CPU)",
        f"memory: {_gib(limits.memory_bytes)} address space (enforced: RLIMIT_AS)",
        proc_note,
        "isolation: bubblewrap — no network, system read-only, only the run folder writable"
        if use_bwrap
        else "isolation: none — " + "; ".join(n for n in notes if n.startswith("not isolated")),
        *[n for n in notes if not n.startswith("not isolated")],
    ]
    full_argv = setup.prefix(workdir, readable) + list(argv)
    child_env = dict(env)
    child_env["RUNG_LAB_MEMORY_LIMIT"] = _gib(limits.memory_bytes)

    out_path, err_path = workdir / ".stdout", workdir / ".stderr"
    start = time.monotonic()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(
            full_argv,
            cwd=workdir,
            env=child_env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
            preexec_fn=_preexec(limits, setup.preexec_uid, nproc),
        )
    sid = proc.pid
    stopped: str | None = None
    detail = ""
    try:
        while proc.poll() is None:
            elapsed = time.monotonic() - start
            if elapsed > limits.wall_s:
                stopped, detail = "timeout", f"timed out after {limits.wall_s:g} s"
                break
            members = session_members(sid)
            # bwrap adds two processes of its own (itself and the namespace's init).
            allowance = limits.max_procs + (2 if use_bwrap else 0)
            if len(members) > allowance:
                stopped = "fork-bomb"
                detail = (
                    f"stopped: your code started more than {limits.max_procs} processes "
                    "(a fork bomb?)"
                )
                break
            time.sleep(0.05)
    finally:
        _kill_session(sid)
        proc.wait()
    wall = time.monotonic() - start

    def tail(p: Path) -> str:
        data = p.read_bytes()[-20000:] if p.exists() else b""
        return data.decode("utf-8", "replace")

    return SandboxResult(
        returncode=proc.returncode,
        stdout=tail(out_path),
        stderr=tail(err_path),
        wall_s=wall,
        stopped=stopped,
        detail=detail,
        enforcement=enforcement,
        isolated=use_bwrap,
    )
