"""A GPT in one file: embeddings, causal self-attention, MLP, pre-LayerNorm blocks.

Reading order follows the lesson. ``Head`` is one attention head written out with
explicit matrix products, the way it is first derived; ``CausalSelfAttention`` does
all heads at once with one fused projection and PyTorch's fused kernel
(``F.scaled_dot_product_attention``), keeping the explicit form as a fallback that
can also hand back the attention weights; ``Block`` wraps attention and an MLP in
residual connections with LayerNorm *before* each; ``GPT`` adds token and position
embeddings in front and a LayerNorm and the vocabulary projection behind.

Shapes, with B batch, T time (positions), C channels (``n_embd``), H heads and
D = C / H per head: tokens ``(B, T)`` -> embeddings ``(B, T, C)`` -> each block keeps
``(B, T, C)`` -> logits ``(B, T, vocab_size)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class ModelConfig:
    vocab_size: int = 65  # distinct characters in Tiny Shakespeare
    block_size: int = 64  # longest context the model sees (positions 0..block_size-1)
    n_layer: int = 4  # transformer blocks stacked
    n_head: int = 4  # attention heads per block; n_embd must divide evenly among them
    n_embd: int = 128  # width of the residual stream
    dropout: float = 0.0  # 0 for small data and short runs; 0.1-0.2 once it overfits
    bias: bool = False  # biases in Linear and LayerNorm; off is slightly better and faster
    tie_weights: bool = True  # share the token embedding with the output projection
    chars: str = ""  # the vocabulary in id order, so a checkpoint can encode text itself


# ---------------------------------------------------------------------- TASK head


class Head(nn.Module):
    """One causal self-attention head, written out step by step.

    Each position emits a query ("what am I looking for"), a key ("what do I hold")
    and a value ("what I pass on"). Scores are query-key dot products scaled by
    1/sqrt(head_size), so that their variance stays near 1 and the softmax does not
    saturate; positions in the future are set to -inf before the softmax, so each
    row of weights spreads over the past and present only.
    """

    def __init__(self, n_embd: int, head_size: int, block_size: int) -> None:
        super().__init__()
        self.key = nn.Linear(n_embd, head_size, bias=False)
        self.query = nn.Linear(n_embd, head_size, bias=False)
        self.value = nn.Linear(n_embd, head_size, bias=False)
        # A buffer, not a parameter: it moves with .to(device) but is never trained.
        self.register_buffer(
            "tril", torch.tril(torch.ones(block_size, block_size, dtype=torch.bool))
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        B, T, C = x.shape
        k = self.key(x)  # (B, T, hs)
        q = self.query(x)  # (B, T, hs)
        v = self.value(x)  # (B, T, hs)
        scores = q @ k.transpose(-2, -1) / math.sqrt(k.shape[-1])  # (B, T, T)
        scores = scores.masked_fill(~self.tril[:T, :T], float("-inf"))
        weights = F.softmax(scores, dim=-1)  # each row sums to 1
        return weights @ v  # (B, T, hs)


# ---------------------------------------------------------------------- TASK multihead


class CausalSelfAttention(nn.Module):
    """All heads at once: one Linear makes q, k and v for every head, a reshape
    splits the channels into heads, attention runs per head in parallel, and the
    heads are put side by side again and mixed by an output projection."""

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        if config.n_embd % config.n_head != 0:
            raise ValueError(f"n_embd {config.n_embd} is not divisible by n_head {config.n_head}")
        self.n_head = config.n_head
        self.n_embd = config.n_embd
        self.dropout = config.dropout
        self.c_attn = nn.Linear(config.n_embd, 3 * config.n_embd, bias=config.bias)
        self.c_proj = nn.Linear(config.n_embd, config.n_embd, bias=config.bias)
        self.attn_dropout = nn.Dropout(config.dropout)
        self.resid_dropout = nn.Dropout(config.dropout)
        # Use the fused kernel unless told otherwise (it never materialises the
        # (T, T) weights, which is what makes it fast and light on memory).
        self.fused = True

    def forward(
        self, x: torch.Tensor, return_weights: bool = False
    ) -> torch.Tensor | tuple[torch.Tensor, torch.Tensor]:
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)
        # (B, T, C) -> (B, T, H, D) -> (B, H, T, D): heads become a batch dimension.
        # The view must split C, the *last* axis; viewing as (B, H, T, D) directly
        # would cut the sequence into pieces instead.
        q = q.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        k = k.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        v = v.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        if self.fused and not return_weights:
            y = F.scaled_dot_product_attention(
                q, k, v, dropout_p=self.dropout if self.training else 0.0, is_causal=True
            )
            weights = None
        else:
            scores = q @ k.transpose(-2, -1) / math.sqrt(k.shape[-1])  # (B, H, T, T)
            mask = torch.ones(T, T, dtype=torch.bool, device=x.device).tril()
            scores = scores.masked_fill(~mask, float("-inf"))
            weights = F.softmax(scores, dim=-1)
            y = self.attn_dropout(weights) @ v  # (B, H, T, D)
        y = y.transpose(1, 2).contiguous().view(B, T, C)  # heads side by side again
        y = self.resid_dropout(self.c_proj(y))
        if return_weights:
            return y, weights  # type: ignore[return-value]
        return y


# ---------------------------------------------------------------------- TASK block


class MLP(nn.Module):
    """Per-position computation: widen to 4C, GELU, back to C."""

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.c_fc = nn.Linear(config.n_embd, 4 * config.n_embd, bias=config.bias)
        self.gelu = nn.GELU()
        self.c_proj = nn.Linear(4 * config.n_embd, config.n_embd, bias=config.bias)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.dropout(self.c_proj(self.gelu(self.c_fc(x))))


class Block(nn.Module):
    """Communication (attention) then computation (MLP), each added to the residual
    stream. Pre-LayerNorm: normalise the *input* of each branch and leave the stream
    itself untouched, so gradients flow straight from the loss to the embeddings."""

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.ln_1 = nn.LayerNorm(config.n_embd, bias=config.bias)
        self.attn = CausalSelfAttention(config)
        self.ln_2 = nn.LayerNorm(config.n_embd, bias=config.bias)
        self.mlp = MLP(config)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.ln_1(x))
        x = x + self.mlp(self.ln_2(x))
        return x


# ---------------------------------------------------------------------- TASK model


class GPT(nn.Module):
    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.config = config
        self.wte = nn.Embedding(config.vocab_size, config.n_embd)  # token embeddings
        self.wpe = nn.Embedding(config.block_size, config.n_embd)  # position embeddings
        self.drop = nn.Dropout(config.dropout)
        self.blocks = nn.ModuleList(Block(config) for _ in range(config.n_layer))
        self.ln_f = nn.LayerNorm(config.n_embd, bias=config.bias)
        self.lm_head = nn.Linear(config.n_embd, config.vocab_size, bias=False)
        if config.tie_weights:
            # One matrix both reads tokens in and scores them out: characters that
            # behave alike get alike vectors, and the model has vocab*C fewer weights.
            self.lm_head.weight = self.wte.weight
        self.apply(self._init_weights)
        # Every block adds two projections into the residual stream; shrink their
        # initial weights so the stream's variance does not grow with depth.
        for name, p in self.named_parameters():
            if name.endswith("c_proj.weight"):
                nn.init.normal_(p, mean=0.0, std=0.02 / math.sqrt(2 * config.n_layer))

    @staticmethod
    def _init_weights(module: nn.Module) -> None:
        if isinstance(module, nn.Linear):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)
            if module.bias is not None:
                nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)

    def forward(
        self, idx: torch.Tensor, targets: torch.Tensor | None = None
    ) -> tuple[torch.Tensor, torch.Tensor | None]:
        """Logits ``(B, T, vocab_size)`` for every position, and the mean
        cross-entropy against ``targets`` when given."""
        B, T = idx.shape
        if T > self.config.block_size:
            raise ValueError(
                f"sequence of length {T} is longer than block_size {self.config.block_size}"
            )
        pos = torch.arange(T, device=idx.device)
        x = self.drop(self.wte(idx) + self.wpe(pos))  # (B, T, C) + (T, C) broadcasts
        for block in self.blocks:
            x = block(x)
        logits = self.lm_head(self.ln_f(x))
        loss = None
        if targets is not None:
            loss = F.cross_entropy(logits.view(B * T, -1), targets.view(B * T))
        return logits, loss

    # ------------------------------------------------------------------ TASK generate

    @torch.no_grad()
    def generate(
        self,
        idx: torch.Tensor,
        max_new_tokens: int,
        temperature: float = 1.0,
        top_k: int | None = None,
        generator: torch.Generator | None = None,
    ) -> torch.Tensor:
        """Extend ``idx`` (B, T) by ``max_new_tokens`` sampled ids, one at a time.

        The model only knows ``block_size`` positions, so each step sees the last
        ``block_size`` ids at most. Temperature divides the logits (below 1 sharper,
        above 1 flatter); ``top_k`` keeps the k most likely ids and gives the rest
        zero probability.
        """
        for _ in range(max_new_tokens):
            context = idx[:, -self.config.block_size :]
            logits, _ = self(context)
            logits = logits[:, -1, :] / temperature  # only the last position predicts
            if top_k is not None:
                kth = torch.topk(logits, min(top_k, logits.size(-1))).values[:, [-1]]
                logits = logits.masked_fill(logits < kth, float("-inf"))
            probs = F.softmax(logits, dim=-1)
            nxt = torch.multinomial(probs, num_samples=1, generator=generator)
            idx = torch.cat((idx, nxt), dim=1)
        return idx

    # ------------------------------------------------------------------ given

    def num_params(self, non_embedding: bool = True) -> int:
        """Parameters counted once (a tied matrix is one matrix); without the
        position embeddings by default, as is usual when quoting model size."""
        n = sum(p.numel() for p in self.parameters())
        if non_embedding:
            n -= self.wpe.weight.numel()
        return n

    def flops_per_token(self, seq_len: int | None = None) -> float:
        """Training FLOPs per token: 6 per parameter (forward 2, backward 4) plus the
        attention products, 6 * 2 * n_layer * T * C. The usual estimate for MFU."""
        cfg = self.config
        T = seq_len or cfg.block_size
        return 6.0 * self.num_params() + 12.0 * cfg.n_layer * T * cfg.n_embd

    def set_fused(self, fused: bool) -> None:
        for block in self.blocks:
            block.attn.fused = fused


@torch.no_grad()
def export_attention(model: GPT, text: str | list[int] | torch.Tensor) -> list[torch.Tensor]:
    """The attention weights of every layer for one text: a list with one
    ``(n_head, T, T)`` tensor per layer; row t says where position t looked.

    Uses the explicit-math path (the fused kernel never forms the weights) and
    eval mode (no dropout). A string is encoded with ``model.config.chars``.
    """
    if isinstance(text, str):
        if not model.config.chars:
            raise ValueError("this model has no vocabulary (config.chars); pass token ids instead")
        stoi = {ch: i for i, ch in enumerate(model.config.chars)}
        ids = [stoi[ch] for ch in text]
    else:
        ids = text.tolist() if isinstance(text, torch.Tensor) else list(text)
    ids = ids[-model.config.block_size :]
    device = next(model.parameters()).device
    idx = torch.tensor([ids], dtype=torch.long, device=device)
    was_training = model.training
    model.eval()
    out = []
    pos = torch.arange(idx.shape[1], device=device)
    x = model.wte(idx) + model.wpe(pos)
    for block in model.blocks:
        y, weights = block.attn(block.ln_1(x), return_weights=True)
        out.append(weights[0].float().cpu())
        x = x + y
        x = x + block.mlp(block.ln_2(x))
    model.train(was_training)
    return out
