"""Byte-pair encoding after a regex split, with special tokens: the GPT-2/GPT-4 design.

The text is first cut into chunks by a pattern (words with their leading space,
numbers, runs of punctuation, runs of whitespace) and merges happen only *inside* a
chunk. So no token ever spans "dog" and ".", or a word and the space after it, which
keeps the vocabulary for real pieces of words rather than accidents of adjacency.

Worked example with the GPT-4 pattern::

    >>> tok = RegexTokenizer()
    >>> tok.split("Hello world's 12345!!")
    ['Hello', ' world', "'s", ' ', '123', '45', '!!']

Training counts pairs per chunk. A book has far fewer *distinct* chunks than chunks
(Tiny Shakespeare: 263,198 chunks, 15,258 distinct), so we count each distinct
chunk once, weighted by how often it occurs, and after a merge we recount only the
chunks that held the merged pair. That is the whole speed-up; the merges learned are
the same as those of the slow algorithm.

Special tokens (``"<|endoftext|>"``) are strings that get one fixed id each. They are
cut out of the text before the split and never take part in merges.
"""

from __future__ import annotations

import re  # noqa: F401 - for cutting text at special tokens
from collections import Counter, defaultdict  # noqa: F401 - handy for fast training
from collections.abc import Collection
from typing import Literal

from tokenizer.base import Pair, Tokenizer, get_stats, merge, most_frequent_pair  # noqa: F401
from tokenizer.patterns import GPT2_SPLIT_PATTERN, GPT4_SPLIT_PATTERN, compile_pattern  # noqa: F401

__all__ = ["GPT2_SPLIT_PATTERN", "GPT4_SPLIT_PATTERN", "RegexTokenizer"]

AllowedSpecial = Literal["all", "none", "none_raise"] | Collection[str]


class RegexTokenizer(Tokenizer):
    """Byte-level BPE on regex chunks, with optional special tokens."""

    def __init__(self, pattern: str | None = None) -> None:
        super().__init__()
        self.pattern = GPT4_SPLIT_PATTERN if pattern is None else pattern

    # ------------------------------------------------------------------ TASK regex-split

    def split(self, text: str) -> list[str]:
        """The chunks of ``text`` under ``self.pattern``, in order.

        The GPT patterns match every character somewhere, so the chunks joined give
        the text back exactly; merges never cross from one chunk into the next.
        """
        # TASK regex-split: compile_pattern(self.pattern) gives an object with findall
        raise NotImplementedError("TASK regex-split: RegexTokenizer.split")

    def encode_ordinary(self, text: str) -> list[int]:
        """Ids for ``text`` with no special-token handling: each chunk encoded alone."""
        # TASK regex-split: encode each chunk's UTF-8 bytes alone (encode_bytes), concatenate
        raise NotImplementedError("TASK regex-split: RegexTokenizer.encode_ordinary")

    # ---------------------------------------------------------- TASK regex-train, fast-train

    def train(self, text: str, vocab_size: int, verbose: bool = False) -> None:
        """Learn ``vocab_size - 256`` merges, counting pairs only inside chunks.

        The fast version keeps each distinct chunk once (as ids) with how often it
        occurs; the pair totals over the whole text (a pair in a chunk counted as often
        as the chunk occurs); and, for each pair, the set of chunks that may hold it. A
        merge then costs time only for the chunks it touches.
        """
        # TASK regex-train: first make it right: count pairs over all chunks, merge the most
        # frequent pair in every chunk, record it, repeat; rebuild self.vocab at the end
        # TASK fast-train: the same merges, with the counts kept up to date instead of
        # recounted: only the chunks holding the merged pair change
        raise NotImplementedError("TASK regex-train: RegexTokenizer.train")

    # ------------------------------------------------------------------ TASK special-tokens

    def register_special_tokens(self, special_tokens: dict[str, int]) -> None:
        """Add special tokens, e.g. ``{"<|endoftext|>": 100257}``.

        Their ids must not be ids the merges already use: decoding would become
        ambiguous.
        """
        # TASK special-tokens: remember them (add to self.special_tokens), rebuild self.vocab
        raise NotImplementedError("TASK special-tokens: RegexTokenizer.register_special_tokens")

    def encode(self, text: str, allowed_special: AllowedSpecial = "none_raise") -> list[int]:
        """Text to ids, with special tokens as ``allowed_special`` says.

        * ``"all"``: every registered special token in the text becomes its id;
        * ``"none"``: none does; their text is encoded like any other text;
        * ``"none_raise"`` (the default): like "none", but a special token's text in
          the input raises ValueError, because text from a user that contains
          ``<|endoftext|>`` is more often an accident (or an attack) than intended;
        * a set of strings: just those are special, the rest is ordinary text.
        """
        # TASK special-tokens: decide which special tokens count; cut the text at them
        # (re.split with a group keeps the separators); special -> its id, the rest ->
        # encode_ordinary
        raise NotImplementedError("TASK special-tokens: RegexTokenizer.encode")
