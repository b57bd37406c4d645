"""Tasks recover-merges and gpt4: GPT-4's cl100k_base, checked against its real ids.

``cl100k/`` holds the part of the cl100k_base rank table that the test texts need and
the ids tiktoken gives those texts (see ``cl100k/README.md`` for where both came
from). Every candidate pair BPE weighs lies inside one regex chunk, so this part of
the table encodes these texts exactly as the whole table would.

PYTEST_DONT_REWRITE: the assertion messages are written for the learner, whole.
"""

from __future__ import annotations

import pytest
from _reference import FIXTURES, cl100k_cases
from tokenizer.gpt4 import GPT4Tokenizer, bpe_parts, load_tiktoken_ranks, recover_merges

RANKS = FIXTURES / "cl100k_subset.tiktoken"
CASES = cl100k_cases()["cases"]


@pytest.fixture(scope="module")
def ranks() -> dict[bytes, int]:
    return load_tiktoken_ranks(RANKS)


@pytest.fixture(scope="module")
def gpt4() -> GPT4Tokenizer:
    return GPT4Tokenizer.from_tiktoken_file(RANKS)


@pytest.mark.task("recover-merges")
def test_bpe_parts_of_hello(ranks: dict[bytes, int]) -> None:
    got = bpe_parts(ranks, b"hello", max_rank=ranks[b"hello"])
    assert got == [b"h", b"ello"], (
        f"bpe_parts(ranks, b'hello', max_rank=15339) gave {got}, expected [b'h', b'ello']: "
        "join the lowest-ranked pair first, and never reach rank 15339 itself"
    )
    whole = bpe_parts(ranks, b"hello")
    assert whole == [b"hello"], f"with no max_rank, b'hello' should join up whole; got {whole}"


@pytest.mark.task("recover-merges")
def test_bpe_parts_respects_the_ranks(ranks: dict[bytes, int]) -> None:
    # " world" (rank 1917): the pieces are joined in rank order, not left to right.
    got = bpe_parts(ranks, b" world", max_rank=ranks[b" world"])
    assert got == [b" w", b"orld"], f"bpe_parts of b' world' below its rank gave {got}"


@pytest.mark.task("recover-merges")
def test_recovered_merges_rebuild_every_token(ranks: dict[bytes, int]) -> None:
    merges = recover_merges(ranks)
    by_rank = {r: t for t, r in ranks.items()}
    longer = sum(1 for t in ranks if len(t) > 1)
    assert len(merges) == longer, (
        f"{len(merges)} merges recovered; every one of the {longer} tokens longer than one "
        "byte should give exactly one"
    )
    assert merges.get((ranks[b"h"], ranks[b"ello"])) == 15339, (
        "the merge (rank of b'h', rank of b'ello') should give 15339, b'hello'"
    )
    for (a, b), r in merges.items():
        assert by_rank[a] + by_rank[b] == by_rank[r], (
            f"merge ({a}, {b}) -> {r}: {by_rank[a]!r} + {by_rank[b]!r} is not {by_rank[r]!r}"
        )
        assert a < r and b < r, f"merge ({a}, {b}) -> {r} uses a token made later than itself"


@pytest.mark.task("gpt4")
def test_single_bytes_use_cl100k_numbering(gpt4: GPT4Tokenizer) -> None:
    for char, rank in (("!", 0), ("a", 64), ("\n", 198)):
        got = gpt4.encode(char)
        assert got == [rank], (
            f"encode({char!r}) gave {got}, expected [{rank}]: in cl100k a single byte's id is its "
            "rank in the table, not its byte value"
        )


@pytest.mark.task("gpt4")
def test_hello_world(gpt4: GPT4Tokenizer) -> None:
    got = gpt4.encode("hello world")
    assert got == [15339, 1917], f"encode('hello world') gave {got}, expected [15339, 1917]"


@pytest.mark.task("gpt4")
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_matches_tiktoken(gpt4: GPT4Tokenizer, case: dict) -> None:
    text = case["text"]
    got = gpt4.encode(text, allowed_special="all")
    expected = case["ids"]
    if got != expected:
        at = next((i for i, (x, y) in enumerate(zip(got, expected, strict=False)) if x != y), None)
        at = min(len(got), len(expected)) if at is None else at
        raise AssertionError(
            f"{case['name']}: {len(got)} ids, tiktoken gives {len(expected)}; the first "
            f"difference is at position {at}: yours {got[at : at + 5]}, "
            f"expected {expected[at : at + 5]} (text {text!r})"
        )
    plain = gpt4.encode(text, allowed_special="none")
    assert plain == case["ids_ordinary"], (
        f"{case['name']}: with allowed_special='none' the ids differ from tiktoken's"
    )
    back = gpt4.decode(got)
    assert back == text, f"{case['name']}: decode(encode(text)) gave {back!r}"
