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

import math  # noqa: F401 - you will need it

import torch

# ---------------------------------------------------------------------- TASK scores


def attention_scores(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    """``q @ kᵀ / sqrt(d_k)`` for ``q``, ``k`` of shape (..., T, d_k): (..., T, T).

    Entry (i, j) says how well query i matches key j. Without the scale, a dot
    product of d_k unit-variance terms has variance d_k, and the softmax of such
    large numbers is nearly one-hot: gradients vanish.
    """
    # TASK scores: q @ k transposed on its last two axes, divided by sqrt(d_k)
    raise NotImplementedError("TASK scores: attention_scores")


# ---------------------------------------------------------------------- TASK causal-mask


def causal_mask(T: int) -> torch.Tensor:
    """A (T, T) bool tensor, True where query i may look at key j, that is j <= i:
    the lower triangle with its diagonal. A language model predicting position i+1
    must not read positions after i."""
    # TASK causal-mask: a (T, T) bool tensor, True on and below the diagonal
    raise NotImplementedError("TASK causal-mask: causal_mask")


# ---------------------------------------------------------------------- TASK softmax-weights


def attention_weights(scores: torch.Tensor, mask: torch.Tensor | None = None) -> torch.Tensor:
    """Softmax of the scores over the keys (the last axis), after setting the
    scores where ``mask`` is False to ``-inf`` so they get exactly zero weight.

    Masking *before* the softmax keeps every row a probability distribution over the
    allowed keys; zeroing weights after it would leave rows summing to less than 1.
    """
    # TASK softmax-weights: scores to -inf where mask is False, then softmax over the keys
    raise NotImplementedError("TASK softmax-weights: attention_weights")


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
    # TASK single-head: q, k, v from x; scores; causal mask if asked; weights; weights @ v
    raise NotImplementedError("TASK single-head: single_head")


# ---------------------------------------------------------------------- TASK multi-head


def split_heads(x: torch.Tensor, n_head: int) -> torch.Tensor:
    """(B, T, C) -> (B, H, T, D): cut the channels of each position into H groups,
    then move the head axis in front of the time axis so heads act as a batch."""
    # TASK multi-head: (B, T, C) -> (B, T, H, D) -> (B, H, T, D)
    raise NotImplementedError("TASK multi-head: split_heads")


def merge_heads(x: torch.Tensor) -> torch.Tensor:
    """(B, H, T, D) -> (B, T, C): the inverse of ``split_heads``."""
    # TASK multi-head: (B, H, T, D) -> (B, T, H, D) -> (B, T, C)
    raise NotImplementedError("TASK multi-head: merge_heads")


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
    # TASK multi-head: project, split heads, attend per head, merge heads, w_o
    raise NotImplementedError("TASK multi-head: multi_head")
