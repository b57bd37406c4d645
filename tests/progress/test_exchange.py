"""Export and import: round trips, idempotence, malformed files, SQLite -> PostgreSQL."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from pathlib import Path

import pytest

from rung.progress import ImportFormatError, Store, open_store
from rung.progress.service import Tutor


def history(store: Store, cur, checks, now) -> Tutor:
    """A small but complete history: every kind of row."""
    tutor = Tutor(store, cur, "ada", checks=checks)
    for i in range(3):
        p = tutor.new_problem("la.matmul.fake", now)
        tutor.submit(p, p.answer_text, 0, 5, now + timedelta(minutes=i))
    p = tutor.new_problem("la.dot.fake", now)
    tutor.submit(p, "1000", 1, 50, now)
    tutor.submit(p, "nonsense", 1, 50, now)
    tutor.mark_lesson("la.orientation", "done", now)
    tutor.mark_video(next(iter(cur.videos)), True, now)
    tutor.record_self_rating("la.dot.fake", p.seed, "projection times length", 4, now)
    tutor.record_lab_result("micrograd", "t1", True, "all good", now)
    return tutor


def comparable(data: dict) -> dict:
    out = copy.deepcopy(data)
    out.pop("exported_at")
    for section in ("lessons", "videos"):
        out[section].sort(key=lambda r: json.dumps(r, sort_keys=True))
    return out


def test_round_trip_to_a_new_machine(sqlite_store, tmp_path: Path, cur, fake_checks, now) -> None:
    tutor = history(sqlite_store, cur, fake_checks, now)
    data = json.loads(json.dumps(sqlite_store.export_learner("ada")))  # through real JSON
    assert data["format"] == "rung-progress" and data["version"] == 1
    assert len(data["attempts"]) == 5 and len(data["review_cards"]) == 2
    other = open_store(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        added = other.import_learner(data)
        assert added["attempts"] == 5 and added["lab_results"] == 1
        assert comparable(other.export_learner("ada")) == comparable(data)
        moved = Tutor(other, cur, "ada", checks=fake_checks)
        assert moved.progress_summary(now) == tutor.progress_summary(now)
        assert moved.due_reviews(now + timedelta(days=400)) == tutor.due_reviews(
            now + timedelta(days=400)
        )
        # idempotent: a second import adds nothing
        again = other.import_learner(data)
        assert sum(again.values()) == 0
        assert len(other.attempts("ada")) == 5
    finally:
        other.close()


def test_import_merges_newer_marks_and_cards(sqlite_store, cur, fake_checks, now) -> None:
    history(sqlite_store, cur, fake_checks, now)
    data = sqlite_store.export_learner("ada")
    later = (now + timedelta(days=1)).isoformat()
    data["lessons"][0]["status"] = "started"
    data["lessons"][0]["updated_at"] = later
    data["review_cards"][0]["reviews"] = 99
    data["review_cards"][0]["last_review"] = later
    stale = data["review_cards"][1]
    stale["reviews"] = 77
    stale["last_review"] = (now - timedelta(days=1)).isoformat()
    added = sqlite_store.import_learner(data)
    assert added == {
        "attempts": 0,
        "review_cards": 1,
        "lessons": 1,
        "videos": 0,
        "self_ratings": 0,
        "lab_results": 0,
    }
    assert sqlite_store.lesson_marks("ada") == {"la.orientation": "started"}
    reviews = {c.check_id: c.reviews for c in sqlite_store.cards("ada")}
    assert reviews[data["review_cards"][0]["check_id"]] == 99
    assert reviews[stale["check_id"]] != 77


def test_import_under_another_name(sqlite_store, tmp_path: Path, cur, fake_checks, now) -> None:
    history(sqlite_store, cur, fake_checks, now)
    data = sqlite_store.export_learner("ada")
    with open_store(f"sqlite:///{tmp_path / 'b.db'}") as other:
        other.import_learner(data, learner="ada-laptop")
        assert other.learners() == ["ada-laptop"]
        assert len(other.attempts("ada-laptop")) == 5


def test_exporting_an_unknown_learner_gives_an_empty_history(sqlite_store) -> None:
    data = sqlite_store.export_learner("nobody")
    assert data["learner"] == "nobody" and data["attempts"] == []


def _valid(sqlite_store, cur, fake_checks, now) -> dict:
    history(sqlite_store, cur, fake_checks, now)
    return sqlite_store.export_learner("ada")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: [], "top level is not a JSON object"),
        (lambda d: {**d, "format": "anki"}, '"format" should be "rung-progress"'),
        (lambda d: {**d, "version": 2}, "made by a newer rung"),
        (lambda d: {**d, "version": "1"}, 'no integer "version"'),
        (lambda d: {**d, "learner": ""}, 'no "learner"'),
        (lambda d: {**d, "attempts": {}}, '"attempts" should be a list'),
        (lambda d: {**d, "attempts": [1]}, r"attempts\[0\] should be an object"),
        (
            lambda d: {
                **d,
                "attempts": [{k: v for k, v in d["attempts"][0].items() if k != "seed"}],
            },
            r'attempts\[0\] has no "seed"',
        ),
        (
            lambda d: {**d, "attempts": [{**d["attempts"][0], "seed": True}]},
            r'attempts\[0\]\."seed"',
        ),
        (
            lambda d: {**d, "attempts": [{**d["attempts"][0], "at": "2025-01-01T00:00:00"}]},
            "without a timezone",
        ),
        (
            lambda d: {**d, "lab_results": [{**d["lab_results"][0], "at": "yesterday"}]},
            r'lab_results\[0\]\."at" is not valid',
        ),
    ],
)
def test_malformed_files_are_refused_with_a_reason(
    sqlite_store, cur, fake_checks, now, mutate, message
) -> None:
    data = _valid(sqlite_store, cur, fake_checks, now)
    before = sqlite_store.export_learner("ada")
    with pytest.raises(ImportFormatError, match=message):
        sqlite_store.import_learner(mutate(copy.deepcopy(data)))
    assert comparable(sqlite_store.export_learner("ada")) == comparable(before)


@pytest.mark.postgres
def test_sqlite_to_postgres(sqlite_store, postgres_url, cur, fake_checks, now) -> None:
    tutor = history(sqlite_store, cur, fake_checks, now)
    data = json.loads(json.dumps(sqlite_store.export_learner("ada")))
    with open_store(postgres_url) as pg:
        pg.import_learner(data)
        pg.import_learner(data)
        assert pg.dialect == "postgresql"
        assert comparable(pg.export_learner("ada")) == comparable(data)
        moved = Tutor(pg, cur, "ada", checks=fake_checks)
        assert moved.progress_summary(now) == tutor.progress_summary(now)
