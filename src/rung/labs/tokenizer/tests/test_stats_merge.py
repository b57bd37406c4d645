"""Tasks get-stats and merge: the two operations all of BPE is made of.

PYTEST_DONT_REWRITE: the assertion messages are written for the learner, whole.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest
from _reference import ref_merge
from tokenizer.base import get_stats, merge


@pytest.mark.task("get-stats")
def test_counts_adjacent_pairs() -> None:
    got = get_stats([1, 2, 3, 1, 2])
    expected = {(1, 2): 2, (2, 3): 1, (3, 1): 1}
    assert got == expected, f"get_stats([1, 2, 3, 1, 2]) gave {got}, expected {expected}"


@pytest.mark.task("get-stats")
def test_overlapping_pairs_all_count() -> None:
    got = get_stats([7, 7, 7, 7])
    assert got == {(7, 7): 3}, (
        f"get_stats([7, 7, 7, 7]) gave {got}: the pair (7, 7) stands at positions 0, 1 and 2, "
        "so it counts 3 times"
    )


@pytest.mark.task("get-stats")
def test_short_inputs_have_no_pairs() -> None:
    for ids in ([], [5]):
        got = get_stats(ids)
        assert got == {}, f"get_stats({ids}) gave {got}: fewer than two ids make no pair"


@pytest.mark.task("get-stats")
def test_counts_accumulate_into_a_given_dict() -> None:
    counts: dict[tuple[int, int], int] = {(1, 2): 5}
    result = get_stats([1, 2, 9], counts)
    assert result is counts, "with counts given, get_stats should update that dict and return it"
    assert counts == {(1, 2): 6, (2, 9): 1}, (
        f"after get_stats([1, 2, 9], {{(1, 2): 5}}) the counts are {counts}, "
        "expected {(1, 2): 6, (2, 9): 1}: add to what is there"
    )


@pytest.mark.task("get-stats")
def test_random_sequences() -> None:
    rng = random.Random(0)
    for _ in range(50):
        ids = [rng.randrange(4) for _ in range(rng.randrange(30))]
        expected = Counter((ids[i], ids[i + 1]) for i in range(len(ids) - 1))
        got = get_stats(ids)
        assert dict(got) == dict(expected), f"get_stats({ids}) gave {got}"


@pytest.mark.task("merge")
def test_replaces_every_occurrence() -> None:
    got = merge([1, 2, 3, 1, 2], (1, 2), 4)
    assert got == [4, 3, 4], f"merge([1, 2, 3, 1, 2], (1, 2), 4) gave {got}, expected [4, 3, 4]"


@pytest.mark.task("merge")
def test_overlaps_take_the_leftmost() -> None:
    for ids, expected in (([5, 5, 5], [9, 5]), ([5, 5, 5, 5], [9, 9]), ([6, 5, 5, 5], [6, 9, 5])):
        got = merge(ids, (5, 5), 9)
        assert got == expected, (
            f"merge({ids}, (5, 5), 9) gave {got}, expected {expected}: take the leftmost "
            "match, then continue after both of its ids"
        )


@pytest.mark.task("merge")
def test_pair_at_the_end_and_no_match() -> None:
    got = merge([3, 1, 2], (1, 2), 7)
    assert got == [3, 7], f"merge([3, 1, 2], (1, 2), 7) gave {got}: the last pair counts too"
    got = merge([2, 1, 3], (1, 2), 7)
    assert got == [2, 1, 3], f"merge([2, 1, 3], (1, 2), 7) gave {got}: (2, 1) is not (1, 2)"


@pytest.mark.task("merge")
def test_input_is_not_changed() -> None:
    ids = [1, 2, 1, 2]
    merge(ids, (1, 2), 3)
    assert ids == [1, 2, 1, 2], f"merge changed its input list to {ids}; return a new list"


@pytest.mark.task("merge")
def test_random_sequences_merge() -> None:
    rng = random.Random(1)
    for _ in range(100):
        ids = [rng.randrange(3) for _ in range(rng.randrange(25))]
        pair = (rng.randrange(3), rng.randrange(3))
        got = merge(ids, pair, 99)
        expected = ref_merge(ids, pair, 99)
        assert got == expected, f"merge({ids}, {pair}, 99) gave {got}, expected {expected}"
