"""Task sample: drawing names from the model, reproducibly from a seed."""

from __future__ import annotations

import pytest
import torch
from _reference import counts, names, probs, vocab
from bigram.counting import sample_names

pytestmark = pytest.mark.task("sample")


def _reference_sample(P: torch.Tensor, itos: list[str], n: int, seed: int) -> list[str]:
    g = torch.Generator().manual_seed(seed)
    out = []
    for _ in range(n):
        ix, name = 0, ""
        while True:
            ix = int(torch.multinomial(P[ix], 1, replacement=True, generator=g))
            if ix == 0:
                break
            name += itos[ix]
        out.append(name)
    return out


@pytest.mark.parametrize("seed", [2147483647, 42])
def test_samples_follow_the_seed(seed: int) -> None:
    words = list(names())
    stoi, itos = vocab(words)
    P = probs(counts(words, stoi), 1.0)
    got = sample_names(P, itos, 10, torch.Generator().manual_seed(seed))
    want = _reference_sample(P, itos, 10, seed)
    assert isinstance(got, list) and len(got) == 10, f"expected a list of 10 names, got {got!r}"
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        assert g == w, (
            f"name {i} with seed {seed}: yours {g!r}, expected {w!r} — start at '.', draw "
            "each next index with torch.multinomial(P[ix], 1, replacement=True, generator=g), "
            "and stop (without adding it) when '.' comes up"
        )


def test_a_certain_model_spells_one_name() -> None:
    stoi, itos = vocab(["abc"])
    N = counts(["abc"], stoi)
    N[N.sum(1) == 0] = 1
    got = sample_names(probs(N), itos, 3, torch.Generator().manual_seed(0))
    assert got == ["abc"] * 3, f"a model that only knows 'abc' sampled {got}"
