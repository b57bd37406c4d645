"""Fixtures for the lab tests: shared data, an offline cache, workspaces."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _lab_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Datasets come from ../shared/data; downloads are off; the cache is private."""
    monkeypatch.setenv("RUNG_DATA_DIR", str(SHARED_DATA))
    monkeypatch.setenv("RUNG_CACHE_DIR", str(tmp_path_factory.mktemp("rung-cache")))
    monkeypatch.setenv("RUNG_OFFLINE", "1")
