"""Tasks basic-train and basic-encode-decode: byte-level BPE on the raw text.

The encode/decode tests give the tokenizer hand-written merges, so they do not depend
on training; the training tests accept any tie rule (see ``_reference.Replay``).

PYTEST_DONT_REWRITE: the assertion messages are written for the learner, whole.
"""

from __future__ import annotations

import pytest
from _reference import check_training, shakespeare
from tokenizer.basic import BasicTokenizer

# The Wikipedia example, as merges: aa -> 256, ab -> 257, (aa)(ab) -> 258.
WIKI_MERGES = {(97, 97): 256, (97, 98): 257, (256, 257): 258}

ROUND_TRIP = [
    "",
    "hello world",
    "naïve café — déjà vu",
    "日本語のテキスト",
    "emoji 👋🏽 and a family 👨\u200d👩\u200d👧",
    "tabs\tand\nnewlines\r\n  and spaces   ",
    "\x00 control \x1f bytes \x7f",
]


def with_merges(merges: dict[tuple[int, int], int]) -> BasicTokenizer:
    tok = BasicTokenizer()
    tok.merges = dict(merges)
    tok.vocab = tok._build_vocab()
    return tok


@pytest.mark.task("basic-train")
def test_the_wikipedia_example() -> None:
    tok = BasicTokenizer()
    tok.train("aaabdaaabac", 259)
    check_training(tok.merges, [b"aaabdaaabac"], 3)
    first = next(iter(tok.merges))
    assert first == (97, 97), f"the first merge should be 'aa' (97, 97), 4 times; got {first}"


@pytest.mark.task("basic-train")
def test_training_on_shakespeare() -> None:
    text = shakespeare()[:4000]
    tok = BasicTokenizer()
    tok.train(text, 256 + 40)
    check_training(tok.merges, [text.encode("utf-8")], 40)


@pytest.mark.task("basic-train")
def test_vocab_follows_the_merges() -> None:
    tok = BasicTokenizer()
    tok.train("the cat, the hat, the mat", 256 + 6)
    for (a, b), idx in tok.merges.items():
        assert tok.vocab.get(idx) == tok.vocab[a] + tok.vocab[b], (
            f"vocab[{idx}] is {tok.vocab.get(idx)!r}, expected vocab[{a}] + vocab[{b}] = "
            f"{tok.vocab[a] + tok.vocab[b]!r}: rebuild the vocabulary after training"
        )


@pytest.mark.task("basic-train")
def test_stops_when_no_pairs_are_left() -> None:
    tok = BasicTokenizer()
    tok.train("abab", 300)
    assert len(tok.merges) == 2, (
        f"'abab' allows 2 merges (ab, then abab); training to 300 made {len(tok.merges)}: "
        "stop when no pair is left"
    )


@pytest.mark.task("basic-encode-decode")
def test_encode_the_wikipedia_example() -> None:
    got = with_merges(WIKI_MERGES).encode("aaabdaaabac")
    assert got == [258, 100, 258, 97, 99], (
        f"encode('aaabdaaabac') gave {got}, expected [258, 100, 258, 97, 99] (X d X a c)"
    )


@pytest.mark.task("basic-encode-decode")
def test_merges_apply_in_the_order_learned() -> None:
    # 'bc' was learned before 'ab': in "abc" it wins, although 'ab' comes first.
    tok = with_merges({(98, 99): 256, (97, 98): 257})
    got = tok.encode("abc")
    assert got == [97, 256], (
        f"encode('abc') with merges bc=256 then ab=257 gave {got}, expected [97, 256]: "
        "apply the earliest-learned merge first, not the leftmost pair"
    )


@pytest.mark.task("basic-encode-decode")
def test_unknown_pairs_stay_bytes() -> None:
    got = with_merges(WIKI_MERGES).encode("xyz é")
    assert got == list("xyz é".encode()), f"no merge applies to 'xyz é', yet encode gave {got}"


@pytest.mark.task("basic-encode-decode")
@pytest.mark.parametrize("text", ROUND_TRIP, ids=range(len(ROUND_TRIP)))
def test_round_trip(text: str) -> None:
    tok = with_merges({(195, 169): 256, (32, 256): 257, (240, 159): 258, (116, 104): 259})
    ids = tok.encode(text)
    back = tok.decode(ids)
    assert back == text, f"decode(encode({text!r})) gave {back!r}"


@pytest.mark.task("basic-encode-decode")
def test_decode_of_half_a_character() -> None:
    tok = with_merges({})
    got = tok.decode([226, 130])  # the first two of the three bytes of '€'
    assert got == "\ufffd", (
        f"decode([226, 130]) gave {got!r}: bytes that are not whole UTF-8 should decode "
        "with errors='replace' to a single U+FFFD"
    )
