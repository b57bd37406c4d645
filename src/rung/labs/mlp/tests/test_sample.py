"""Task ``sample``: draw names from the model."""

from __future__ import annotations

import pytest
import torch
from _reference import ITOS, expect, random_params, reference_forward
from mlp.sample import sample


def reference_sample(
    params, block_size: int, n: int, g: torch.Generator, max_len: int = 50
) -> list[str]:  # type: ignore[no-untyped-def]
    names = []
    with torch.no_grad():
        for _ in range(n):
            ctx, out = [0] * block_size, []
            for _ in range(max_len):
                probs = torch.softmax(reference_forward(params, torch.tensor([ctx])), dim=-1)
                ix = int(torch.multinomial(probs, 1, generator=g))
                if ix == 0:
                    break
                out.append(ITOS[ix])
                ctx = ctx[1:] + [ix]
            names.append("".join(out))
    return names


def fixed_distribution(probs: dict[str, float]) -> dict[str, torch.Tensor]:
    """Parameters whose prediction is ``probs`` whatever the context (W2 = 0, b2 = log p)."""
    params = random_params(40)
    with torch.no_grad():
        params["W2"].zero_()
        b2 = torch.full((27,), -1e9, dtype=torch.float64)
        for ch, p in probs.items():
            b2[ITOS.index(ch)] = torch.log(torch.tensor(p, dtype=torch.float64))
        params["b2"].copy_(b2)
    return params


@pytest.mark.task("sample")
def test_same_names_as_reference() -> None:
    params = random_params(41)
    mine = sample(params, ITOS, 3, 20, torch.Generator().manual_seed(42))
    expected = reference_sample(params, 3, 20, torch.Generator().manual_seed(42))
    expect(
        isinstance(mine, list) and len(mine) == 20,
        f"sample(..., n=20) should return 20 names, got {mine!r:.80}",
    )
    for i, (a, b) in enumerate(zip(mine, expected, strict=True)):
        expect(
            a == b,
            f"name {i + 1} differs: yours {a!r}, expected {b!r} (one torch.multinomial(probs, 1, "
            "generator=g) per character, stop at '.', and do not include the '.')",
        )


@pytest.mark.task("sample")
def test_draws_follow_the_model() -> None:
    params = fixed_distribution({".": 0.5, "a": 0.3, "b": 0.2})
    names = sample(params, ITOS, 3, 2000, torch.Generator().manual_seed(43))
    expect(
        all(set(n) <= {"a", "b"} for n in names),
        "names hold characters the model gives no probability",
    )
    empty = sum(n == "" for n in names) / len(names)
    expect(
        0.45 < empty < 0.55,
        f"{empty:.1%} of names are empty; the model ends a name first with probability 50% "
        "(is the softmax taken along the vocabulary, dim=1?)",
    )
    firsts = [n[0] for n in names if n]
    share_a = firsts.count("a") / len(firsts)
    expect(
        0.54 < share_a < 0.66,
        f"'a' starts {share_a:.1%} of non-empty names; expected 60% (0.3 / 0.5)",
    )


@pytest.mark.task("sample")
def test_a_model_that_never_stops_is_cut_at_max_len() -> None:
    params = fixed_distribution({"z": 1.0})
    names = sample(params, ITOS, 3, 2, torch.Generator().manual_seed(44), max_len=10)
    expect(
        names == ["z" * 10] * 2,
        f"with max_len=10 and a model that never draws '.', expected 'zzzzzzzzzz', got {names}",
    )
