"""Tasks block, model and generate: the transformer block against PyTorch's own
pre-LayerNorm encoder layer, the whole model against a stack of them, sampling.

PYTEST_DONT_REWRITE: the assertion messages are written for the learner, whole.
"""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F
from gpt.model import GPT, Block, ModelConfig, export_attention

from rung.labs.harness import Mismatch, assert_close


def small(**kw: object) -> ModelConfig:
    base = dict(vocab_size=11, block_size=8, n_layer=2, n_head=4, n_embd=16, dropout=0.0, bias=True)
    base.update(kw)
    return ModelConfig(**base)  # type: ignore[arg-type]


def reference_layer(block: Block, cfg: ModelConfig) -> nn.TransformerEncoderLayer:
    """torch's encoder layer with norm_first=True is a pre-LN block; copy our weights in."""
    ref = nn.TransformerEncoderLayer(
        d_model=cfg.n_embd, nhead=cfg.n_head, dim_feedforward=4 * cfg.n_embd, dropout=0.0,
        activation="gelu", batch_first=True, norm_first=True, bias=cfg.bias,
    ).double()  # fmt: skip
    pairs = [
        (ref.self_attn.in_proj_weight, block.attn.c_attn.weight),
        (ref.self_attn.out_proj.weight, block.attn.c_proj.weight),
        (ref.linear1.weight, block.mlp.c_fc.weight),
        (ref.linear2.weight, block.mlp.c_proj.weight),
        (ref.norm1.weight, block.ln_1.weight),
        (ref.norm2.weight, block.ln_2.weight),
    ]
    if cfg.bias:
        pairs += [
            (ref.self_attn.in_proj_bias, block.attn.c_attn.bias),
            (ref.self_attn.out_proj.bias, block.attn.c_proj.bias),
            (ref.linear1.bias, block.mlp.c_fc.bias),
            (ref.linear2.bias, block.mlp.c_proj.bias),
            (ref.norm1.bias, block.ln_1.bias),
            (ref.norm2.bias, block.ln_2.bias),
        ]
    with torch.no_grad():
        for dest, src in pairs:
            dest.copy_(src)
    return ref


def causal(T: int) -> torch.Tensor:
    return nn.Transformer.generate_square_subsequent_mask(T, dtype=torch.float64)


@pytest.mark.task("block")
def test_block_matches_torch_pre_layernorm_encoder_layer() -> None:
    torch.manual_seed(0)
    cfg = small()
    block = Block(cfg).double()
    with torch.no_grad():  # LayerNorm starts at gain 1, bias 0: perturb so a swap shows
        for ln in (block.ln_1, block.ln_2):
            ln.weight.add_(0.3 * torch.randn_like(ln.weight))
            ln.bias.add_(0.3 * torch.randn_like(ln.bias))
    ref = reference_layer(block, cfg)
    x = torch.randn(2, 7, 16, dtype=torch.float64)
    assert_close("Block output", block(x), ref(x, src_mask=causal(7), is_causal=True))


@pytest.mark.task("model")
def test_model_matches_a_stack_of_torch_layers() -> None:
    torch.manual_seed(1)
    cfg = small()
    model = GPT(cfg).double()
    idx = torch.randint(0, cfg.vocab_size, (3, 8))
    targets = torch.randint(0, cfg.vocab_size, (3, 8))
    logits, loss = model(idx, targets)
    assert tuple(logits.shape) == (3, 8, 11), (
        f"logits should be (B, T, vocab) = (3, 8, 11), got {tuple(logits.shape)}"
    )
    with torch.no_grad():
        x = model.wte.weight[idx] + model.wpe.weight[torch.arange(8)]
        for block in model.blocks:
            x = reference_layer(block, cfg)(x, src_mask=causal(8), is_causal=True)
        x = F.layer_norm(x, (16,), model.ln_f.weight, model.ln_f.bias)
        expected = x @ model.lm_head.weight.T
    assert_close("logits", logits, expected)
    if loss is None:
        raise Mismatch("the loss is None although targets were given")
    assert_close("loss", loss, F.cross_entropy(expected.reshape(-1, 11), targets.reshape(-1)))
    _, none = model(idx)
    assert none is None, "without targets the loss should be None"


@pytest.mark.task("model")
def test_weight_tying_and_parameter_count() -> None:
    tied = GPT(small(bias=False))
    assert tied.lm_head.weight is tied.wte.weight, (
        "with tie_weights the output projection should be the token embedding"
    )
    untied = GPT(small(bias=False, tie_weights=False))
    assert untied.lm_head.weight is not untied.wte.weight, (
        "tie_weights=False should keep two matrices"
    )
    C, V, L = 16, 11, 2
    per_block = 3 * C * C + C * C + 4 * C * C + 4 * C * C + 2 * C  # attn, proj, MLP, two LN gains
    expected = V * C + L * per_block + C  # + final LN gain; position embeddings not counted
    assert tied.num_params() == expected, (
        f"num_params() should be {expected}, got {tied.num_params()}"
    )
    assert untied.num_params() == expected + V * C, (
        "an untied output projection adds vocab * n_embd"
    )


@pytest.mark.task("model")
def test_initial_loss_is_near_uniform() -> None:
    torch.manual_seed(2)
    model = GPT(small(vocab_size=65, bias=False, n_layer=4))
    idx = torch.randint(0, 65, (8, 8))
    _, loss = model(idx, torch.randint(0, 65, (8, 8)))
    assert loss is not None and abs(loss.item() - math.log(65)) < 0.1, (
        f"a fresh model should predict nearly uniformly: loss near ln 65 = {math.log(65):.3f}, "
        f"got {loss.item() if loss is not None else None} (initial weights too large?)"
    )


@pytest.mark.task("model")
def test_attention_export_for_the_widgets() -> None:
    torch.manual_seed(3)
    model = GPT(small(chars="abcdefghijk"))
    maps = export_attention(model, "abcabca")
    assert len(maps) == 2, f"one map per layer expected (2), got {len(maps)}"
    for layer, w in enumerate(maps):
        assert tuple(w.shape) == (4, 7, 7), (
            f"layer {layer}: expected (n_head, T, T) = (4, 7, 7), got {tuple(w.shape)}"
        )
        assert_close(f"row sums of layer {layer}'s weights", w.sum(-1), torch.ones(4, 7), atol=1e-5)
        assert_close(
            f"weights above the diagonal in layer {layer}", w.triu(1), torch.zeros(4, 7, 7)
        )


@pytest.mark.task("generate")
def test_generate_keeps_the_prompt_and_adds_tokens() -> None:
    torch.manual_seed(4)
    model = GPT(small()).eval()
    idx = torch.randint(0, 11, (2, 3))
    out = model.generate(idx, 5, generator=torch.Generator().manual_seed(0))
    assert tuple(out.shape) == (2, 8), (
        f"3 prompt tokens + 5 new should give (2, 8), got {tuple(out.shape)}"
    )
    assert torch.equal(out[:, :3], idx), "the output should start with the prompt"


@pytest.mark.task("generate")
def test_top_k_one_is_greedy_decoding() -> None:
    torch.manual_seed(5)
    model = GPT(small()).eval()
    idx = torch.randint(0, 11, (2, 2))
    out = model.generate(idx, 6, top_k=1, generator=torch.Generator().manual_seed(0))
    expected = idx
    with torch.no_grad():
        for _ in range(6):
            logits, _ = model(expected[:, -8:])
            expected = torch.cat([expected, logits[:, -1].argmax(-1, keepdim=True)], dim=1)
    assert torch.equal(out, expected), (
        f"top_k=1 should always pick the most likely id: got {out.tolist()}, expected {expected.tolist()}"
    )


@pytest.mark.task("generate")
def test_generate_past_block_size_uses_the_last_block() -> None:
    torch.manual_seed(6)
    model = GPT(small()).eval()
    long_prompt = torch.randint(0, 11, (1, 12))  # longer than block_size 8
    try:
        out = model.generate(long_prompt, 4, top_k=1)
    except (ValueError, IndexError, RuntimeError) as exc:
        raise Mismatch(
            f"generate failed on a prompt longer than block_size ({exc}): crop the context"
        ) from None
    short = model.generate(long_prompt[:, -8:], 4, top_k=1)
    assert torch.equal(out[:, -4:], short[:, -4:]), (
        "only the last block_size ids should condition the next one"
    )


@pytest.mark.task("generate")
def test_sampling_follows_the_generator() -> None:
    torch.manual_seed(7)
    model = GPT(small()).eval()
    idx = torch.zeros(1, 1, dtype=torch.long)
    a = model.generate(idx, 20, generator=torch.Generator().manual_seed(1))
    b = model.generate(idx, 20, generator=torch.Generator().manual_seed(1))
    c = model.generate(idx, 20, generator=torch.Generator().manual_seed(2))
    assert torch.equal(a, b), (
        "the same generator seed should give the same text (pass generator= to multinomial)"
    )
    assert not torch.equal(a, c), "different seeds gave the same 20 samples: is it sampling at all?"
