"""Latency of the widgets' figure API, per widget: median and p95.

    .venv/bin/python bench/bench_viz.py [--requests 40] [--json]

A real server (uvicorn, one worker, the app from ``create_app`` over a fresh
SQLite store in a temporary RUNG_HOME) answers ``GET /api/viz/<widget>`` from a
keep-alive httpx client, one request at a time, the way a widget asks while a
learner drags or types. Each request varies its parameters (a new matrix, a
new point, a new text), so no answer is a repeat of the last. One warm-up
request per widget comes first and is reported apart: for ``attention`` it
imports torch and loads the reference GPT, for ``derivative`` it imports SymPy.
The playground is measured at 100 training steps (the "Train" button asks for
10 to 1000). Aim: p95 <= 100 ms for every widget but the playground, and
the BPE view under 300 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

import httpx

TEXT = "To be, or not to be, that is the question: Whether 'tis nobler in the mind to suffer"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def matrix(rng: random.Random) -> str:
    return ",".join(str(rng.randint(-4, 4)) for _ in range(4))


PARAMS: dict[str, Callable[[random.Random], dict[str, str]]] = {
    "grid": lambda r: {"m": matrix(r)},
    "eigen": lambda r: {"m": matrix(r)},
    "composition": lambda r: {"a": matrix(r), "b": matrix(r)},
    "svd": lambda r: {"m": matrix(r)},
    "projection": lambda r: {
        "v": f"{r.randint(-4, 4)},{r.randint(-4, 4)}",
        "u": f"{r.randint(1, 4)},{r.randint(-4, 4)}",
    },
    "derivative": lambda r: {
        "f": r.choice(["sin(x)", "exp(x)", "x^3 - x", "tanh(x)"]),
        "x0": f"{r.uniform(-2, 2):.1f}",
    },
    "taylor": lambda r: {
        "f": r.choice(["sin(x)", "exp(x)", "cos(x)"]),
        "a": f"{r.uniform(-1, 1):.1f}",
        "order": str(r.randint(0, 12)),
    },
    "descent": lambda r: {
        "surface": r.choice(["bowl", "rosenbrock", "saddle"]),
        "lr": f"{r.uniform(0.001, 0.3):.4f}",
        "momentum": f"{r.uniform(0, 0.9):.2f}",
        "steps": "100",
    },
    "clt": lambda r: {
        "dist": r.choice(["uniform", "exponential", "die"]),
        "n": str(r.randint(1, 100)),
        "seed": str(r.randint(0, 999)),
    },
    "bayes": lambda r: {
        "prior": f"{r.random():.2f}",
        "tp": f"{r.random():.2f}",
        "fp": f"{r.random():.2f}",
    },
    "playground": lambda r: {
        "dataset": r.choice(["moons", "circles", "xor"]),
        "width": str(r.randint(2, 12)),
        "steps": "100",
    },
    "attention": lambda r: {"text": TEXT[: r.randint(20, len(TEXT))], "model": "reference"},
    "bpe": lambda r: {"text": TEXT[: r.randint(20, len(TEXT))] * 3},
}


def percentile(xs: list[float], q: float) -> float:
    s = sorted(xs)
    k = min(len(s) - 1, max(0, round(q * (len(s) - 1))))
    return s[k]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=40, help="timed requests per widget")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    port = free_port()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "RUNG_HOME": home}
        code = (
            "import uvicorn; from rung.web.app import create_app; "
            f"uvicorn.run(create_app(), host='127.0.0.1', port={port}, log_level='warning')"
        )
        proc = subprocess.Popen([sys.executable, "-c", code], env=env)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(base + "/static/app.css", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("server did not start")
                time.sleep(0.05)
            results = {}
            rng = random.Random(7)
            with httpx.Client(base_url=base, timeout=60) as client:
                for widget, make in PARAMS.items():
                    t0 = time.perf_counter()
                    r = client.get(f"/api/viz/{widget}", params=make(rng))
                    first = time.perf_counter() - t0
                    r.raise_for_status()
                    times, sizes = [], []
                    for _ in range(args.requests):
                        params = make(rng)
                        t0 = time.perf_counter()
                        r = client.get(f"/api/viz/{widget}", params=params)
                        times.append(time.perf_counter() - t0)
                        assert r.status_code in (200, 422), (widget, params, r.text)
                        sizes.append(len(r.content))
                    results[widget] = {
                        "first_ms": round(first * 1000, 1),
                        "median_ms": round(statistics.median(times) * 1000, 1),
                        "p95_ms": round(percentile(times, 0.95) * 1000, 1),
                        "kb": round(statistics.median(sizes) / 1024, 1),
                    }
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"{'widget':<12} {'first ms':>9} {'median ms':>10} {'p95 ms':>8} {'KiB':>7}")
        for widget, r in results.items():
            print(
                f"{widget:<12} {r['first_ms']:>9} {r['median_ms']:>10} {r['p95_ms']:>8} {r['kb']:>7}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
