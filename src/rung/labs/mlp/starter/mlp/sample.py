"""Sampling: let the trained model invent names, one character at a time.

Start from a context of all ``.``; ask the model for the distribution of the next
character; draw one; slide the context; stop when the model draws ``.``. A trained
model gives name-like strings; an untrained one gives uniform gibberish.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F  # noqa: F401 - you will need it

from mlp.model import Params, forward  # noqa: F401 - you will need it

# ---------------------------------------------------------------- TASK sample


@torch.no_grad()
def sample(
    params: Params,
    itos: list[str],
    block_size: int,
    n: int,
    generator: torch.Generator,
    max_len: int = 50,
) -> list[str]:
    """``n`` names drawn from the model.

    Each character is one call ``torch.multinomial(probs, num_samples=1,
    generator=generator)`` on a (1, vocab_size) row of probabilities, so that the
    same generator seed gives the same names as the reference. ``max_len`` only
    guards against a model that never draws ``.``.
    """
    # TASK sample
    raise NotImplementedError("TASK sample: draw characters until '.'")
