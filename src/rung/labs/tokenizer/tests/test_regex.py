"""Tasks regex-split, regex-train and fast-train: BPE inside regex chunks.

Expected chunks were produced with the ``regex`` module and tiktoken's patterns.

PYTEST_DONT_REWRITE: the assertion messages are written for the learner, whole.
"""

from __future__ import annotations

import time

import pytest
from _reference import check_training, reference_train_seconds, shakespeare
from tokenizer.regex import GPT2_SPLIT_PATTERN, GPT4_SPLIT_PATTERN, RegexTokenizer

SPLITS = [
    (
        GPT4_SPLIT_PATTERN,
        "Hello world's 12345!!\n\n",
        ["Hello", " world", "'s", " ", "123", "45", "!!\n\n"],
    ),
    (
        GPT2_SPLIT_PATTERN,
        "Hello world's 12345!!\n\n",
        ["Hello", " world", "'s", " 12345", "!!", "\n\n"],
    ),
    (
        GPT4_SPLIT_PATTERN,
        "I'LL see you're 123456 ok",
        ["I", "'LL", " see", " you", "'re", " ", "123", "456", " ok"],
    ),
    (
        GPT2_SPLIT_PATTERN,
        "I'LL see you're 123456 ok",
        ["I", "'", "LL", " see", " you", "'re", " 123456", " ok"],
    ),
    (
        GPT4_SPLIT_PATTERN,
        "    if x:\n\treturn f(x)   \n",
        ["   ", " if", " x", ":\n", "\treturn", " f", "(x", ")", "   \n"],
    ),
]


@pytest.mark.task("regex-split")
@pytest.mark.parametrize("pattern, text, expected", SPLITS, ids=range(len(SPLITS)))
def test_split(pattern: str, text: str, expected: list[str]) -> None:
    name = "GPT-4" if pattern == GPT4_SPLIT_PATTERN else "GPT-2"
    got = RegexTokenizer(pattern).split(text)
    assert got == expected, f"{name} split of {text!r} gave {got}, expected {expected}"


@pytest.mark.task("regex-split")
def test_default_pattern_is_gpt4() -> None:
    tok = RegexTokenizer()
    assert tok.pattern == GPT4_SPLIT_PATTERN, "RegexTokenizer() should use the GPT-4 pattern"


@pytest.mark.task("regex-split")
def test_merges_stop_at_chunk_boundaries() -> None:
    tok = RegexTokenizer()
    tok.merges = {(111, 32): 256}  # "o " : a merge that spans a word and the next space
    tok.vocab = tok._build_vocab()
    got = tok.encode_ordinary("go home")
    expected = list(b"go home")
    assert got == expected, (
        f"encode_ordinary('go home') with the merge 'o ' gave {got}, expected {expected}: "
        "'go' and ' home' are separate chunks, so 'o ' must not merge; encode each chunk alone"
    )


@pytest.mark.task("regex-split")
def test_encode_ordinary_round_trips() -> None:
    tok = RegexTokenizer()
    tok.merges = {(32, 116): 256, (104, 101): 257, (256, 257): 258}  # " t", "he", " the"
    tok.vocab = tok._build_vocab()
    text = "the other theme: ' the'\n\n  the end"
    ids = tok.encode_ordinary(text)
    assert tok.decode(ids) == text, f"decode(encode_ordinary(text)) gave {tok.decode(ids)!r}"
    assert ids.count(258) == 3, f"' the' occurs 3 times as a chunk start; ids were {ids}"


@pytest.mark.task("regex-train")
def test_train_merges_only_inside_chunks() -> None:
    text = shakespeare()[:20000]
    tok = RegexTokenizer()
    tok.train(text, 256 + 40)
    check_training(tok.merges, [c.encode("utf-8") for c in tok.split(text)], 40)


@pytest.mark.task("regex-train")
def test_train_with_the_gpt2_pattern() -> None:
    text = shakespeare()[20000:30000]
    tok = RegexTokenizer(GPT2_SPLIT_PATTERN)
    tok.train(text, 256 + 25)
    check_training(tok.merges, [c.encode("utf-8") for c in tok.split(text)], 25)
    ids = tok.encode_ordinary(text)
    assert tok.decode(ids) == text, "decode(encode_ordinary(text)) should give the text back"


@pytest.mark.task("fast-train")
@pytest.mark.timeout(120)
def test_train_150kb_quickly() -> None:
    # Right first (quick to find out), then fast.
    small, tok = shakespeare()[:20_000], RegexTokenizer()
    tok.train(small, 256 + 40)
    check_training(tok.merges, [c.encode("utf-8") for c in tok.split(small)], 40)
    text = shakespeare()[:150_000]
    tok = RegexTokenizer()
    chunks = [c.encode("utf-8") for c in tok.split(text)]  # also compiles the pattern
    yardstick = reference_train_seconds(chunks, 128)
    start = time.perf_counter()
    try:
        tok.train(text, 256 + 128)
    except BaseException as exc:
        if type(exc).__name__ != "LabTimeout":
            raise
        raise AssertionError(
            f"training on 150 kB to 384 ids did not finish in 120 s; the tests' own "
            f"incremental trainer took {yardstick:.1f} s. {ADVICE}"
        ) from None
    seconds = time.perf_counter() - start
    allowed = 5 * yardstick + 1
    assert seconds <= allowed, (
        f"training on 150 kB to 384 ids took {seconds:.1f} s; allowed {allowed:.1f} s (five "
        f"times the tests' own incremental trainer, {yardstick:.1f} s, plus 1). {ADVICE}"
    )
    check_training(tok.merges, chunks, 128)


ADVICE = (
    "Count each distinct chunk once, weighted by how often it occurs, and after a merge "
    "update the pair counts of only the chunks that held the merged pair."
)
