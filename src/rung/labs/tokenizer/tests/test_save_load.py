"""Task save-load: the ``.model`` file format, both ways, and the ``.vocab`` listing.

PYTEST_DONT_REWRITE: the assertion messages are written for the learner, whole.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tokenizer.basic import BasicTokenizer
from tokenizer.regex import GPT2_SPLIT_PATTERN, RegexTokenizer

MERGES = {(104, 101): 256, (108, 108): 257, (256, 257): 258, (10, 10): 259}  # he ll hell \n\n
SPECIAL = {"<|endoftext|>": 1000, 'a "quoted" token\n': 1001}
TEXTS = ["hello, hell\n\nand heaven", "<|endoftext|>he said"]


def regex_tokenizer() -> RegexTokenizer:
    tok = RegexTokenizer(GPT2_SPLIT_PATTERN)
    tok.merges = dict(MERGES)
    tok.special_tokens = dict(SPECIAL)
    tok.vocab = tok._build_vocab()
    return tok


@pytest.mark.task("save-load")
def test_round_trip_of_a_regex_tokenizer(tmp_path: Path) -> None:
    tok = regex_tokenizer()
    tok.save(tmp_path / "tok")
    assert (tmp_path / "tok.model").is_file(), "save('tok') should write tok.model"
    fresh = RegexTokenizer()
    fresh.load(tmp_path / "tok.model")
    assert fresh.pattern == GPT2_SPLIT_PATTERN, "the loaded pattern differs from the saved one"
    assert fresh.special_tokens == SPECIAL, f"loaded special tokens: {fresh.special_tokens}"
    assert list(fresh.merges.items()) == list(MERGES.items()), (
        f"loaded merges {fresh.merges} differ from the saved {MERGES} (order matters too)"
    )
    for text in TEXTS:
        a, b = tok.encode_ordinary(text), fresh.encode_ordinary(text)
        assert a == b, f"after load, encode_ordinary({text!r}) gives {b}, before save it gave {a}"
    assert fresh.decode([258, 1000]) == "hell<|endoftext|>", "decoding after load fails"


@pytest.mark.task("save-load")
def test_the_documented_format_is_read(tmp_path: Path) -> None:
    model = tmp_path / "hand.model"
    lines = [
        "rung-bpe 1",
        f"pattern {json.dumps('')}",
        "special 1",
        f"{json.dumps('<|end|>')} 300",
        "merges 2",
        "97 97",
        "256 98",
    ]
    model.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tok = BasicTokenizer()
    tok.load(model)
    assert tok.merges == {(97, 97): 256, (256, 98): 257}, f"merges read: {tok.merges}"
    assert tok.special_tokens == {"<|end|>": 300}, f"special tokens read: {tok.special_tokens}"
    assert tok.vocab.get(257) == b"aab", f"vocab[257] after load is {tok.vocab.get(257)!r}"
    assert tok.decode([257, 300]) == "aab<|end|>", "decoding with the loaded vocab fails"


@pytest.mark.task("save-load")
def test_saved_file_starts_with_the_header(tmp_path: Path) -> None:
    tok = regex_tokenizer()
    tok.save(tmp_path / "t")
    lines = (tmp_path / "t.model").read_text(encoding="utf-8").splitlines()
    assert lines[:1] == ["rung-bpe 1"], f"the first line of a .model file is {lines[:1]}"
    assert lines[1] == f"pattern {json.dumps(GPT2_SPLIT_PATTERN)}", f"second line: {lines[1]!r}"
    assert lines[-len(MERGES) :] == [f"{a} {b}" for a, b in MERGES], (
        "the last lines should be the merges, one 'a b' a line, in learned order"
    )


@pytest.mark.task("save-load")
def test_vocab_file_lists_every_id(tmp_path: Path) -> None:
    tok = regex_tokenizer()
    tok.save(tmp_path / "t")
    vocab = tmp_path / "t.vocab"
    assert vocab.is_file(), "save('t') should also write t.vocab, for people to read"
    lines = vocab.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(tok.vocab), (
        f"t.vocab has {len(lines)} lines, expected one per id: {len(tok.vocab)} "
        "(so a token holding a newline must be shown escaped)"
    )
    assert any("hell" in line for line in lines), "the merged token 'hell' is not in t.vocab"


@pytest.mark.task("save-load")
def test_basic_tokenizer_round_trip(tmp_path: Path) -> None:
    tok = BasicTokenizer()
    tok.merges = dict(MERGES)
    tok.vocab = tok._build_vocab()
    tok.save(str(tmp_path / "basic"))
    fresh = BasicTokenizer()
    fresh.load(str(tmp_path / "basic.model"))
    text = "hello hell\n\n"
    assert fresh.encode(text) == tok.encode(text), "a loaded BasicTokenizer encodes differently"
    assert fresh.pattern == "", f"a BasicTokenizer's pattern is '', loaded {fresh.pattern!r}"
