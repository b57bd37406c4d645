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
import torch.nn.functional as F  # noqa: F401 - you will need it

# ---------------------------------------------------------------------- TASK int8


def quantize_int8(w: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(q int8 (out, in), scale float32 (out, 1)) with ``w ≈ q * scale``."""
    # TASK int8: scale = row absmax / 127 (1 where the row is all zero); q = round(w / scale) clamped to [-127, 127], int8
    raise NotImplementedError("TASK int8: quantize_int8")


def dequantize_int8(q: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
    # TASK int8: q as float times scale
    raise NotImplementedError("TASK int8: dequantize_int8")


# ---------------------------------------------------------------------- TASK pack


def pack_4bit(q: torch.Tensor) -> torch.Tensor:
    """Two values in 0..15 per byte along the last axis: element 2j goes into the low
    four bits, element 2j+1 into the high four. (out, in) -> (out, in / 2) uint8."""
    # TASK pack: element 2j in the low four bits, 2j+1 in the high four; uint8
    raise NotImplementedError("TASK pack: pack_4bit")


def unpack_4bit(packed: torch.Tensor) -> torch.Tensor:
    """The inverse of ``pack_4bit``: (out, in / 2) uint8 -> (out, in) uint8 in 0..15."""
    # TASK pack: low = packed & 15, high = packed >> 4, interleaved
    raise NotImplementedError("TASK pack: unpack_4bit")


# ---------------------------------------------------------------------- TASK int4


def quantize_4bit(
    w: torch.Tensor, group_size: int = 32
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(packed uint8 (out, in/2), scale fp16 (out, in/g), minimum fp16 (out, in/g)).

    The scale and minimum are stored in float16 (half the bytes of float32, still
    precise to about 1 part in 2000) and the codes are computed *from* the stored
    values, so that dequantising reproduces what was planned.
    """
    # TASK int4: per group of group_size: fp16 minimum and fp16 scale (max - min) / 15; codes round((w - min) / scale) in 0..15, packed
    raise NotImplementedError("TASK int4: quantize_4bit")


def dequantize_4bit(
    packed: torch.Tensor, scale: torch.Tensor, lo: torch.Tensor, group_size: int = 32
) -> torch.Tensor:
    # TASK int4: unpack, codes * scale + minimum per group
    raise NotImplementedError("TASK int4: dequantize_4bit")


# ---------------------------------------------------------------------- TASK linear


class Int8Linear(nn.Module):
    """A linear layer that stores int8 weights and one float scale per output row."""

    def __init__(self, linear: nn.Linear) -> None:
        # TASK linear: quantize the weight; register q and scale as buffers; copy the bias
        raise NotImplementedError("TASK linear: Int8Linear.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TASK linear: dequantise, then F.linear
        raise NotImplementedError("TASK linear: Int8Linear.forward")


class Int4Linear(nn.Module):
    """A linear layer that stores packed 4-bit codes and fp16 scale and minimum per group."""

    def __init__(self, linear: nn.Linear, group_size: int = 32) -> None:
        # TASK linear: quantize_4bit; register packed, scale, lo as buffers; copy the bias
        raise NotImplementedError("TASK linear: Int4Linear.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TASK linear: dequantise, then F.linear
        raise NotImplementedError("TASK linear: Int4Linear.forward")


def quantize_model(model: nn.Module, kind: str = "int8", group_size: int = 32) -> list[str]:
    """Replace every ``nn.Linear`` inside the transformer blocks by its quantised
    version, in place; returns the names replaced. The embeddings (and the output
    head tied to them) stay in float: they are a small share of a big model and a
    large one of the small errors."""
    # TASK linear: replace each nn.Linear under blocks. by its quantised layer; return the names
    raise NotImplementedError("TASK linear: quantize_model")


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
