"""What every byte-pair tokenizer shares: pair counts, merging, decoding, save and load.

Your job in this file: the functions and methods marked ``# TASK ...`` (each now raises
NotImplementedError). STEPS.md takes them in order; check one with
``rung lab check --task get-stats`` (or ``pytest --task get-stats``) as you go.

A tokenizer here maps text to a list of integer ids and back. It starts from the 256
possible byte values (ids 0..255: any text in UTF-8 is a sequence of them) and learns
*merges*: "whenever ids a and b stand side by side, write the new id n instead". Each
merge adds one id to the vocabulary, so a vocabulary of 512 means 256 merges.

Worked example (the one on Wikipedia's byte-pair encoding page). In ``"aaabdaaabac"``
the pair ``aa`` is the most frequent (4 times, overlapping occurrences counted), so it
becomes Z = 256: ``Z a b d Z a b a c``. Now ``Z a`` and ``a b`` both occur twice; our
rule for ties takes the smaller pair, ``a b`` = (97, 98), which becomes Y = 257:
``Z Y d Z Y a c``. Then ``Z Y`` becomes X = 258: ``X d X a c``, 11 bytes in 5 ids.
"""

from __future__ import annotations

import json  # noqa: F401 - save and load need it
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from pathlib import Path

Pair = tuple[int, int]

MODEL_HEADER = "rung-bpe 1"  # the first line of a .model file

# ---------------------------------------------------------------------- TASK get-stats


def get_stats(ids: Sequence[int], counts: dict[Pair, int] | None = None) -> dict[Pair, int]:
    """How often each adjacent pair occurs in ``ids``: ``[1, 2, 3, 1, 2]`` gives
    ``{(1, 2): 2, (2, 3): 1, (3, 1): 1}``.

    If ``counts`` is given it is updated in place and returned, so that the pairs of
    many separate sequences (the chunks of a regex tokenizer) can be added up without
    ever counting a pair that straddles two of them.
    """
    # TASK get-stats: count each (ids[i], ids[i + 1]); add into `counts` when it is given
    raise NotImplementedError("TASK get-stats: get_stats")


# ---------------------------------------------------------------------- TASK merge


def merge(ids: Sequence[int], pair: Pair, idx: int) -> list[int]:
    """A new list with every occurrence of ``pair`` replaced by ``idx``, scanning left
    to right: ``merge([1, 2, 3, 1, 2], (1, 2), 4)`` is ``[4, 3, 4]``.

    Occurrences may overlap when both halves are the same id: in ``[5, 5, 5]`` the pair
    (5, 5) is taken once, at the left, giving ``[idx, 5]``. Taking the leftmost match
    and then stepping past both ids is what makes the result well defined.
    """
    # TASK merge: scan left to right; on a match append idx and step over both ids
    raise NotImplementedError("TASK merge: merge")


# ---------------------------------------------------------------------- given helpers


def most_frequent_pair(stats: dict[Pair, int]) -> Pair:
    """The pair with the highest count; among equal counts, the smallest pair.

    Any tie rule gives a valid tokenizer; a fixed one makes training reproducible and
    lets two implementations (a slow one and a fast one) be compared merge for merge.
    """
    best = max(stats.values())
    return min(pair for pair, count in stats.items() if count == best)


def render_token(token: bytes) -> str:
    """A printable form of a token's bytes for the ``.vocab`` file.

    Bytes that are not valid UTF-8 on their own (half of a multi-byte character, which
    many tokens are) show as U+FFFD; control characters such as a newline show as an
    escape, so that each token stays on one line.
    """
    text = token.decode("utf-8", errors="replace")
    return "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch).startswith("C") else ch for ch in text
    )


class Tokenizer(ABC):
    """The state and the shared behaviour of the tokenizers in this package.

    ``merges`` maps a pair of ids to the id it becomes, in the order learned (Python
    dicts keep insertion order). ``vocab`` maps every id to its bytes. ``pattern`` is the
    split pattern ("" when the text is not split first) and ``special_tokens`` maps
    strings such as ``"<|endoftext|>"`` to ids that no merge produces.
    """

    def __init__(self) -> None:
        self.merges: dict[Pair, int] = {}
        self.pattern: str = ""
        self.special_tokens: dict[str, int] = {}
        self.vocab: dict[int, bytes] = self._build_vocab()

    @abstractmethod
    def train(self, text: str, vocab_size: int, verbose: bool = False) -> None:
        """Learn ``vocab_size - 256`` merges from ``text``."""

    @abstractmethod
    def encode(self, text: str) -> list[int]:
        """Text to ids."""

    def _build_vocab(self) -> dict[int, bytes]:
        """Every id's bytes: the 256 single bytes, then each merge (the two halves'
        bytes joined, in the order the merges were learned, so both halves are already
        known), then the special tokens as their UTF-8 text."""
        vocab = {i: bytes([i]) for i in range(256)}
        for (a, b), idx in self.merges.items():
            vocab[idx] = vocab[a] + vocab[b]
        for text, idx in self.special_tokens.items():
            vocab[idx] = text.encode("utf-8")
        return vocab

    def byte_ids(self, data: bytes) -> list[int]:
        """The ids that stand for raw bytes before any merge: the byte values here.
        (GPT-4's vocabulary numbers its single bytes differently and overrides this.)"""
        return list(data)

    # ------------------------------------------------------------------ TASK basic-encode-decode

    def encode_bytes(self, data: bytes) -> list[int]:
        """Apply the learned merges to one piece of bytes, earliest-learned first.

        At each step, of all adjacent pairs present, merge the one that was learned
        first (the smallest merge id). That replays training in order; pairs that were
        never learned are never merged, and the loop stops when no present pair is.
        """
        # TASK basic-encode-decode: start from self.byte_ids(data); while some present pair
        # is in self.merges, merge the one with the smallest merge id
        raise NotImplementedError("TASK basic-encode-decode: Tokenizer.encode_bytes")

    def decode(self, ids: Iterable[int]) -> str:
        """Ids back to text: join each id's bytes, then decode them as UTF-8.

        A list of ids need not end on a character boundary (a token can hold half of a
        character), so invalid UTF-8 becomes U+FFFD rather than an exception.
        """
        # TASK basic-encode-decode: join the ids' bytes (self.vocab), decode with errors="replace"
        raise NotImplementedError("TASK basic-encode-decode: Tokenizer.decode")

    # ------------------------------------------------------------------ TASK save-load

    def save(self, file_prefix: str | Path) -> None:
        """Write ``<prefix>.model`` (what ``load`` reads) and ``<prefix>.vocab`` (for
        people: each id with its text, and merged ids with their two halves).

        The model file is UTF-8 text, one item a line. Strings are written as JSON
        (``json.dumps``) because a pattern or a special token may hold quotes, spaces
        or newlines::

            rung-bpe 1
            pattern "<the pattern as a JSON string>"
            special 1
            "<|endoftext|>" 100257
            merges 2
            97 97
            256 98

        one line per special token (JSON string, space, id) and one per merge (the two
        ids), in learned order; the i-th merge gets id 256 + i, so it is not stored.
        """
        # TASK save-load: write <prefix>.model in the format above and <prefix>.vocab
        raise NotImplementedError("TASK save-load: Tokenizer.save")

    def load(self, model_file: str | Path) -> None:
        """Read a ``.model`` file written by ``save`` into this tokenizer."""
        # TASK save-load: read what save wrote; set pattern, special_tokens, merges, vocab
        raise NotImplementedError("TASK save-load: Tokenizer.load")
