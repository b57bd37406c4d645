"""Task special-tokens: registering them and the four ways encode may treat them.

PYTEST_DONT_REWRITE: the assertion messages are written for the learner, whole.
"""

from __future__ import annotations

import pytest
from tokenizer.regex import RegexTokenizer

EOT = "<|endoftext|>"
SPECIAL = {EOT: 1000, "<|sep|>": 1001}
TEXT = "hello<|endoftext|> world<|sep|>!"


def tokenizer() -> RegexTokenizer:
    tok = RegexTokenizer()
    tok.merges = {(104, 101): 256, (108, 108): 257, (256, 257): 258}  # he, ll, hell
    tok.vocab = tok._build_vocab()
    tok.register_special_tokens(dict(SPECIAL))
    return tok


def ordinary(tok: RegexTokenizer, text: str) -> list[int]:
    return tok.encode_ordinary(text)


@pytest.mark.task("special-tokens")
def test_registered_tokens_are_kept() -> None:
    tok = tokenizer()
    assert tok.special_tokens == SPECIAL, (
        f"after register_special_tokens({SPECIAL}) special_tokens is {tok.special_tokens}"
    )


@pytest.mark.task("special-tokens")
def test_all_recognises_every_special_token() -> None:
    tok = tokenizer()
    got = tok.encode(TEXT, allowed_special="all")
    expected = (
        ordinary(tok, "hello") + [1000] + ordinary(tok, " world") + [1001] + ordinary(tok, "!")
    )
    assert got == expected, (
        f"encode({TEXT!r}, allowed_special='all') gave {got}, expected {expected}"
    )


@pytest.mark.task("special-tokens")
def test_none_encodes_them_as_text() -> None:
    tok = tokenizer()
    got = tok.encode(TEXT, allowed_special="none")
    expected = ordinary(tok, TEXT)
    assert got == expected, (
        f"encode(text, allowed_special='none') gave {got}; with 'none' the special tokens' "
        f"text is ordinary text, expected {expected}"
    )


@pytest.mark.task("special-tokens")
def test_none_raise_refuses_special_text() -> None:
    tok = tokenizer()
    with pytest.raises(ValueError):
        tok.encode(TEXT)  # the default is "none_raise"
    got = tok.encode("hello world")
    assert got == ordinary(tok, "hello world"), (
        f"encode('hello world') (no special token in it) gave {got}; the default should "
        "encode ordinary text normally"
    )


@pytest.mark.task("special-tokens")
def test_a_set_allows_only_its_members() -> None:
    tok = tokenizer()
    got = tok.encode(TEXT, allowed_special={EOT})
    expected = ordinary(tok, "hello") + [1000] + ordinary(tok, " world<|sep|>!")
    assert got == expected, (
        f"encode(text, allowed_special={{'{EOT}'}}) gave {got}, expected {expected}: "
        "only the tokens in the set are special; the others are plain text"
    )


@pytest.mark.task("special-tokens")
def test_adjacent_special_tokens_and_decode() -> None:
    tok = tokenizer()
    text = "<|endoftext|><|endoftext|>hell<|sep|>"
    got = tok.encode(text, allowed_special="all")
    assert got == [1000, 1000, 258, 1001], (
        f"encode({text!r}, 'all') gave {got}, expected [1000, 1000, 258, 1001]"
    )
    back = tok.decode(got)
    assert back == text, f"decode({got}) gave {back!r}: special ids decode to their text"
