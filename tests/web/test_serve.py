"""`rung serve`: starts on loopback, steps past a taken port, warns on a public host."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from click.testing import CliRunner

from rung.cli import main
from rung.cli.web_cmds import allowed_hosts_for, bind_socket

from .conftest import free_port

RUNG = Path(sys.executable).parent / "rung"


def test_serve_starts_and_steps_past_a_taken_port(tmp_path: Path) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    env = {**os.environ, "RUNG_HOME": str(tmp_path)}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.Popen(
        [str(RUNG), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        lines: list[str] = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "No display found" in line:
                break
        text = "".join(lines)
        assert f"Port {port} is taken" in text
        url = text.split("rung is running at ", 1)[1].split(" ", 1)[0]
        assert url.startswith("http://127.0.0.1:")
        assert "No display found, so no browser was opened" in text
        r = httpx.get(url, timeout=10)
        assert r.status_code == 200
        assert "content-security-policy" in r.headers
        assert (tmp_path / "web-secret").stat().st_mode & 0o077 == 0
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        if proc.stdout is not None:
            proc.stdout.close()
        taken.close()


def test_public_host_gets_a_loud_warning() -> None:
    # 192.0.2.1 is a documentation address: not ours, so binding fails at once,
    # after the warning has been given.
    result = CliRunner().invoke(main, ["serve", "--host", "192.0.2.1", "--no-browser"])
    assert result.exit_code != 0
    assert "WARNING" in result.output
    assert "not on this computer only" in result.output


def test_bind_socket_tries_the_next_ports() -> None:
    port = free_port()
    first, got = bind_socket("127.0.0.1", port, tries=5)
    try:
        second, got2 = bind_socket("127.0.0.1", port, tries=5)
        second.close()
        assert got == port and got2 > port
    finally:
        first.close()


def test_allowed_hosts() -> None:
    assert allowed_hosts_for("0.0.0.0") == ["*"]
    hosts = allowed_hosts_for("192.168.1.5")
    assert "192.168.1.5" in hosts and "127.0.0.1" in hosts


def test_app_start_imports_no_torch(tmp_path: Path) -> None:
    code = (
        "import sys, warnings\n"
        "warnings.simplefilter('ignore')\n"
        "from rung.web.app import create_app\n"
        "from fastapi.testclient import TestClient\n"
        "c = TestClient(create_app(), base_url='http://127.0.0.1')\n"
        "assert c.get('/').status_code == 200\n"
        "assert c.get('/lessons/la.matmul').status_code == 200\n"
        "print('torch' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "RUNG_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False"
