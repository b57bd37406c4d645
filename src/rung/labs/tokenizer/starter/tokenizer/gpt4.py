"""GPT-4's tokenizer (cl100k_base) rebuilt from its published table of ranks.

OpenAI publishes cl100k_base not as merges but as *mergeable ranks*: every token's
bytes with a rank, one a line in base64 (``IQ== 0`` is ``b"!"`` with rank 0). The rank
is the token's id, and also its priority: tiktoken encodes a chunk by repeatedly
joining the adjacent pair whose joined bytes have the lowest rank. Two facts turn that
table into the merges our ``Tokenizer`` uses:

1. **Merges from ranks.** A token of rank r was made from two smaller tokens, and we
   can find which by running the rank rule on its own bytes while allowing only ranks
   below r: what is left at the end is exactly two parts, the merge that made it.
   E.g. ``b"hello"`` (rank 15339) comes out as ``b"h" + b"ello"``.
2. **Bytes are numbered differently.** In cl100k the 256 single bytes do not have
   ranks 0..255 in byte order: ``b"!"`` (byte 33) has rank 0 and ``b"a"`` (byte 97)
   rank 64, because the table put printable bytes first. Before merging we translate
   each byte to its rank (``byte_ids``); decoding needs no inverse because ``vocab``
   maps every rank straight to its bytes.

With both, the merge loop of ``Tokenizer.encode_bytes`` gives tiktoken's ids: for
example ``"hello world"`` is ``[15339, 1917]``.

The full table is 1.7 MB and is not shipped here; ``GPT4Tokenizer.from_tiktoken_file``
reads it (or, in the lab's tests, a subset of it) from disk.
"""

from __future__ import annotations

import base64
from pathlib import Path

from tokenizer.base import Pair
from tokenizer.regex import GPT4_SPLIT_PATTERN, RegexTokenizer

GPT4_SPECIAL_TOKENS = {
    "<|endoftext|>": 100257,
    "<|fim_prefix|>": 100258,
    "<|fim_middle|>": 100259,
    "<|fim_suffix|>": 100260,
    "<|endofprompt|>": 100276,
}


def load_tiktoken_ranks(path: str | Path) -> dict[bytes, int]:
    """Read a ``.tiktoken`` file: one ``<base64 bytes> <rank>`` per line."""
    ranks: dict[bytes, int] = {}
    for line in Path(path).read_text(encoding="ascii").splitlines():
        if line.strip():
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


# ---------------------------------------------------------------------- TASK recover-merges


def bpe_parts(ranks: dict[bytes, int], token: bytes, max_rank: int | None = None) -> list[bytes]:
    """Split ``token`` into single bytes and join them by the rank rule: repeatedly
    join the adjacent pair whose joined bytes have the lowest rank, considering only
    ranks below ``max_rank`` (all ranks when it is None). Returns the parts left.

    With ``max_rank`` = the token's own rank, the token itself is out of reach and the
    parts left are the two it was made from.
    """
    # TASK recover-merges: start from single bytes; repeatedly join the adjacent pair whose
    # joined bytes have the lowest rank (below max_rank, if given); stop when none has one
    raise NotImplementedError("TASK recover-merges: bpe_parts")


def recover_merges(ranks: dict[bytes, int]) -> dict[Pair, int]:
    """The merges behind a rank table: ``(rank of left, rank of right) -> rank``,
    for every token longer than one byte, in rank order."""
    # TASK recover-merges: for each token longer than one byte, in rank order: its two
    # parts are bpe_parts(ranks, token, max_rank=rank); record (rank, rank) -> rank
    raise NotImplementedError("TASK recover-merges: recover_merges")


# ---------------------------------------------------------------------- TASK gpt4


class GPT4Tokenizer(RegexTokenizer):
    """cl100k_base: the GPT-4 split pattern, merges recovered from ranks, the byte
    permutation, and GPT-4's special tokens. It is already trained: ``train`` and
    ``save`` refuse (its definition is the rank table; keep that file instead)."""

    def __init__(
        self,
        mergeable_ranks: dict[bytes, int],
        special_tokens: dict[str, int] | None = None,
    ) -> None:
        missing = [b for b in range(256) if bytes([b]) not in mergeable_ranks]
        if missing:
            raise ValueError(f"the rank table lacks single bytes {missing[:8]}...")
        self.ranks = dict(mergeable_ranks)
        super().__init__(GPT4_SPLIT_PATTERN)
        self.merges = recover_merges(self.ranks)
        self.vocab = self._build_vocab()
        self.register_special_tokens(
            GPT4_SPECIAL_TOKENS if special_tokens is None else special_tokens
        )

    @classmethod
    def from_tiktoken_file(
        cls, path: str | Path, special_tokens: dict[str, int] | None = None
    ) -> GPT4Tokenizer:
        return cls(load_tiktoken_ranks(path), special_tokens)

    def _build_vocab(self) -> dict[int, bytes]:
        """Each rank's bytes, straight from the table, plus the special tokens."""
        vocab = {rank: token for token, rank in self.ranks.items()}
        for text, idx in self.special_tokens.items():
            vocab[idx] = text.encode("utf-8")
        return vocab

    def byte_ids(self, data: bytes) -> list[int]:
        """Each byte as cl100k numbers it (its rank), not as its value."""
        # TASK gpt4: each byte b becomes the rank of bytes([b]) in self.ranks
        raise NotImplementedError("TASK gpt4: GPT4Tokenizer.byte_ids")

    def train(self, text: str, vocab_size: int, verbose: bool = False) -> None:
        raise TypeError("GPT4Tokenizer is trained already; train a RegexTokenizer instead")

    def save(self, file_prefix: str | Path) -> None:
        raise TypeError(
            "GPT4Tokenizer is defined by its .tiktoken rank file; a .model file keeps only "
            "merges over raw bytes and would lose cl100k's byte order"
        )
