"""Benchmark the gpt lab's reference trainer: speed against plain PyTorch, and the
validation loss the CPU configuration reaches in its time budget.

    python bench/bench_gpt.py                     # timing table + full 2000-step runs on 1 and 2 threads
    python bench/bench_gpt.py --skip-full         # timing table only (about a minute)
    python bench/bench_gpt.py --full-threads 2    # the full run on 2 threads only

Three parts, each printed as a table:

1. Time per iteration of our trainer and of a minimal plain-PyTorch model of the same
   shape (``nn.TransformerEncoderLayer`` blocks with a causal mask, same embeddings,
   head, optimizer and batches), with 1 and 2 CPU threads. Aim: ratio <= 1.1.
2. The nanoGPT-CPU configuration (4 layers, 4 heads, 128 wide, block 64, batch 12,
   2000 iterations, dropout 0, lr 3e-3 with warm-up and cosine to 3e-4, eval_iters 20),
   on 1 and on 2 threads: final validation loss (nanoGPT's 20-batch estimate, and the
   exact loss over the whole validation split) and wall time. Targets: val <= 1.90
   within 4.5 minutes.
3. The GPU configuration (6x6x384, block 256, batch 64, 5000 iterations, dropout 0.2,
   bf16 autocast, compiled) when CUDA is present: val loss, time, tokens/s and MFU
   against the H100's 989 TFLOPS dense bf16 peak. Without CUDA it prints "GPU: not
   available in this run" and runs the same code path (bf16 autocast) on the CPU in a
   tiny shape, to show it works.

The machine's load average is printed first: on a shared box, timings move with it.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import time
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src" / "rung" / "labs" / "gpt" / "solution"))
os.environ.setdefault("RUNG_DATA_DIR", str(REPO.parent / "shared" / "data"))

from gpt.data import CharTokenizer, get_batch, load_text, split  # noqa: E402
from gpt.train import (  # noqa: E402
    PRESETS,
    GPTConfig,
    TrainResult,
    default_data_path,
    get_lr,
    train,
)

H100_BF16_PEAK = 989e12  # dense bf16 FLOP/s of one H100 SXM


class PlainGPT(nn.Module):
    """The same network from PyTorch's stock parts, as a speed reference."""

    def __init__(self, vocab: int, block: int, n_layer: int, n_head: int, n_embd: int) -> None:
        super().__init__()
        self.tok = nn.Embedding(vocab, n_embd)
        self.pos = nn.Embedding(block, n_embd)
        layer = nn.TransformerEncoderLayer(
            n_embd, n_head, 4 * n_embd, dropout=0.0, activation="gelu",
            batch_first=True, norm_first=True, bias=False,
        )  # fmt: skip
        self.blocks = nn.TransformerEncoder(layer, n_layer, enable_nested_tensor=False)
        self.ln = nn.LayerNorm(n_embd, bias=False)
        self.head = nn.Linear(n_embd, vocab, bias=False)
        self.head.weight = self.tok.weight
        self.register_buffer("mask", nn.Transformer.generate_square_subsequent_mask(block))

    def forward(self, idx: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        T = idx.shape[1]
        x = self.tok(idx) + self.pos(torch.arange(T))
        x = self.blocks(x, mask=self.mask[:T, :T], is_causal=True)
        logits = self.head(self.ln(x))
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))


def time_plain(cfg: GPTConfig, data: torch.Tensor, vocab: int, iters: int) -> list[float]:
    torch.manual_seed(cfg.seed)
    model = PlainGPT(vocab, cfg.block_size, cfg.n_layer, cfg.n_head, cfg.n_embd)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.learning_rate, betas=(cfg.beta1, cfg.beta2))
    gen = torch.Generator().manual_seed(cfg.seed + 1)
    times = []
    for it in range(iters):
        for group in opt.param_groups:
            group["lr"] = get_lr(it, cfg)
        t0 = time.perf_counter()
        x, y = get_batch(data, cfg.block_size, cfg.batch_size, gen)
        loss = model(x, y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        opt.step()
        opt.zero_grad(set_to_none=True)
        loss.item()
        times.append(time.perf_counter() - t0)
    return times


def quiet(_: str) -> None:
    pass


def timing_table(cfg: GPTConfig, threads: list[int], iters: int, rounds: int = 4) -> None:
    """Median step time of ours and of the plain model, measured in alternating
    rounds so that a change in the machine's load hits both alike."""
    text = load_text(default_data_path())
    tok = CharTokenizer(text)
    train_data, _ = split(torch.tensor(tok.encode(text), dtype=torch.long))
    print(
        f"\n## time per iteration, {cfg.n_layer}x{cfg.n_head}x{cfg.n_embd}, block {cfg.block_size}, "
        f"batch {cfg.batch_size} (median over {rounds} alternating rounds of {iters} steps, first 3 of each dropped)"
    )
    print(f"{'threads':>7} | {'ours (ms)':>10} | {'plain PyTorch (ms)':>18} | {'ratio':>6}")
    print(f"{'-' * 7}-+-{'-' * 10}-+-{'-' * 18}-+-{'-' * 6}")
    for n in threads:
        torch.set_num_threads(n)
        # Its own out_dir: these short runs must not overwrite the full run's checkpoint.
        short = dataclasses.replace(
            cfg,
            max_iters=iters,
            eval_interval=10**9,
            eval_iters=1,
            threads=n,
            out_dir=cfg.out_dir + "-timing",
        )
        ours: list[float] = []
        plain: list[float] = []
        for _ in range(rounds):
            ours += train(short, log=quiet).iter_times[3:]
            plain += time_plain(short, train_data, tok.vocab_size, iters)[3:]
        a, b = statistics.median(ours) * 1000, statistics.median(plain) * 1000
        print(f"{n:>7} | {a:>10.1f} | {b:>18.1f} | {a / b:>6.2f}")


@torch.no_grad()
def whole_split_loss(result: TrainResult) -> float:
    """Mean loss over every non-overlapping block of the validation split: the exact
    figure, where eval_iters=20 random windows (nanoGPT's estimate) wobble by ~0.02."""
    text = load_text(default_data_path())
    _, val = split(torch.tensor(result.tokenizer.encode(text), dtype=torch.long))
    block = result.config.block_size
    n = (len(val) - 1) // block
    x, y = val[: n * block].view(n, block), val[1 : n * block + 1].view(n, block)
    model = result.model
    model.eval()
    total = 0.0
    for i in range(0, n, 256):
        logits, _ = model(x[i : i + 256], y[i : i + 256])
        total += F.cross_entropy(
            logits.reshape(-1, logits.size(-1)), y[i : i + 256].reshape(-1), reduction="sum"
        ).item()
    return total / (n * block)


def full_run(cfg: GPTConfig) -> tuple[float, float, float]:
    print(f"\n## full CPU run: {cfg.max_iters} iterations on {cfg.threads} thread(s)")
    t0 = time.perf_counter()
    result = train(cfg, log=lambda s: print("   ", s, flush=True))
    wall = time.perf_counter() - t0
    val = result.evals[-1][2]
    exact = whole_split_loss(result)
    print(f"{'final train loss':>27} | {result.evals[-1][1]:.4f}")
    print(f"{'final val loss (20 batches)':>27} | {val:.4f}")
    print(
        f"{'val loss, whole val split':>27} | {exact:.4f}  "
        f"(target <= 1.90: {'met' if max(val, exact) <= 1.90 else 'NOT met'})"
    )
    print(
        f"{'wall time':>27} | {wall:.1f} s  (target <= 270 s: {'met' if wall <= 270 else 'NOT met'})"
    )
    print(f"{'ms per iteration':>27} | {statistics.median(result.iter_times) * 1000:.1f} (median)")
    return val, exact, wall


def gpu_run(out_dir: str) -> None:
    print(
        "\n## GPU configuration (shakespeare_char: 6x6x384, block 256, batch 64, 5000 iters, bf16)"
    )
    if not torch.cuda.is_available():
        print("GPU: not available in this run")
        cfg = GPTConfig(**PRESETS["gpu"])
        tiny = dataclasses.replace(
            cfg, n_layer=2, n_head=2, n_embd=64, block_size=32, batch_size=4, max_iters=10,
            eval_interval=10, eval_iters=2, log_interval=0, compile=False, device="cpu",
            dtype="bfloat16", out_dir=out_dir,
        )  # fmt: skip
        result = train(tiny, log=quiet)
        print(f"the same code path on CPU, tiny shape, bf16 autocast: 10 steps, "
              f"loss {result.losses[0]:.3f} -> {result.losses[-1]:.3f}, dtype {result.dtype}")  # fmt: skip
        return
    cfg = dataclasses.replace(GPTConfig(**PRESETS["gpu"]), out_dir=out_dir, log_interval=500)
    t0 = time.perf_counter()
    result = train(cfg, log=lambda s: print("   ", s, flush=True))
    wall = time.perf_counter() - t0
    step = statistics.median(result.iter_times[50:])
    tokens_per_s = result.tokens_per_iter / step
    mfu = result.model.flops_per_token() * tokens_per_s / H100_BF16_PEAK
    val = result.evals[-1][2]
    print(f"{'device':>18} | {torch.cuda.get_device_name()}")
    print(
        f"{'final val loss':>18} | {val:.4f}  (target <= 1.48: {'met' if val <= 1.48 else 'NOT met'})"
    )
    print(
        f"{'wall time':>18} | {wall:.1f} s  (target <= 180 s: {'met' if wall <= 180 else 'NOT met'})"
    )
    print(f"{'tokens/s':>18} | {tokens_per_s:,.0f}")
    print(f"{'MFU (989 TFLOPS)':>18} | {mfu * 100:.1f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--timing-iters", type=int, default=15)
    parser.add_argument("--full-threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--iters", type=int, default=2000)
    parser.add_argument("--skip-full", action="store_true")
    parser.add_argument("--skip-timing", action="store_true")
    parser.add_argument("--out-dir", default="/tmp/rung-bench-gpt")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"# bench_gpt: torch {torch.__version__}, {os.cpu_count()} CPUs, load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")  # fmt: skip
    cfg = GPTConfig(
        max_iters=args.iters, lr_decay_iters=args.iters, eval_interval=args.iters, eval_iters=20,
        log_interval=250, device="cpu", out_dir=args.out_dir,
    )  # fmt: skip
    if not args.skip_timing:
        timing_table(cfg, args.threads, args.timing_iters)
    if not args.skip_full:
        runs = [(n, *full_run(dataclasses.replace(cfg, threads=n))) for n in args.full_threads]
        print(f"\n## CPU configuration, lr {cfg.learning_rate:g} -> {cfg.min_lr:g}: summary")
        print(
            f"{'threads':>7} | {'val (20 batches)':>16} | {'val (whole split)':>17} | {'wall s':>7}"
        )
        for n, val, exact, wall in runs:
            print(f"{n:>7} | {val:>16.4f} | {exact:>17.4f} | {wall:>7.1f}")
    gpu_run(args.out_dir + "-gpu")


if __name__ == "__main__":
    main()
