"""Every gradient of ``forward.py``, derived by hand, from the loss back to ``C``.

Each function takes the forward ``Cache`` ``c`` and the gradient flowing in from
above, and returns the gradients of that step's inputs. The rule for the shapes is
always the same: the gradient of a tensor has the tensor's shape. When the forward
pass *broadcast* a tensor (used one row for many), its gradient *sums* over the copies;
when it *summed* over a dimension, the gradient is *broadcast* back along it.

Work under ``torch.no_grad()`` is not needed: nothing here calls ``backward()``.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F  # noqa: F401 - you will need it

from backprop.forward import EPS, Cache  # noqa: F401 - you will need it

# ---------------------------------------------------------------- TASK dlogits


def d_logprobs(c: Cache) -> torch.Tensor:
    """d loss / d logprobs, shape (n, vocab_size). Which entries of logprobs does the loss use, and with what weight?"""
    # TASK dlogits
    raise NotImplementedError("TASK dlogits")


def d_logits_via_logsoftmax(c: Cache, dlogprobs: torch.Tensor) -> torch.Tensor:
    """d loss / d logits from ``dlogprobs``, back through ``logprobs = logits - logsumexp(logits)``.

    Work out d logsumexp(row) / d logits[i, j] first; every logprob of a row uses it.
    """
    # TASK dlogits
    raise NotImplementedError("TASK dlogits")


def d_logits(c: Cache) -> torch.Tensor:
    """d loss / d logits in one expression, without going through ``d_logprobs``.

    Simplify the two steps above on paper; the result has a softmax in it."""
    # TASK dlogits
    raise NotImplementedError("TASK dlogits")


# ---------------------------------------------------------------- TASK dh-dW2-db2


def d_output_layer(
    c: Cache, dlogits: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """``(dh, dW2, db2)`` for ``logits = h @ W2 + b2``.

    Every gradient has the shape of its tensor: let the shapes pick each product.
    """
    # TASK dh-dW2-db2
    raise NotImplementedError("TASK dh-dW2-db2")


# ---------------------------------------------------------------- TASK dtanh


def d_tanh(c: Cache, dh: torch.Tensor) -> torch.Tensor:
    """dhpreact for ``h = tanh(hpreact)``, given ``dh``."""
    # TASK dtanh
    raise NotImplementedError("TASK dtanh")


# ---------------------------------------------------------------- TASK dbatchnorm


def d_batchnorm_steps(c: Cache, dhpreact: torch.Tensor) -> dict[str, torch.Tensor]:
    """Back through BatchNorm one line of ``forward.py`` at a time; every gradient on the way.

    Keys: bngain, bnbias, bnraw, bnvar_inv, bnvar, bndiff2, bndiff, bnmeani, hprebn.
    Two of these tensors are used twice in the forward pass: their gradients add.
    """
    # TASK dbatchnorm
    raise NotImplementedError("TASK dbatchnorm")


def d_batchnorm(
    c: Cache, dhpreact: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """``(dhprebn, dbngain, dbnbias)``, with dhprebn as one expression.

    Collect the steps above into a formula in ``bngain``, ``bnvar_inv``, ``bnraw``,
    ``dhpreact`` and n (the variance is Bessel-corrected: mind the n - 1).
    """
    # TASK dbatchnorm
    raise NotImplementedError("TASK dbatchnorm")


# ---------------------------------------------------------------- TASK dW1-db1


def d_hidden_layer(
    c: Cache, dhprebn: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """``(dembcat, dW1, db1)`` for ``hprebn = embcat @ W1 + b1``."""
    # TASK dW1-db1
    raise NotImplementedError("TASK dW1-db1")


# ---------------------------------------------------------------- TASK demb


def d_emb(c: Cache, dembcat: torch.Tensor) -> torch.Tensor:
    """demb from dembcat, for ``embcat = emb.view(n, -1)``."""
    # TASK demb
    raise NotImplementedError("TASK demb")


# ---------------------------------------------------------------- TASK dC


def d_C(c: Cache, demb: torch.Tensor) -> torch.Tensor:
    """dC from demb, for ``emb = C[Xb]``. What if a character occurs more than once?"""
    # TASK dC
    raise NotImplementedError("TASK dC")
