"""All the hand-derived steps chained together: every parameter's gradient without autograd.

Given complete. Once every task passes, this gives the same gradients as
``loss.backward()``; ``train_step`` uses them to train the network with no autograd.
"""

from __future__ import annotations

import torch

from backprop.forward import Cache
from backprop.manual import (
    d_batchnorm,
    d_C,
    d_emb,
    d_hidden_layer,
    d_logits,
    d_output_layer,
    d_tanh,
)


def manual_backward(c: Cache) -> dict[str, torch.Tensor]:
    """Gradients of the loss w.r.t. every parameter, by name, from the loss back to C."""
    dlogits = d_logits(c)
    dh, dW2, db2 = d_output_layer(c, dlogits)
    dhpreact = d_tanh(c, dh)
    dhprebn, dbngain, dbnbias = d_batchnorm(c, dhpreact)
    dembcat, dW1, db1 = d_hidden_layer(c, dhprebn)
    demb = d_emb(c, dembcat)
    dC = d_C(c, demb)
    return {
        "C": dC, "W1": dW1, "b1": db1, "bngain": dbngain, "bnbias": dbnbias, "W2": dW2, "b2": db2,
    }  # fmt: skip


def train_step(c: Cache, lr: float) -> dict[str, torch.Tensor]:
    """One SGD step on ``c.params`` with the manual gradients; returns them."""
    grads = manual_backward(c)
    with torch.no_grad():
        for name, p in c.params.items():
            p -= lr * grads[name]
    return grads
