"""The plainest byte-pair tokenizer: the whole text is one sequence of bytes.

Training is the algorithm in its first form: count every adjacent pair, merge the most
frequent one everywhere, repeat. Nothing stops a merge from crossing a word boundary,
so on English it soon learns tokens like ``"e t"`` or ``"d, "``; the regex tokenizer
(``regex.py``) is the fix for that.

Worked example::

    >>> tok = BasicTokenizer()
    >>> tok.train("aaabdaaabac", 256 + 3)
    >>> tok.merges
    {(97, 97): 256, (97, 98): 257, (256, 257): 258}
    >>> tok.encode("aaabdaaabac")
    [258, 100, 258, 97, 99]
    >>> tok.decode([258, 100])
    'aaabd'

Each pass over the text costs time in proportion to its length, so training to 512 ids
reads a text 256 times; that is fine for a page and slow for a book.
"""

from __future__ import annotations

from tokenizer.base import Tokenizer, get_stats, merge, most_frequent_pair


class BasicTokenizer(Tokenizer):
    """Byte-level BPE without a split pattern and without special tokens."""

    # ------------------------------------------------------------------ TASK basic-train

    def train(self, text: str, vocab_size: int, verbose: bool = False) -> None:
        """Learn ``vocab_size - 256`` merges from ``text``, one pass per merge.

        Stops early, with fewer merges, if the text runs out of pairs (every byte
        already merged into one token).
        """
        if vocab_size < 256:
            raise ValueError(f"vocab_size must be at least 256, got {vocab_size}")
        ids = list(text.encode("utf-8"))
        self.merges = {}
        vocab = {i: bytes([i]) for i in range(256)}
        for idx in range(256, vocab_size):
            stats = get_stats(ids)
            if not stats:
                break
            pair = most_frequent_pair(stats)
            ids = merge(ids, pair, idx)
            self.merges[pair] = idx
            vocab[idx] = vocab[pair[0]] + vocab[pair[1]]
            if verbose:
                print(f"merge {idx - 255}: {pair} -> {idx} {vocab[idx]!r} ({stats[pair]} times)")
        self.vocab = self._build_vocab()

    # ------------------------------------------------------------------ TASK basic-encode-decode

    def encode(self, text: str) -> list[int]:
        """Text to ids: its UTF-8 bytes, then the merges (``encode_bytes``)."""
        return self.encode_bytes(text.encode("utf-8"))
