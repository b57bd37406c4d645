"""Data-parallel training: the shard, the process group, the all-reduced loss, and a
real two-process run under torchrun (gloo, loopback) against one process.

PYTEST_DONT_REWRITE: the assertion messages are written for the learner, whole.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torch.distributed as dist
from ddp.train_ddp import DistInfo, cleanup, global_mean, setup, shard, train_ddp
from gpt.train import GPTConfig

from rung.labs.harness import Mismatch, assert_close, lab_data

FLAGS = {
    "n_layer": 1, "n_head": 2, "n_embd": 32, "block_size": 16, "batch_size": 8, "max_iters": 10,
    "learning_rate": 3e-3, "warmup_iters": 2, "lr_decay_iters": 10, "min_lr": 3e-4,
    "log_interval": 0, "device": "cpu", "seed": 5, "threads": 1,
}  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.task("shard")
def test_shards_are_equal_consecutive_slices() -> None:
    batch = torch.arange(24).view(8, 3)
    parts = [shard(batch, r, 4) for r in range(4)]
    for r, part in enumerate(parts):
        assert_close(f"shard for rank {r} of 4", part, batch[2 * r : 2 * r + 2], atol=0)
    assert_close("the shards of all ranks, in rank order", torch.cat(parts), batch, atol=0)
    with pytest.raises(ValueError):
        shard(batch, 0, 3)


@pytest.mark.task("setup")
def test_setup_alone_and_in_a_group_of_one(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("RANK", "WORLD_SIZE", "LOCAL_RANK"):
        monkeypatch.delenv(key, raising=False)
    alone = setup("cpu")
    if (alone.rank, alone.world_size, alone.backend, alone.device) != (0, 1, None, "cpu"):
        raise Mismatch(
            f"without torchrun, setup should return rank 0 of 1, no backend, cpu; got {alone}"
        )
    if dist.is_initialized():
        raise Mismatch("without torchrun, setup should not start a process group")
    env = {"RANK": "0", "WORLD_SIZE": "1", "LOCAL_RANK": "0", "MASTER_ADDR": "127.0.0.1",
           "MASTER_PORT": str(free_port()), "GLOO_SOCKET_IFNAME": "lo"}  # fmt: skip
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    info = setup("cpu")
    try:
        if not dist.is_initialized() or info.backend != "gloo" or info.world_size != 1:
            raise Mismatch(
                f"under torchrun's variables, setup should init a gloo group; got {info}"
            )
        if dist.get_world_size() != 1:
            raise Mismatch("the process group should have WORLD_SIZE members")
    finally:
        cleanup(info)
    if dist.is_initialized():
        raise Mismatch("cleanup should destroy the process group")


@pytest.mark.task("mean-loss")
def test_global_mean_alone_is_the_value() -> None:
    got = global_mean(torch.tensor(2.5), DistInfo())
    if not isinstance(got, float) or got != 2.5:
        raise Mismatch(f"alone, global_mean(tensor(2.5)) should be the float 2.5, got {got!r}")


@pytest.mark.task("train")
@pytest.mark.timeout(120)
def test_two_processes_match_one(tmp_path: Path) -> None:
    data = str(lab_data("tinyshakespeare"))
    cfg = GPTConfig(data_path=data, **FLAGS)  # type: ignore[arg-type]
    single = train_ddp(cfg, DistInfo(), log=lambda _: None)
    if len(single) != 10 or not single[-1] < single[0] - 0.3:
        raise Mismatch(
            f"one process: 10 steps should lower the loss by more than 0.3, got {single}"
        )
    out = tmp_path / "losses.json"
    argv = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
            "-m", "ddp.train_ddp", "--data_path", data, "--losses_out", str(out)]  # fmt: skip
    for key, value in FLAGS.items():
        argv += [f"--{key}", str(value)]
    # The children see exactly this process's import path (the workspace, torch, rung).
    path = os.pathsep.join([str(Path.cwd()), *(p for p in sys.path if p)])
    env = dict(os.environ, OMP_NUM_THREADS="1", GLOO_SOCKET_IFNAME="lo", PYTHONPATH=path)
    try:
        res = subprocess.run(
            argv, env=env, capture_output=True, text=True, timeout=100, cwd=Path.cwd()
        )
    except subprocess.TimeoutExpired:
        raise Mismatch(
            "the two-process run did not finish in 100 s (a rank waiting on a collective the other never joined?)"
        ) from None
    if res.returncode != 0 or not out.exists():
        tail = (res.stderr or res.stdout).strip().splitlines()[-6:]
        raise Mismatch("the torchrun run failed:\n" + "\n".join(tail))
    report = json.loads(out.read_text())
    if report["world_size"] != 2:
        raise Mismatch(f"the run should report world_size 2, got {report['world_size']}")
    assert_close(
        "losses of 2 processes (half the batch each) vs 1 process (whole batch)",
        report["losses"],
        single,
        atol=1e-5,
        rtol=0,
    )
