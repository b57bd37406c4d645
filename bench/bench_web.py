"""Web app latency and throughput under load, and `rung serve` start-up time.

    .venv/bin/python bench/bench_web.py [--requests 4000] [--concurrency 32] [--starts 5]

A real server process (uvicorn, one worker, the app from ``create_app``) runs
against a fresh SQLite store in a temporary RUNG_HOME. The load comes from an
httpx async client holding ``--concurrency`` keep-alive connections:

* lesson page GET (``/lessons/la.matmul``: body, rungs, videos, and a fresh
  variant of each check, so it reads the store too);
* answer POST (``/checks/answer``, grading and writing an attempt each time).

Start-up is measured from launching ``rung serve --no-browser`` to the first
successful response to ``GET /``, in fresh processes (cold Python included).
Aims: p99 <= 50 ms, >= 500 GET/s, start <= 1.5 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent / "rung"
LESSON = "/lessons/la.matmul"
FIELD = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)">')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, proc: subprocess.Popen[bytes], timeout: float = 30.0) -> float:
    """Poll until the server answers; returns the moment it did (perf_counter)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early with code {proc.returncode}")
        try:
            r = httpx.get(url, timeout=1.0)
            if r.status_code == 200:
                return time.perf_counter()
        except httpx.TransportError:
            pass
        time.sleep(0.005)
    raise RuntimeError("server did not answer in time")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def percentile(xs: list[float], q: float) -> float:
    ordered = sorted(xs)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def load(
    base: str, n: int, concurrency: int, method: str, path: str, data: dict[str, str] | None
) -> tuple[list[float], float, int]:
    """Send n requests over `concurrency` connections; latencies (ms), wall (s), errors."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:
        first = await client.get(LESSON)  # gets the CSRF cookie
        first.raise_for_status()
        headers = {"X-CSRF-Token": client.cookies["rung_csrf"], "HX-Request": "true"}
        remaining = n
        latencies: list[float] = []
        errors = 0

        async def worker() -> None:
            nonlocal remaining, errors
            while remaining > 0:
                remaining -= 1
                t = time.perf_counter()
                try:
                    if method == "GET":
                        r = await client.get(path)
                    else:
                        r = await client.post(path, data=data, headers=headers)
                except httpx.TransportError:  # a dropped connection counts, it doesn't stop the run
                    errors += 1
                    continue
                latencies.append((time.perf_counter() - t) * 1000)
                if r.status_code != 200:
                    errors += 1

        # Warm up: the Markdown cache, the check catalogue, SQLite's pages.
        for _ in range(20):
            await (
                client.get(path)
                if method == "GET"
                else client.post(path, data=data, headers=headers)
            )
        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return latencies, time.perf_counter() - start, errors


def answer_form(base: str) -> dict[str, str]:
    """The first check's form on the lesson page, with its right answer filled in."""
    from rung.practice import get_check

    with httpx.Client(base_url=base) as c:
        html = c.get(LESSON).text
    body = html.split('<form class="check-form"', 1)[1].split("</form>", 1)[0]
    form = dict(FIELD.findall(body))
    problem = get_check(form["check_id"]).generate(int(form["seed"]))
    return {**form, "answer": problem.answer_text}


def measure_start(runs: int, home: str) -> tuple[list[float], list[float]]:
    """Wall time and the server's own CPU time from launch to the first 200 on /."""
    times: list[float] = []
    cpu: list[float] = []
    for _ in range(runs):
        port = free_port()
        env = {**os.environ, "RUNG_HOME": home}
        t = time.perf_counter()
        proc = subprocess.Popen(
            [str(BIN), "serve", "--no-browser", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            ready = wait_ready(f"http://127.0.0.1:{port}/", proc)
            times.append((ready - t) * 1000)
            cpu.append(cpu_seconds(proc.pid) * 1000)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    return times, cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=4000)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--starts", type=int, default=5)
    args = ap.parse_args()
    load_before = (
        ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    )

    with tempfile.TemporaryDirectory() as home:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "RUNG_HOME": home}
        server = subprocess.Popen(
            [
                sys.executable, "-m", "uvicorn", "--factory", "rung.web.app:create_app",
                "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
                "--log-level", "warning", "--no-access-log", "--lifespan", "off",
                "--timeout-keep-alive", "30",
            ],
            env=env,
        )  # fmt: skip
        try:
            wait_ready(base + "/", server)
            rows = []
            cpu0 = cpu_seconds(server.pid)
            lat, wall_s, err = asyncio.run(
                load(base, args.requests, args.concurrency, "GET", LESSON, None)
            )
            cpu1 = cpu_seconds(server.pid)
            rows.append(("lesson page GET", lat, wall_s, err, cpu1 - cpu0))
            form = answer_form(base)
            lat, wall_s, err = asyncio.run(
                load(base, args.requests // 2, args.concurrency, "POST", "/checks/answer", form)
            )
            rows.append(("answer POST", lat, wall_s, err, cpu_seconds(server.pid) - cpu1))
        finally:
            server.terminate()
            server.wait(timeout=10)
        starts, start_cpu = measure_start(args.starts, home)

    print(
        f"One uvicorn worker, {args.concurrency} concurrent connections, "
        f"{os.cpu_count()} CPU cores shared by server and load generator."
    )
    print(f"Load average of the machine before the run: {load_before}.")
    print(
        f"{'what':18} {'n':>6} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>7} {'errors':>6}"
        f" {'server CPU ms/req':>18} {'=> req/s per core':>18}"
    )
    for name, lat, wall_s, err, cpu in rows:
        per = 1000 * cpu / len(lat) if cpu else float("nan")
        print(
            f"{name:18} {len(lat):6d} {percentile(lat, 0.5):8.1f} {percentile(lat, 0.99):8.1f}"
            f" {len(lat) / wall_s:7.0f} {err:6d} {per:18.2f} {1000 / per if cpu else float('nan'):18.0f}"
        )
    print("aims: p99 <= 50 ms; >= 500 GET/s. The answer POSTs all retry one variant, so")
    print("the learner's history grows by one attempt per request during that run.")
    print()
    print(
        f"{'rung serve start to first response':36} {'median ms':>10} {'max ms':>8}"
        f" {'its CPU ms':>11} {'aim ms':>7}"
    )
    print(
        f"{'(' + str(len(starts)) + ' fresh processes)':36} {statistics.median(starts):10.0f}"
        f" {max(starts):8.0f} {statistics.median(start_cpu):11.0f} {1500:7d}"
    )


if __name__ == "__main__":
    main()
