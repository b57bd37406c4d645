"""The ddp lab's trainer, run alone, is the gpt lab's trainer: same seeds, same
batches, same loss curve. (The two-process run is the lab's own `train` task, which
the generic strength tests run through the sandbox.)"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

LABS = Path(__file__).resolve().parents[2] / "src" / "rung" / "labs"


def test_single_process_ddp_trainer_equals_the_plain_trainer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.syspath_prepend(str(LABS / "gpt" / "solution"))
    monkeypatch.syspath_prepend(str(LABS / "ddp" / "solution"))
    import torch
    from ddp.train_ddp import DistInfo, train_ddp
    from gpt.train import GPTConfig, train

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    cfg = GPTConfig(
        data_path=str(Path(os.environ["RUNG_DATA_DIR"]) / "tinyshakespeare.txt"), out_dir=str(tmp_path),
        n_layer=1, n_head=2, n_embd=32, block_size=16, batch_size=8, max_iters=8, eval_interval=10**6,
        eval_iters=1, log_interval=0, learning_rate=3e-3, warmup_iters=2, lr_decay_iters=8, device="cpu",
    )  # fmt: skip
    try:
        plain = train(cfg, log=lambda _: None).losses
        alone = train_ddp(cfg, DistInfo(), log=lambda _: None)
    finally:
        torch.set_num_threads(threads)
    assert alone == pytest.approx(plain, abs=1e-6)
