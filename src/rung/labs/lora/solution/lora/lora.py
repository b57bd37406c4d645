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

import math

import torch
import torch.nn as nn
from gpt.data import get_batch
from gpt.train import configure_optimizer

# ---------------------------------------------------------------------- TASK lora-linear


class LoRALinear(nn.Module):
    """A frozen ``nn.Linear`` plus a trainable low-rank update."""

    def __init__(self, base: nn.Linear, r: int, alpha: float) -> None:
        super().__init__()
        if r <= 0:
            raise ValueError(f"rank r must be positive, got {r}")
        self.base = base
        for p in self.base.parameters():
            p.requires_grad_(False)
        self.r = r
        self.alpha = alpha
        self.scaling = alpha / r  # keeps the update's size steady when r changes
        dev, dtype = base.weight.device, base.weight.dtype
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features, device=dev, dtype=dtype))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r, device=dev, dtype=dtype))
        # The same uniform initialisation nn.Linear gives its own weight: bound 1/sqrt(in).
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.merged = False

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.base(x)
        if self.merged:  # the update already lives inside base.weight
            return y
        return y + (x @ self.lora_A.T @ self.lora_B.T) * self.scaling

    def delta_weight(self) -> torch.Tensor:
        """ΔW = (alpha / r) · B A, shaped like the base weight (out, in)."""
        return (self.lora_B @ self.lora_A) * self.scaling

    # ------------------------------------------------------------------ TASK merge

    @torch.no_grad()
    def merge(self) -> None:
        """Add ΔW into the base weight; forward then skips the side path."""
        if not self.merged:
            self.base.weight += self.delta_weight()
            self.merged = True

    @torch.no_grad()
    def unmerge(self) -> None:
        """Take ΔW out again, so training can go on."""
        if self.merged:
            self.base.weight -= self.delta_weight()
            self.merged = False


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
    for p in model.parameters():
        p.requires_grad_(False)
    replaced = []
    # list(...) first: replacing modules while iterating over them is not safe.
    for name, module in list(model.named_modules()):
        if isinstance(module, nn.Linear) and name.endswith(targets):
            parent_name, _, child = name.rpartition(".")
            parent = model.get_submodule(parent_name) if parent_name else model
            setattr(parent, child, LoRALinear(module, r, alpha))
            replaced.append(name)
    return replaced


def count_parameters(model: nn.Module) -> tuple[int, int]:
    """(trainable, total) parameters, each tensor counted once (tied ones too)."""
    params = list(model.parameters())  # .parameters() already skips repeats
    return sum(p.numel() for p in params if p.requires_grad), sum(p.numel() for p in params)


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
    header = f"{name}:"
    speeches = [
        p.strip("\n") for p in text.split("\n\n") if p.strip("\n").split("\n", 1)[0] == header
    ]
    return "\n\n".join(speeches)


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
    block = model.config.block_size  # type: ignore[union-attr]
    device = next(model.parameters()).device
    optimizer = configure_optimizer(model, 0.0, learning_rate, (0.9, 0.99), device.type)
    gen = torch.Generator().manual_seed(seed)
    model.train()
    losses = []
    for _ in range(steps):
        x, y = get_batch(data, block, batch_size, gen)
        _, loss = model(x.to(device), y.to(device))
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        losses.append(loss.item())
    return losses


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
