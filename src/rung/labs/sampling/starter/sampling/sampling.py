"""From logits to the next token: temperature, top-k, top-p (nucleus), sampling.

A language model gives a vector of logits per step; how we turn it into one token
decides much of what the text looks like. Each function here takes logits of shape
(..., V) and returns logits or probabilities of the same shape, so they compose:
temperature first, then top-k, then top-p, then the softmax and one draw.

Worked example: logits ``[2, 1, 0]`` have softmax ``[0.665, 0.245, 0.090]``. Top-k
with k = 2 keeps ``[0.731, 0.269, 0]``; top-p with p = 0.8 keeps the first two too
(0.665 < 0.8, 0.665 + 0.245 = 0.910 >= 0.8); with p = 0.6 only the first.
"""

from __future__ import annotations

import torch

# ---------------------------------------------------------------------- TASK temperature


def apply_temperature(logits: torch.Tensor, temperature: float) -> torch.Tensor:
    """Logits divided by the temperature: below 1 the distribution sharpens, above 1
    it flattens, at 1 it is the model's own. Temperature 0 is the limit, greedy
    decoding: the largest logit keeps 0, every other one becomes ``-inf`` (ties go
    to the first)."""
    # TASK temperature: logits / temperature; temperature 0: 0 at the argmax, -inf elsewhere; ValueError below 0
    raise NotImplementedError("TASK temperature: apply_temperature")


# ---------------------------------------------------------------------- TASK top-k


def top_k_filter(logits: torch.Tensor, k: int) -> torch.Tensor:
    """Keep the ``k`` largest logits of each row, set the rest to ``-inf``.

    Exactly k survive even when values tie: the kept ones are chosen by index (from
    ``torch.topk``), not by comparing with the k-th value.
    """
    # TASK top-k: keep the k largest of each row (by index, so ties keep exactly k), -inf elsewhere
    raise NotImplementedError("TASK top-k: top_k_filter")


# ---------------------------------------------------------------------- TASK top-p


def top_p_filter(logits: torch.Tensor, p: float) -> torch.Tensor:
    """Keep the smallest set of most likely tokens whose probability adds up to at
    least ``p``; set the rest to ``-inf``.

    Sort by probability, descending, and walk down the list: a token is kept if the
    mass of the tokens *before* it is still below p. So the most likely token is
    always kept, and so is the one that crosses p.
    """
    # TASK top-p: sort, softmax, mass before each token; drop where it is already >= p; unsort the verdict
    raise NotImplementedError("TASK top-p: top_p_filter")


# ---------------------------------------------------------------------- TASK sample


def probabilities(
    logits: torch.Tensor,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
) -> torch.Tensor:
    """The distribution one draw comes from: temperature, then top-k, then top-p,
    then the softmax (which renormalises what is left)."""
    # TASK sample: temperature, top-k, top-p, softmax
    raise NotImplementedError("TASK sample: probabilities")


def sample(
    logits: torch.Tensor,
    generator: torch.Generator | None = None,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
) -> torch.Tensor:
    """One token id per row of ``logits`` (shape (B, V) -> (B,)), drawn with
    ``generator`` so that the same seed gives the same text."""
    # TASK sample: torch.multinomial on probabilities(...) with generator; shape (B,)
    raise NotImplementedError("TASK sample: sample")
