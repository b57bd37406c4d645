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

from wavenet.layers import BatchNorm1d, Embedding, FlattenConsecutive, Linear, Sequential, Tanh

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
    levels = block_size.bit_length() - 1
    if block_size != 2**levels or levels < 1:
        raise ValueError(f"block_size must be a power of two >= 2, not {block_size}")
    layers: list = [Embedding(vocab_size, n_embd, generator)]
    width = n_embd
    for _ in range(levels):
        layers += [
            FlattenConsecutive(2),
            Linear(2 * width, n_hidden, bias=False, generator=generator, gain=TANH_GAIN),
            BatchNorm1d(n_hidden, momentum=momentum),
            Tanh(),
        ]
        width = n_hidden
    last = Linear(n_hidden, vocab_size, generator=generator)
    last.weight *= 0.1  # near-uniform first predictions: first loss near log(27)
    layers.append(last)
    model = Sequential(layers)
    for p in model.parameters():
        p.requires_grad_(True)
    return model
