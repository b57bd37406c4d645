"""Benchmark the quant and lora labs' references on a trained Shakespeare GPT.

    python bench/bench_quant_lora.py                      # trains a small model first (600 steps)
    python bench/bench_quant_lora.py --ckpt out/ckpt.pt   # a checkpoint from gpt.train

Prints two tables:

1. Quantisation of the transformer blocks' linear layers: bytes of weights before
   and after (the blocks alone and the whole model) and the validation loss change,
   for int8 per output channel and 4-bit in groups of 32. Targets: int8 raises the
   validation loss by at most 0.02, 4-bit by at most 0.10.
2. LoRA (r = 2 on the attention projections unless told otherwise): trainable
   fraction, logits at step 0 against the base model, the loss on one speaker's
   held-out lines before and after fine-tuning on the rest of them (PROSPERO by
   default: all his lines lie in the validation split, unseen by the base model),
   the general validation loss before and after, and merged against unmerged outputs in
   float32 (max |diff|): of each adapted layer on the inputs it saw, and of the logits,
   beside the logits' own float32 rounding (the unmerged model in float64 vs float32).
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import time
from pathlib import Path

import torch

REPO = Path(__file__).resolve().parent.parent
LABS = REPO / "src" / "rung" / "labs"
for lab in ("gpt", "quant", "lora"):
    sys.path.insert(0, str(LABS / lab / "solution"))
os.environ.setdefault("RUNG_DATA_DIR", str(REPO.parent / "shared" / "data"))

from gpt.data import CharTokenizer, load_text, split  # noqa: E402
from gpt.model import GPT  # noqa: E402
from gpt.train import GPTConfig, default_data_path, estimate_loss, load_model, train  # noqa: E402
from lora.lora import (  # noqa: E402
    apply_lora,
    count_parameters,
    evaluate,
    finetune,
    lora_layers,
    merge_lora,
    speaker_lines,
)
from quant.quant import quantize_model, weight_bytes  # noqa: E402


def trained_model(args: argparse.Namespace) -> GPT:
    if args.ckpt:
        return load_model(args.ckpt)
    cfg = GPTConfig(
        max_iters=args.iters, lr_decay_iters=args.iters, eval_interval=args.iters, eval_iters=20,
        log_interval=0, device="cpu", out_dir=args.out_dir, threads=args.threads,
    )  # fmt: skip
    t0 = time.perf_counter()
    result = train(cfg, log=lambda _: None)
    print(f"trained the CPU configuration for {args.iters} steps in {time.perf_counter() - t0:.0f} s "
          f"(val loss {result.evals[-1][2]:.4f})")  # fmt: skip
    return result.model.eval()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ckpt", default="")
    parser.add_argument("--iters", type=int, default=600)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--eval-iters", type=int, default=100)
    parser.add_argument("--lora-steps", type=int, default=300)
    parser.add_argument("--rank", type=int, default=2)
    parser.add_argument("--lora-lr", type=float, default=2e-3)
    # PROSPERO's lines all lie in the validation tenth of the text: the base model never
    # trained on them, so the held-out part of his slice is unseen by both stages.
    parser.add_argument("--speaker", default="PROSPERO")
    parser.add_argument("--out-dir", default="/tmp/rung-bench-quant-lora")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    load = os.getloadavg()
    print(f"# bench_quant_lora: torch {torch.__version__}, load average {load[0]:.2f}")

    model = trained_model(args)
    text = load_text(default_data_path())
    tok = CharTokenizer(text)
    _, val = split(torch.tensor(tok.encode(text), dtype=torch.long))
    block = model.config.block_size

    def val_loss(m: torch.nn.Module) -> float:
        return estimate_loss(m, {"val": val}, block, 12, args.eval_iters, seed=1)["val"]

    base_val = val_loss(model)
    base_blocks, base_all = weight_bytes(model, "blocks."), weight_bytes(model)
    print("\n## quantisation (linear layers of the blocks; embeddings stay float32)")
    print(
        f"{'weights':>9} | {'blocks (bytes)':>14} | {'model (bytes)':>13} | {'val loss':>8} | {'change':>7} | target"
    )
    print(f"{'-' * 9}-+-{'-' * 14}-+-{'-' * 13}-+-{'-' * 8}-+-{'-' * 7}-+-------")
    print(f"{'float32':>9} | {base_blocks:>14,} | {base_all:>13,} | {base_val:>8.4f} | {0:>7.4f} |")
    for kind, budget in (("int8", 0.02), ("int4", 0.10)):
        q = copy.deepcopy(model)
        quantize_model(q, kind, group_size=32)
        v = val_loss(q)
        met = "met" if v - base_val <= budget else "NOT met"
        label = kind if kind == "int8" else "int4 g32"
        print(f"{label:>9} | {weight_bytes(q, 'blocks.'):>14,} | {weight_bytes(q):>13,} | {v:>8.4f} | "
              f"{v - base_val:>+7.4f} | <= {budget} {met}")  # fmt: skip

    print(
        f"\n## LoRA (r = {args.rank}, alpha = {2 * args.rank}, attention projections), "
        f"fine-tuned on 90% of {args.speaker}'s lines, lr {args.lora_lr:g}"
    )
    speech = torch.tensor(tok.encode(speaker_lines(text, args.speaker)), dtype=torch.long)
    cut = int(0.9 * len(speech))
    slice_train, slice_held = speech[:cut], speech[cut:]
    adapted = copy.deepcopy(model)
    idx = torch.randint(0, tok.vocab_size, (4, block), generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        before_logits = model(idx)[0]
        apply_lora(adapted, r=args.rank, alpha=2.0 * args.rank)
        step0 = (adapted(idx)[0] - before_logits).abs().max().item()
    trainable, total = count_parameters(adapted)
    slice_before = evaluate(adapted, slice_held, batches=20, batch_size=12)
    t0 = time.perf_counter()
    losses = finetune(
        adapted, slice_train, steps=args.lora_steps, learning_rate=args.lora_lr, batch_size=12
    )
    seconds = time.perf_counter() - t0
    slice_after = evaluate(adapted, slice_held, batches=20, batch_size=12)
    val_after = val_loss(adapted.eval())
    with torch.no_grad():
        # Merging is checked where it acts, layer by layer on the inputs each adapted
        # layer saw, and on the logits. The logits of a trained model (|logit| ~ 10)
        # carry fp32 rounding of about 1e-5 whatever the merge does, so their floor
        # is shown too: the same unmerged model in float64 against float32.
        layers = lora_layers(adapted)
        seen: dict[int, tuple[torch.Tensor, torch.Tensor]] = {}
        hooks = [
            layer.register_forward_hook(
                lambda _m, inp, out, key=i: seen.__setitem__(key, (inp[0], out))
            )
            for i, layer in enumerate(layers)
        ]
        unmerged = adapted(idx)[0]
        for hook in hooks:
            hook.remove()
        floor = (copy.deepcopy(adapted).double()(idx)[0] - unmerged.double()).abs().max().item()
        merge_lora(adapted)
        merged = adapted(idx)[0]
        layer_diff = max((layers[i](x) - y).abs().max().item() for i, (x, y) in seen.items())
    rows = [
        ("trainable / total", f"{trainable:,} / {total:,} = {trainable / total:.3%}"),
        ("logits at step 0, max |diff|", f"{step0:.1e}"),
        (
            f"{args.speaker} held-out loss",
            f"{slice_before:.4f} -> {slice_after:.4f} ({slice_after - slice_before:+.4f})",
        ),
        (
            "fine-tune loss (first/last 20)",
            f"{sum(losses[:20]) / 20:.4f} -> {sum(losses[-20:]) / 20:.4f}",
        ),
        ("general val loss", f"{base_val:.4f} -> {val_after:.4f}"),
        (
            "merged vs unmerged, each layer",
            f"{layer_diff:.2e} max |diff| over {len(layers)} layers (target <= 1e-5)",
        ),
        (
            "merged vs unmerged, logits",
            f"{(merged - unmerged).abs().max().item():.2e} max |diff|, |logit| up to "
            f"{unmerged.abs().max().item():.1f} (fp32 floor: float32 vs float64 {floor:.2e})",
        ),
        ("fine-tune time", f"{seconds:.1f} s for {args.lora_steps} steps"),
    ]
    for name, value in rows:
        print(f"{name:>31} | {value}")


if __name__ == "__main__":
    main()
