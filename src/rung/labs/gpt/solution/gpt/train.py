"""Train the character-level GPT on Tiny Shakespeare; resume from a checkpoint exactly.

Run it from the workspace folder::

    python -m gpt.train                          # the CPU configuration (a few minutes)
    python -m gpt.train --n_layer 2 --max_iters 200
    python -m gpt.train --preset gpu             # 6x6x384, block 256, on one GPU
    python -m gpt.train --init_from resume       # carry on from out_dir/ckpt.pt

Every setting is a field of ``GPTConfig`` below; a command-line flag of the same
name overrides it (argparse, typed from the field's default). ``--preset`` picks a
named set of overrides first.

What makes resuming *exact* (same losses, same weights as a run never stopped):
the checkpoint holds the weights, the optimizer's moments, the iteration, the best
validation loss and every random stream in play: Python's, NumPy's, torch's (it
drives dropout) and the batch sampler's own generator. Evaluation draws its batches
from a generator seeded afresh each time, so evaluating never moves the training
streams.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import math
import os
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from gpt.data import BatchSampler, CharTokenizer, get_batch, load_text, split
from gpt.model import GPT, ModelConfig

CKPT_NAME = "ckpt.pt"


@dataclass
class GPTConfig:
    # --- data and output
    data_path: str = ""  # a text file; empty: Tiny Shakespeare from rung's dataset registry
    out_dir: str = "out-shakespeare-char"  # where ckpt.pt is written
    init_from: str = "scratch"  # "scratch" or "resume" (from out_dir/ckpt.pt)
    always_save_checkpoint: bool = False  # save at every evaluation, not only on a new best
    seed: int = 1337  # seeds model init and dropout; the batch sampler uses seed + 1
    # --- evaluation and logging
    eval_interval: int = 250  # evaluate every this many iterations (and at the end)
    eval_iters: int = 20  # batches averaged per split in one evaluation
    log_interval: int = 100  # print the training loss every this many iterations
    # --- model shape (see gpt/model.py)
    n_layer: int = 4
    n_head: int = 4
    n_embd: int = 128
    block_size: int = 64
    dropout: float = 0.0
    bias: bool = False
    tie_weights: bool = True
    # --- optimisation
    batch_size: int = 12  # sequences per micro-batch
    grad_accum: int = 1  # micro-batches per optimizer step
    max_iters: int = 2000  # optimizer steps in total
    # Peak, reached at the end of warm-up. A model this small takes a high rate well:
    # 3e-3 reaches val 1.77 in the 2000 CPU steps where 1e-3 stops at 1.90.
    learning_rate: float = 3e-3
    weight_decay: float = 0.1  # on matrices only (see configure_optimizer)
    beta1: float = 0.9
    beta2: float = 0.99  # a bit below the default 0.999: few tokens per step
    grad_clip: float = 1.0  # clip the global gradient norm to this; 0 turns it off
    decay_lr: bool = True  # warm-up and cosine decay; off: constant learning_rate
    warmup_iters: int = 100  # linear warm-up from near 0 to learning_rate
    lr_decay_iters: int = 2000  # cosine decay ends here (usually = max_iters)
    min_lr: float = 3e-4  # floor of the decay, about learning_rate / 10
    # --- system
    device: str = "auto"  # "auto" (CUDA when present, else CPU), "cpu", "cuda", "cuda:1"
    dtype: str = "auto"  # "auto" (bfloat16 on CUDA, float32 on CPU), "float32", "bfloat16"
    compile: bool = False  # torch.compile the model (worth it on a GPU for long runs)
    threads: int = 0  # torch CPU threads; 0 leaves torch's default

    def model_config(self, vocab_size: int, chars: str = "") -> ModelConfig:
        return ModelConfig(
            vocab_size=vocab_size,
            block_size=self.block_size,
            n_layer=self.n_layer,
            n_head=self.n_head,
            n_embd=self.n_embd,
            dropout=self.dropout,
            bias=self.bias,
            tie_weights=self.tie_weights,
            chars=chars,
        )


PRESETS: dict[str, dict[str, Any]] = {
    # The defaults above: a small model that learns in minutes on a laptop CPU.
    "cpu": {},
    # The usual one-GPU Shakespeare run: 10.65M parameters; nanoGPT reports about 1.47 val loss.
    "gpu": dict(
        n_layer=6, n_head=6, n_embd=384, block_size=256, batch_size=64, dropout=0.2,
        max_iters=5000, lr_decay_iters=5000, warmup_iters=100, eval_interval=500,
        eval_iters=200, learning_rate=1e-3, min_lr=1e-4, compile=True,
    ),
}  # fmt: skip

SHAPE_FIELDS = ("n_layer", "n_head", "n_embd", "block_size", "bias", "tie_weights")


def _bool(text: str) -> bool:
    low = text.lower()
    if low in ("1", "true", "yes", "on"):
        return True
    if low in ("0", "false", "no", "off"):
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, got {text!r}")


def parse_args(argv: Sequence[str] | None = None) -> GPTConfig:
    """A GPTConfig from command-line flags: ``--preset NAME`` first, then one
    ``--field value`` per field, typed like the field's default."""
    parser = argparse.ArgumentParser(description="Train a character-level GPT.")
    parser.add_argument("--preset", choices=sorted(PRESETS), default="cpu")
    for f in dataclasses.fields(GPTConfig):
        kind = type(f.default)
        parser.add_argument(
            f"--{f.name}",
            type=_bool if kind is bool else kind,
            default=None,
            metavar=kind.__name__.upper(),
        )
    args = vars(parser.parse_args(argv))
    cfg = GPTConfig(**PRESETS[args.pop("preset")])
    return dataclasses.replace(cfg, **{k: v for k, v in args.items() if v is not None})


# ---------------------------------------------------------------------- TASK lr-schedule


def get_lr(it: int, cfg: GPTConfig) -> float:
    """The learning rate for iteration ``it`` (counted from 0).

    Linear warm-up: ``learning_rate * (it + 1) / warmup_iters`` for the first
    ``warmup_iters`` iterations (Adam's moment estimates are poor at first, so big
    steps then are risky). Then a half cosine from ``learning_rate`` at
    ``it = warmup_iters`` down to ``min_lr`` at ``it = lr_decay_iters``, and
    ``min_lr`` after that.
    """
    if not cfg.decay_lr:
        return cfg.learning_rate
    if it < cfg.warmup_iters:
        return cfg.learning_rate * (it + 1) / cfg.warmup_iters
    if it >= cfg.lr_decay_iters:
        return cfg.min_lr
    progress = (it - cfg.warmup_iters) / (cfg.lr_decay_iters - cfg.warmup_iters)
    coeff = 0.5 * (1.0 + math.cos(math.pi * progress))  # 1 -> 0 along a half cosine
    return cfg.min_lr + coeff * (cfg.learning_rate - cfg.min_lr)


# ---------------------------------------------------------------------- TASK train-loop


def configure_optimizer(
    model: torch.nn.Module,
    weight_decay: float,
    learning_rate: float,
    betas: tuple[float, float],
    device_type: str = "cpu",
) -> torch.optim.AdamW:
    """AdamW with two groups: matrices (linear weights, embeddings) decay, vectors
    (biases, LayerNorm gains) do not: shrinking a gain towards 0 only fights the
    normalisation. Frozen parameters (``requires_grad=False``) are left out."""
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in params if p.dim() >= 2]
    no_decay = [p for p in params if p.dim() < 2]
    groups = [
        {"params": decay, "weight_decay": weight_decay},
        {"params": no_decay, "weight_decay": 0.0},
    ]
    # The fused CUDA kernel does the whole update in one launch.
    return torch.optim.AdamW(groups, lr=learning_rate, betas=betas, fused=device_type == "cuda")


@torch.no_grad()
def estimate_loss(
    model: torch.nn.Module,
    splits: dict[str, torch.Tensor],
    block_size: int,
    batch_size: int,
    eval_iters: int,
    seed: int,
    device: str = "cpu",
    ctx: contextlib.AbstractContextManager[Any] | None = None,
) -> dict[str, float]:
    """Mean loss over ``eval_iters`` batches of each split, in eval mode (no dropout).

    Each split's batches come from ``torch.Generator().manual_seed(seed)``, made
    afresh: every evaluation sees the same batches, so two evaluations differ only
    because the model did, and the training streams are never touched.
    """
    was_training = model.training
    model.eval()
    out = {}
    for name, data in splits.items():
        gen = torch.Generator().manual_seed(seed)
        total = 0.0
        for _ in range(eval_iters):
            x, y = get_batch(data, block_size, batch_size, gen)
            with ctx or contextlib.nullcontext():
                _, loss = model(x.to(device), y.to(device))
            total += loss.item()
        out[name] = total / eval_iters
    model.train(was_training)
    return out


@dataclass
class TrainResult:
    model: GPT
    tokenizer: CharTokenizer
    config: GPTConfig
    losses: list[float] = field(default_factory=list)  # training loss of each step run
    evals: list[tuple[int, float, float]] = field(default_factory=list)  # (iter, train, val)
    best_val_loss: float = math.inf
    iter_times: list[float] = field(default_factory=list)  # seconds per step, evals excluded
    start_iter: int = 0
    device: str = "cpu"
    dtype: str = "float32"

    @property
    def tokens_per_iter(self) -> int:
        return self.config.batch_size * self.config.grad_accum * self.config.block_size


def train(cfg: GPTConfig, log: Callable[[str], None] = print) -> TrainResult:
    """Train (or resume) as ``cfg`` says; returns the model and what happened.

    One iteration: set the learning rate; evaluate if it is time (and save a
    checkpoint on a new best, or always if asked); then ``grad_accum`` micro-batches
    forward and backward, clip the gradient norm, one optimizer step, zero grads.
    """
    device, device_type, dtype = pick_device(cfg)
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    if device_type == "cuda":
        torch.set_float32_matmul_precision("high")  # TF32 for any fp32 matmul left
    ctx = autocast(device_type, dtype)

    text = load_text(cfg.data_path or default_data_path())
    tok = CharTokenizer(text)
    data = torch.tensor(tok.encode(text), dtype=torch.long)
    train_data, val_data = split(data)

    ckpt = None
    if cfg.init_from == "resume":
        ckpt = load_checkpoint(Path(cfg.out_dir) / CKPT_NAME, device)
        # The model's shape comes from the checkpoint, whatever the flags say.
        cfg = dataclasses.replace(cfg, **{k: ckpt["config"][k] for k in SHAPE_FIELDS})
    elif cfg.init_from != "scratch":
        raise ValueError(f"init_from must be 'scratch' or 'resume', not {cfg.init_from!r}")

    seed_everything(cfg.seed)
    model = GPT(cfg.model_config(tok.vocab_size, tok.chars)).to(device)
    sampler = BatchSampler(train_data, cfg.block_size, cfg.batch_size, seed=cfg.seed + 1)
    optimizer = configure_optimizer(
        model, cfg.weight_decay, cfg.learning_rate, (cfg.beta1, cfg.beta2), device_type
    )
    result = TrainResult(model=model, tokenizer=tok, config=cfg, device=device, dtype=dtype)
    if ckpt is not None:
        model.load_state_dict(ckpt["model"])
        optimizer.load_state_dict(ckpt["optimizer"])
        result.start_iter = ckpt["iter_num"]
        result.best_val_loss = ckpt["best_val_loss"]
        set_rng_state(ckpt["rng"], sampler)
        log(f"resumed from {cfg.out_dir}/{CKPT_NAME} at iteration {result.start_iter}")
    runner = torch.compile(model) if cfg.compile else model
    log(f"{model.num_params() / 1e6:.2f}M parameters; device {device}, {dtype}")

    splits = {"train": train_data, "val": val_data}
    for it in range(result.start_iter, cfg.max_iters + 1):
        lr = get_lr(it, cfg)
        for group in optimizer.param_groups:
            group["lr"] = lr
        if it % cfg.eval_interval == 0 or it == cfg.max_iters:
            ev = estimate_loss(
                runner,
                splits,
                cfg.block_size,
                cfg.batch_size,
                cfg.eval_iters,
                cfg.seed,
                device,
                ctx,
            )
            result.evals.append((it, ev["train"], ev["val"]))
            log(f"iter {it}: train loss {ev['train']:.4f}, val loss {ev['val']:.4f}")
            improved = ev["val"] < result.best_val_loss
            result.best_val_loss = min(result.best_val_loss, ev["val"])
            fresh = it > result.start_iter or ckpt is None
            if it > 0 and fresh and (improved or cfg.always_save_checkpoint):
                save_checkpoint(
                    Path(cfg.out_dir) / CKPT_NAME,
                    model,
                    optimizer,
                    cfg,
                    it,
                    result.best_val_loss,
                    sampler,
                )
        if it == cfg.max_iters:
            break
        t0 = time.perf_counter()
        step_loss = 0.0
        for _ in range(cfg.grad_accum):
            x, y = sampler.sample()
            with ctx:
                _, loss = runner(x.to(device), y.to(device))
            # Average over micro-batches, so the gradient is that of one big batch.
            (loss / cfg.grad_accum).backward()
            step_loss += loss.item() / cfg.grad_accum
        if cfg.grad_clip > 0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        result.iter_times.append(time.perf_counter() - t0)
        result.losses.append(step_loss)
        if cfg.log_interval and it % cfg.log_interval == 0:
            log(
                f"iter {it}: loss {step_loss:.4f}, lr {lr:.2e}, {result.iter_times[-1] * 1000:.1f} ms"
            )
    return result


# ---------------------------------------------------------------------- TASK checkpoint


def rng_state(sampler: BatchSampler) -> dict[str, Any]:
    """Every random stream training reads, as plain data (tensors, ints, lists)."""
    np_state = np.random.get_state()
    state: dict[str, Any] = {
        "python": random.getstate(),
        "numpy": [np_state[0], np_state[1].tolist(), *np_state[2:]],
        "torch": torch.get_rng_state(),
        "sampler": sampler.state_dict(),
    }
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict[str, Any], sampler: BatchSampler) -> None:
    """Put every stream back where ``rng_state`` found it."""
    python = state["python"]
    random.setstate((python[0], tuple(python[1]), python[2]))
    kind, keys, *rest = state["numpy"]
    np.random.set_state((kind, np.array(keys, dtype=np.uint32), *rest))
    torch.set_rng_state(state["torch"])
    sampler.load_state_dict(state["sampler"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def save_checkpoint(
    path: Path,
    model: GPT,
    optimizer: torch.optim.Optimizer,
    cfg: GPTConfig,
    iter_num: int,
    best_val_loss: float,
    sampler: BatchSampler,
) -> None:
    """Write everything a resumed run needs. ``iter_num`` is the next iteration to
    run (its evaluation is already done). Written to a temporary file and renamed,
    so a crash mid-write never leaves a half checkpoint in place of a good one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    state = {
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "config": asdict(cfg),
        "model_config": asdict(model.config),
        "iter_num": iter_num,
        "best_val_loss": best_val_loss,
        "rng": rng_state(sampler),
    }
    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


def load_checkpoint(path: Path, device: str = "cpu") -> dict[str, Any]:
    """Read a checkpoint. ``weights_only=True``: only tensors and plain data are
    accepted, so loading a file can never run code hidden in it."""
    return torch.load(path, map_location=device, weights_only=True)


# ---------------------------------------------------------------------- given


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def pick_device(cfg: GPTConfig) -> tuple[str, str, str]:
    """(device, device type, dtype name) from the config's "auto" settings."""
    device = cfg.device
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    device_type = "cuda" if device.startswith("cuda") else "cpu"
    dtype = cfg.dtype
    if dtype == "auto":
        dtype = "bfloat16" if device_type == "cuda" else "float32"
    if dtype not in ("float32", "bfloat16"):
        raise ValueError(f"dtype must be auto, float32 or bfloat16, not {dtype!r}")
    return device, device_type, dtype


def autocast(device_type: str, dtype: str) -> contextlib.AbstractContextManager[Any]:
    """bf16 autocast: matmuls in bfloat16, reductions (softmax, LayerNorm, the loss)
    in float32. bf16 has float32's exponent range, so no loss scaling is needed."""
    if dtype == "float32":
        return contextlib.nullcontext()
    return torch.autocast(device_type=device_type, dtype=torch.bfloat16)


def default_data_path() -> Path:
    from rung.data import path

    return path("tinyshakespeare")


def load_model(path: str | Path, device: str = "cpu") -> GPT:
    """A trained GPT from a checkpoint, in eval mode."""
    ckpt = load_checkpoint(Path(path), device)
    model = GPT(ModelConfig(**ckpt["model_config"])).to(device)
    model.load_state_dict(ckpt["model"])
    return model.eval()


def sample_text(
    model: GPT,
    prompt: str = "\n",
    n: int = 500,
    temperature: float = 0.8,
    top_k: int | None = None,
    seed: int = 0,
) -> str:
    """``n`` characters after ``prompt``, reproducible from ``seed``."""
    stoi = {ch: i for i, ch in enumerate(model.config.chars)}
    device = next(model.parameters()).device
    idx = torch.tensor([[stoi[c] for c in prompt]], dtype=torch.long, device=device)
    gen = torch.Generator(device=device).manual_seed(seed)
    out = model.generate(idx, n, temperature=temperature, top_k=top_k, generator=gen)
    return "".join(model.config.chars[i] for i in out[0].tolist())


def main(argv: Sequence[str] | None = None) -> None:
    cfg = parse_args(argv)
    result = train(cfg)
    print(f"best val loss {result.best_val_loss:.4f}")
    print(sample_text(result.model.eval(), n=300, seed=cfg.seed))


if __name__ == "__main__":
    main()
