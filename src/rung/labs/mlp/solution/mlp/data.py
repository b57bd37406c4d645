"""From a list of names to training examples: (three previous characters) -> next character.

A language model over characters needs two things from the raw names: a vocabulary
(each character gets an integer id) and examples. With a context of ``block_size``
characters, the name ``emma`` becomes five examples, because the model must also learn
where names start and stop; ``.`` marks both ends and pads the context at the start::

    ...  -> e
    ..e  -> m
    .em  -> m
    emm  -> a
    mma  -> .

The dev and test splits must hold *other names* than the training split, not just
other examples: examples from one name overlap heavily, and a model that has seen
``emm -> a`` in training would score a flattering loss on ``emma`` in dev.
"""

from __future__ import annotations

import random
from pathlib import Path

import torch

PAD = "."  # marks the start and the end of a name; always id 0


def read_words(path: str | Path) -> list[str]:
    """The names in ``path``, one a line, without blank lines."""
    text = Path(path).read_text(encoding="utf-8")
    return [w.strip() for w in text.splitlines() if w.strip()]


# ---------------------------------------------------------------- TASK dataset


def build_vocab(words: list[str]) -> tuple[dict[str, int], list[str]]:
    """``(stoi, itos)``: ``.`` is 0, then the characters of ``words`` in sorted order."""
    itos = [PAD, *sorted(set("".join(words)) - {PAD})]
    stoi = {ch: i for i, ch in enumerate(itos)}
    return stoi, itos


def build_dataset(
    words: list[str], stoi: dict[str, int], block_size: int = 3
) -> tuple[torch.Tensor, torch.Tensor]:
    """``X`` (N, block_size) contexts and ``Y`` (N,) next characters, both int64.

    Each word gives ``len(word) + 1`` examples: one per character, and one more that
    predicts the closing ``.``. The context starts as all ``.`` and slides one place
    per character: drop the oldest id, append the newest.
    """
    xs: list[list[int]] = []
    ys: list[int] = []
    for word in words:
        context = [stoi[PAD]] * block_size
        for ch in word + PAD:
            ix = stoi[ch]
            xs.append(context)
            ys.append(ix)
            context = context[1:] + [ix]  # a new list: the one appended above stays as it was
    X = torch.tensor(xs, dtype=torch.long).view(-1, block_size)  # view: right shape when empty
    Y = torch.tensor(ys, dtype=torch.long)
    return X, Y


# ---------------------------------------------------------------- TASK split


def split_words(
    words: list[str], seed: int = 42, train: float = 0.8, dev: float = 0.1
) -> tuple[list[str], list[str], list[str]]:
    """Shuffle a copy of ``words`` with ``seed`` and cut it 80/10/10 into train/dev/test.

    The cut points are ``int(0.8 n)`` and ``int(0.9 n)``: every word lands in exactly
    one split, and the same seed always gives the same split, so dev losses from
    different runs (and different learners) are comparable.
    """
    shuffled = list(words)  # never reorder the caller's list
    random.Random(seed).shuffle(shuffled)
    n1 = int(train * len(shuffled))
    n2 = int((train + dev) * len(shuffled))
    return shuffled[:n1], shuffled[n1:n2], shuffled[n2:]
