"""The mlp lab's steps page against its reference solution: the worked example and the
figures it quotes are recomputed here, so the page cannot drift from the code."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import torch

from rung import data

LAB = Path(__file__).resolve().parents[2] / "src" / "rung" / "labs" / "mlp"


@pytest.fixture
def mlp(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.syspath_prepend(str(LAB / "solution"))
    import mlp.data
    import mlp.model
    import mlp.train

    torch.set_num_threads(1)
    return mlp


def test_emma_table_matches_build_dataset(mlp) -> None:  # type: ignore[no-untyped-def]
    steps = (LAB / "steps.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([.a-z]{3})` \| `([.a-z])` \|$", steps, flags=re.M)
    stoi, itos = mlp.data.build_vocab(["emma"] + list("abcdefghijklmnopqrstuvwxyz"))
    X, Y = mlp.data.build_dataset(["emma"], stoi, block_size=3)
    built = [
        ("".join(itos[i] for i in x), itos[y]) for x, y in zip(X.tolist(), Y.tolist(), strict=True)
    ]
    assert rows == built, f"steps.md table {rows} vs build_dataset {built}"
    assert "27³ ≈ 20,000" in steps and 27**3 == 19_683


def test_quoted_numbers(mlp) -> None:  # type: ignore[no-untyped-def]
    steps = (LAB / "steps.md").read_text(encoding="utf-8")
    assert f"{math.log(27):.4f}" == "3.2958" and "3.2958" in steps


def test_split_of_names_txt(mlp) -> None:  # type: ignore[no-untyped-def]
    words = data.path("names").read_text(encoding="utf-8").split()
    train, dev, test = mlp.data.split_words(words, seed=42)
    assert (len(train), len(dev), len(test)) == (25_626, 3_203, 3_204)


def test_lr_sweep_picks_the_quoted_rate(mlp) -> None:  # type: ignore[no-untyped-def]
    """steps.md: 1,000 rates from 0.001 to 1, window 50, pick about 0.18."""
    words = data.path("names").read_text(encoding="utf-8").split()
    stoi, _ = mlp.data.build_vocab(words)
    train, _, _ = mlp.data.split_words(words, seed=42)
    X, Y = mlp.data.build_dataset(train, stoi, 3)
    params = mlp.model.init_params(generator=torch.Generator().manual_seed(0))
    lrs = mlp.train.lr_candidates(1e-3, 1.0, 1000)
    losses = mlp.train.lr_sweep(params, X, Y, lrs, 32, torch.Generator().manual_seed(1))
    picked = mlp.train.pick_lr(lrs, losses, window=50)
    assert 0.15 < picked < 0.21, picked
    assert min(losses) < losses[0] - 0.3, "the sweep should also have trained the model"
