"""Full training runs of the makemore labs' reference solutions (run: python bench/bench_makemore.py).

The lab tests train for a few hundred steps on small slices so that CI stays fast;
the targets the steps pages quote come from here: each reference trained on the
train split of names.txt (80/10/10, seed 42) and measured on dev, with torch on one
thread. The ninja row checks the hand-written backward pass against autograd instead.

Prints a table (lab, configuration, dev loss, target, seconds, target seconds) and
the machine's load average, since on a shared machine the times mean little without
it. ``--scale 0.1`` runs a tenth of the steps for a quick look (targets then do not
apply). Data: RUNG_DATA_DIR or the dataset registry.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch

LABS = Path(__file__).resolve().parents[1] / "src" / "rung" / "labs"
for _lab in ("mlp", "batchnorm", "ninja", "wavenet"):
    sys.path.insert(0, str(LABS / _lab / "solution"))

from rung import data  # noqa: E402


@dataclass
class Row:
    lab: str
    config: str
    value: float  # dev loss (ninja: max abs difference from autograd)
    target: float
    seconds: float
    target_seconds: float
    train: float | None = None

    @property
    def ok(self) -> bool:
        return self.value <= self.target and self.seconds <= self.target_seconds


def _splits(words: list[str], block_size: int):  # type: ignore[no-untyped-def]
    from mlp.data import build_dataset, build_vocab, split_words

    stoi, itos = build_vocab(words)
    train, dev, _test = split_words(words, seed=42)
    return build_dataset(train, stoi, block_size), build_dataset(dev, stoi, block_size), itos


def bench_mlp(words: list[str], scale: float) -> Row:
    from mlp.model import init_params
    from mlp.sample import sample
    from mlp.train import evaluate, train

    (Xtr, Ytr), (Xdev, Ydev), itos = _splits(words, 3)
    steps = int(50_000 * scale)
    params = init_params(
        block_size=3, n_embd=10, n_hidden=200, generator=torch.Generator().manual_seed(42)
    )
    start = time.perf_counter()
    train(
        params, Xtr, Ytr, steps, batch_size=32, lr=0.1, generator=torch.Generator().manual_seed(1)
    )
    secs = time.perf_counter() - start
    names = sample(params, itos, 3, 8, torch.Generator().manual_seed(7))
    print("mlp samples:", ", ".join(names))
    return Row(
        "mlp", f"ctx 3, emb 10, hidden 200, {steps} steps x 32, lr 0.1/0.01",
        evaluate(params, Xdev, Ydev), 2.19, secs, 165, evaluate(params, Xtr, Ytr),
    )  # fmt: skip


def bench_batchnorm(words: list[str], scale: float) -> Row:
    from batchnorm.model import make_model
    from batchnorm.train import evaluate, train

    (Xtr, Ytr), (Xdev, Ydev), _ = _splits(words, 5)
    steps = int(20_000 * scale)
    model = make_model(
        block_size=5, n_embd=16, n_hidden=256, n_layers=2, momentum=0.01,
        generator=torch.Generator().manual_seed(42),
    )  # fmt: skip
    start = time.perf_counter()
    train(model, Xtr, Ytr, steps, batch_size=64, lr=0.1, generator=torch.Generator().manual_seed(1))
    secs = time.perf_counter() - start
    return Row(
        "batchnorm", f"ctx 5, emb 16, 2 x 256 BN, {steps} steps x 64, lr 0.1/0.01",
        evaluate(model, Xdev, Ydev), 2.11, secs, 240, evaluate(model, Xtr, Ytr),
    )  # fmt: skip


WAVENET = {"n_embd": 24, "n_hidden": 128, "steps": 40_000, "batch": 128}


def bench_wavenet(words: list[str], scale: float) -> Row:
    from wavenet.model import make_model
    from wavenet.train import evaluate, train

    (Xtr, Ytr), (Xdev, Ydev), _ = _splits(words, 8)
    steps = int(WAVENET["steps"] * scale)
    model = make_model(
        block_size=8, n_embd=WAVENET["n_embd"], n_hidden=WAVENET["n_hidden"], momentum=0.01,
        generator=torch.Generator().manual_seed(42),
    )  # fmt: skip
    n_params = sum(p.numel() for p in model.parameters())
    start = time.perf_counter()
    train(
        model,
        Xtr,
        Ytr,
        steps,
        batch_size=WAVENET["batch"],
        lr=0.1,
        generator=torch.Generator().manual_seed(1),
    )
    secs = time.perf_counter() - start
    return Row(
        "wavenet",
        f"ctx 8, emb {WAVENET['n_embd']}, hidden {WAVENET['n_hidden']} ({n_params} params), "
        f"{steps} steps x {WAVENET['batch']}, lr 0.1/0.01",
        evaluate(model, Xdev, Ydev), 2.00, secs, 600, evaluate(model, Xtr, Ytr),
    )  # fmt: skip


def bench_ninja(words: list[str], scale: float) -> Row:
    from backprop.backward import manual_backward
    from backprop.forward import NAMES, forward, make_params

    (Xtr, Ytr), _, _ = _splits(words, 3)
    g = torch.Generator().manual_seed(42)
    worst = 0.0
    start = time.perf_counter()
    batches = max(1, int(100 * scale))
    for _ in range(batches):
        params = make_params(n_hidden=64, generator=g)
        ix = torch.randint(0, Xtr.shape[0], (32,), generator=g)
        cache = forward(params, Xtr[ix], Ytr[ix])
        cache.loss.backward()
        grads = manual_backward(cache)
        for name in NAMES:
            worst = max(worst, (grads[name] - params[name].grad).abs().max().item())
    secs = time.perf_counter() - start
    return Row(
        "ninja",
        f"max |manual - autograd| over {batches} batches of 32, float64",
        worst,
        1e-8,
        secs,
        60,
    )


BENCHES: dict[str, Callable[[list[str], float], Row]] = {
    "mlp": bench_mlp,
    "batchnorm": bench_batchnorm,
    "ninja": bench_ninja,
    "wavenet": bench_wavenet,
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("labs", nargs="*", help=f"which of {', '.join(BENCHES)} (default: all)")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="fraction of the training steps to run"
    )
    args = parser.parse_args()
    unknown = set(args.labs) - set(BENCHES)
    if unknown:
        parser.error(f"unknown lab(s): {', '.join(sorted(unknown))}")
    torch.set_num_threads(1)
    words = data.path("names").read_text(encoding="utf-8").split()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread; {os.cpu_count()} CPUs")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    rows = []
    for lab in args.labs or list(BENCHES):
        rows.append(BENCHES[lab](words, args.scale))
        r = rows[-1]
        print(
            f"  {r.lab}: {r.value:.4g} in {r.seconds:.1f} s (load {os.getloadavg()[0]:.2f})",
            flush=True,
        )
    print()
    print(
        f"{'lab':<10} {'dev loss':>9} {'target':>7} {'train':>7} {'seconds':>8} {'target s':>8}  ok  configuration"
    )
    for r in rows:
        train = f"{r.train:.4f}" if r.train is not None else "-"
        value = f"{r.value:.4f}" if r.lab != "ninja" else f"{r.value:.1e}"
        target = f"{r.target:.2f}" if r.lab != "ninja" else f"{r.target:.0e}"
        ok = "yes" if r.ok else ("n/a" if args.scale != 1.0 else "NO")
        print(
            f"{r.lab:<10} {value:>9} {target:>7} {train:>7} {r.seconds:>8.1f} "
            f"{r.target_seconds:>8.0f}  {ok:<3} {r.config}"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
