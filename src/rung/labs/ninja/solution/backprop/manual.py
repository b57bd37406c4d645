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
import torch.nn.functional as F

from backprop.forward import EPS, Cache

# ---------------------------------------------------------------- TASK dlogits


def d_logprobs(c: Cache) -> torch.Tensor:
    """d loss / d logprobs: ``-1/n`` at each row's correct column, 0 elsewhere.

    The loss is ``-(1/n) * sum_i logprobs[i, Yb[i]]``; only the picked entries appear.
    """
    dlogprobs = torch.zeros_like(c.logprobs)
    dlogprobs[torch.arange(c.n), c.Yb] = -1.0 / c.n
    return dlogprobs


def d_logits_via_logsoftmax(c: Cache, dlogprobs: torch.Tensor) -> torch.Tensor:
    """Back through ``logprobs = logits - logsumexp(logits)``, one row at a time.

    d logsumexp / d logits_j = softmax_j, and every logprob in the row subtracts the
    same logsumexp, so: ``dlogits = dlogprobs - softmax * (row sum of dlogprobs)``.
    """
    probs = F.softmax(c.logits, dim=1)
    return dlogprobs - probs * dlogprobs.sum(1, keepdim=True)


def d_logits(c: Cache) -> torch.Tensor:
    """The closed form of the two steps above: ``(softmax(logits) - onehot(Yb)) / n``.

    Each row pushes the probability of the right character up and every other down,
    in proportion to how much probability each holds; ``/ n`` because the loss is a mean.
    """
    dlogits = F.softmax(c.logits, dim=1)
    dlogits[torch.arange(c.n), c.Yb] -= 1.0
    return dlogits / c.n


# ---------------------------------------------------------------- TASK dh-dW2-db2


def d_output_layer(
    c: Cache, dlogits: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """``(dh, dW2, db2)`` for ``logits = h @ W2 + b2``.

    Shapes decide the order: dh (n, hidden) = dlogits (n, vocab) @ W2.T (vocab, hidden);
    dW2 (hidden, vocab) = h.T (hidden, n) @ dlogits (n, vocab); b2 was broadcast over
    the n rows, so db2 sums over them.
    """
    W2 = c.params["W2"].detach()
    dh = dlogits @ W2.T
    dW2 = c.h.detach().T @ dlogits
    db2 = dlogits.sum(0)
    return dh, dW2, db2


# ---------------------------------------------------------------- TASK dtanh


def d_tanh(c: Cache, dh: torch.Tensor) -> torch.Tensor:
    """dhpreact for ``h = tanh(hpreact)``: tanh' = 1 - tanh^2 = ``1 - h**2`` (the *output*)."""
    return (1.0 - c.h.detach() ** 2) * dh


# ---------------------------------------------------------------- TASK dbatchnorm


def d_batchnorm_steps(c: Cache, dhpreact: torch.Tensor) -> dict[str, torch.Tensor]:
    """Back through BatchNorm one line at a time; returns every gradient on the way.

    Keys: bngain, bnbias, bnraw, bnvar_inv, bnvar, bndiff2, bndiff, bnmeani, hprebn.
    ``bndiff`` is used twice (in ``bndiff2`` and in ``bnraw``) and ``hprebn`` twice (in
    ``bnmeani`` and in ``bndiff``): their gradients add the two contributions.
    """
    n = c.n
    bngain = c.params["bngain"].detach()
    bnraw, bndiff = c.bnraw.detach(), c.bndiff.detach()
    bnvar, bnvar_inv = c.bnvar.detach(), c.bnvar_inv.detach()
    g: dict[str, torch.Tensor] = {}
    # hpreact = bngain * bnraw + bnbias: bngain and bnbias were broadcast over the rows
    g["bngain"] = (bnraw * dhpreact).sum(0, keepdim=True)
    g["bnbias"] = dhpreact.sum(0, keepdim=True)
    g["bnraw"] = bngain * dhpreact
    # bnraw = bndiff * bnvar_inv: bnvar_inv (1, hidden) was broadcast too
    g["bnvar_inv"] = (bndiff * g["bnraw"]).sum(0, keepdim=True)
    dbndiff = bnvar_inv * g["bnraw"]  # first of two contributions
    # bnvar_inv = (bnvar + eps) ** -0.5
    g["bnvar"] = -0.5 * (bnvar + EPS) ** -1.5 * g["bnvar_inv"]
    # bnvar = bndiff2.sum(0) / (n - 1): the sum spreads the gradient back to every row
    g["bndiff2"] = torch.ones_like(bndiff) * g["bnvar"] / (n - 1)
    # bndiff2 = bndiff ** 2
    g["bndiff"] = dbndiff + 2 * bndiff * g["bndiff2"]
    # bndiff = hprebn - bnmeani: bnmeani was broadcast, with a minus sign
    g["bnmeani"] = -g["bndiff"].sum(0, keepdim=True)
    # bnmeani = hprebn.mean(0): each row gets 1/n of it; plus the direct path via bndiff
    g["hprebn"] = g["bndiff"] + torch.ones_like(bndiff) * g["bnmeani"] / n
    return g


def d_batchnorm(
    c: Cache, dhpreact: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """``(dhprebn, dbngain, dbnbias)``, with dhprebn in one line.

    Collecting the steps above (with ``bnraw`` the normalised input and ``n - 1`` from
    the Bessel-corrected variance)::

        dhprebn = bngain * bnvar_inv / n * (n * dhpreact - sum_rows(dhpreact)
                                            - n / (n - 1) * bnraw * sum_rows(dhpreact * bnraw))
    """
    n = c.n
    bngain = c.params["bngain"].detach()
    bnraw, bnvar_inv = c.bnraw.detach(), c.bnvar_inv.detach()
    dbngain = (bnraw * dhpreact).sum(0, keepdim=True)
    dbnbias = dhpreact.sum(0, keepdim=True)
    dhprebn = (
        bngain
        * bnvar_inv
        / n
        * (n * dhpreact - dhpreact.sum(0) - n / (n - 1) * bnraw * (dhpreact * bnraw).sum(0))
    )
    return dhprebn, dbngain, dbnbias


# ---------------------------------------------------------------- TASK dW1-db1


def d_hidden_layer(
    c: Cache, dhprebn: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """``(dembcat, dW1, db1)`` for ``hprebn = embcat @ W1 + b1`` (the same pattern as W2)."""
    W1 = c.params["W1"].detach()
    dembcat = dhprebn @ W1.T
    dW1 = c.embcat.detach().T @ dhprebn
    db1 = dhprebn.sum(0)
    return dembcat, dW1, db1


# ---------------------------------------------------------------- TASK demb


def d_emb(c: Cache, dembcat: torch.Tensor) -> torch.Tensor:
    """``embcat = emb.view(n, -1)`` only relabels the numbers: view the gradient back."""
    return dembcat.view(c.emb.shape)


# ---------------------------------------------------------------- TASK dC


def d_C(c: Cache, demb: torch.Tensor) -> torch.Tensor:
    """``emb = C[Xb]`` copied row ``Xb[i, j]`` of C into ``emb[i, j]``: send each gradient
    row back to the row of C it came from, *adding* when a character occurs many times.
    """
    C = c.params["C"]
    dC = torch.zeros_like(C, requires_grad=False)
    n_embd = C.shape[1]
    # index_add_ accumulates repeated indices (plain dC[ix] = ... would keep only one).
    dC.index_add_(0, c.Xb.reshape(-1), demb.reshape(-1, n_embd))
    return dC
