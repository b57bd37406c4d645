"""Transformer figures: attention weights over a text, and BPE merges splitting a text.

The two figure functions are pure: ``attention_figure`` takes tokens and the
per-layer ``(heads, T, T)`` weights some model produced, ``bpe_figure`` takes a
text and an ordered list of merges. The loaders further down are the one impure
edge of this module: they read the reference models shipped in ``viz/data``
(and a learner's GPT checkpoint) so that the web app and a notebook can show the
same widget offline. torch is imported inside those loaders only, when the
attention widget is first asked for, never when ``rung.viz`` is imported.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

DATA_DIR = Path(__file__).resolve().parent / "data"
REFERENCE_GPT = DATA_DIR / "reference_gpt.pt"
REFERENCE_BPE = DATA_DIR / "bpe_shakespeare.model"
LAB_GPT_MODEL = (
    Path(__file__).resolve().parents[1] / "labs" / "gpt" / "solution" / "gpt" / "model.py"
)

ROW_TOL = 1e-4  # a softmax row must sum to 1 within this before rounding
DIGITS = 5  # decimals kept in transport: rows still sum to 1 within T * 5e-6


# ---------------------------------------------------------------------- attention


def attention_figure(
    tokens: Sequence[str], weights: Sequence[Any], model: dict[str, Any] | None = None
) -> dict:
    """The attention of every layer and head over ``tokens``.

    ``weights`` holds one ``(heads, T, T)`` array per layer; row ``t`` of a head
    says how position ``t`` spreads its attention over positions ``0..T-1``.
    The figure refuses weights that are not a causal softmax (a row that does
    not sum to 1, or weight on a later position), so a widget can never draw a
    picture that contradicts the mathematics of the lesson.
    """
    t = len(tokens)
    if t == 0:
        raise ValueError("need at least one token")
    layers = []
    for k, w in enumerate(weights):
        a = np.asarray(w, dtype=float)
        if a.ndim != 3 or a.shape[1:] != (t, t):
            raise ValueError(f"layer {k}: expected (heads, {t}, {t}) weights, got {a.shape}")
        if not np.all(np.isfinite(a)) or np.any(a < -1e-12):
            raise ValueError(f"layer {k}: weights must be finite and non-negative")
        if not np.allclose(a.sum(-1), 1.0, atol=ROW_TOL):
            raise ValueError(f"layer {k}: every row must sum to 1 (a softmax)")
        if np.any(np.triu(a, 1) > 1e-9):
            raise ValueError(f"layer {k}: weight above the diagonal, the mask is not causal")
        layers.append(a)
    if not layers:
        raise ValueError("need the weights of at least one layer")
    heads = layers[0].shape[0]
    if any(a.shape[0] != heads for a in layers):
        raise ValueError("every layer must have the same number of heads")
    pos = np.arange(t)
    out_layers = []
    for a in layers:
        a = np.tril(a)  # exact zeros above the diagonal after the check
        dist = (a * (pos[:, None] - pos[None, :])).sum(-1)  # mean look-back per row
        out_layers.append(
            {
                "heads": [np.round(h, DIGITS).tolist() for h in a],
                "mean_distance": [round(float(d.mean()), 4) for d in dist],
                "top": [h.argmax(-1).tolist() for h in a],
            }
        )
    return {
        "tokens": list(tokens),
        "n_layers": len(layers),
        "n_heads": heads,
        "layers": out_layers,
        "model": dict(model or {}),
    }


class AttentionModel(Protocol):
    """What the attention widget needs from a model: a vocabulary, a context
    length, and a callable from token ids to per-layer ``(heads, T, T)`` weights."""

    name: str
    source: str  # "reference" or "yours"
    chars: str
    block_size: int
    note: str

    def weights(self, ids: list[int]) -> list[np.ndarray]: ...


@dataclass
class FunctionModel:
    """An ``AttentionModel`` made from a plain function (tests, other models)."""

    fn: Callable[[list[int]], list[np.ndarray]]
    chars: str
    block_size: int
    name: str = "model"
    source: str = "reference"
    note: str = ""

    def weights(self, ids: list[int]) -> list[np.ndarray]:
        return self.fn(ids)


def attention_for_text(text: str, model: AttentionModel) -> dict:
    """Run ``model`` on ``text`` and build its figure.

    A character-level model knows a fixed set of characters: others are left
    out (and named in ``dropped``); a text longer than the context keeps its
    last ``block_size`` characters, as the model would see them when generating.
    """
    stoi = {ch: i for i, ch in enumerate(model.chars)}
    kept = [ch for ch in text if ch in stoi]
    dropped = sorted({ch for ch in text if ch not in stoi})
    truncated = len(kept) > model.block_size
    kept = kept[-model.block_size :]
    if not kept:
        raise ValueError("the text has no character this model knows")
    weights = model.weights([stoi[ch] for ch in kept])
    info = {
        "name": model.name,
        "source": model.source,
        "note": model.note,
        "block_size": model.block_size,
        "dropped": dropped,
        "truncated": truncated,
    }
    return attention_figure(kept, weights, info)


# ---------------------------------------------------------------------- BPE


def _token_text(data: bytes) -> str:
    """A token's bytes as text for display; a split character shows as U+FFFD."""
    return data.decode("utf-8", errors="replace")


def bpe_figure(text: str, merges: Sequence[Sequence[int]], max_steps: int | None = None) -> dict:
    """Encode ``text`` with byte-level BPE, one merge at a time.

    ``merges[i] = (a, b)`` means the pair of ids ``a b`` becomes id ``256 + i``;
    earlier merges win, as in training. Step 0 is the raw UTF-8 bytes; each
    later step applies the earliest-learned merge among the pairs present.
    Every step's tokens, joined, are the text's bytes again: merging never
    loses or reorders anything, it only groups.
    """
    vocab: dict[int, bytes] = {i: bytes([i]) for i in range(256)}
    rank: dict[tuple[int, int], int] = {}
    for i, pair in enumerate(merges):
        a, b = int(pair[0]), int(pair[1])
        if a not in vocab or b not in vocab:
            raise ValueError(f"merge {i} uses an id not yet defined: {(a, b)}")
        vocab[256 + i] = vocab[a] + vocab[b]
        rank[(a, b)] = 256 + i
    ids = list(text.encode("utf-8"))
    steps: list[dict[str, Any]] = [{"ids": list(ids), "merge": None}]
    limit = len(ids) if max_steps is None else max_steps
    while len(ids) >= 2 and len(steps) - 1 < limit:
        present = set(zip(ids, ids[1:], strict=False))
        best = min(present, key=lambda p: rank.get(p, 1 << 30))
        if best not in rank:
            break
        new = rank[best]
        out: list[int] = []
        k = 0
        while k < len(ids):
            if k + 1 < len(ids) and (ids[k], ids[k + 1]) == best:
                out.append(new)
                k += 2
            else:
                out.append(ids[k])
                k += 1
        steps.append(
            {"ids": out, "merge": {"pair": list(best), "id": new, "count": len(ids) - len(out)}}
        )
        ids = out
    used = sorted({i for s in steps for i in s["ids"]} | {s["merge"]["id"] for s in steps[1:]})
    table = {str(i): {"text": _token_text(vocab[i]), "bytes": list(vocab[i])} for i in used}
    return {
        "text": text,
        "n_bytes": len(text.encode("utf-8")),
        "n_merges_known": len(merges),
        "steps": steps,
        "vocab": table,
        "final_tokens": len(steps[-1]["ids"]),
    }


# ---------------------------------------------------------------------- loaders (I/O)

_lock = threading.Lock()


@dataclass
class _Cache:
    merges: list[tuple[int, int]] | None = None
    models: dict[tuple[str, float], AttentionModel] = field(default_factory=dict)


_cache = _Cache()


def read_merges(path: str | Path) -> list[tuple[int, int]]:
    """The merges of a ``rung-bpe 1`` model file (the tokenizer lab's format)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != "rung-bpe 1":
        raise ValueError(f"{path}: not a tokenizer model")
    n_special = int(lines[2].removeprefix("special "))
    at = 3 + n_special
    n = int(lines[at].removeprefix("merges "))
    merges = [(int(a), int(b)) for a, b in (line.split() for line in lines[at + 1 : at + 1 + n])]
    if len(merges) != n:
        raise ValueError(f"{path}: {n} merges announced, {len(merges)} found")
    return merges


def reference_merges() -> list[tuple[int, int]]:
    """The shipped byte-level BPE trained on Tiny Shakespeare (read once)."""
    if _cache.merges is None:
        with _lock:
            if _cache.merges is None:
                _cache.merges = read_merges(REFERENCE_BPE)
    return _cache.merges


def _lab_gpt_module() -> Any:
    """The GPT lab's reference ``model.py``, loaded under a private name."""
    name = "rung_viz_lab_gpt_model"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, LAB_GPT_MODEL)
    if spec is None or spec.loader is None:  # pragma: no cover - the file ships with rung
        raise RuntimeError(f"cannot load {LAB_GPT_MODEL}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look the module up while it executes
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


@dataclass
class TorchGPT:
    """A GPT of the lab, ready to hand back its attention weights."""

    model: Any
    chars: str
    block_size: int
    name: str
    source: str
    note: str = ""

    def weights(self, ids: list[int]) -> list[np.ndarray]:
        export = _lab_gpt_module().export_attention
        return [w.double().numpy() for w in export(self.model, ids)]


def _build_gpt(state: dict[str, Any], name: str, source: str, note: str = "") -> TorchGPT:
    mod = _lab_gpt_module()
    allowed = {f for f in mod.ModelConfig.__dataclass_fields__}
    cfg = mod.ModelConfig(**{k: v for k, v in state["model_config"].items() if k in allowed})
    if not cfg.chars:
        raise ValueError("the checkpoint has no vocabulary (model_config.chars)")
    model = mod.GPT(cfg)
    weights = {k: v.float() for k, v in state["model"].items()}
    weights = {k.removeprefix("_orig_mod."): v for k, v in weights.items()}  # torch.compile
    model.load_state_dict(weights)
    model.eval()
    return TorchGPT(model, cfg.chars, cfg.block_size, name, source, note)


def learner_checkpoint() -> Path | None:
    """The newest ``ckpt.pt`` in the learner's GPT lab workspace, if they have one.

    The workspace is found through the labs' state file (``rung lab start gpt``
    records it); the training script writes ``<out_dir>/ckpt.pt`` under it.
    """
    from rung.labs import state as lab_state

    workspace = lab_state.load().get("gpt", {}).get("workspace")
    if not workspace:
        return None
    root = Path(workspace)
    found = [p for p in (*root.glob("ckpt.pt"), *root.glob("*/ckpt.pt")) if p.is_file()]
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def _load(path: Path, name: str, source: str, note: str = "") -> AttentionModel:
    key = (str(path), path.stat().st_mtime)
    found = _cache.models.get(key)
    if found is not None:
        return found
    import torch

    torch.set_num_threads(1)  # one small forward pass; threads only add latency
    state = torch.load(path, map_location="cpu", weights_only=True)
    model = _build_gpt(state, name, source, note)
    with _lock:
        _cache.models[key] = model
    return model


def reference_gpt() -> AttentionModel:
    """The shipped tiny GPT (2 layers, 2 heads, width 64, trained on Tiny Shakespeare)."""
    return _load(REFERENCE_GPT, "reference GPT (2 layers x 2 heads, Tiny Shakespeare)", "reference")


def attention_model(prefer_learner: bool = True) -> AttentionModel:
    """The learner's GPT when their lab workspace has a checkpoint that loads,
    else the reference model (with a note saying why)."""
    if prefer_learner:
        ckpt = learner_checkpoint()
        if ckpt is not None:
            try:
                return _load(ckpt, f"your GPT ({ckpt.parent.name}/ckpt.pt)", "yours")
            except Exception as exc:  # a half-written or foreign checkpoint: say so, fall back
                ref = reference_gpt()
                return FunctionModel(
                    ref.weights,
                    ref.chars,
                    ref.block_size,
                    ref.name,
                    "reference",
                    f"Your checkpoint {ckpt} did not load ({type(exc).__name__}); "
                    "showing the reference model.",
                )
    return reference_gpt()
