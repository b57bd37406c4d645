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

import re
from collections import Counter, defaultdict
from collections.abc import Collection
from typing import Literal

from tokenizer.base import Pair, Tokenizer, get_stats, merge, most_frequent_pair
from tokenizer.patterns import GPT2_SPLIT_PATTERN, GPT4_SPLIT_PATTERN, compile_pattern

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
        return compile_pattern(self.pattern).findall(text)

    def encode_ordinary(self, text: str) -> list[int]:
        """Ids for ``text`` with no special-token handling: each chunk encoded alone.

        Text repeats its chunks (" the" thousands of times in a book), so each distinct
        chunk is encoded once per call and looked up after that: on Tiny Shakespeare
        that is 15,258 encodings instead of 263,198.
        """
        ids: list[int] = []
        seen: dict[str, list[int]] = {}
        for chunk in self.split(text):
            if chunk not in seen:
                seen[chunk] = self.encode_bytes(chunk.encode("utf-8"))
            ids.extend(seen[chunk])
        return ids

    # ---------------------------------------------------------- TASK regex-train, fast-train

    def train(self, text: str, vocab_size: int, verbose: bool = False) -> None:
        """Learn ``vocab_size - 256`` merges, counting pairs only inside chunks.

        ``words`` holds each distinct chunk once (as ids) and ``freq`` how often it
        occurs. ``stats`` is the pair count over the whole text, a pair in a chunk
        counted ``freq`` times. ``where`` says which chunks may contain a pair; it can
        hold chunks that no longer do (recounting those changes nothing), but never
        misses one that does. A merge then costs time only for the chunks it touches.
        """
        if vocab_size < 256:
            raise ValueError(f"vocab_size must be at least 256, got {vocab_size}")
        counts = Counter(self.split(text))
        words = [list(chunk.encode("utf-8")) for chunk in counts]
        freq = list(counts.values())
        stats: dict[Pair, int] = {}
        where: defaultdict[Pair, set[int]] = defaultdict(set)
        for w, ids in enumerate(words):
            for pair in zip(ids, ids[1:], strict=False):
                stats[pair] = stats.get(pair, 0) + freq[w]
                where[pair].add(w)

        self.merges = {}
        vocab = {i: bytes([i]) for i in range(256)}
        for idx in range(256, vocab_size):
            if not stats:
                break
            pair = most_frequent_pair(stats)
            count = stats[pair]
            for w in where.pop(pair):
                old = words[w]
                new = merge(old, pair, idx)
                if len(new) == len(old):
                    continue  # a stale entry: this chunk lost the pair earlier
                # Take the chunk's old pairs out of the totals and put its new ones in.
                for p, n in get_stats(old).items():
                    left = stats[p] - n * freq[w]
                    if left:
                        stats[p] = left
                    else:
                        del stats[p]
                for p, n in get_stats(new).items():
                    stats[p] = stats.get(p, 0) + n * freq[w]
                    where[p].add(w)
                words[w] = new
            self.merges[pair] = idx
            vocab[idx] = vocab[pair[0]] + vocab[pair[1]]
            if verbose:
                print(f"merge {idx - 255}: {pair} -> {idx} {vocab[idx]!r} ({count} times)")
        self.vocab = self._build_vocab()

    # ------------------------------------------------------------------ TASK special-tokens

    def register_special_tokens(self, special_tokens: dict[str, int]) -> None:
        """Add special tokens, e.g. ``{"<|endoftext|>": 100257}``.

        Their ids must not be ids the merges already use: decoding would become
        ambiguous.
        """
        clash = {
            t: i
            for t, i in special_tokens.items()
            if i in self.vocab and t not in self.special_tokens
        }
        if clash:
            raise ValueError(f"special token ids already in the vocabulary: {clash}")
        self.special_tokens = {**self.special_tokens, **special_tokens}
        self.vocab = self._build_vocab()

    def encode(self, text: str, allowed_special: AllowedSpecial = "none_raise") -> list[int]:
        """Text to ids, with special tokens as ``allowed_special`` says.

        * ``"all"``: every registered special token in the text becomes its id;
        * ``"none"``: none does; their text is encoded like any other text;
        * ``"none_raise"`` (the default): like "none", but a special token's text in
          the input raises ValueError, because text from a user that contains
          ``<|endoftext|>`` is more often an accident (or an attack) than intended;
        * a set of strings: just those are special, the rest is ordinary text.
        """
        if allowed_special == "all":
            special = dict(self.special_tokens)
        elif allowed_special in ("none", "none_raise"):
            special = {}
            if allowed_special == "none_raise":
                found = [t for t in self.special_tokens if t in text]
                if found:
                    raise ValueError(
                        f"the text contains special tokens {found}; pass allowed_special="
                        "'all' to encode them as special, or 'none' to encode them as text"
                    )
        elif isinstance(allowed_special, str):
            raise ValueError(f"allowed_special={allowed_special!r} is not understood")
        else:
            special = {t: i for t, i in self.special_tokens.items() if t in allowed_special}
        if not special:
            return self.encode_ordinary(text)
        # Longest first, so that a special token that begins with another is found whole.
        alternatives = sorted(special, key=len, reverse=True)
        splitter = re.compile("(" + "|".join(re.escape(t) for t in alternatives) + ")")
        ids: list[int] = []
        # With a group in the pattern, split() alternates: text, special, text, ...
        for i, part in enumerate(splitter.split(text)):
            if i % 2:
                ids.append(special[part])
            elif part:
                ids.extend(self.encode_ordinary(part))
        return ids
