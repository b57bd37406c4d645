"""Text to numbers and back, the train/validation split, and random batches.

A character-level model needs very little: the sorted set of characters in the
text is the vocabulary, a character's position in that list is its id. Tiny
Shakespeare has 65 distinct characters, so ids run from 0 to 64.

A batch is ``batch_size`` windows of ``block_size + 1`` consecutive ids cut at
random offsets: the first ``block_size`` are the input ``x``, the same window
shifted by one is the target ``y``. So one window of length T teaches T
predictions at once: after ``x[:1]`` comes ``y[0]``, after ``x[:2]`` comes
``y[1]``, and so on. Example: for the text ``"hello"`` and a window at offset 0
with ``block_size = 3``, ``x`` is the ids of ``"hel"`` and ``y`` those of ``"ell"``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch

# ---------------------------------------------------------------------- TASK data


class CharTokenizer:
    """Characters <-> ids; the vocabulary is the sorted set of characters seen."""

    def __init__(self, text: str) -> None:
        self.chars = "".join(sorted(set(text)))
        self.stoi = {ch: i for i, ch in enumerate(self.chars)}

    @property
    def vocab_size(self) -> int:
        return len(self.chars)

    def encode(self, text: str) -> list[int]:
        return [self.stoi[ch] for ch in text]

    def decode(self, ids: list[int] | torch.Tensor) -> str:
        if isinstance(ids, torch.Tensor):
            ids = ids.tolist()
        return "".join(self.chars[i] for i in ids)


def split(data: torch.Tensor, train_fraction: float = 0.9) -> tuple[torch.Tensor, torch.Tensor]:
    """The first 90% for training, the rest for validation. Not shuffled: the
    validation text is a later stretch of the plays, so a low validation loss means
    the model learned English-as-Shakespeare, not memorised neighbouring lines."""
    n = int(train_fraction * len(data))
    return data[:n], data[n:]


def get_batch(
    data: torch.Tensor, block_size: int, batch_size: int, generator: torch.Generator
) -> tuple[torch.Tensor, torch.Tensor]:
    """``batch_size`` random windows: inputs ``x`` and next-character targets ``y``,
    both ``(batch_size, block_size)`` int64.

    A window needs ``block_size + 1`` ids, so the last valid offset is
    ``len(data) - block_size - 1`` and ``randint``'s exclusive upper bound is
    ``len(data) - block_size``: every position of the text can be a target.
    """
    offsets = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    x = torch.stack([data[i : i + block_size] for i in offsets.tolist()])
    y = torch.stack([data[i + 1 : i + 1 + block_size] for i in offsets.tolist()])
    return x, y


# ---------------------------------------------------------------------- given


class BatchSampler:
    """``get_batch`` with its own random stream, so that a checkpoint can save and
    restore exactly where in that stream training was."""

    def __init__(self, data: torch.Tensor, block_size: int, batch_size: int, seed: int) -> None:
        self.data = data
        self.block_size = block_size
        self.batch_size = batch_size
        self.generator = torch.Generator().manual_seed(seed)

    def sample(self) -> tuple[torch.Tensor, torch.Tensor]:
        return get_batch(self.data, self.block_size, self.batch_size, self.generator)

    def state_dict(self) -> dict[str, Any]:
        return {"generator": self.generator.get_state()}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.generator.set_state(state["generator"])


def load_text(path: str | Path) -> str:
    return Path(path).read_text(encoding="utf-8")
