"""Tasks head and multihead, checked against PyTorch's own attention in float64.

PYTEST_DONT_REWRITE: the assertion messages are written for the learner, whole.
"""

from __future__ import annotations

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F
from gpt.model import CausalSelfAttention, Head, ModelConfig

from rung.labs.harness import assert_close


def small(**kw: object) -> ModelConfig:
    base = dict(vocab_size=11, block_size=8, n_layer=2, n_head=4, n_embd=16, dropout=0.0, bias=True)
    base.update(kw)
    return ModelConfig(**base)  # type: ignore[arg-type]


@pytest.mark.task("head")
def test_head_matches_scaled_dot_product_attention() -> None:
    torch.manual_seed(0)
    head = Head(16, 4, block_size=8).double()
    x = torch.randn(3, 6, 16, dtype=torch.float64)
    out = head(x)
    q, k, v = head.query(x), head.key(x), head.value(x)
    expected = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    assert_close("Head output", out, expected)


@pytest.mark.task("head")
def test_head_never_looks_ahead() -> None:
    torch.manual_seed(1)
    head = Head(16, 4, block_size=8).double()
    x = torch.randn(2, 8, 16, dtype=torch.float64)
    changed = x.clone()
    changed[:, 5:] = torch.randn(2, 3, 16, dtype=torch.float64)
    assert_close(
        "Head output at positions 0..4 after changing positions 5..7 (a position must not see the future)",
        head(changed)[:, :5],
        head(x)[:, :5],
    )


@pytest.mark.task("multihead")
def test_multihead_matches_torch_multihead_attention() -> None:
    torch.manual_seed(2)
    cfg = small()
    attn = CausalSelfAttention(cfg).double()
    ref = nn.MultiheadAttention(16, 4, bias=True, batch_first=True).double()
    with torch.no_grad():
        ref.in_proj_weight.copy_(attn.c_attn.weight)
        ref.in_proj_bias.copy_(attn.c_attn.bias)
        ref.out_proj.weight.copy_(attn.c_proj.weight)
        ref.out_proj.bias.copy_(attn.c_proj.bias)
    x = torch.randn(2, 7, 16, dtype=torch.float64)
    future = torch.ones(7, 7, dtype=torch.bool).triu(1)  # True = may not attend
    expected, weights = ref(
        x, x, x, attn_mask=future, need_weights=True, average_attn_weights=False
    )
    assert_close("CausalSelfAttention output (fused path)", attn(x), expected)
    attn.fused = False
    out, mine = attn(x, return_weights=True)
    assert_close("CausalSelfAttention output (explicit path)", out, expected)
    assert_close("attention weights (batch, head, query, key)", mine, weights)


@pytest.mark.task("multihead")
def test_multihead_is_causal_and_keeps_shape() -> None:
    torch.manual_seed(3)
    attn = CausalSelfAttention(small(bias=False)).double()
    x = torch.randn(2, 8, 16, dtype=torch.float64)
    y = attn(x)
    assert tuple(y.shape) == (2, 8, 16), (
        f"output shape should be (B, T, C) = (2, 8, 16), got {tuple(y.shape)}"
    )
    changed = x.clone()
    changed[:, 6:] += 1.0
    assert_close(
        "output at positions 0..5 after changing positions 6..7", attn(changed)[:, :6], y[:, :6]
    )
