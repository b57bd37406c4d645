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

from tokenizer.base import Tokenizer, get_stats, merge, most_frequent_pair  # noqa: F401


class BasicTokenizer(Tokenizer):
    """Byte-level BPE without a split pattern and without special tokens."""

    # ------------------------------------------------------------------ TASK basic-train

    def train(self, text: str, vocab_size: int, verbose: bool = False) -> None:
        """Learn ``vocab_size - 256`` merges from ``text``, one pass per merge.

        Stops early, with fewer merges, if the text runs out of pairs (every byte
        already merged into one token).
        """
        # TASK basic-train: ids = the text's UTF-8 bytes; for each new id from 256 up to
        # vocab_size: count pairs, take most_frequent_pair, merge it everywhere, record it
        # in self.merges; stop early if no pair is left; finally rebuild self.vocab
        raise NotImplementedError("TASK basic-train: BasicTokenizer.train")

    # ------------------------------------------------------------------ TASK basic-encode-decode

    def encode(self, text: str) -> list[int]:
        """Text to ids: its UTF-8 bytes, then the merges (``encode_bytes``)."""
        # TASK basic-encode-decode: the text's UTF-8 bytes through self.encode_bytes
        raise NotImplementedError("TASK basic-encode-decode: BasicTokenizer.encode")
