"""Tasks lr-schedule, train-loop and checkpoint: the schedule's values, the optimizer's
groups, a short real run on Shakespeare, and a resume that changes nothing.

PYTEST_DONT_REWRITE: the assertion messages are written for the learner, whole.
"""

from __future__ import annotations

import dataclasses
import math
import random
from pathlib import Path

import numpy as np
import pytest
import torch
from gpt.data import BatchSampler, get_batch
from gpt.model import GPT, ModelConfig
from gpt.train import (
    GPTConfig,
    configure_optimizer,
    estimate_loss,
    get_lr,
    load_checkpoint,
    parse_args,
    rng_state,
    set_rng_state,
    train,
)

from rung.labs.harness import assert_close, lab_data


def tiny(tmp: Path, **kw: object) -> GPTConfig:
    """A model small enough to train a few dozen steps in about a second."""
    base = dict(
        data_path=str(lab_data("tinyshakespeare")), out_dir=str(tmp / "out"), n_layer=1, n_head=2,
        n_embd=32, block_size=16, batch_size=8, max_iters=60, eval_interval=60, eval_iters=4,
        log_interval=0, learning_rate=3e-3, min_lr=3e-4, warmup_iters=5, lr_decay_iters=60,
        device="cpu", dtype="float32", seed=3,
    )  # fmt: skip
    base.update(kw)
    return GPTConfig(**base)  # type: ignore[arg-type]


def quiet(_: str) -> None:
    pass


@pytest.mark.task("lr-schedule")
def test_warmup_then_cosine_then_floor() -> None:
    cfg = GPTConfig(learning_rate=1e-3, min_lr=1e-4, warmup_iters=10, lr_decay_iters=110)
    expected = {
        0: 1e-4,  # 1e-3 * 1/10
        4: 5e-4,
        9: 1e-3,  # warm-up reaches the peak at its last step
        10: 1e-3,  # cosine starts at the peak
        35: 1e-4 + 0.5 * (1 + math.cos(math.pi * 0.25)) * 9e-4,
        60: 5.5e-4,  # half way: the mean of peak and floor
        110: 1e-4,
        5000: 1e-4,
    }
    for it, lr in expected.items():
        assert_close(f"get_lr({it})", get_lr(it, cfg), lr, atol=1e-12, rtol=1e-9)
    flat = dataclasses.replace(cfg, decay_lr=False)
    assert_close("get_lr(50) with decay_lr=False", get_lr(50, flat), 1e-3, atol=1e-12)


@pytest.mark.task("lr-schedule")
def test_schedule_rises_then_falls() -> None:
    cfg = GPTConfig(learning_rate=6e-4, min_lr=6e-5, warmup_iters=20, lr_decay_iters=200)
    lrs = [get_lr(it, cfg) for it in range(260)]
    assert all(a < b for a, b in zip(lrs[:19], lrs[1:20], strict=True)), (
        "warm-up should rise every step"
    )
    assert all(a >= b for a, b in zip(lrs[20:], lrs[21:], strict=False)), (
        "after warm-up it should never rise"
    )
    assert min(lrs[20:]) >= 6e-5 - 1e-15, (
        f"after warm-up the rate fell below min_lr: {min(lrs[20:])}"
    )


@pytest.mark.task("train-loop")
def test_weight_decay_only_on_matrices() -> None:
    model = GPT(ModelConfig(vocab_size=11, block_size=8, n_layer=2, n_head=2, n_embd=8, bias=True))
    model.blocks[0].ln_1.weight.requires_grad_(False)  # frozen: must not be handed to the optimizer
    opt = configure_optimizer(model, 0.1, 1e-3, (0.9, 0.95), "cpu")
    by_decay: dict[float, set[int]] = {}
    for group in opt.param_groups:
        by_decay.setdefault(group["weight_decay"], set()).update(id(p) for p in group["params"])
    trainable = [p for p in model.parameters() if p.requires_grad]
    matrices = {id(p) for p in trainable if p.dim() >= 2}
    vectors = {id(p) for p in trainable if p.dim() < 2}
    assert by_decay.get(0.1, set()) == matrices, (
        "weight decay 0.1 should apply to exactly the 2-D parameters"
    )
    assert by_decay.get(0.0, set()) == vectors, (
        "biases and LayerNorm gains (1-D) should have weight decay 0"
    )
    assert sum(len(g["params"]) for g in opt.param_groups) == len(trainable), (
        "every trainable parameter once (a tied matrix counts once), frozen ones not at all"
    )


@pytest.mark.task("train-loop")
def test_estimate_loss_averages_fixed_batches() -> None:
    torch.manual_seed(0)
    model = GPT(
        ModelConfig(vocab_size=20, block_size=8, n_layer=1, n_head=2, n_embd=8, dropout=0.5)
    )
    data = torch.randint(0, 20, (400,))
    got = estimate_loss(model, {"val": data}, 8, 4, 3, seed=11)
    gen = torch.Generator().manual_seed(11)
    model.eval()
    with torch.no_grad():
        losses = [model(*get_batch(data, 8, 4, gen))[1].item() for _ in range(3)]  # type: ignore[union-attr]
    assert_close("estimate_loss()['val']", got["val"], sum(losses) / 3, atol=1e-6)
    model.train()
    estimate_loss(model, {"val": data}, 8, 4, 3, seed=11)
    assert model.training, "estimate_loss should put the model back in training mode"


@pytest.mark.task("train-loop")
def test_a_short_run_learns(tmp_path: Path) -> None:
    result = train(tiny(tmp_path), log=quiet)
    assert len(result.losses) == 60, (
        f"60 iterations should record 60 losses, got {len(result.losses)}"
    )
    first = sum(result.losses[:5]) / 5
    last = sum(result.losses[-10:]) / 10
    assert first > 3.8, f"the first losses should be near ln 65 = 4.17, got {first:.3f}"
    assert last < first - 0.7, (
        f"60 steps should cut the loss by more than 0.7: from {first:.3f} to {last:.3f}"
    )
    iters = [e[0] for e in result.evals]
    assert iters == [0, 60], f"evaluations expected at iterations [0, 60], got {iters}"
    assert result.evals[-1][2] < result.evals[0][2] - 0.6, "the validation loss should fall too"


@pytest.mark.task("train-loop")
def test_bf16_autocast_path_runs_on_cpu(tmp_path: Path) -> None:
    result = train(tiny(tmp_path, max_iters=6, eval_interval=6, dtype="bfloat16"), log=quiet)
    assert result.dtype == "bfloat16", (
        f"dtype='bfloat16' should train under bf16 autocast, got {result.dtype}"
    )
    assert len(result.losses) == 6, f"6 iterations should record 6 losses, got {len(result.losses)}"
    assert all(math.isfinite(x) for x in result.losses), (
        f"bf16 losses should be finite: {result.losses}"
    )


@pytest.mark.task("train-loop")
def test_flags_override_the_config() -> None:
    cfg = parse_args(["--n_layer", "2", "--bias", "true", "--learning_rate", "3e-4"])
    got = (cfg.n_layer, cfg.bias, cfg.learning_rate, cfg.n_head)
    assert got == (2, True, 3e-4, 4), (
        f"flags should override n_layer, bias, learning_rate only: {got}"
    )
    gpu = parse_args(["--preset", "gpu", "--max_iters", "10"])
    got = (gpu.n_embd, gpu.block_size, gpu.max_iters)
    assert got == (384, 256, 10), (
        f"--preset gpu then --max_iters 10 should give (384, 256, 10), got {got}"
    )


@pytest.mark.task("checkpoint")
def test_rng_state_round_trip() -> None:
    sampler = BatchSampler(torch.arange(100), 4, 2, seed=0)
    state = rng_state(sampler)

    def draw() -> tuple[float, float, float, list[int]]:
        return (
            random.random(),
            float(np.random.rand()),
            torch.rand(1).item(),
            sampler.sample()[0][:, 0].tolist(),
        )

    first = draw()
    set_rng_state(state, sampler)
    assert draw() == first, (
        "after set_rng_state the python, numpy, torch and sampler streams should repeat"
    )


@pytest.mark.task("checkpoint")
def test_resume_is_exact(tmp_path: Path) -> None:
    kw = dict(
        max_iters=8, eval_interval=4, dropout=0.1, always_save_checkpoint=True, lr_decay_iters=8
    )
    straight = train(tiny(tmp_path / "a", **kw), log=quiet)
    train(tiny(tmp_path / "b", **{**kw, "max_iters": 4}), log=quiet)
    ckpt = load_checkpoint(tmp_path / "b" / "out" / "ckpt.pt")
    missing = {"model", "optimizer", "config", "iter_num", "best_val_loss", "rng"} - set(ckpt)
    assert not missing, f"the checkpoint lacks {sorted(missing)}"
    assert ckpt["iter_num"] == 4, (
        f"a checkpoint taken after 4 steps should say iter_num 4, got {ckpt['iter_num']}"
    )
    resumed = train(tiny(tmp_path / "b", **{**kw, "init_from": "resume"}), log=quiet)
    assert len(resumed.losses) == 4, (
        f"resuming at 4 of 8 should run 4 steps, ran {len(resumed.losses)}"
    )
    assert_close(
        "losses of steps 4..7 after resuming", resumed.losses, straight.losses[4:], atol=0, rtol=0
    )
    for (name, a), b in zip(
        straight.model.state_dict().items(), resumed.model.state_dict().values(), strict=True
    ):
        assert_close(f"weight {name} after 8 steps, straight vs resumed", b, a, atol=0, rtol=0)
