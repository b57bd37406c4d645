"""Train the tiny reference GPT that the attention widget shows when a learner has none.

It uses the GPT lab's own reference code (``src/rung/labs/gpt/solution``), so the
widget draws exactly the kind of model the learner builds. Shape: 2 layers, 2
heads, width 64, context 64 characters; a few hundred AdamW steps on Tiny
Shakespeare on one CPU thread (about half a minute). The weights are stored as
float16 (about 0.2 MB) with the model's config in ``src/rung/viz/data``.

    python scripts/make_reference_gpt.py            # writes src/rung/viz/data/reference_gpt.pt
    python scripts/make_reference_gpt.py --iters 600 --out /tmp/ref.pt

Tiny Shakespeare comes from rung's dataset registry (``RUNG_DATA_DIR`` or the
cache; ``rung data fetch tinyshakespeare`` downloads it).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LAB = REPO / "src" / "rung" / "labs" / "gpt" / "solution"
DEFAULT_OUT = REPO / "src" / "rung" / "viz" / "data" / "reference_gpt.pt"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iters", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1337)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    import torch

    from rung.data.registry import path as dataset_path

    sys.path.insert(0, str(LAB))
    from gpt.train import GPTConfig, train  # the lab's reference training loop

    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as tmp:
        cfg = GPTConfig(
            data_path=str(dataset_path("tinyshakespeare")),
            out_dir=tmp,
            seed=args.seed,
            n_layer=2,
            n_head=2,
            n_embd=64,
            block_size=64,
            batch_size=32,
            max_iters=args.iters,
            lr_decay_iters=args.iters,
            warmup_iters=50,
            learning_rate=3e-3,
            min_lr=3e-4,
            eval_interval=max(1, args.iters // 3),
            eval_iters=10,
            log_interval=100,
            device="cpu",
            dtype="float32",
        )
        result = train(cfg)
    model = result.model
    state = {
        "model_config": asdict(model.config),
        "model": {k: v.detach().to(torch.float16) for k, v in model.state_dict().items()},
        "meta": {
            "iters": args.iters,
            "seed": args.seed,
            "val_loss": float(result.evals[-1][2]),
            "train_loss": float(result.evals[-1][1]),
            "params": model.num_params(),
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(state, args.out)
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size / 1e6:.2f} MB); meta {state['meta']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
