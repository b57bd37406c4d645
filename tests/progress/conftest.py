"""Fixtures for the progress tests: a store on each backend, a fixed clock, fakes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rung.curriculum import load_curriculum
from rung.progress import Store, open_store
from tests.pg import postgres_server, postgres_url  # noqa: F401
from tests.progress.fakes import FakeRegistry, default_registry

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database URL, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'rung.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(f"sqlite:///{tmp_path / 'rung.db'}")
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(scope="session")
def cur():  # noqa: ANN201 - the curriculum model
    return load_curriculum()


@pytest.fixture
def fake_checks() -> FakeRegistry:
    return default_registry()


@pytest.fixture
def now() -> datetime:
    return datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
