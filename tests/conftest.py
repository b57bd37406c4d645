"""Fixtures shared by every test folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
CONTENT = REPO / "src" / "rung" / "content"


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the built-in content, for planting errors."""
    dest = tmp_path / "content"
    shutil.copytree(CONTENT, dest)
    return dest


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the real user's progress database or caches from a test."""
    home = tmp_path_factory.mktemp("rung-home")
    monkeypatch.setenv("RUNG_HOME", str(home))
    monkeypatch.delenv("RUNG_DATABASE_URL", raising=False)
    monkeypatch.delenv("RUNG_CONTENT_DIR", raising=False)
