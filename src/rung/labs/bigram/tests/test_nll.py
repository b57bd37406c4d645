"""Task nll: mean negative log-likelihood, and the counting model's figure on names.txt."""

from __future__ import annotations

import math

import pytest
import torch
from _reference import SMALL, counts, names, nll, probs, vocab
from bigram.counting import bigram_probs, build_vocab, count_bigrams, mean_nll

from rung.labs.harness import assert_close

pytestmark = pytest.mark.task("nll")


def test_uniform_model_scores_log_27() -> None:
    stoi, _ = vocab(list("abcdefghijklmnopqrstuvwxyz"))
    P = torch.full((27, 27), 1 / 27, dtype=torch.float64)
    assert_close("the NLL of a uniform model", mean_nll(P, ["emma", "ava"], stoi), math.log(27))


def test_matches_the_reference_on_a_few_names() -> None:
    stoi, _ = vocab(SMALL)
    P = probs(counts(SMALL, stoi), 1.0)
    got = mean_nll(P, SMALL, stoi)
    assert_close("mean NLL on a few names", got, nll(P, SMALL, stoi))


@pytest.mark.parametrize("smoothing,figure", [(0.0, 2.4540), (1.0, 2.4546)])
def test_counting_model_on_all_names(smoothing: float, figure: float) -> None:
    words = list(names())
    stoi, _ = build_vocab(words)
    got = mean_nll(bigram_probs(count_bigrams(words, stoi), smoothing), words, stoi)
    assert abs(got - figure) <= 1e-3, (
        f"your counting model's mean NLL on names.txt with smoothing {smoothing:g} is "
        f"{got:.4f}, expected {figure:.4f} ± 0.001"
    )
