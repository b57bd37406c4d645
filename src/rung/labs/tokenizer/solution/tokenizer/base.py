"""What every byte-pair tokenizer shares: pair counts, merging, decoding, save and load.

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

import json
import unicodedata
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

Pair = tuple[int, int]

MODEL_HEADER = "rung-bpe 1"

# ---------------------------------------------------------------------- TASK get-stats


def get_stats(ids: Sequence[int], counts: dict[Pair, int] | None = None) -> dict[Pair, int]:
    """How often each adjacent pair occurs in ``ids``: ``[1, 2, 3, 1, 2]`` gives
    ``{(1, 2): 2, (2, 3): 1, (3, 1): 1}``.

    If ``counts`` is given it is updated in place and returned, so that the pairs of
    many separate sequences (the chunks of a regex tokenizer) can be added up without
    ever counting a pair that straddles two of them.
    """
    # Counter does the counting loop in C; the result is the same as a dict loop.
    pairs = Counter(zip(ids, ids[1:], strict=False))
    if counts is None:
        return dict(pairs)
    for pair, n in pairs.items():
        counts[pair] = counts.get(pair, 0) + n
    return counts


# ---------------------------------------------------------------------- TASK merge


def merge(ids: Sequence[int], pair: Pair, idx: int) -> list[int]:
    """A new list with every occurrence of ``pair`` replaced by ``idx``, scanning left
    to right: ``merge([1, 2, 3, 1, 2], (1, 2), 4)`` is ``[4, 3, 4]``.

    Occurrences may overlap when both halves are the same id: in ``[5, 5, 5]`` the pair
    (5, 5) is taken once, at the left, giving ``[idx, 5]``. Taking the leftmost match
    and then stepping past both ids is what makes the result well defined.
    """
    out: list[int] = []
    i = 0
    while i < len(ids):
        if i + 1 < len(ids) and ids[i] == pair[0] and ids[i + 1] == pair[1]:
            out.append(idx)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


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
        ids = self.byte_ids(data)
        while len(ids) >= 2:
            stats = get_stats(ids)
            pair = min(stats, key=lambda p: self.merges.get(p, float("inf")))
            if pair not in self.merges:
                break
            ids = merge(ids, pair, self.merges[pair])
        return ids

    def decode(self, ids: Iterable[int]) -> str:
        """Ids back to text: join each id's bytes, then decode them as UTF-8.

        A list of ids need not end on a character boundary (a token can hold half of a
        character), so invalid UTF-8 becomes U+FFFD rather than an exception.
        """
        data = b"".join(self.vocab[i] for i in ids)
        return data.decode("utf-8", errors="replace")

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
        prefix = Path(file_prefix)
        lines = [MODEL_HEADER, f"pattern {json.dumps(self.pattern)}"]
        lines.append(f"special {len(self.special_tokens)}")
        lines += [f"{json.dumps(text)} {idx}" for text, idx in self.special_tokens.items()]
        lines.append(f"merges {len(self.merges)}")
        lines += [f"{a} {b}" for a, b in self.merges]
        Path(f"{prefix}.model").write_text("\n".join(lines) + "\n", encoding="utf-8")

        parents = {idx: pair for pair, idx in self.merges.items()}
        rows = []
        for idx, token in self.vocab.items():
            row = f"{idx}\t[{render_token(token)}]"
            if idx in parents:
                a, b = parents[idx]
                row += f"\t= [{render_token(self.vocab[a])}] + [{render_token(self.vocab[b])}]"
            rows.append(row)
        Path(f"{prefix}.vocab").write_text("\n".join(rows) + "\n", encoding="utf-8")

    def load(self, model_file: str | Path) -> None:
        """Read a ``.model`` file written by ``save`` into this tokenizer."""
        path = Path(model_file)
        lines = path.read_text(encoding="utf-8").splitlines()
        if not lines or lines[0] != MODEL_HEADER:
            raise ValueError(f"{path}: not a tokenizer model (first line {lines[:1]!r})")
        pattern = json.loads(lines[1].removeprefix("pattern "))
        n_special = int(lines[2].removeprefix("special "))
        special: dict[str, int] = {}
        for line in lines[3 : 3 + n_special]:
            text, idx = line.rsplit(" ", 1)
            special[json.loads(text)] = int(idx)
        at = 3 + n_special
        n_merges = int(lines[at].removeprefix("merges "))
        merges: dict[Pair, int] = {}
        for i, line in enumerate(lines[at + 1 : at + 1 + n_merges]):
            a, b = line.split()
            merges[(int(a), int(b))] = 256 + i
        if len(merges) != n_merges:
            raise ValueError(f"{path}: {n_merges} merges announced, {len(merges)} found")
        self.pattern, self.special_tokens, self.merges = pattern, special, merges
        self.vocab = self._build_vocab()
