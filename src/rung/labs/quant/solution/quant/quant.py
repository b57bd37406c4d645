"""Weight quantisation: int8 per output channel, and 4-bit in groups of 32.

A float32 weight takes 4 bytes. Storing it as an 8-bit integer plus one scale per
row takes a little over 1 byte; as a 4-bit integer plus a scale and an offset per
group of 32 weights, a little over half a byte. The layers below keep only the small
integers and dequantise on the fly: ``w ≈ q · scale (+ offset)`` just before the
matrix product, so memory shrinks while the arithmetic stays in float.

int8, per output channel, absmax: each row r of W gets ``scale_r = max|W_r| / 127``
and ``q = round(W / scale_r)`` in [-127, 127]. The error of any weight is at most
``scale_r / 2``. Example: the row ``[0.5, -1.27, 0.02]`` has scale 0.01 and quantises
to ``[50, -127, 2]``, exactly.

4-bit, groups of 32, min-max: each run of 32 weights in a row gets its minimum m and
``scale = (max - m) / 15``, and ``q = round((w - m) / scale)`` in [0, 15]: all 16
levels are used even when the group is lopsided. Two such values share one byte.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

# ---------------------------------------------------------------------- TASK int8


def quantize_int8(w: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(q int8 (out, in), scale float32 (out, 1)) with ``w ≈ q * scale``."""
    w = w.float()
    scale = w.abs().amax(dim=1, keepdim=True) / 127.0
    scale = torch.where(scale == 0, torch.ones_like(scale), scale)  # an all-zero row stays zero
    q = torch.round(w / scale).clamp(-127, 127).to(torch.int8)
    return q, scale


def dequantize_int8(q: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
    return q.float() * scale


# ---------------------------------------------------------------------- TASK pack


def pack_4bit(q: torch.Tensor) -> torch.Tensor:
    """Two values in 0..15 per byte along the last axis: element 2j goes into the low
    four bits, element 2j+1 into the high four. (out, in) -> (out, in / 2) uint8."""
    if q.shape[-1] % 2:
        raise ValueError(f"the last axis must be even to pack pairs, got {q.shape[-1]}")
    q = q.to(torch.uint8)
    return q[..., 0::2] | (q[..., 1::2] << 4)


def unpack_4bit(packed: torch.Tensor) -> torch.Tensor:
    """The inverse of ``pack_4bit``: (out, in / 2) uint8 -> (out, in) uint8 in 0..15."""
    low = packed & 0x0F
    high = packed >> 4
    return torch.stack([low, high], dim=-1).flatten(-2)  # interleave: low0 high0 low1 ...


# ---------------------------------------------------------------------- TASK int4


def quantize_4bit(
    w: torch.Tensor, group_size: int = 32
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(packed uint8 (out, in/2), scale fp16 (out, in/g), minimum fp16 (out, in/g)).

    The scale and minimum are stored in float16 (half the bytes of float32, still
    precise to about 1 part in 2000) and the codes are computed *from* the stored
    values, so that dequantising reproduces what was planned.
    """
    out_f, in_f = w.shape
    if in_f % group_size:
        raise ValueError(f"in_features {in_f} is not a multiple of group_size {group_size}")
    groups = w.float().reshape(out_f, in_f // group_size, group_size)
    lo = groups.amin(dim=-1).half()
    scale = ((groups.amax(dim=-1) - lo.float()) / 15.0).half()
    scale = torch.where(scale == 0, torch.ones_like(scale), scale)  # a constant group
    q = torch.round((groups - lo.float()[..., None]) / scale.float()[..., None]).clamp(0, 15)
    return pack_4bit(q.reshape(out_f, in_f)), scale, lo


def dequantize_4bit(
    packed: torch.Tensor, scale: torch.Tensor, lo: torch.Tensor, group_size: int = 32
) -> torch.Tensor:
    q = unpack_4bit(packed).float()
    out_f, in_f = q.shape
    groups = q.reshape(out_f, in_f // group_size, group_size)
    w = groups * scale.float()[..., None] + lo.float()[..., None]
    return w.reshape(out_f, in_f)


# ---------------------------------------------------------------------- TASK linear


class Int8Linear(nn.Module):
    """A linear layer that stores int8 weights and one float scale per output row."""

    def __init__(self, linear: nn.Linear) -> None:
        super().__init__()
        q, scale = quantize_int8(linear.weight.detach())
        self.register_buffer("q", q)
        self.register_buffer("scale", scale)
        self.bias = None if linear.bias is None else nn.Parameter(linear.bias.detach().clone())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.linear(x, dequantize_int8(self.q, self.scale).to(x.dtype), self.bias)


class Int4Linear(nn.Module):
    """A linear layer that stores packed 4-bit codes and fp16 scale and minimum per group."""

    def __init__(self, linear: nn.Linear, group_size: int = 32) -> None:
        super().__init__()
        self.group_size = group_size
        packed, scale, lo = quantize_4bit(linear.weight.detach(), group_size)
        self.register_buffer("packed", packed)
        self.register_buffer("scale", scale)
        self.register_buffer("lo", lo)
        self.bias = None if linear.bias is None else nn.Parameter(linear.bias.detach().clone())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        w = dequantize_4bit(self.packed, self.scale, self.lo, self.group_size)
        return F.linear(x, w.to(x.dtype), self.bias)


def quantize_model(model: nn.Module, kind: str = "int8", group_size: int = 32) -> list[str]:
    """Replace every ``nn.Linear`` inside the transformer blocks by its quantised
    version, in place; returns the names replaced. The embeddings (and the output
    head tied to them) stay in float: they are a small share of a big model and a
    large one of the small errors."""
    if kind not in ("int8", "int4"):
        raise ValueError(f"kind must be 'int8' or 'int4', not {kind!r}")
    replaced = []
    for name, module in list(model.named_modules()):
        if isinstance(module, nn.Linear) and name.startswith("blocks."):
            parent_name, _, child = name.rpartition(".")
            new = Int8Linear(module) if kind == "int8" else Int4Linear(module, group_size)
            setattr(model.get_submodule(parent_name), child, new)
            replaced.append(name)
    return replaced


# ---------------------------------------------------------------------- given


def weight_bytes(model: nn.Module, prefix: str = "") -> int:
    """Bytes of parameters and buffers whose names start with ``prefix``, each tensor
    counted once (a tied matrix is one matrix)."""
    seen: set[int] = set()
    total = 0
    for name, t in [*model.named_parameters(), *model.named_buffers()]:
        if name.startswith(prefix) and id(t) not in seen:
            seen.add(id(t))
            total += t.numel() * t.element_size()
    return total
