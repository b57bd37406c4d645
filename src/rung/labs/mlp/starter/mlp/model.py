"""The model: look up an embedding per context character, one tanh layer, then logits.

Shapes for a batch of B contexts of ``block_size`` characters, each embedded in
``n_embd`` numbers::

    X        (B, block_size)               integer ids
    C[X]     (B, block_size, n_embd)       one row of C per id (the embedding lookup)
    .view    (B, block_size * n_embd)      the context's embeddings side by side
    h        (B, n_hidden)                 tanh(emb @ W1 + b1)
    logits   (B, vocab_size)               h @ W2 + b2

The parameters live in a plain dict so that every step of the computation stays
visible; there is no ``nn.Module`` doing it for you here.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F  # noqa: F401 - you will need it

Params = dict[str, torch.Tensor]

# ---------------------------------------------------------------- TASK forward


def init_params(
    vocab_size: int = 27,
    block_size: int = 3,
    n_embd: int = 10,
    n_hidden: int = 200,
    generator: torch.Generator | None = None,
    dtype: torch.dtype = torch.float32,
) -> Params:
    """Random parameters ``C, W1, b1, W2, b2`` that require gradients.

    The scales are chosen so that training starts well (the batchnorm lab explains
    why): ``W1`` has standard deviation (5/3)/sqrt(fan_in), so tanh is neither
    saturated nor linear; ``W2`` and ``b2`` are (almost) zero, so the first
    predictions are close to uniform and the first loss is close to log(27) = 3.2958.
    """
    # TASK forward
    raise NotImplementedError("TASK forward: C, W1, b1, W2, b2 with the scales in the docstring")


def forward(params: Params, X: torch.Tensor) -> torch.Tensor:
    """Logits (B, vocab_size) for contexts ``X`` (B, block_size)."""
    # TASK forward
    raise NotImplementedError("TASK forward: embed, view, tanh layer, logits")


def loss_fn(params: Params, X: torch.Tensor, Y: torch.Tensor) -> torch.Tensor:
    """Mean negative log-likelihood of the true next characters ``Y``.

    ``F.cross_entropy`` does log-softmax and picks out ``-log p[Y]`` in one fused,
    numerically stable step (it subtracts each row's maximum before exponentiating).
    """
    # TASK forward
    raise NotImplementedError("TASK forward: F.cross_entropy of the logits")
