"""Task probs: rows of counts turned into probability distributions, with smoothing."""

from __future__ import annotations

import pytest
import torch
from _reference import SMALL, counts, probs, vocab
from bigram.counting import bigram_probs

from rung.labs.harness import assert_close

pytestmark = pytest.mark.task("probs")


@pytest.mark.parametrize("smoothing", [0.0, 1.0, 0.25])
def test_probs_match_the_reference(smoothing: float) -> None:
    stoi, _ = vocab(SMALL)
    N = counts(SMALL, stoi)
    if smoothing == 0.0:
        N[N.sum(1) == 0] = 1  # rows never seen would be 0/0 without smoothing
    P = bigram_probs(N, smoothing)
    assert P.dtype == torch.float64, f"probabilities should be float64, got {P.dtype}"
    assert_close("the row sums of P", P.sum(1), torch.ones(len(stoi), dtype=torch.float64))
    assert_close(f"P with smoothing {smoothing:g}", P, probs(N, smoothing))


def test_probs_do_not_change_the_counts() -> None:
    stoi, _ = vocab(SMALL)
    N = counts(SMALL, stoi)
    before = N.clone()
    bigram_probs(N, 1.0)
    assert torch.equal(N, before), "bigram_probs changed the count table it was given"
