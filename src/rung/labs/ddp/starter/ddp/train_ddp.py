"""Data-parallel training of the GPT with DistributedDataParallel, under torchrun.

    python -m torch.distributed.run --standalone --nproc_per_node 2 -m ddp.train_ddp \\
        --max_iters 10 --losses_out losses.json
    python -m ddp.train_ddp --max_iters 10 --losses_out one.json     # one process

Every process ("rank") holds a full copy of the model. Each step, all ranks draw the
*same* global batch (their generators share a seed) and each keeps only its own
slice of the rows; during ``backward`` DDP averages the gradients of all ranks, so
every copy takes the same optimizer step and the copies never drift apart. With
equal slices, the average of the ranks' mean losses is the mean loss of the global
batch, and its gradient is the average of theirs: two processes on half a batch each
compute exactly what one process computes on the whole batch, up to the order of
floating-point additions.

torchrun starts the processes and tells each who it is through environment
variables: ``RANK`` (0..WORLD_SIZE-1), ``WORLD_SIZE``, ``LOCAL_RANK`` (its index on
this machine, which picks its GPU) and ``MASTER_ADDR``/``MASTER_PORT`` (where they
meet). The backend is NCCL between GPUs and gloo on CPUs.
"""

from __future__ import annotations

import dataclasses
import json
import os  # noqa: F401 - you will need it
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.distributed as dist  # noqa: F401 - you will need it
from gpt.data import CharTokenizer, get_batch, load_text, split  # noqa: F401 - you will need it
from gpt.model import GPT  # noqa: F401 - you will need it
from gpt.train import (
    GPTConfig,
    configure_optimizer,  # noqa: F401 - you will need it
    default_data_path,  # noqa: F401 - you will need it
    get_lr,  # noqa: F401 - you will need it
    parse_args,
    seed_everything,  # noqa: F401 - you will need it
)
from torch.nn.parallel import DistributedDataParallel as DDP  # noqa: F401 - you will need it


@dataclass(frozen=True)
class DistInfo:
    rank: int = 0
    local_rank: int = 0
    world_size: int = 1
    device: str = "cpu"
    backend: str | None = None  # None: a single process, no process group

    @property
    def is_main(self) -> bool:
        """Rank 0 alone logs and writes files, so they are written once."""
        return self.rank == 0


# ---------------------------------------------------------------------- TASK setup


def setup(device: str = "auto") -> DistInfo:
    """Join the process group torchrun prepared, or run alone when not under torchrun.

    Under torchrun (``RANK`` is set): NCCL and the GPU numbered ``LOCAL_RANK`` when
    CUDA is there and not refused, else gloo on the CPU; ``init_process_group`` reads
    the rest of the rendezvous from the environment.
    """
    # TASK setup: alone without RANK; else read RANK, WORLD_SIZE, LOCAL_RANK, pick nccl+cuda:LOCAL_RANK or gloo+cpu, init_process_group
    raise NotImplementedError("TASK setup: setup")


def cleanup(info: DistInfo) -> None:
    # TASK setup: destroy the process group if one was started
    raise NotImplementedError("TASK setup: cleanup")


# ---------------------------------------------------------------------- TASK shard


def shard(batch: torch.Tensor, rank: int, world_size: int) -> torch.Tensor:
    """This rank's rows of the global batch: the ``rank``-th of ``world_size`` equal,
    consecutive slices. Unequal slices would weight the ranks' losses unequally."""
    # TASK shard: rows [rank * n/world, (rank + 1) * n/world); ValueError if n does not divide
    raise NotImplementedError("TASK shard: shard")


# ---------------------------------------------------------------------- TASK mean-loss


def global_mean(value: torch.Tensor, info: DistInfo) -> float:
    """The mean of ``value`` over all ranks (every rank gets the same number): sum
    with ``all_reduce`` and divide by the world size. Alone, the value itself."""
    # TASK mean-loss: all_reduce SUM over ranks, divided by world_size; a float
    raise NotImplementedError("TASK mean-loss: global_mean")


# ---------------------------------------------------------------------- TASK train


def train_ddp(cfg: GPTConfig, info: DistInfo, log: Callable[[str], None] = print) -> list[float]:
    """Train for ``cfg.max_iters`` steps; ``cfg.batch_size`` is the *global* batch.
    Returns the global mean loss of every step (the same list on every rank)."""
    # TASK train: same seed everywhere, DDP wrap when in a group, the same global batch on every rank, shard it, step; global mean loss per step
    raise NotImplementedError("TASK train: train_ddp")


# ---------------------------------------------------------------------- given


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    out = None
    if "--losses_out" in args:  # our own flag; the rest are GPTConfig's
        i = args.index("--losses_out")
        out = args[i + 1]
        del args[i : i + 2]
    cfg = parse_args(args)
    info = setup(cfg.device)
    try:
        if cfg.threads:
            torch.set_num_threads(cfg.threads)
        losses = train_ddp(dataclasses.replace(cfg, device=info.device), info)
        if out and info.is_main:
            Path(out).write_text(json.dumps({"world_size": info.world_size, "losses": losses}))
    finally:
        cleanup(info)


if __name__ == "__main__":
    main()
