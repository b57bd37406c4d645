"""Tasks ``dataset`` and ``split``: the examples, and names that do not leak between splits."""

from __future__ import annotations

import pytest
import torch
from _reference import ITOS, expect, reference_dataset
from mlp.data import build_dataset, build_vocab, split_words


def _compare_rows(X, Y, X_ref, Y_ref, words) -> None:  # type: ignore[no-untyped-def]
    expect(
        isinstance(X, torch.Tensor) and isinstance(Y, torch.Tensor),
        f"build_dataset should return two tensors, got {type(X).__name__} and {type(Y).__name__}",
    )
    expect(
        X.dtype == torch.long and Y.dtype == torch.long,
        f"X and Y must hold integer ids (torch.long); got {X.dtype} and {Y.dtype}",
    )
    expect(
        tuple(X.shape) == tuple(X_ref.shape),
        f"shape of X: yours {tuple(X.shape)}, expected {tuple(X_ref.shape)} "
        f"(each word gives len(word) + 1 examples, the last one predicting '.')",
    )
    expect(
        tuple(Y.shape) == tuple(Y_ref.shape),
        f"shape of Y: yours {tuple(Y.shape)}, expected {tuple(Y_ref.shape)}",
    )
    bad = (X != X_ref).any(1) | (Y != Y_ref)
    if bad.any():
        i = int(bad.nonzero()[0])
        ctx = "".join(ITOS[j] for j in X_ref[i].tolist())
        mine = "".join(ITOS[j] if 0 <= j < len(ITOS) else "?" for j in X[i].tolist())
        raise AssertionError(
            f"example {i} (from {words!r:.60}) differs: yours {mine!r} -> {ITOS[int(Y[i])]!r}, "
            f"expected {ctx!r} -> {ITOS[int(Y_ref[i])]!r}"
        )


@pytest.mark.task("dataset")
def test_vocabulary_puts_dot_first(words: list[str]) -> None:
    stoi, itos = build_vocab(words)
    expect(
        itos == ITOS,
        f"itos should be '.' then a..z; yours starts {itos[:5]} and has {len(itos)} entries",
    )
    expect(all(stoi[ch] == i for i, ch in enumerate(itos)), "stoi and itos should be inverses")


@pytest.mark.task("dataset")
def test_emma_gives_five_examples() -> None:
    stoi = {ch: i for i, ch in enumerate(ITOS)}
    X, Y = build_dataset(["emma"], stoi, block_size=3)
    _compare_rows(X, Y, *reference_dataset(["emma"], 3), ["emma"])


@pytest.mark.task("dataset")
def test_other_block_sizes() -> None:
    stoi = {ch: i for i, ch in enumerate(ITOS)}
    for bs in (1, 5, 8):
        words = ["ava", "x", "sophia"]
        X, Y = build_dataset(words, stoi, block_size=bs)
        _compare_rows(X, Y, *reference_dataset(words, bs), words)


@pytest.mark.task("dataset")
@pytest.mark.timeout(90)
def test_whole_file(words: list[str]) -> None:
    stoi = {ch: i for i, ch in enumerate(ITOS)}
    X, Y = build_dataset(words, stoi, block_size=3)
    _compare_rows(X, Y, *reference_dataset(words, 3), "names.txt")


@pytest.mark.task("split")
def test_split_sizes_are_80_10_10(words: list[str]) -> None:
    train, dev, test = split_words(words, seed=42)
    n = len(words)
    want = (int(0.8 * n), int(0.9 * n) - int(0.8 * n), n - int(0.9 * n))
    got = (len(train), len(dev), len(test))
    expect(got == want, f"split sizes (train, dev, test): yours {got}, expected {want}")


@pytest.mark.task("split")
def test_every_name_in_exactly_one_split(words: list[str]) -> None:
    train, dev, test = split_words(words, seed=42)
    expect(
        sorted(train + dev + test) == sorted(words),
        "train + dev + test should be the names of the file, each exactly once: "
        "a name missing or repeated means the splits overlap or leave a gap (are the cut "
        "points the same for the end of one split and the start of the next?)",
    )
    # (names.txt lists a few names twice, once per sex: equal strings in two splits
    # are then fine, which is why the check counts rather than intersects sets.)


@pytest.mark.task("split")
def test_split_is_shuffled_and_repeatable(words: list[str]) -> None:
    before = list(words)
    a = split_words(words, seed=42)
    expect(words == before, "split_words changed the list it was given: shuffle a copy")
    expect(a == split_words(words, seed=42), "the same seed must give the same split")
    expect(a != split_words(words, seed=7), "a different seed should give a different split")
    expect(
        a[0] != words[: len(a[0])],
        "the training split is the first 80% of the file: shuffle first (the file is "
        "sorted by popularity, so an unshuffled dev split holds only rare names)",
    )
