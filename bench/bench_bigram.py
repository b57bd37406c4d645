"""Measures for the bigram lab's reference solution (run: python bench/bench_bigram.py).

The counting model's mean NLL over all of names.txt (2.4540; 2.4546 with +1
smoothing), and the neural bigram's loss and time after gradient descent.
Prints a table; torch runs on one thread. Data: RUNG_DATA_DIR or the registry.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import torch

LAB = Path(__file__).resolve().parents[1] / "src" / "rung" / "labs" / "bigram"
sys.path.insert(0, str(LAB / "solution"))

from bigram.counting import bigram_probs, build_vocab, count_bigrams, mean_nll  # noqa: E402
from bigram.neural import encode_pairs, train_neural_bigram  # noqa: E402

from rung import data  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, nargs="*", default=[100, 200, 500])
    args = parser.parse_args()
    torch.set_num_threads(1)
    words = data.path("names").read_text(encoding="utf-8").split()
    stoi, _ = build_vocab(words)

    start = time.perf_counter()
    N = count_bigrams(words, stoi)
    counted = time.perf_counter() - start
    print(f"names.txt: {len(words)} names, {int(N.sum())} bigrams; counted in {counted:.2f} s")
    print(f"{'model':<28} {'mean NLL':>9} {'seconds':>8}")
    for smoothing in (0.0, 1.0):
        start = time.perf_counter()
        nll = mean_nll(bigram_probs(N, smoothing), words, stoi)
        print(
            f"{f'counting, smoothing {smoothing:g}':<28} {nll:>9.4f} {time.perf_counter() - start:>8.2f}"
        )
    xs, ys = encode_pairs(words, stoi)
    for steps in args.steps:
        start = time.perf_counter()
        W, losses = train_neural_bigram(
            words, stoi, steps=steps, generator=torch.Generator().manual_seed(0)
        )
        secs = time.perf_counter() - start
        final = float(torch.nn.functional.cross_entropy(W[xs], ys))
        label = f"neural, {steps} steps, lr 50"
        print(f"{label:<28} {final:>9.4f} {secs:>8.2f}   (with reg: {losses[-1]:.4f})")


if __name__ == "__main__":
    main()
