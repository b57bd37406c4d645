"""The wavenet lab's steps page against its reference: the shape diagram and the
parameter count it quotes."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

LAB = Path(__file__).resolve().parents[2] / "src" / "rung" / "labs" / "wavenet"


@pytest.fixture
def wavenet(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.syspath_prepend(str(LAB / "solution"))
    import wavenet.layers
    import wavenet.model

    return wavenet


def test_parameter_count_quoted(wavenet) -> None:  # type: ignore[no-untyped-def]
    model = wavenet.model.make_model(
        n_embd=24, n_hidden=128, generator=torch.Generator().manual_seed(0)
    )
    count = sum(p.numel() for p in model.parameters())
    assert count == 76_579
    assert "76,579 parameters" in (LAB / "steps.md").read_text(encoding="utf-8")


def test_shape_diagram(wavenet) -> None:  # type: ignore[no-untyped-def]
    model = wavenet.model.make_model(
        n_embd=24, n_hidden=128, generator=torch.Generator().manual_seed(0)
    )
    B = 3
    model(torch.zeros(B, 8, dtype=torch.long))
    shapes = [tuple(layer.out.shape) for layer in model.layers]
    # Embedding, then per level Flatten, Linear, BatchNorm, Tanh; then the output Linear.
    assert shapes[0] == (B, 8, 24)
    assert [shapes[i] for i in (1, 4, 5, 8, 9, 12)] == [
        (B, 4, 48), (B, 4, 128), (B, 2, 256), (B, 2, 128), (B, 256), (B, 128),
    ]  # fmt: skip
    assert shapes[-1] == (B, 27)
    steps = (LAB / "steps.md").read_text(encoding="utf-8")
    for text in ("(B, 8, 24)", "(B, 4, 48)", "(B, 2, 256)", "(B, 256)", "(B, 27)"):
        assert text in steps


def test_flatten_is_a_view(wavenet) -> None:  # type: ignore[no-untyped-def]
    """steps.md: the grouping is a view, no copy."""
    x = torch.randn(2, 8, 3)
    out = wavenet.layers.FlattenConsecutive(2)(x)
    assert out.data_ptr() == x.data_ptr() and out.shape == (2, 4, 6)
