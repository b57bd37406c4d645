"""The tokenizer lab's reference, beyond what every lab is held to.

``test_lab_structure.py`` and ``test_lab_strength.py`` already prove, through the real
runner, that the starter fails each task, the reference passes each task and every
known-wrong variant fails. Here: the reference against the larger set of GPT-4
fixtures, the fixtures against their own README, the split patterns on both regex
engines' behalf, fast training against the plain algorithm, and the worked examples
in the docstrings.
"""

from __future__ import annotations

import doctest
import hashlib
import importlib
import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from rung.data import path as data_path
from rung.labs import get_lab

LAB = get_lab("tokenizer")
FULL = Path(__file__).resolve().parent / "fixtures" / "cl100k"
SHIPPED = LAB.tests_dir / "cl100k"


@pytest.fixture(scope="module")
def tk() -> Iterator[SimpleNamespace]:
    """The reference package ``tokenizer`` (solution/), imported for this module only."""
    sys.path.insert(0, str(LAB.solution_dir))
    try:
        mods = {
            name: importlib.import_module(f"tokenizer.{name}")
            for name in ("base", "basic", "regex", "gpt4", "patterns")
        }
        yield SimpleNamespace(**mods, package=importlib.import_module("tokenizer"))
    finally:
        sys.path.remove(str(LAB.solution_dir))
        for name in [m for m in sys.modules if m == "tokenizer" or m.startswith("tokenizer.")]:
            del sys.modules[name]


def cases(folder: Path) -> dict:
    return json.loads((folder / "cases.json").read_text(encoding="utf-8"))


def shakespeare() -> str:
    return data_path("tinyshakespeare").read_text(encoding="utf-8")


# ---------------------------------------------------------------------- GPT-4 fixtures


@pytest.mark.parametrize("folder", [FULL, SHIPPED], ids=["full", "shipped"])
def test_reference_gives_tiktokens_ids(tk: SimpleNamespace, folder: Path) -> None:
    doc = cases(folder)
    assert doc["pattern"] == tk.patterns.GPT4_SPLIT_PATTERN
    assert doc["special_tokens"] == tk.gpt4.GPT4_SPECIAL_TOKENS
    tok = tk.gpt4.GPT4Tokenizer.from_tiktoken_file(folder / "cl100k_subset.tiktoken")
    for case in doc["cases"]:
        assert tok.encode(case["text"], allowed_special="all") == case["ids"], case["name"]
        assert tok.encode(case["text"], allowed_special="none") == case["ids_ordinary"], case[
            "name"
        ]
        assert tok.decode(case["ids"]) == case["text"], case["name"]


def test_special_tokens_change_the_ids_where_they_occur() -> None:
    doc = cases(FULL)
    with_special = [c for c in doc["cases"] if c["ids"] != c["ids_ordinary"]]
    assert {c["name"] for c in with_special} == {"special", "special-edges"}
    for c in with_special:
        assert set(c["ids"]) & set(doc["special_tokens"].values())


def test_shipped_cases_are_the_full_cases() -> None:
    full = {c["name"]: c for c in cases(FULL)["cases"]}
    shipped = cases(SHIPPED)["cases"]
    assert len(shipped) == 10
    for c in shipped:
        assert c == full[c["name"]]


@pytest.mark.parametrize("folder", [FULL, SHIPPED], ids=["full", "shipped"])
def test_readme_records_the_files_it_describes(folder: Path) -> None:
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for name in ("cases.json", "cl100k_subset.tiktoken"):
        digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        assert digest in readme, f"{folder.name}/README.md does not give {name}'s sha256"
    assert "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7" in readme
    n_ranks = len((folder / "cl100k_subset.tiktoken").read_text(encoding="ascii").splitlines())
    assert f"{n_ranks} of the 100,256 entries" in readme


@pytest.mark.parametrize("folder", [FULL, SHIPPED], ids=["full", "shipped"])
def test_subset_holds_bytes_and_chunk_substrings_only(tk: SimpleNamespace, folder: Path) -> None:
    ranks = tk.gpt4.load_tiktoken_ranks(folder / "cl100k_subset.tiktoken")
    assert all(bytes([b]) in ranks for b in range(256))
    assert len(set(ranks.values())) == len(ranks)
    split = tk.patterns.compile_pattern(tk.patterns.GPT4_SPLIT_PATTERN).findall
    doc = cases(folder)
    chunks = set()
    for case in doc["cases"]:
        chunks.update(c.encode() for c in split(case["text"]))
        for part in re.split("|".join(map(re.escape, doc["special_tokens"])), case["text"]):
            chunks.update(c.encode() for c in split(part))
    for token in ranks:
        assert len(token) == 1 or any(token in c for c in chunks), token


def test_recovered_merges_are_consistent(tk: SimpleNamespace) -> None:
    ranks = tk.gpt4.load_tiktoken_ranks(FULL / "cl100k_subset.tiktoken")
    merges = tk.gpt4.recover_merges(ranks)
    assert len(merges) == len(ranks) - 256
    assert list(merges.values()) == sorted(merges.values())  # learned order = rank order
    by_rank = {r: t for t, r in ranks.items()}
    assert all(by_rank[a] + by_rank[b] == by_rank[r] for (a, b), r in merges.items())


def test_gpt4_tokenizer_refuses_training_and_saving(tk: SimpleNamespace, tmp_path: Path) -> None:
    tok = tk.gpt4.GPT4Tokenizer.from_tiktoken_file(SHIPPED / "cl100k_subset.tiktoken")
    with pytest.raises(TypeError):
        tok.train("text", 300)
    with pytest.raises(TypeError):
        tok.save(tmp_path / "gpt4")
    with pytest.raises(ValueError):
        tk.gpt4.GPT4Tokenizer({b"a": 0})


# ---------------------------------------------------------------------- split patterns

SPLITS = [
    ("gpt2", "a\x1cb c\x1f d", ["a", "\x1c", "b", " c", "\x1f", " d"]),
    ("gpt4", "a\x1cb c\x1f d", ["a", "\x1cb", " c", "\x1f", " d"]),
    ("gpt2", "x\u00a0y\u3000z\u2003 w", ["x", "\xa0", "y", "\u3000", "z", "\u2003", " w"]),
    ("gpt4", "x\u00a0y\u3000z\u2003 w", ["x", "\xa0y", "\u3000z", "\u2003", " w"]),
    ("gpt2", "Ⅻ½٣ 12 ſ'S", ["Ⅻ½٣", " 12", " ſ", "'", "S"]),
    ("gpt4", "Ⅻ½٣ 12 ſ'S", ["Ⅻ½٣", " ", "12", " ſ", "'S"]),
    ("gpt4", "naïve e\u0301 日本語", ["naïve", " e", "\u0301", " 日本語"]),
    ("gpt4", "last line\n   ", ["last", " line", "\n   "]),
]


@pytest.mark.parametrize("which, text, expected", SPLITS)
def test_stdlib_translation_splits_like_regex(
    tk: SimpleNamespace, which: str, text: str, expected: list[str]
) -> None:
    """Expected chunks come from the ``regex`` module. The rewritten pattern must give
    them with plain ``re``, including the ASCII separators 0x1C-0x1F, which ``re`` calls
    whitespace and Unicode does not."""
    pattern = tk.patterns.GPT2_SPLIT_PATTERN if which == "gpt2" else tk.patterns.GPT4_SPLIT_PATTERN
    assert re.compile(tk.patterns.to_stdlib_re(pattern)).findall(text) == expected
    assert tk.patterns.compile_pattern(pattern).findall(text) == expected


# ---------------------------------------------------------------------- training


def plain_regex_training(chunks: list[str], n_merges: int, tk: SimpleNamespace) -> dict:
    """The algorithm without any speed-up: recount every chunk for every merge."""
    seqs = [list(c.encode("utf-8")) for c in chunks]
    merges = {}
    for idx in range(256, 256 + n_merges):
        stats: dict = {}
        for seq in seqs:
            tk.base.get_stats(seq, stats)
        pair = tk.base.most_frequent_pair(stats)
        seqs = [tk.base.merge(seq, pair, idx) for seq in seqs]
        merges[pair] = idx
    return merges


def test_fast_training_learns_the_plain_algorithms_merges(tk: SimpleNamespace) -> None:
    text = shakespeare()[:20_000]
    tok = tk.regex.RegexTokenizer()
    tok.train(text, 256 + 50)
    assert tok.merges == plain_regex_training(tok.split(text), 50, tk)
    assert list(tok.merges.values()) == list(range(256, 306))


def test_basic_training_reproduces_the_wikipedia_example(tk: SimpleNamespace) -> None:
    tok = tk.basic.BasicTokenizer()
    tok.train("aaabdaaabac", 259)
    assert tok.merges == {(97, 97): 256, (97, 98): 257, (256, 257): 258}
    assert tok.encode("aaabdaaabac") == [258, 100, 258, 97, 99]


def test_whole_shakespeare_trains_and_round_trips(tk: SimpleNamespace, tmp_path: Path) -> None:
    text = shakespeare()
    tok = tk.regex.RegexTokenizer()
    tok.split("warm up")
    start = time.perf_counter()
    tok.train(text, 512)
    seconds = time.perf_counter() - start
    assert len(tok.merges) == 256
    assert seconds < 60, (
        f"training to 512 took {seconds:.1f} s (3 to 7 s on one core of a busy 2-core machine)"
    )
    ids = tok.encode(text[:200_000])
    assert tok.decode(ids) == text[:200_000]
    assert len(ids) < 0.5 * len(text[:200_000].encode())  # 512 ids at least halve the bytes
    tok.register_special_tokens({"<|endoftext|>": 512})
    tok.save(tmp_path / "shakespeare")
    again = tk.regex.RegexTokenizer()
    again.load(tmp_path / "shakespeare.model")
    assert again.merges == tok.merges and again.special_tokens == tok.special_tokens
    sample = text[-5000:] + "<|endoftext|>"
    assert again.encode(sample, allowed_special="all") == tok.encode(sample, allowed_special="all")
    vocab_lines = (tmp_path / "shakespeare.vocab").read_text(encoding="utf-8").splitlines()
    assert len(vocab_lines) == 513


# ---------------------------------------------------------------------- worked examples


@pytest.mark.parametrize("name", ["basic", "regex", "patterns"])
def test_docstring_examples(tk: SimpleNamespace, name: str) -> None:
    module: ModuleType = getattr(tk, name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
