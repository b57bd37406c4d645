"""The split patterns of GPT-2 and GPT-4, and a way to compile them anywhere.

This file is given, not a task. The patterns are facts (they are part of the GPT-2 and
GPT-4 tokenizers); the only work here is compiling them.

They use ``\\p{L}`` (any letter) and ``\\p{N}`` (any digit or numeral), which the
third-party ``regex`` module understands and Python's own ``re`` does not. When
``regex`` is installed we use it, as the GPT tokenizers' reference code does. When it is
not, we rewrite the pattern for ``re``: each ``\\p{L}``, ``\\p{N}`` and ``\\s`` becomes an
explicit character class built from ``unicodedata``. ``\\s`` is rewritten too because
``re``'s idea of whitespace (``str.isspace``) also counts four ASCII separator controls
(0x1C to 0x1F) that Unicode's White_Space property, used by ``regex`` and by tiktoken,
does not. The two paths agree except for characters that the installed Python's Unicode
tables do not know yet.

Worked example (GPT-4 pattern)::

    >>> compile_pattern(GPT4_SPLIT_PATTERN).findall("Hello world's 12345!!\\n\\n")
    ['Hello', ' world', "'s", ' ', '123', '45', '!!\\n\\n']
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

# GPT-2 (OpenAI's encoder.py): contractions, optional space + letters / numbers / other
# symbols, then whitespace. Note the contractions are lower case only.
GPT2_SPLIT_PATTERN = (
    r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
)

# GPT-4 (cl100k_base, as tiktoken 0.14 defines it): contractions in any case, a letter
# run may take one leading non-letter (so "(hello" and " hello" are one chunk each),
# numbers in groups of at most three digits, punctuation runs keep their newlines, and
# whitespace at the very end of the text is one chunk.
GPT4_SPLIT_PATTERN = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+"""
    r"""|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)

# Unicode's White_Space property (stable since Unicode 6.3).
_WHITE_SPACE = (
    (0x09, 0x0D), (0x20, 0x20), (0x85, 0x85), (0xA0, 0xA0), (0x1680, 0x1680),
    (0x2000, 0x200A), (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F),
    (0x3000, 0x3000),
)  # fmt: skip


# Letters and numerals are all below U+40000 (planes 4 and up hold no letters), so the
# scan can stop there: it takes a fifth of the time of a scan of all 1.1 million.
_LAST = 0x3FFFF


def _ranges(first_letter: str) -> list[tuple[int, int]]:
    """Runs of code points whose general category starts with ``first_letter``."""
    out: list[tuple[int, int]] = []
    start = None
    for cp in range(_LAST + 2):
        inside = cp <= _LAST and unicodedata.category(chr(cp))[0] == first_letter
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            out.append((start, cp - 1))
            start = None
    return out


def _class_body(ranges: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> str:
    """The inside of a ``[...]`` class for some code point ranges, as ``re`` escapes."""
    parts = []
    for lo, hi in ranges:
        parts.append(f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}")
    return "".join(parts)


@cache
def _bodies() -> dict[str, str]:
    return {
        r"\p{L}": _class_body(_ranges("L")),
        r"\p{N}": _class_body(_ranges("N")),
        r"\s": _class_body(_WHITE_SPACE),
    }


def to_stdlib_re(pattern: str) -> str:
    r"""Rewrite ``\p{L}``, ``\p{N}``, ``\s`` and ``\S`` as explicit classes for ``re``.

    Inside a class (``[^\s\p{L}]``) the class body is spliced in; outside, each becomes
    a class of its own (``\S`` becomes the negated whitespace class). Other escapes are
    copied as they are. Only what the GPT patterns use is handled.
    """
    bodies = _bodies()
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            token = next((t for t in (r"\p{L}", r"\p{N}") if pattern.startswith(t, i)), None)
            token = token or pattern[i : i + 2]
            if token in bodies:
                out.append(bodies[token] if in_class else f"[{bodies[token]}]")
            elif token == r"\S":
                if in_class:
                    raise ValueError(r"\S inside a character class is not supported")
                out.append("[^" + bodies[r"\s"] + "]")
            else:
                out.append(token)
            i += len(token)
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


@cache
def compile_pattern(pattern: str) -> Any:
    """A compiled split pattern with ``findall``: ``regex`` if installed, else ``re``."""
    try:
        import regex
    except ImportError:
        import re

        return re.compile(to_stdlib_re(pattern))
    return regex.compile(pattern)
