"""int8 and 4-bit weight quantisation, checked element by element and on a model.

PYTEST_DONT_REWRITE: the assertion messages are written for the learner, whole.
"""

from __future__ import annotations

import functools
import tempfile

import pytest
import torch
import torch.nn as nn
from gpt.model import GPT, ModelConfig
from gpt.train import GPTConfig, estimate_loss, train
from quant.quant import (
    Int4Linear,
    Int8Linear,
    dequantize_4bit,
    dequantize_int8,
    pack_4bit,
    quantize_4bit,
    quantize_int8,
    quantize_model,
    unpack_4bit,
    weight_bytes,
)

from rung.labs.harness import Mismatch, assert_close, lab_data


def weights(out_f: int, in_f: int, seed: int = 0) -> torch.Tensor:
    return 0.1 * torch.randn(out_f, in_f, generator=torch.Generator().manual_seed(seed))


@pytest.mark.task("int8")
def test_int8_worked_example() -> None:
    q, scale = quantize_int8(torch.tensor([[0.5, -1.27, 0.02], [0.0, 0.0, 0.0]]))
    if q.dtype != torch.int8:
        raise Mismatch(f"codes should be stored as torch.int8, got {q.dtype}")
    assert_close(
        "scales of rows [0.5, -1.27, 0.02] and [0, 0, 0]", scale.flatten()[:1], [0.01], atol=1e-9
    )
    assert_close("codes", q, [[50, -127, 2], [0, 0, 0]])
    back = dequantize_int8(q, scale)
    if torch.isnan(back).any():
        raise Mismatch(
            "an all-zero row came back as NaN: guard the division when the row's maximum is 0"
        )


@pytest.mark.task("int8")
def test_int8_per_row_absmax_matches_reference() -> None:
    w = weights(24, 40, seed=1)
    w[3] *= 20  # one loud row must not spoil the others' precision
    q, scale = quantize_int8(w)
    ref_scale = w.abs().amax(dim=1, keepdim=True) / 127
    assert_close("per-row scales (one per output channel)", scale, ref_scale, atol=1e-9)
    assert_close("int8 codes", q, torch.round(w / ref_scale).clamp(-127, 127), atol=0)
    err = (dequantize_int8(q, scale) - w).abs()
    if not torch.all(err <= ref_scale / 2 + 1e-7):
        raise Mismatch(
            f"a weight's rounding error exceeds half its row's scale (max error {err.max():.3g})"
        )


@pytest.mark.task("pack")
def test_pack_puts_the_even_element_in_the_low_nibble() -> None:
    packed = pack_4bit(torch.tensor([[1, 2, 15, 0]], dtype=torch.uint8))
    if packed.dtype != torch.uint8:
        raise Mismatch(f"packed codes should be torch.uint8, got {packed.dtype}")
    assert_close(
        "pack_4bit([[1, 2, 15, 0]]) (0x21 = 33, 0x0F = 15)", packed, [[0x21, 0x0F]], atol=0
    )


@pytest.mark.task("pack")
def test_unpack_inverts_pack() -> None:
    q = torch.randint(0, 16, (7, 64), generator=torch.Generator().manual_seed(2), dtype=torch.uint8)
    packed = pack_4bit(q)
    if tuple(packed.shape) != (7, 32):
        raise Mismatch(
            f"packing (7, 64) codes should give (7, 32) bytes, got {tuple(packed.shape)}"
        )
    assert_close("unpack_4bit(pack_4bit(q))", unpack_4bit(packed), q, atol=0)


@pytest.mark.task("int4")
def test_int4_groups_match_reference() -> None:
    w = weights(8, 96, seed=3)
    packed, scale, lo = quantize_4bit(w, group_size=32)
    shapes = tuple(packed.shape), tuple(scale.shape), tuple(lo.shape)
    if shapes != ((8, 48), (8, 3), (8, 3)):
        raise Mismatch(
            f"for (8, 96) weights in groups of 32 expect packed (8, 48), scale and min (8, 3); got {shapes}"
        )
    g = w.reshape(8, 3, 32)
    ref_lo = g.amin(-1).half()
    ref_scale = ((g.amax(-1) - ref_lo.float()) / 15).half()
    assert_close("group minima (stored as float16)", lo.float(), ref_lo.float(), atol=0)
    assert_close(
        "group scales (max - min) / 15 (stored as float16)",
        scale.float(),
        ref_scale.float(),
        atol=0,
    )
    codes = torch.round((g - ref_lo.float()[..., None]) / ref_scale.float()[..., None]).clamp(0, 15)
    assert_close("4-bit codes", unpack_4bit(packed), codes.reshape(8, 96), atol=0)
    back = dequantize_4bit(packed, scale, lo, 32)
    err = (back - w).abs().reshape(8, 3, 32)
    if not torch.all(err <= ref_scale.float()[..., None] / 2 + 1e-6):
        raise Mismatch(
            f"a weight's error exceeds half its group's scale (max error {err.max():.3g})"
        )


@pytest.mark.task("linear")
def test_quantised_layers_dequantise_on_the_fly() -> None:
    torch.manual_seed(4)
    lin = nn.Linear(64, 48)
    x = torch.randn(5, 64)
    q8 = Int8Linear(lin)
    q4 = Int4Linear(lin, group_size=32)
    for layer, kind in ((q8, "Int8Linear"), (q4, "Int4Linear")):
        floats = [
            n
            for n, t in [*layer.named_parameters(), *layer.named_buffers()]
            if t.is_floating_point() and t.numel() >= 64 * 48
        ]
        if floats:
            raise Mismatch(
                f"{kind} keeps a full float weight ({floats}): store only the codes and scales"
            )
    w8 = dequantize_int8(*quantize_int8(lin.weight.detach()))
    assert_close("Int8Linear output", q8(x), x @ w8.T + lin.bias, atol=1e-5)
    w4 = dequantize_4bit(*quantize_4bit(lin.weight.detach(), 32), 32)
    assert_close("Int4Linear output", q4(x), x @ w4.T + lin.bias, atol=1e-5)


@pytest.mark.task("linear")
def test_quantize_model_replaces_the_block_linears() -> None:
    model = GPT(ModelConfig(vocab_size=65, block_size=32, n_layer=2, n_head=2, n_embd=64))
    block_bytes = weight_bytes(model, "blocks.")
    names = quantize_model(model, "int8")
    expected = [
        f"blocks.{i}.{n}"
        for i in range(2)
        for n in ("attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj")
    ]
    if names != expected:
        raise Mismatch(f"quantize_model should replace {expected}, got {names}")
    n_weights = 2 * 12 * 64 * 64  # per block: 3C*C + C*C + 4C*C + 4C*C
    int8_bytes = (
        n_weights + 4 * 2 * (3 * 64 + 64 + 4 * 64 + 64) + 4 * 2 * 2 * 64
    )  # codes, fp32 scales, LN gains
    if weight_bytes(model, "blocks.") != int8_bytes:
        raise Mismatch(
            f"after int8, the blocks should take {int8_bytes} bytes, not {weight_bytes(model, 'blocks.')} (was {block_bytes})"
        )


@functools.cache
def trained() -> tuple[GPT, dict[str, torch.Tensor]]:
    cfg = GPTConfig(
        data_path=str(lab_data("tinyshakespeare")), out_dir=tempfile.mkdtemp(prefix="quant-"), n_layer=2,
        n_head=2, n_embd=64, block_size=32, batch_size=16, max_iters=80, eval_interval=10**6,
        eval_iters=1, log_interval=0, learning_rate=3e-3, warmup_iters=5, lr_decay_iters=80,
        min_lr=3e-4, device="cpu", seed=0,
    )  # fmt: skip
    result = train(cfg, log=lambda _: None)
    text = lab_data("tinyshakespeare").read_text(encoding="utf-8")
    ids = torch.tensor(result.tokenizer.encode(text[-50000:]), dtype=torch.long)
    return result.model.eval(), {"val": ids}


@pytest.mark.task("linear")
@pytest.mark.parametrize(("kind", "budget"), [("int8", 0.02), ("int4", 0.10)])
def test_validation_loss_barely_moves(kind: str, budget: float) -> None:
    import copy

    model, split = trained()
    before = estimate_loss(model, split, 32, 16, 8, seed=1)["val"]
    q = copy.deepcopy(model)
    quantize_model(q, kind)
    after = estimate_loss(q, split, 32, 16, 8, seed=1)["val"]
    if abs(after - before) > budget:
        raise Mismatch(
            f"{kind}: validation loss moved from {before:.4f} to {after:.4f}, more than {budget}"
        )
