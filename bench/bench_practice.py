"""Benchmark: generate one problem and grade two answers (right and wrong), per family.

Run with ``python bench/bench_practice.py [--seeds N]``. Prints the median and
95th percentile per family group (numeric vs symbolic) against the aims
(numeric <= 1 ms, symbolic <= 30 ms), then the slowest families. A script that
prints a table, not a timed test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import time

from rung.practice import all_checks

AIMS_MS = {"numeric": 1.0, "symbolic": 30.0}


def _wrong_text(answer_text: str) -> str:
    return (
        answer_text + " + 1"
        if not answer_text.startswith(("[", "(", "{"))
        else answer_text[:-1] + ", 1" + answer_text[-1]
    )


def time_family(fam, seeds: int) -> list[float]:
    """Milliseconds per seed for generate + grade(right) + grade(wrong)."""
    fam.generate(10_000).grade("")  # warm up imports (SymPy for expressions)
    out = []
    for seed in range(seeds):
        start = time.perf_counter()
        problem = fam.generate(seed)
        problem.grade(problem.answer_text)
        problem.grade(_wrong_text(problem.answer_text))
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=200, help="problems per family")
    parser.add_argument(
        "--top", type=int, default=10, help="how many of the slowest families to list"
    )
    args = parser.parse_args()

    per_family: dict[str, list[float]] = {}
    groups: dict[str, list[float]] = {"numeric": [], "symbolic": []}
    for fam in all_checks():
        times = time_family(fam, args.seeds)
        per_family[fam.id] = times
        groups["symbolic" if fam.symbolic else "numeric"].extend(times)

    print(f"generate + grade(right) + grade(wrong), {args.seeds} seeds per family\n")
    print(f"{'group':<10} {'families':>8} {'median ms':>10} {'p95 ms':>8} {'aim ms':>7}  met")
    for name, times in groups.items():
        n = sum(1 for f in all_checks() if (f.symbolic == (name == "symbolic")))
        if not times:
            continue
        med, q95 = statistics.median(times), p95(times)
        met = "yes" if q95 <= AIMS_MS[name] else "median" if med <= AIMS_MS[name] else "no"
        print(f"{name:<10} {n:>8} {med:>10.3f} {q95:>8.3f} {AIMS_MS[name]:>7.1f}  {met}")

    print(f"\nslowest {args.top} families by p95")
    print(f"{'family':<28} {'median ms':>10} {'p95 ms':>8}")
    ranked = sorted(per_family.items(), key=lambda kv: p95(kv[1]), reverse=True)[: args.top]
    for fid, times in ranked:
        print(f"{fid:<28} {statistics.median(times):>10.3f} {p95(times):>8.3f}")


if __name__ == "__main__":
    main()
