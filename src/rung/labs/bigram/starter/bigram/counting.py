"""The counting bigram model: how often does each character follow each other one?

Every name is read with a boundary mark ``'.'`` before and after it, so ``"emma"``
gives the pairs ``.e em mm ma a.``: the first pair says how names start, the last
how they end. With 26 letters and the mark there are 27 symbols; the model is a
27 x 27 table whose row ``i`` is the distribution of the symbol that follows ``i``.

Example: in the three names ``emma, olivia, ava`` the row for ``'.'`` counts the
starts (``e`` once, ``o`` once, ``a`` once), and the column for ``'.'`` the ends.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch

BOUNDARY = "."


def build_vocab(words: Sequence[str]) -> tuple[dict[str, int], list[str]]:
    """``'.'`` is index 0, then the characters of the words in sorted order."""
    chars = sorted(set("".join(words)) - {BOUNDARY})
    itos = [BOUNDARY, *chars]
    return {ch: i for i, ch in enumerate(itos)}, itos


def pairs(word: str) -> list[tuple[str, str]]:
    """The bigrams of one word, boundary marks included."""
    # TASK counts
    raise NotImplementedError("pairs")


def count_bigrams(words: Sequence[str], stoi: dict[str, int]) -> torch.Tensor:
    """``N[i, j]`` = how many times symbol ``j`` follows symbol ``i`` (int64, V x V)."""
    # TASK counts
    raise NotImplementedError("count_bigrams")


def bigram_probs(N: torch.Tensor, smoothing: float = 0.0) -> torch.Tensor:
    """Each row of the counts (plus ``smoothing``) divided by its sum, in float64.

    Smoothing adds a pretend count to every cell, so that no pair has probability 0
    (one unseen pair would make the likelihood of a whole data set 0).
    """
    # TASK probs
    raise NotImplementedError("bigram_probs")


def sample_names(
    P: torch.Tensor, itos: Sequence[str], n: int, generator: torch.Generator
) -> list[str]:
    """``n`` names drawn from the model: start after ``'.'``, draw the next symbol from
    that row, and stop when ``'.'`` is drawn. One ``torch.multinomial(row, 1,
    replacement=True, generator=generator)`` call per symbol, so a seed fixes the names."""
    # TASK sample
    raise NotImplementedError("sample_names")


def mean_nll(P: torch.Tensor, words: Sequence[str], stoi: dict[str, int]) -> float:
    """The average negative log-likelihood per bigram over ``words``: lower is better.

    The likelihood of the data is the product of the probabilities of all its pairs;
    its log is a sum, and dividing by the number of pairs makes data sets of any size
    comparable. A model that guessed uniformly over 27 symbols would score ln 27, about 3.2958.
    """
    # TASK nll
    raise NotImplementedError("mean_nll")
