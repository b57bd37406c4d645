"""The hierarchical model: a context of 8 characters is fused in pairs, three times.

::

    ids          (B, 8)
    Embedding    (B, 8, n_embd)
    Flatten(2)   (B, 4, 2 n_embd)  -> Linear -> BatchNorm -> Tanh   (B, 4, n_hidden)
    Flatten(2)   (B, 2, 2 n_hidden) -> Linear -> BatchNorm -> Tanh  (B, 2, n_hidden)
    Flatten(2)   (B, 2 n_hidden)    -> Linear -> BatchNorm -> Tanh  (B, n_hidden)
    Linear       (B, vocab_size)

Compared with squashing all 8 characters into one layer at once, each layer only
has to combine two neighbours, and the same weights are shared by every pair at a
level (a convolution, computed here as a batched matrix product).
"""

from __future__ import annotations

import torch

from wavenet.layers import BatchNorm1d, Embedding, FlattenConsecutive, Linear, Sequential, Tanh  # noqa: F401 - you will need it

TANH_GAIN = 5 / 3

# ---------------------------------------------------------------- TASK model


def make_model(
    vocab_size: int = 27,
    block_size: int = 8,
    n_embd: int = 24,
    n_hidden: int = 128,
    generator: torch.Generator | None = None,
    momentum: float = 0.1,
) -> Sequential:
    """The network above; ``block_size`` must be a power of two (8: three levels)."""
    # TASK model
    raise NotImplementedError(
        "TASK model: Embedding, then log2(block_size) levels of FlattenConsecutive(2), Linear, BatchNorm1d, Tanh, then Linear"
    )
