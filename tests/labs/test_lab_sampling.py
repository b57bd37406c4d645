"""The sampling lab's worked example (logits [2, 1, 0]), as its steps page states it."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

LABS = Path(__file__).resolve().parents[2] / "src" / "rung" / "labs"


@pytest.fixture
def sampling(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.syspath_prepend(str(LABS / "sampling" / "solution"))
    import sampling.sampling as module

    return module


def test_worked_example(sampling) -> None:  # type: ignore[no-untyped-def]
    z = torch.tensor([2.0, 1.0, 0.0], dtype=torch.float64)
    assert torch.allclose(
        sampling.probabilities(z),
        torch.tensor([0.6652, 0.2447, 0.0900], dtype=torch.float64),
        atol=1e-4,
    )
    top2 = sampling.probabilities(z, top_k=2)
    assert torch.allclose(top2, torch.tensor([0.7311, 0.2689, 0.0], dtype=torch.float64), atol=1e-4)
    assert (sampling.probabilities(z, top_p=0.8) > 0).tolist() == [True, True, False]
    assert (sampling.probabilities(z, top_p=0.6) > 0).tolist() == [True, False, False]
    assert sampling.probabilities(z, temperature=0.0).tolist() == [1.0, 0.0, 0.0]
    steps = (LABS / "sampling" / "steps.md").read_text(encoding="utf-8")
    for text in ("[0.665, 0.245, 0.090]", "[0.731, 0.269, 0]", "0.665 < 0.8 ≤ 0.910"):
        assert text in steps


def test_greedy_ties_go_to_the_first(sampling) -> None:  # type: ignore[no-untyped-def]
    z = torch.tensor([[1.0, 3.0, 3.0]])
    assert sampling.sample(z, torch.Generator().manual_seed(0), temperature=0.0).tolist() == [1]
