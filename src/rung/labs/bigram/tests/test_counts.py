"""Task counts: the bigram pairs of a word and the 27 x 27 count table."""

from __future__ import annotations

import pytest
import torch
from _reference import SMALL, counts, names, vocab
from bigram.counting import build_vocab, count_bigrams, pairs

from rung.labs.harness import assert_close

pytestmark = pytest.mark.task("counts")


def test_pairs_include_both_boundaries() -> None:
    got = pairs("emma")
    want = [(".", "e"), ("e", "m"), ("m", "m"), ("m", "a"), ("a", ".")]
    assert list(got) == want, f"pairs('emma') gave {got}, expected {want}"


def test_counts_on_a_few_names() -> None:
    stoi, _ = vocab(SMALL)
    N = count_bigrams(SMALL, stoi)
    assert isinstance(N, torch.Tensor), (
        f"count_bigrams should return a tensor, got {type(N).__name__}"
    )
    assert not N.is_floating_point(), f"counts should be integers, got {N.dtype}"
    ref = counts(SMALL, stoi)
    starts, ends = int(N[0].sum()), int(N[:, 0].sum())
    assert starts == len(SMALL), (
        f"row '.' (how names start) adds up to {starts}, expected {len(SMALL)}: "
        "does every name get a '.' before its first letter?"
    )
    assert ends == len(SMALL), (
        f"column '.' (how names end) adds up to {ends}, expected {len(SMALL)}: "
        "does every name get a '.' after its last letter?"
    )
    assert_close("N", N, ref)


def test_counts_on_all_names() -> None:
    words = list(names())
    stoi, _ = build_vocab(words)
    N = count_bigrams(words, stoi)
    assert tuple(N.shape) == (27, 27), f"shape of N: yours {tuple(N.shape)}, expected (27, 27)"
    assert int(N.sum()) == 228_146, (
        f"N adds up to {int(N.sum())}, expected 228146 bigrams in names.txt"
    )
    assert_close("N on names.txt", N, counts(words, stoi))
