"""The store on every backend: schema, round trips, isolation between learners."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from rung.progress import AttemptRow, CardRow, Store, schema
from rung.progress.models import Base

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def row(
    check: str = "c.one", seed: int = 1, status: str = "correct", at: datetime = T0
) -> AttemptRow:
    return AttemptRow(check, seed, "42", status, None, "fine", 0, 3.5, False, at)


def test_schema_head_constant_matches_the_scripts() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(schema.__file__).with_name("migrations")))
    heads = ScriptDirectory.from_config(cfg).get_heads()
    assert heads == [schema.SCHEMA_HEAD]


def test_migrated_schema_matches_the_models(store: Store) -> None:
    assert schema.current_revision(store.engine) == schema.SCHEMA_HEAD
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_attempts_round_trip_in_order_and_in_utc(store: Store) -> None:
    paris = timezone(timedelta(hours=1))
    store.record_attempt("ada", row(seed=2, at=T0 + timedelta(minutes=5)))
    store.record_attempt("ada", row(seed=1, at=datetime(2025, 3, 1, 10, 0, tzinfo=paris)))
    got = store.attempts("ada")
    assert [a.seed for a in got] == [1, 2]  # 10:00+01:00 is 09:00 UTC, before 09:05
    assert got[0].at == T0 and got[0].at.tzinfo is not None
    assert got[0].uid and got[0].uid != got[1].uid
    assert store.seeds_tried("ada", "c.one") == {1, 2}
    assert store.attempts("ada", ["other"]) == []
    assert [a.seed for a in store.attempts("ada", limit=1)] == [2]


def test_graded_before_ignores_unreadable(store: Store) -> None:
    store.record_attempt("ada", row(seed=7, status="unreadable"))
    assert not store.graded_before("ada", "c.one", 7)
    store.record_attempt("ada", row(seed=7, status="wrong"))
    assert store.graded_before("ada", "c.one", 7)


def test_cards_are_upserted_and_listed_by_due(store: Store) -> None:
    first = CardRow("c.one", "{}", T0 + timedelta(days=3), 1, T0)
    store.record_attempt("ada", row(), first)
    store.record_attempt("ada", row("c.two"), CardRow("c.two", "{}", T0 + timedelta(days=1), 1, T0))
    store.record_attempt(
        "ada", row(seed=2), CardRow("c.one", '{"x": 1}', T0 + timedelta(days=9), 2, T0)
    )
    assert store.card("ada", "c.one") == CardRow("c.one", '{"x": 1}', T0 + timedelta(days=9), 2, T0)
    assert [c.check_id for c in store.cards("ada")] == ["c.two", "c.one"]
    assert [c.check_id for c in store.cards("ada", T0 + timedelta(days=2))] == ["c.two"]


def test_learners_never_see_each_other(store: Store) -> None:
    store.record_attempt("ada", row())
    store.set_lesson("ada", "la.matmul", "done", T0)
    store.set_video("ada", "v1", True, T0)
    store.add_lab_result("ada", "micrograd", "t1", True, "ok", T0)
    store.add_self_rating("ada", "c.one", 1, "because", 4, T0)
    assert store.attempts("bob") == []
    assert store.lesson_marks("bob") == {}
    assert store.videos_watched("bob") == set()
    assert store.lab_results("bob") == []
    assert store.self_ratings("bob") == []
    assert sorted(store.learners()) == ["ada"]


def test_marks_labs_and_ratings(store: Store) -> None:
    store.set_lesson("ada", "la.orientation", "started", T0)
    store.set_lesson("ada", "la.orientation", "done", T0 + timedelta(hours=1))
    store.set_lesson("ada", "la.vectors", "started", T0)
    store.set_lesson("ada", "la.vectors", None, T0)
    assert store.lesson_marks("ada") == {"la.orientation": "done"}
    store.set_video("ada", "v1", True, T0)
    store.set_video("ada", "v2", True, T0)
    store.set_video("ada", "v2", False, T0)
    assert store.videos_watched("ada") == {"v1"}
    store.add_lab_result("ada", "micrograd", "t1", False, "grad differs", T0)
    store.add_lab_result("ada", "micrograd", "t1", True, "", T0 + timedelta(minutes=1))
    store.add_lab_result("ada", "gpt", "t1", True, "", T0)
    assert [(r.task_id, r.passed) for r in store.lab_results("ada", "micrograd")] == [
        ("t1", False),
        ("t1", True),
    ]
    store.add_self_rating("ada", "c.one", 5, "the columns mix", 3, T0)
    (rating,) = store.self_ratings("ada")
    assert (rating.text, rating.rating, rating.seed) == ("the columns mix", 3, 5)
