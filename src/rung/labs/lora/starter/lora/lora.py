"""LoRA: fine-tune a trained GPT by learning a low-rank change to a few matrices.

A weight matrix W (out x in) stays frozen; next to it sit two small matrices,
A (r x in) and B (out x r), and the layer computes

    y = x Wᵀ + b + (alpha / r) · x Aᵀ Bᵀ

so the change to W is ``ΔW = (alpha / r) · B A``, of rank at most r. For the
attention projection of the CPU GPT (in 128, out 384) with r = 2 that is
2·(128 + 384) = 1,024 trainable numbers instead of 49,152.

B starts at zero, so ΔW = 0 and the adapted model is *exactly* the trained one at
step 0; A starts random, so that B's gradient (which is proportional to x Aᵀ) is not
zero too and learning can begin. After training, ΔW can be added into W ("merged"):
the model is then an ordinary GPT again, with no extra cost per token.
"""

from __future__ import annotations

import math  # noqa: F401 - you will need it

import torch
import torch.nn as nn
from gpt.data import get_batch
from gpt.train import configure_optimizer  # noqa: F401 - you will need it

# ---------------------------------------------------------------------- TASK lora-linear


class LoRALinear(nn.Module):
    """A frozen ``nn.Linear`` plus a trainable low-rank update."""

    def __init__(self, base: nn.Linear, r: int, alpha: float) -> None:
        # TASK lora-linear: keep and freeze base; r, alpha, scaling = alpha / r; lora_A (r, in) kaiming-uniform, lora_B (out, r) zeros; merged = False
        raise NotImplementedError("TASK lora-linear: LoRALinear.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TASK lora-linear: base(x), plus scaling * x A^T B^T unless merged
        raise NotImplementedError("TASK lora-linear: LoRALinear.forward")

    def delta_weight(self) -> torch.Tensor:
        """ΔW = (alpha / r) · B A, shaped like the base weight (out, in)."""
        # TASK lora-linear: scaling * B @ A, shape (out, in)
        raise NotImplementedError("TASK lora-linear: LoRALinear.delta_weight")

    # ------------------------------------------------------------------ TASK merge

    @torch.no_grad()
    def merge(self) -> None:
        """Add ΔW into the base weight; forward then skips the side path."""
        # TASK merge: add delta_weight() into base.weight once; merged = True
        raise NotImplementedError("TASK merge: LoRALinear.merge")

    @torch.no_grad()
    def unmerge(self) -> None:
        """Take ΔW out again, so training can go on."""
        # TASK merge: subtract it again; merged = False
        raise NotImplementedError("TASK merge: LoRALinear.unmerge")


# ---------------------------------------------------------------------- TASK apply


def apply_lora(
    model: nn.Module,
    r: int = 2,
    alpha: float = 4.0,
    targets: tuple[str, ...] = ("attn.c_attn", "attn.c_proj"),
) -> list[str]:
    """Freeze every parameter of ``model``, then replace each ``nn.Linear`` whose
    qualified name ends with one of ``targets`` by a ``LoRALinear`` around it.
    Returns the names replaced, in order."""
    # TASK apply: freeze all; wrap each nn.Linear whose name ends with a target; return the names
    raise NotImplementedError("TASK apply: apply_lora")


def count_parameters(model: nn.Module) -> tuple[int, int]:
    """(trainable, total) parameters, each tensor counted once (tied ones too)."""
    # TASK apply: (trainable, total), each tensor once
    raise NotImplementedError("TASK apply: count_parameters")


def lora_layers(model: nn.Module) -> list[LoRALinear]:
    return [m for m in model.modules() if isinstance(m, LoRALinear)]


def merge_lora(model: nn.Module) -> None:
    for layer in lora_layers(model):
        layer.merge()


def unmerge_lora(model: nn.Module) -> None:
    for layer in lora_layers(model):
        layer.unmerge()


# ---------------------------------------------------------------------- TASK slice


def speaker_lines(text: str, name: str) -> str:
    """Every speech of one character: the paragraphs (separated by blank lines) whose
    first line is exactly ``NAME:``, joined again by blank lines.

    Example: in ``"ROMEO:\\nHi.\\n\\nJULIET:\\nHo.\\n\\nROMEO:\\nBye."`` the speeches of
    ROMEO are ``"ROMEO:\\nHi.\\n\\nROMEO:\\nBye."``.
    """
    # TASK slice: paragraphs whose first line is NAME:, joined by blank lines
    raise NotImplementedError("TASK slice: speaker_lines")


# ---------------------------------------------------------------------- TASK finetune


def finetune(
    model: nn.Module,
    data: torch.Tensor,
    steps: int,
    learning_rate: float = 1e-2,
    batch_size: int = 16,
    seed: int = 0,
) -> list[float]:
    """Train the trainable parameters (the adapters) on ``data`` for ``steps`` steps
    with AdamW at a constant rate; returns the loss of every step.

    Batches come from ``get_batch`` with a generator seeded by ``seed``, windows of
    the model's ``block_size``. No weight decay: the update should be free to grow as
    far as the data asks, and it starts from zero anyway.
    """
    # TASK finetune: AdamW (configure_optimizer, no decay) over trainable params; steps of get_batch, loss, backward, step
    raise NotImplementedError("TASK finetune: finetune")


@torch.no_grad()
def evaluate(
    model: nn.Module, data: torch.Tensor, batches: int = 10, batch_size: int = 16, seed: int = 123
) -> float:
    """Mean loss on ``batches`` fixed batches of ``data`` (same seed, same batches)."""
    block = model.config.block_size  # type: ignore[union-attr]
    device = next(model.parameters()).device
    gen = torch.Generator().manual_seed(seed)
    was_training = model.training
    model.eval()
    total = 0.0
    for _ in range(batches):
        x, y = get_batch(data, block, batch_size, gen)
        total += model(x.to(device), y.to(device))[1].item()
    model.train(was_training)
    return total / batches
