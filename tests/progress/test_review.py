"""From a graded attempt to an FSRS rating and the next due date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Rating, State

from rung.progress import review

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "hints", "seconds", "shown", "kind", "expected"),
    [
        ("wrong", 0, 5, False, "number", Rating.Again),
        ("revealed", 0, 5, True, "number", Rating.Again),
        ("correct", 0, 5, True, "number", Rating.Again),  # right only after seeing it
        ("correct", 1, 5, False, "number", Rating.Hard),
        ("correct", 0, 30, False, "number", Rating.Easy),  # the threshold is inclusive
        ("correct", 0, 31, False, "number", Rating.Good),
        ("correct", 0, 80, False, "matrix", Rating.Easy),
        ("correct", 0, 95, False, "matrix", Rating.Good),
        ("correct", 0, 16, False, "choice", Rating.Good),
        ("correct", 0, 60, False, "something-new", Rating.Easy),
        ("correct", 0, 61, False, "something-new", Rating.Good),
    ],
)
def test_rating_rules(status, hints, seconds, shown, kind, expected) -> None:
    assert review.rating_for(status, hints, seconds, shown, kind) == expected


def test_unreadable_has_no_rating() -> None:
    assert review.rating_for("unreadable", 0, 1, False, "number") is None


def test_first_good_review_is_a_learning_step_of_ten_minutes() -> None:
    card = review.review("la.matmul.x", None, Rating.Good, NOW)
    assert card.due - NOW == timedelta(minutes=10)
    assert card.reviews == 1 and card.last_review == NOW
    assert Card.from_json(card.card).state == State.Learning


def test_easy_answers_push_the_card_out_by_days_and_then_weeks() -> None:
    first = review.review("la.matmul.x", None, Rating.Easy, NOW)
    # FSRS-6 default initial stability for Easy is w[3] = 8.2956 days -> 8 days at 90 % retention
    assert first.due - NOW == timedelta(days=8)
    second = review.review("la.matmul.x", first, Rating.Easy, first.due)
    assert second.due - first.due > timedelta(days=30)
    assert second.reviews == 2


def test_again_brings_a_review_card_back_within_minutes() -> None:
    learnt = review.review("c", None, Rating.Easy, NOW)
    lapsed = review.review("c", learnt, Rating.Again, learnt.due)
    assert lapsed.due - learnt.due == timedelta(minutes=10)
    assert Card.from_json(lapsed.card).state == State.Relearning


def test_scheduling_is_deterministic() -> None:
    """No fuzz: the same history gives the same due dates on every run and machine."""

    def history() -> list[datetime]:
        card, dues = None, []
        at = NOW
        for rating in [
            Rating.Good,
            Rating.Good,
            Rating.Easy,
            Rating.Hard,
            Rating.Good,
            Rating.Good,
        ]:
            card = review.review("c", card, rating, at)
            dues.append(card.due)
            at = card.due + timedelta(hours=1)
        return dues

    first = history()
    assert first == history()
    assert first[-1] - first[-2] > timedelta(days=3)  # intervals long enough for fuzz to apply
