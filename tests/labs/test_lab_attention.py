"""The attention lab's worked example, as its steps page and docstring state it."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch

LABS = Path(__file__).resolve().parents[2] / "src" / "rung" / "labs"


@pytest.fixture
def attention(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.syspath_prepend(str(LABS / "attention" / "solution"))
    import attention.attention as module

    return module


def test_worked_example_numbers(attention) -> None:  # type: ignore[no-untyped-def]
    q = torch.tensor([[1.0, 0.0]], dtype=torch.float64)
    k = torch.tensor([[1.0, 0.0], [0.0, 1.0]], dtype=torch.float64)
    scores = attention.attention_scores(q, k)
    assert torch.allclose(scores, torch.tensor([[1 / math.sqrt(2), 0.0]], dtype=torch.float64))
    weights = attention.attention_weights(scores)
    # softmax([0.7071, 0]) = [e^0.7071, 1] / (e^0.7071 + 1) = [0.6698, 0.3302]
    assert torch.allclose(weights, torch.tensor([[0.6698, 0.3302]], dtype=torch.float64), atol=1e-4)
    steps = (LABS / "attention" / "steps.md").read_text(encoding="utf-8")
    assert "[1/√2, 0] ≈ [0.707, 0]" in steps


def test_multi_head_of_one_head_is_single_head(attention) -> None:  # type: ignore[no-untyped-def]
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(2, 5, 6, generator=gen, dtype=torch.float64)
    w = [torch.randn(6, 6, generator=gen, dtype=torch.float64) for _ in range(3)]
    multi, mw = attention.multi_head(x, *w, torch.eye(6, dtype=torch.float64), n_head=1)
    single, sw = attention.single_head(x, *w)
    assert torch.allclose(multi, single) and torch.allclose(mw[:, 0], sw)
