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
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.distributed as dist
from gpt.data import CharTokenizer, get_batch, load_text, split
from gpt.model import GPT
from gpt.train import (
    GPTConfig,
    configure_optimizer,
    default_data_path,
    get_lr,
    parse_args,
    seed_everything,
)
from torch.nn.parallel import DistributedDataParallel as DDP


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
    use_cuda = torch.cuda.is_available() and device != "cpu"
    if "RANK" not in os.environ:
        return DistInfo(device="cuda" if use_cuda else "cpu")
    rank = int(os.environ["RANK"])
    world_size = int(os.environ["WORLD_SIZE"])
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    if use_cuda:
        backend, dev = "nccl", f"cuda:{local_rank}"
        torch.cuda.set_device(dev)
    else:
        backend, dev = "gloo", "cpu"
    dist.init_process_group(backend=backend, rank=rank, world_size=world_size)
    return DistInfo(rank, local_rank, world_size, dev, backend)


def cleanup(info: DistInfo) -> None:
    if info.backend is not None and dist.is_initialized():
        dist.destroy_process_group()


# ---------------------------------------------------------------------- TASK shard


def shard(batch: torch.Tensor, rank: int, world_size: int) -> torch.Tensor:
    """This rank's rows of the global batch: the ``rank``-th of ``world_size`` equal,
    consecutive slices. Unequal slices would weight the ranks' losses unequally."""
    n = batch.shape[0]
    if n % world_size:
        raise ValueError(f"global batch {n} does not split evenly over {world_size} ranks")
    per_rank = n // world_size
    return batch[rank * per_rank : (rank + 1) * per_rank]


# ---------------------------------------------------------------------- TASK mean-loss


def global_mean(value: torch.Tensor, info: DistInfo) -> float:
    """The mean of ``value`` over all ranks (every rank gets the same number): sum
    with ``all_reduce`` and divide by the world size. Alone, the value itself."""
    value = value.detach().clone().float()
    if info.backend is not None:
        dist.all_reduce(value, op=dist.ReduceOp.SUM)
        value /= info.world_size
    return value.item()


# ---------------------------------------------------------------------- TASK train


def train_ddp(cfg: GPTConfig, info: DistInfo, log: Callable[[str], None] = print) -> list[float]:
    """Train for ``cfg.max_iters`` steps; ``cfg.batch_size`` is the *global* batch.
    Returns the global mean loss of every step (the same list on every rank)."""
    text = load_text(cfg.data_path or default_data_path())
    tok = CharTokenizer(text)
    train_data, _ = split(torch.tensor(tok.encode(text), dtype=torch.long))
    seed_everything(cfg.seed)  # same seed everywhere: same initial weights on every rank
    model = GPT(cfg.model_config(tok.vocab_size, tok.chars)).to(info.device)
    # DDP also broadcasts rank 0's weights at construction, and hooks the gradient
    # all-reduce into backward, overlapping communication with computation.
    runner = (
        model
        if info.backend is None
        else DDP(model, device_ids=[info.local_rank] if info.backend == "nccl" else None)
    )
    optimizer = configure_optimizer(
        model,
        cfg.weight_decay,
        cfg.learning_rate,
        (cfg.beta1, cfg.beta2),
        info.device.split(":")[0],
    )
    gen = torch.Generator().manual_seed(cfg.seed + 1)  # the same global batches on every rank
    losses = []
    for it in range(cfg.max_iters):
        for group in optimizer.param_groups:
            group["lr"] = get_lr(it, cfg)
        x, y = get_batch(train_data, cfg.block_size, cfg.batch_size, gen)
        x = shard(x, info.rank, info.world_size).to(info.device)
        y = shard(y, info.rank, info.world_size).to(info.device)
        _, loss = runner(x, y)
        loss.backward()  # under DDP: gradients now averaged over the ranks
        if cfg.grad_clip > 0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        losses.append(global_mean(loss, info))
        if info.is_main and cfg.log_interval and it % cfg.log_interval == 0:
            log(f"iter {it}: loss {losses[-1]:.4f} ({info.world_size} process(es))")
    return losses


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
