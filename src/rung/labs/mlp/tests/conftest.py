"""Shared fixtures for the mlp lab's tests: the names and a small dataset.

The tests never trust the learner's code to build their references: where a test
needs a dataset it builds it (``reference.py``) in its own words, from the raw names.
"""

from __future__ import annotations

import pytest
import torch
from _reference import reference_dataset

from rung.labs.harness import lab_data

torch.set_num_threads(1)


@pytest.fixture(scope="session")
def words() -> list[str]:
    text = lab_data("names").read_text(encoding="utf-8")
    return [w for w in text.split() if w]


@pytest.fixture(scope="session")
def small_data(words: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
    """Examples from 2,000 names (about 14,000 rows): enough to train on for a test."""
    return reference_dataset(words[::16][:2000])
