"""LoRA adapters on the GPT: exact at step 0, merge and unmerge, few trainable
parameters, and a fine-tune on one character's lines that lowers the loss there.

PYTEST_DONT_REWRITE: the assertion messages are written for the learner, whole.
"""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn as nn
from gpt.data import CharTokenizer
from gpt.model import GPT, ModelConfig
from lora.lora import (
    LoRALinear,
    apply_lora,
    count_parameters,
    evaluate,
    finetune,
    merge_lora,
    speaker_lines,
    unmerge_lora,
)

from rung.labs.harness import Mismatch, assert_close, lab_data


def text() -> str:
    return lab_data("tinyshakespeare").read_text(encoding="utf-8")


def fresh_model(seed: int = 0) -> GPT:
    """A small untrained GPT: enough to show what the adapters do, in a second."""
    torch.manual_seed(seed)
    return GPT(ModelConfig(vocab_size=65, block_size=32, n_layer=2, n_head=2, n_embd=48))


def filled(layer: LoRALinear, seed: int) -> LoRALinear:
    """Give B (and A) random values, as if trained, so that the update is not zero."""
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        layer.lora_B.copy_(0.1 * torch.randn(layer.lora_B.shape, generator=gen))
        layer.lora_A.copy_(0.1 * torch.randn(layer.lora_A.shape, generator=gen))
    return layer


@pytest.mark.task("lora-linear")
def test_starts_as_exactly_the_base_layer() -> None:
    torch.manual_seed(0)
    base = nn.Linear(6, 5)
    layer = LoRALinear(base, r=2, alpha=4.0)
    shapes = (tuple(layer.lora_A.shape), tuple(layer.lora_B.shape))
    if shapes != ((2, 6), (5, 2)):
        raise Mismatch(f"A should be (r, in) = (2, 6) and B (out, r) = (5, 2); got {shapes}")
    if not torch.all(layer.lora_B == 0):
        raise Mismatch(
            "B should start at zero, so that the adapted layer equals the base layer at step 0"
        )
    if torch.all(layer.lora_A == 0) or layer.lora_A.abs().max() > 1 / math.sqrt(6) + 1e-6:
        raise Mismatch(
            "A should start random, uniform within ±1/sqrt(in_features) (kaiming_uniform_ with a=sqrt(5))"
        )
    assert_close("scaling (alpha / r)", layer.scaling, 2.0)
    x = torch.randn(3, 4, 6)
    if not torch.equal(layer(x), base(x)):
        raise Mismatch("at step 0 the output should equal the base layer's, exactly")
    frozen = [n for n, p in layer.named_parameters() if n.startswith("base") and p.requires_grad]
    trainable = sorted(n for n, p in layer.named_parameters() if p.requires_grad)
    if frozen or trainable != ["lora_A", "lora_B"]:
        raise Mismatch(f"only lora_A and lora_B should require grad; trainable: {trainable}")


@pytest.mark.task("lora-linear")
def test_forward_adds_the_scaled_low_rank_update() -> None:
    torch.manual_seed(1)
    base = nn.Linear(8, 3).double()
    layer = filled(LoRALinear(base, r=4, alpha=2.0), seed=2)
    x = torch.randn(2, 5, 8, dtype=torch.float64)
    expected = x @ base.weight.T + base.bias + 0.5 * (x @ layer.lora_A.T @ layer.lora_B.T)
    assert_close("LoRALinear output", layer(x), expected)
    assert_close(
        "delta_weight() = (alpha / r) B A", layer.delta_weight(), 0.5 * layer.lora_B @ layer.lora_A
    )
    layer(x).sum().backward()
    if base.weight.grad is not None:
        raise Mismatch("the base weight received a gradient: it should be frozen")


@pytest.mark.task("merge")
def test_merge_and_unmerge_a_layer() -> None:
    torch.manual_seed(3)
    base = nn.Linear(16, 12)
    original = base.weight.detach().clone()
    layer = filled(LoRALinear(base, r=2, alpha=4.0), seed=4)
    x = torch.randn(4, 16)
    before = layer(x)
    layer.merge()
    assert_close(
        "base weight after merge (W + delta)",
        base.weight,
        original + layer.delta_weight(),
        atol=1e-6,
    )
    assert_close("output after merge", layer(x), before, atol=1e-5, rtol=0)
    layer.merge()  # a second merge must not add the update twice
    assert_close(
        "base weight after merging twice", base.weight, original + layer.delta_weight(), atol=1e-6
    )
    layer.unmerge()
    assert_close("base weight after unmerge", base.weight, original, atol=1e-6)
    assert_close("output after unmerge", layer(x), before, atol=1e-5, rtol=0)


@pytest.mark.task("merge")
def test_merged_model_matches_unmerged_within_1e_5() -> None:
    torch.manual_seed(5)
    model = GPT(ModelConfig(vocab_size=65, block_size=32, n_layer=2, n_head=2, n_embd=48)).eval()
    apply_lora(model)
    for i, layer in enumerate(m for m in model.modules() if isinstance(m, LoRALinear)):
        filled(layer, seed=10 + i)
    idx = torch.randint(0, 65, (2, 32))
    with torch.no_grad():
        unmerged = model(idx)[0]
        merge_lora(model)
        merged = model(idx)[0]
        unmerge_lora(model)
        again = model(idx)[0]
    diff = (merged - unmerged).abs().max().item()
    if diff > 1e-5:
        raise Mismatch(
            f"merged and unmerged logits differ by up to {diff:.2e} (float32); should be <= 1e-5"
        )
    assert_close("logits after unmerging again", again, unmerged, atol=1e-5, rtol=0)


@pytest.mark.task("apply")
def test_apply_wraps_the_attention_projections_and_freezes_the_rest() -> None:
    torch.manual_seed(6)
    model = GPT(ModelConfig(vocab_size=65, block_size=64, n_layer=4, n_head=4, n_embd=128))
    _, total_before = count_parameters(model)
    names = apply_lora(model, r=2, alpha=4.0)
    expected = [f"blocks.{i}.attn.{p}" for i in range(4) for p in ("c_attn", "c_proj")]
    if names != expected:
        raise Mismatch(f"apply_lora should wrap {expected}, in order; it returned {names}")
    if not isinstance(model.blocks[0].attn.c_attn, LoRALinear):
        raise Mismatch("blocks[0].attn.c_attn is not a LoRALinear after apply_lora")
    trainable, total = count_parameters(model)
    adapters = 4 * (
        2 * (128 + 384) + 2 * (128 + 128)
    )  # per layer: c_attn 128->384, c_proj 128->128
    if (trainable, total) != (adapters, total_before + adapters):
        raise Mismatch(
            f"count_parameters should give (trainable, total) = ({adapters}, {total_before + adapters}), "
            f"got ({trainable}, {total}); is everything but the adapters frozen?"
        )
    if trainable / total >= 0.01:
        raise Mismatch(
            f"{trainable / total:.2%} of parameters are trainable; LoRA here should train < 1%"
        )


@pytest.mark.task("apply")
def test_logits_are_identical_at_step_zero() -> None:
    model = fresh_model(seed=7).eval()
    idx = torch.randint(0, 65, (2, 32), generator=torch.Generator().manual_seed(7))
    with torch.no_grad():
        before = model(idx)[0]
        apply_lora(model)
        after = model(idx)[0]
    if not torch.equal(before, after):
        raise Mismatch(
            f"logits changed when adapters were added (max diff {(after - before).abs().max():.2e}): B must start at zero"
        )


@pytest.mark.task("slice")
def test_speaker_lines_worked_example() -> None:
    sample = "ROMEO:\nHi.\nThere.\n\nJULIET:\nHo.\n\nROMEO:\nBye.\n\nFRIAR ROMEO:\nNo.\n"
    got = speaker_lines(sample, "ROMEO")
    want = "ROMEO:\nHi.\nThere.\n\nROMEO:\nBye."
    if got != want:
        raise Mismatch(f"speaker_lines(sample, 'ROMEO') should be {want!r}, got {got!r}")


@pytest.mark.task("slice")
def test_romeo_has_163_speeches() -> None:
    romeo = speaker_lines(text(), "ROMEO")
    speeches = romeo.split("\n\n")
    if len(speeches) != 163:
        raise Mismatch(
            f"ROMEO speaks 163 times in Tiny Shakespeare; your slice has {len(speeches)} speeches"
        )
    if any(s.split("\n", 1)[0] != "ROMEO:" for s in speeches):
        raise Mismatch("every speech in the slice should begin with the line 'ROMEO:'")
    if len(romeo) != 25806:
        raise Mismatch(f"the ROMEO slice should be 25,806 characters long, got {len(romeo):,}")


@pytest.mark.task("finetune")
def test_finetune_on_romeo_lowers_the_loss_there() -> None:
    model = fresh_model(seed=0)
    tok = CharTokenizer(text())
    romeo = torch.tensor(tok.encode(speaker_lines(text(), "ROMEO")), dtype=torch.long)
    cut = int(0.9 * len(romeo))
    train_part, held_out = romeo[:cut], romeo[cut:]
    frozen = {k: v.clone() for k, v in model.state_dict().items()}
    apply_lora(
        model, r=4, alpha=8.0, targets=("attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj")
    )
    before = evaluate(model, held_out)
    losses = finetune(model, train_part, steps=40, learning_rate=1e-2, seed=0)
    after = evaluate(model, held_out)
    if len(losses) != 40:
        raise Mismatch(f"finetune should return one loss per step (40), got {len(losses)}")
    if not after < before - 0.1:
        raise Mismatch(
            f"held-out ROMEO loss should fall by more than 0.1: {before:.3f} -> {after:.3f}"
        )
    for name, value in model.state_dict().items():
        key = name.replace(".base.", ".")
        if "lora_" not in name and key in frozen and not torch.equal(value, frozen[key]):
            raise Mismatch(f"the frozen weight {key} changed during fine-tuning")
