"""The numbers the lora lab's steps page quotes, computed from its reference."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

LABS = Path(__file__).resolve().parents[2] / "src" / "rung" / "labs"


@pytest.fixture
def lora(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.syspath_prepend(str(LABS / "gpt" / "solution"))
    monkeypatch.syspath_prepend(str(LABS / "lora" / "solution"))
    import lora.lora as module

    return module


def test_adapter_sizes_on_the_cpu_gpt(lora) -> None:  # type: ignore[no-untyped-def]
    import torch.nn as nn
    from gpt.model import GPT, ModelConfig

    one = lora.LoRALinear(nn.Linear(128, 384, bias=False), r=2, alpha=4.0)
    assert one.lora_A.numel() + one.lora_B.numel() == 1024 and one.base.weight.numel() == 49152
    model = GPT(ModelConfig(vocab_size=65, block_size=64, n_layer=4, n_head=4, n_embd=128))
    lora.apply_lora(model)
    trainable, total = lora.count_parameters(model)
    assert (trainable, total) == (6144, 810240)
    assert trainable / total < 0.01  # 0.758%
    steps = (LABS / "lora" / "steps.md").read_text(encoding="utf-8")
    for text in ("1,024 numbers instead of 49,152", "6,144", "163 times", "25,806 characters"):
        assert text in steps


def test_romeo_slice_from_the_real_text(lora) -> None:  # type: ignore[no-untyped-def]
    text = (Path(os.environ["RUNG_DATA_DIR"]) / "tinyshakespeare.txt").read_text(encoding="utf-8")
    romeo = lora.speaker_lines(text, "ROMEO")
    assert len(romeo.split("\n\n")) == 163 and len(romeo) == 25806
