"""Task data: characters to ids, the 90/10 split, random shifted windows.

PYTEST_DONT_REWRITE: the assertion messages are written for the learner, whole.
"""

from __future__ import annotations

import pytest
import torch
from gpt.data import CharTokenizer, get_batch, split

from rung.labs.harness import lab_data


@pytest.mark.task("data")
def test_vocabulary_is_the_sorted_characters() -> None:
    tok = CharTokenizer("banana!")
    assert tok.chars == "!abn", (
        f"vocabulary should be the sorted distinct characters '!abn', got {tok.chars!r}"
    )
    assert tok.vocab_size == 4, f"vocab_size should be 4, got {tok.vocab_size}"
    assert tok.encode("nab") == [3, 1, 2], (
        f"encode('nab') should be [3, 1, 2], got {tok.encode('nab')}"
    )
    assert tok.decode([3, 1, 2]) == "nab", (
        f"decode([3, 1, 2]) should be 'nab', got {tok.decode([3, 1, 2])!r}"
    )


@pytest.mark.task("data")
def test_shakespeare_has_65_characters_and_round_trips() -> None:
    text = lab_data("tinyshakespeare").read_text(encoding="utf-8")
    tok = CharTokenizer(text)
    assert tok.vocab_size == 65, (
        f"Tiny Shakespeare has 65 distinct characters, your vocabulary has {tok.vocab_size}"
    )
    piece = text[5000:7000]
    back = tok.decode(tok.encode(piece))
    assert back == piece, "decode(encode(text)) does not give the text back"


@pytest.mark.task("data")
def test_split_is_ninety_ten_in_order() -> None:
    data = torch.arange(1000)
    train, val = split(data)
    assert (len(train), len(val)) == (900, 100), (
        f"split sizes should be (900, 100), got {(len(train), len(val))}"
    )
    assert torch.equal(torch.cat([train, val]), data), (
        "the two parts, in order, should be the whole data, unshuffled"
    )


@pytest.mark.task("data")
def test_batches_are_windows_and_targets_shifted_by_one() -> None:
    data = (torch.arange(200) * 37) % 211  # all distinct, so a value names its position
    where = {int(v): i for i, v in enumerate(data)}
    x, y = get_batch(data, 8, 16, torch.Generator().manual_seed(0))
    assert tuple(x.shape) == (16, 8) and tuple(y.shape) == (16, 8), (
        f"x and y should be (batch_size, block_size) = (16, 8), got {tuple(x.shape)} and {tuple(y.shape)}"
    )
    assert x.dtype == torch.long and y.dtype == torch.long, "x and y should hold int64 ids"
    for row in range(16):
        start = where[int(x[row, 0])]
        assert torch.equal(x[row], data[start : start + 8]), (
            f"row {row} of x is not 8 consecutive ids"
        )
        assert torch.equal(y[row], data[start + 1 : start + 9]), (
            f"row {row} of y should be x's window shifted one place to the right"
        )


@pytest.mark.task("data")
def test_every_window_can_be_drawn() -> None:
    data = torch.arange(10)  # block 3: windows start at 0..6 (the last target is data[9])
    gen = torch.Generator().manual_seed(1)
    starts = set()
    for _ in range(300):
        x, _y = get_batch(data, 3, 4, gen)
        starts |= {int(v) for v in x[:, 0]}
    assert starts == set(range(7)), (
        f"with 10 ids and block_size 3 the windows should start at 0..6; yours started at {sorted(starts)} "
        "(an off-by-one in the randint bound?)"
    )


@pytest.mark.task("data")
def test_batches_follow_the_generator() -> None:
    data = torch.arange(500)
    a = get_batch(data, 16, 4, torch.Generator().manual_seed(7))[0]
    b = get_batch(data, 16, 4, torch.Generator().manual_seed(7))[0]
    c = get_batch(data, 16, 4, torch.Generator().manual_seed(8))[0]
    assert torch.equal(a, b), (
        "the same generator seed should give the same batch (pass generator= to randint)"
    )
    assert not torch.equal(a, c), "different seeds gave the same batch: is the generator used?"
