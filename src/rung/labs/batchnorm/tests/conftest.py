"""Fixtures for the batchnorm lab's tests: the names and a small dataset built independently."""

from __future__ import annotations

import pytest
import torch
from _reference import reference_dataset

from rung.labs.harness import lab_data

torch.set_num_threads(1)


@pytest.fixture(scope="session")
def words() -> list[str]:
    return [w for w in lab_data("names").read_text(encoding="utf-8").split() if w]


@pytest.fixture(scope="session")
def small_data(words: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
    """Examples from 2,000 names spread over the file (about 14,000 rows)."""
    return reference_dataset(words[::16][:2000])
