"""Self-attention, one shape at a time.

Everything here is a plain function of tensors, so each step can be checked on its
own: scores from queries and keys, the causal mask, the softmax that turns scores
into weights, one head, then many heads side by side.

Shapes: B batch, T positions, C model width, H heads, D = C / H per head.
Weight matrices act on the right (``x @ w_q``), so ``w_q`` has shape (C, D) for one
head and (C, C) for all heads together.

Worked example for the scores: with one query ``q = [1, 0]`` and keys
``k0 = [1, 0]``, ``k1 = [0, 1]`` (d_k = 2), the scores are ``[1, 0] / sqrt(2)``,
about ``[0.707, 0]``; the softmax gives weights of about ``[0.67, 0.33]``.
"""

from __future__ import annotations

import math

import torch

# ---------------------------------------------------------------------- TASK scores


def attention_scores(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    """``q @ kᵀ / sqrt(d_k)`` for ``q``, ``k`` of shape (..., T, d_k): (..., T, T).

    Entry (i, j) says how well query i matches key j. Without the scale, a dot
    product of d_k unit-variance terms has variance d_k, and the softmax of such
    large numbers is nearly one-hot: gradients vanish.
    """
    d_k = q.shape[-1]
    return q @ k.transpose(-2, -1) / math.sqrt(d_k)


# ---------------------------------------------------------------------- TASK causal-mask


def causal_mask(T: int) -> torch.Tensor:
    """A (T, T) bool tensor, True where query i may look at key j, that is j <= i:
    the lower triangle with its diagonal. A language model predicting position i+1
    must not read positions after i."""
    return torch.tril(torch.ones(T, T, dtype=torch.bool))


# ---------------------------------------------------------------------- TASK softmax-weights


def attention_weights(scores: torch.Tensor, mask: torch.Tensor | None = None) -> torch.Tensor:
    """Softmax of the scores over the keys (the last axis), after setting the
    scores where ``mask`` is False to ``-inf`` so they get exactly zero weight.

    Masking *before* the softmax keeps every row a probability distribution over the
    allowed keys; zeroing weights after it would leave rows summing to less than 1.
    """
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    return torch.softmax(scores, dim=-1)


# ---------------------------------------------------------------------- TASK single-head


def single_head(
    x: torch.Tensor,
    w_q: torch.Tensor,
    w_k: torch.Tensor,
    w_v: torch.Tensor,
    causal: bool = True,
) -> tuple[torch.Tensor, torch.Tensor]:
    """One head of self-attention on ``x`` (B, T, C) with weights (C, D).

    Returns the output (B, T, D) and the weights (B, T, T).
    """
    q, k, v = x @ w_q, x @ w_k, x @ w_v  # each (B, T, D)
    scores = attention_scores(q, k)  # (B, T, T)
    mask = causal_mask(x.shape[1]).to(x.device) if causal else None
    weights = attention_weights(scores, mask)  # (B, T, T), rows sum to 1
    return weights @ v, weights  # (B, T, D): a weighted average of values


# ---------------------------------------------------------------------- TASK multi-head


def split_heads(x: torch.Tensor, n_head: int) -> torch.Tensor:
    """(B, T, C) -> (B, H, T, D): cut the channels of each position into H groups,
    then move the head axis in front of the time axis so heads act as a batch."""
    B, T, C = x.shape
    return x.view(B, T, n_head, C // n_head).transpose(1, 2)


def merge_heads(x: torch.Tensor) -> torch.Tensor:
    """(B, H, T, D) -> (B, T, C): the inverse of ``split_heads``."""
    B, H, T, D = x.shape
    return x.transpose(1, 2).contiguous().view(B, T, H * D)


def multi_head(
    x: torch.Tensor,
    w_q: torch.Tensor,
    w_k: torch.Tensor,
    w_v: torch.Tensor,
    w_o: torch.Tensor,
    n_head: int,
    causal: bool = True,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Multi-head self-attention: (B, T, C) -> (B, T, C), weights (B, H, T, T).

    The (C, C) projections make queries, keys and values for all heads at once;
    ``split_heads`` gives each head its own D = C / H channels; attention runs per
    head; the heads' outputs are put side by side and mixed by ``w_o``.
    """
    if x.shape[-1] % n_head != 0:
        raise ValueError(f"width {x.shape[-1]} is not divisible by {n_head} heads")
    q = split_heads(x @ w_q, n_head)
    k = split_heads(x @ w_k, n_head)
    v = split_heads(x @ w_v, n_head)
    scores = attention_scores(q, k)  # (B, H, T, T)
    mask = causal_mask(x.shape[1]).to(x.device) if causal else None
    weights = attention_weights(scores, mask)  # the mask broadcasts over B and H
    out = merge_heads(weights @ v)  # (B, T, C)
    return out @ w_o, weights
