"""Cold-start and content-loading times.

    .venv/bin/python bench/bench_cli.py [--runs 20]

Each CLI figure is the median of N fresh processes (cold Python start included);
loading is measured in fresh processes too, since the model is cached in-process.
Byte-code is compiled first, as a normal install leaves it: with
PYTHONDONTWRITEBYTECODE set (as on some CI images) every start would otherwise
recompile rung's modules from source.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "rung"


def wall(cmd: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        out.append((time.perf_counter() - t) * 1000)
    return out


LOAD = (
    "import time; t=time.perf_counter(); from rung.curriculum import load_curriculum; t1=time.perf_counter();"
    "load_curriculum(); t2=time.perf_counter(); print((t2-t)*1000, (t2-t1)*1000)"
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    runs = ap.parse_args().runs
    import compileall

    import rung

    compileall.compile_dir(str(Path(rung.__file__).parent), quiet=1)
    rows = [
        ("python -c pass (floor)", wall([sys.executable, "-c", "pass"], runs), None),
        ("rung --help", wall([str(BIN), "--help"], runs), 100),
        ("rung map", wall([str(BIN), "map"], runs), 250),
        ("rung map --json", wall([str(BIN), "map", "--json"], runs), 250),
    ]
    totals, loads = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", LOAD], capture_output=True, text=True, check=True
        )
        a, b = map(float, out.stdout.split())
        totals.append(a)
        loads.append(b)
    rows.append(("import + load + validate (in process)", totals, 200))
    rows.append(("load + validate only", loads, 200))
    print(f"{'what':40} {'median ms':>10} {'p90 ms':>8} {'aim ms':>7}")
    for name, xs, aim in rows:
        p90 = sorted(xs)[int(0.9 * (len(xs) - 1))]
        print(f"{name:40} {statistics.median(xs):10.1f} {p90:8.1f} {aim if aim else '':>7}")


if __name__ == "__main__":
    main()
