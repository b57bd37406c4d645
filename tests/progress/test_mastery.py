"""Mastery: N fresh, unaided, right answers in a row."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rung.progress.mastery import status_from_attempts
from rung.progress.store import AttemptRow

T0 = datetime(2025, 1, 1, tzinfo=UTC)


def a(
    seed: int, status: str = "correct", hints: int = 0, shown: bool = False, check: str = "c"
) -> AttemptRow:
    return AttemptRow(check, seed, "x", status, None, "", hints, 1.0, shown, T0)


def test_three_fresh_variants_in_a_row_master() -> None:
    s = status_from_attempts([a(1), a(2), a(3)])
    assert (s.mastered, s.streak, s.needed) == (True, 3, 3)


def test_two_are_not_enough() -> None:
    s = status_from_attempts([a(1), a(2)])
    assert (s.mastered, s.streak) == (False, 2)


@pytest.mark.parametrize(
    "breaker",
    [a(9, "wrong"), a(9, hints=1), a(9, shown=True), a(9, "revealed", shown=True)],
    ids=["wrong", "hint", "solution", "revealed"],
)
def test_wrong_hint_or_solution_breaks_the_run(breaker: AttemptRow) -> None:
    s = status_from_attempts([a(1), a(2), breaker, a(3)])
    assert (s.mastered, s.streak) == (False, 1)


def test_unreadable_neither_breaks_nor_extends() -> None:
    s = status_from_attempts([a(1), a(2, "unreadable"), a(2), a(5, "unreadable"), a(3)])
    assert (s.mastered, s.streak) == (True, 3)


def test_a_retry_of_the_same_variant_does_not_count() -> None:
    # seed 2 wrong, then right on the retry: the run restarts at seed 3
    s = status_from_attempts([a(1), a(2, "wrong"), a(2), a(3), a(4)])
    assert (s.mastered, s.streak) == (False, 2)


def test_the_same_seed_of_another_family_is_a_different_variant() -> None:
    s = status_from_attempts([a(1, check="c1"), a(1, check="c2"), a(1, check="c3")])
    assert s.mastered


def test_mastery_stays_once_reached_and_n_is_configurable() -> None:
    s = status_from_attempts([a(1), a(2), a(3), a(4, "wrong")])
    assert (s.mastered, s.streak) == (True, 0)
    assert not status_from_attempts([a(1), a(2), a(3)], needed=4).mastered
    assert status_from_attempts([a(1)], needed=1).mastered
    with pytest.raises(ValueError):
        status_from_attempts([], needed=0)


attempts = st.lists(
    st.builds(
        a,
        seed=st.integers(0, 6),
        status=st.sampled_from(["correct", "wrong", "unreadable"]),
        hints=st.integers(0, 1),
        shown=st.booleans(),
    ),
    max_size=25,
)


@given(attempts, st.integers(0, 25), st.integers(0, 6))
def test_unreadable_answers_anywhere_change_nothing(history, at, seed) -> None:
    noisy = [*history[:at], a(seed, "unreadable"), *history[at:]]
    assert status_from_attempts(noisy) == status_from_attempts(history)


@given(attempts)
def test_streak_is_bounded_by_distinct_unaided_variants(history) -> None:
    clean = {
        (h.check_id, h.seed)
        for h in history
        if h.status == "correct" and not h.hints_used and not h.solution_shown
    }
    assert status_from_attempts(history).streak <= len(clean)
