"""Benchmark the tokenizer lab's reference: training time, encode speed, round trips.

    python bench/bench_tokenizer.py                   # the table (about a minute)
    python bench/bench_tokenizer.py --repeat 1        # one run per timing
    python bench/bench_tokenizer.py --cl100k FILE     # also GPT-4 on the full rank table

Rows:

1. ``RegexTokenizer`` trained to 512 ids on all of Tiny Shakespeare (1,115,394
   characters), GPT-4 pattern (target: at most 10 s) and GPT-2 pattern.
2. The same training written plainly (every chunk recounted for every merge), on a
   slice and for a few merges, to show what the incremental counts buy.
3. ``BasicTokenizer`` (the lecture's plain loop over the whole byte string) trained to
   512 ids on the first 100,000 characters; the whole text would take minutes.
4. Encoding speed of the trained tokenizers on the whole text (``BasicTokenizer``: the
   first 100,000 characters, since it merges one long list), with a round-trip check
   (``decode(encode(text)) == text``) and the number of bytes per token.
5. With ``--cl100k``: building ``GPT4Tokenizer`` from the full cl100k_base table
   (recovering 100,000 merges) and its encoding speed.

Timings are the median of ``--repeat`` runs; the machine's load average is printed
first, because on a shared machine timings move with it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src" / "rung" / "labs" / "tokenizer" / "solution"))
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("RUNG_DATA_DIR", str(REPO.parent / "shared" / "data"))

from tokenizer import (  # noqa: E402
    GPT2_SPLIT_PATTERN,
    GPT4_SPLIT_PATTERN,
    BasicTokenizer,
    GPT4Tokenizer,
    RegexTokenizer,
)
from tokenizer.base import get_stats, merge, most_frequent_pair  # noqa: E402

from rung import data  # noqa: E402


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median seconds of ``repeat`` calls, and the last call's result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def train_regex(text: str, pattern: str, vocab_size: int) -> RegexTokenizer:
    tok = RegexTokenizer(pattern)
    tok.train(text, vocab_size)
    return tok


def train_basic(text: str, vocab_size: int) -> BasicTokenizer:
    tok = BasicTokenizer()
    tok.train(text, vocab_size)
    return tok


def plain_regex_train(tok: RegexTokenizer, text: str, n_merges: int) -> dict:
    """The algorithm without its speed-up, for comparison."""
    seqs = [list(c.encode("utf-8")) for c in tok.split(text)]
    merges = {}
    for idx in range(256, 256 + n_merges):
        stats: dict = {}
        for seq in seqs:
            get_stats(seq, stats)
        pair = most_frequent_pair(stats)
        seqs = [merge(seq, pair, idx) for seq in seqs]
        merges[pair] = idx
    return merges


def encode_row(name: str, tok: Any, text: str, repeat: int) -> list[str]:
    seconds, ids = timed(lambda: tok.encode(text), repeat)
    ok = tok.decode(ids) == text
    n_bytes = len(text.encode("utf-8"))
    return [
        f"encode, {name}",
        f"{len(text):,} chars",
        f"{seconds:.2f} s",
        f"{n_bytes / seconds / 1e6:.2f} MB/s; {n_bytes / len(ids):.2f} bytes/token; "
        f"round trip {'ok' if ok else 'FAILED'}",
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    ap.add_argument("--cl100k", type=Path, help="a full cl100k_base.tiktoken file")
    args = ap.parse_args(argv)

    text = data.path("tinyshakespeare").read_text(encoding="utf-8")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"Tiny Shakespeare: {len(text):,} characters, {len(text.encode()):,} bytes")
    RegexTokenizer().split("compile the pattern before timing")

    rows: list[list[str]] = []
    t4, gpt4_style = timed(lambda: train_regex(text, GPT4_SPLIT_PATTERN, 512), args.repeat)
    verdict = "target <= 10 s: " + ("met" if t4 <= 10 else "MISSED")
    rows.append(["train RegexTokenizer, GPT-4 pattern", "all, to 512", f"{t4:.2f} s", verdict])
    t2, gpt2_style = timed(lambda: train_regex(text, GPT2_SPLIT_PATTERN, 512), args.repeat)
    rows.append(["train RegexTokenizer, GPT-2 pattern", "all, to 512", f"{t2:.2f} s", ""])

    piece, n_merges = text[:100_000], 32
    fast_s, fast = timed(lambda: train_regex(piece, GPT4_SPLIT_PATTERN, 256 + n_merges), 1)
    plain_s, plain = timed(lambda: plain_regex_train(fast, piece, n_merges), 1)
    same = "same merges" if plain == fast.merges else "MERGES DIFFER"
    rows.append(
        ["train, incremental", f"100,000 chars, {n_merges} merges", f"{fast_s:.2f} s", same]
    )
    rows.append(
        [
            "train, every chunk recounted",
            f"100,000 chars, {n_merges} merges",
            f"{plain_s:.2f} s",
            f"{plain_s / fast_s:.0f}x slower",
        ]
    )

    tb, basic = timed(lambda: train_basic(text[:100_000], 512), 1)
    rows.append(["train BasicTokenizer (plain loop)", "100,000 chars, to 512", f"{tb:.2f} s", ""])

    rows.append(encode_row("RegexTokenizer GPT-4 (512)", gpt4_style, text, args.repeat))
    rows.append(encode_row("RegexTokenizer GPT-2 (512)", gpt2_style, text, args.repeat))
    rows.append(encode_row("BasicTokenizer (512)", basic, text[:100_000], 1))

    if args.cl100k:
        tg, gpt4 = timed(lambda: GPT4Tokenizer.from_tiktoken_file(args.cl100k), 1)
        rows.append(["build GPT4Tokenizer", f"{len(gpt4.merges):,} merges", f"{tg:.2f} s", ""])
        rows.append(encode_row("GPT4Tokenizer (cl100k_base)", gpt4, text, 1))

    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    header = ["what", "data", "time", "notes"]
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
