"""Each step of self-attention against PyTorch's own attention, in float64.

PYTEST_DONT_REWRITE: the assertion messages are written for the learner, whole.
"""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F
from attention.attention import (
    attention_scores,
    attention_weights,
    causal_mask,
    multi_head,
    single_head,
)

from rung.labs.harness import Mismatch, assert_close


def randn(*shape: int, seed: int = 0) -> torch.Tensor:
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)


@pytest.mark.task("scores")
def test_scores_of_the_worked_example() -> None:
    q = torch.tensor([[1.0, 0.0]], dtype=torch.float64)
    k = torch.tensor([[1.0, 0.0], [0.0, 1.0]], dtype=torch.float64)
    assert_close(
        "scores for q=[1,0], k=[[1,0],[0,1]]", attention_scores(q, k), [[1 / math.sqrt(2), 0.0]]
    )


@pytest.mark.task("scores")
def test_scores_are_scaled_dot_products() -> None:
    q, k = randn(2, 3, 5, 8, seed=1), randn(2, 3, 5, 8, seed=2)
    expected = torch.einsum("bhid,bhjd->bhij", q, k) / math.sqrt(8)
    assert_close("scores (batch, head, query, key)", attention_scores(q, k), expected)


@pytest.mark.task("causal-mask")
def test_causal_mask_is_the_lower_triangle() -> None:
    mask = causal_mask(4)
    expected = [[1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 0], [1, 1, 1, 1]]
    if not isinstance(mask, torch.Tensor) or mask.dtype != torch.bool:
        raise Mismatch(
            f"causal_mask should return a bool tensor, got {getattr(mask, 'dtype', type(mask))}"
        )
    assert_close("causal_mask(4) (True = may attend)", mask.double(), expected)


@pytest.mark.task("softmax-weights")
def test_weights_match_torch_softmax_with_mask() -> None:
    scores = randn(2, 6, 6, seed=3)
    mask = torch.ones(6, 6, dtype=torch.bool).tril()
    expected = F.softmax(scores.masked_fill(~mask, float("-inf")), dim=-1)
    got = attention_weights(scores, mask)
    assert_close(
        "row sums of the weights (each row is a distribution over keys)",
        got.sum(-1),
        torch.ones(2, 6),
    )
    assert_close("attention weights", got, expected)
    assert_close("weights without a mask", attention_weights(scores), F.softmax(scores, dim=-1))


@pytest.mark.task("softmax-weights")
def test_masked_keys_get_exactly_zero() -> None:
    scores = randn(5, 5, seed=4) * 30  # large scores: a mask applied late would still leak
    got = attention_weights(scores, causal_mask_ref(5))
    assert_close("weights above the diagonal", got.triu(1), torch.zeros(5, 5), atol=0)


def causal_mask_ref(T: int) -> torch.Tensor:
    return torch.ones(T, T, dtype=torch.bool).tril()


@pytest.mark.task("single-head")
def test_single_head_matches_scaled_dot_product_attention() -> None:
    x = randn(2, 7, 12, seed=5)
    w_q, w_k, w_v = randn(12, 4, seed=6), randn(12, 4, seed=7), randn(12, 4, seed=8)
    out, weights = single_head(x, w_q, w_k, w_v)
    expected = F.scaled_dot_product_attention(x @ w_q, x @ w_k, x @ w_v, is_causal=True)
    assert_close("single-head output (B, T, D)", out, expected)
    assert_close("weights above the diagonal (causal)", weights.triu(1), torch.zeros(2, 7, 7))
    free, _ = single_head(x, w_q, w_k, w_v, causal=False)
    assert_close(
        "single-head output with causal=False",
        free,
        F.scaled_dot_product_attention(x @ w_q, x @ w_k, x @ w_v),
    )


@pytest.mark.task("multi-head")
def test_multi_head_matches_torch_multihead_attention() -> None:
    C, H = 12, 3
    x = randn(2, 6, C, seed=9)
    w_q, w_k, w_v, w_o = (randn(C, C, seed=s) / math.sqrt(C) for s in (10, 11, 12, 13))
    ref = nn.MultiheadAttention(C, H, bias=False, batch_first=True).double()
    with torch.no_grad():  # torch stores (out, in) matrices and computes x @ Wᵀ
        ref.in_proj_weight.copy_(torch.cat([w_q.T, w_k.T, w_v.T]))
        ref.out_proj.weight.copy_(w_o.T)
    future = ~causal_mask_ref(6)
    expected, ref_weights = ref(
        x, x, x, attn_mask=future, need_weights=True, average_attn_weights=False
    )
    out, weights = multi_head(x, w_q, w_k, w_v, w_o, n_head=H)
    assert_close("multi-head output (B, T, C)", out, expected)
    assert_close("multi-head weights (B, H, T, T)", weights, ref_weights)


@pytest.mark.task("multi-head")
def test_heads_are_independent_channel_groups() -> None:
    # With block-diagonal projections, head h reads only channels of group h: its
    # output must equal a single head run on those channels alone.
    C, H, D = 8, 2, 4
    x = randn(1, 5, C, seed=14)
    blocks = [randn(D, D, seed=15 + i) for i in range(3)]
    w_q, w_k, w_v = (torch.block_diag(b, b) for b in blocks)
    out, _ = multi_head(x, w_q, w_k, w_v, torch.eye(C, dtype=torch.float64), n_head=H)
    for h in range(H):
        part = x[..., h * D : (h + 1) * D]
        one, _ = single_head_ref(part, *blocks)
        assert_close(
            f"channels {h * D}..{(h + 1) * D - 1} of the output (head {h})",
            out[..., h * D : (h + 1) * D],
            one,
        )


def single_head_ref(
    x: torch.Tensor, w_q: torch.Tensor, w_k: torch.Tensor, w_v: torch.Tensor
) -> tuple[torch.Tensor, None]:
    return F.scaled_dot_product_attention(x @ w_q, x @ w_k, x @ w_v, is_causal=True), None
