"""Sampling: let the trained model invent names, one character at a time.

Start from a context of all ``.``; ask the model for the distribution of the next
character; draw one; slide the context; stop when the model draws ``.``. A trained
model gives name-like strings; an untrained one gives uniform gibberish.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from mlp.model import Params, forward

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
    names = []
    for _ in range(n):
        context = [0] * block_size
        out: list[str] = []
        for _ in range(max_len):
            logits = forward(params, torch.tensor([context]))  # (1, vocab_size)
            probs = F.softmax(logits, dim=1)  # normalise along the vocabulary, per row
            ix = int(torch.multinomial(probs, num_samples=1, generator=generator).item())
            if ix == 0:
                break
            out.append(itos[ix])
            context = context[1:] + [ix]
        names.append("".join(out))
    return names
