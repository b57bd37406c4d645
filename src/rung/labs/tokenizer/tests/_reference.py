"""The tests' own small reference: data, a merge, and a replay that judges training.

Nothing here uses the learner's code. Training is judged without insisting on one
tie rule: ``Replay`` applies the learner's merges in order to its own copy of the
chunks and checks that each merge was, at its moment, a pair no other pair outnumbered.
It keeps pair counts up to date incrementally (only the chunks holding the merged pair
are recounted), so it can judge training on hundreds of kilobytes in about a second.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from rung.labs.harness import Mismatch, lab_data

FIXTURES = Path(__file__).resolve().parent / "cl100k"


@cache
def shakespeare() -> str:
    return lab_data("tinyshakespeare").read_text(encoding="utf-8")


@cache
def cl100k_cases() -> dict[str, Any]:
    return json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))


def ref_merge(seq: list[int], pair: tuple[int, int], idx: int) -> list[int]:
    """Merge with a stack: a merged id never equals ``pair[0]``, so an element on top of
    the stack that does equal it is an unmerged one and may pair with the next."""
    out: list[int] = []
    for x in seq:
        if out and out[-1] == pair[0] and x == pair[1]:
            out[-1] = idx
        else:
            out.append(x)
    return out


def show(token: bytes) -> str:
    return repr(token.decode("utf-8", errors="replace"))


class Replay:
    """Apply merges to chunks one at a time, checking that each was a most frequent pair."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        counts = Counter(chunks)
        self.seqs = [list(c) for c in counts]
        self.weight = list(counts.values())
        self.stats: Counter[tuple[int, int]] = Counter()
        self.holders: defaultdict[tuple[int, int], set[int]] = defaultdict(set)
        self.vocab = {i: bytes([i]) for i in range(256)}
        for k in range(len(self.seqs)):
            self._count(k, +1)

    def _count(self, k: int, sign: int) -> None:
        seq = self.seqs[k]
        for pair in zip(seq, seq[1:], strict=False):
            self.stats[pair] += sign * self.weight[k]
            if sign > 0:
                self.holders[pair].add(k)
            elif self.stats[pair] == 0:
                del self.stats[pair]

    def apply(self, step: int, pair: tuple[int, int], idx: int) -> None:
        for part in pair:
            if part not in self.vocab:
                raise Mismatch(f"merge {step}: {pair} uses id {part}, which no earlier merge made")
        name = show(self.vocab[pair[0]] + self.vocab[pair[1]])
        got = self.stats.get(pair, 0)
        if got == 0:
            raise Mismatch(
                f"merge {step}: {pair} ({name}) does not occur at that point"
                " (inside one chunk, after the earlier merges)"
            )
        top_pair, top = max(self.stats.items(), key=lambda kv: kv[1])
        if got < top:
            raise Mismatch(
                f"merge {step}: {pair} ({name}) occurs {got} times, but {top_pair} "
                f"({show(self.vocab[top_pair[0]] + self.vocab[top_pair[1]])}) occurs {top} "
                "times: each merge should take a most frequent pair"
            )
        for k in self.holders.pop(pair, set()):
            self._count(k, -1)
            self.seqs[k] = ref_merge(self.seqs[k], pair, idx)
            self._count(k, +1)
        self.vocab[idx] = self.vocab[pair[0]] + self.vocab[pair[1]]


def reference_train_seconds(chunks: list[bytes], n_merges: int) -> float:
    """Seconds this module takes to train ``n_merges`` merges on ``chunks`` itself
    (always taking a most frequent pair): the yardstick for the learner's speed, measured
    on the same machine at the same moment, so a busy machine slows both alike."""
    start = time.perf_counter()
    replay = Replay(chunks)
    for step in range(1, n_merges + 1):
        if not replay.stats:
            break
        pair = max(replay.stats.items(), key=lambda kv: kv[1])[0]
        replay.apply(step, pair, 255 + step)
    return time.perf_counter() - start


def check_training(
    merges: dict[tuple[int, int], int], chunks: Iterable[bytes], n_merges: int
) -> None:
    """Raise Mismatch unless ``merges`` is a valid training result on ``chunks``."""
    if not isinstance(merges, dict):
        raise Mismatch(f"tok.merges should be a dict, got {type(merges).__name__}")
    if len(merges) != n_merges:
        raise Mismatch(f"expected {n_merges} merges (vocab_size - 256), found {len(merges)}")
    replay = Replay(chunks)
    for step, (pair, idx) in enumerate(merges.items(), start=1):
        if idx != 255 + step:
            raise Mismatch(f"merge {step} should get id {255 + step}, got {idx}")
        replay.apply(step, tuple(pair), idx)  # type: ignore[arg-type]
