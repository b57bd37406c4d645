"""The storage costs the quant lab's steps page quotes, measured on its reference."""

from __future__ import annotations

from pathlib import Path

import pytest

LABS = Path(__file__).resolve().parents[2] / "src" / "rung" / "labs"


@pytest.fixture
def quant(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.syspath_prepend(str(LABS / "gpt" / "solution"))
    monkeypatch.syspath_prepend(str(LABS / "quant" / "solution"))
    import quant.quant as module

    return module


def test_bits_per_weight(quant) -> None:  # type: ignore[no-untyped-def]
    import torch.nn as nn

    lin = nn.Linear(128, 384, bias=False)
    n = lin.weight.numel()
    assert quant.weight_bytes(quant.Int8Linear(lin)) * 8 / n == 8.25  # 8 + 32/128
    assert quant.weight_bytes(quant.Int4Linear(lin, 32)) * 8 / n == 5.0  # 4 + 2 * 16 / 32
    steps = (LABS / "quant" / "steps.md").read_text(encoding="utf-8")
    assert "5 bits in all" in steps and "8.25 bits" in steps


def test_worked_example(quant) -> None:  # type: ignore[no-untyped-def]
    import torch

    q, scale = quant.quantize_int8(torch.tensor([[0.5, -1.27, 0.02]]))
    assert q.tolist() == [[50, -127, 2]] and abs(scale.item() - 0.01) < 1e-9
    assert quant.pack_4bit(torch.tensor([[1, 2, 15, 0]])).tolist() == [[0x21, 0x0F]]
