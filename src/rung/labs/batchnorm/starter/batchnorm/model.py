"""The network: an embedding table, then ``n_layers`` blocks of Linear -> BatchNorm -> Tanh,
then a Linear layer to the logits.

Two choices at initialisation decide whether the first thousand steps are spent
learning or repairing:

* the output layer starts near zero, so the first logits are near zero, the first
  prediction is near uniform and the first loss is near ``-log(1/27) = 3.2958``
  instead of a confident and wrong 20 or 30 (a "hockey stick" loss curve);
* hidden weights are Kaiming-scaled with the tanh gain, so that pre-activations have
  roughly unit spread and tanh is neither saturated (flat, no gradient) nor linear.
"""

from __future__ import annotations

import math  # noqa: F401 - you will need it

import torch

from batchnorm.layers import TANH_GAIN, BatchNorm1d, Linear, Tanh

Layer = Linear | BatchNorm1d | Tanh


class Model:
    """``C`` (vocab_size, n_embd) and a list of layers; call it on contexts (B, block_size)."""

    def __init__(self, C: torch.Tensor, layers: list[Layer]) -> None:
        self.C = C
        self.layers = layers

    def __call__(self, X: torch.Tensor) -> torch.Tensor:
        emb = self.C[X]  # (B, block_size, n_embd)
        x = emb.view(emb.shape[0], -1)  # (B, block_size * n_embd)
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self) -> list[torch.Tensor]:
        return [self.C] + [p for layer in self.layers for p in layer.parameters()]

    def set_training(self, training: bool) -> None:
        """Switch every BatchNorm layer between batch statistics and running statistics."""
        for layer in self.layers:
            if isinstance(layer, BatchNorm1d):
                layer.training = training


# ---------------------------------------------------------------- TASK init-loss


def uniform_loss(vocab_size: int) -> float:
    """The loss of a model that gives every character the same probability: ``log(vocab_size)``."""
    # TASK init-loss
    raise NotImplementedError("TASK init-loss: the loss of a uniform prediction")


def make_model(
    vocab_size: int = 27,
    block_size: int = 3,
    n_embd: int = 10,
    n_hidden: int = 100,
    n_layers: int = 4,
    generator: torch.Generator | None = None,
    batchnorm: bool = True,
    gain: float = TANH_GAIN,
    momentum: float = 0.1,
) -> Model:
    """A model whose first loss is close to :func:`uniform_loss`.

    Draw order (the tests rely on it only through shapes and statistics): ``C``,
    then each Linear layer's weight in order. Hidden Linear layers have no bias when a
    BatchNorm follows (BatchNorm subtracts the mean, so a bias would do nothing). The
    last Linear layer's weight is multiplied by 0.1 and its bias is zero, so the
    first logits are small.
    """
    # TASK init-loss
    raise NotImplementedError(
        "TASK init-loss: C, then Linear/BatchNorm1d/Tanh blocks, then a small output layer"
    )
