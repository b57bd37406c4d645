"""One test per gradient group, each fed autograd's upstream gradient so that a mistake
in one step cannot hide or fake a result in another."""

from __future__ import annotations

import pytest
import torch
from _reference import cases, check, expect
from backprop.backward import manual_backward, train_step
from backprop.forward import NAMES, forward, make_params
from backprop.manual import (
    d_batchnorm,
    d_batchnorm_steps,
    d_C,
    d_emb,
    d_hidden_layer,
    d_logits,
    d_logits_via_logsoftmax,
    d_logprobs,
    d_output_layer,
    d_tanh,
)


@pytest.mark.task("dlogits")
def test_dlogprobs() -> None:
    for c in cases():
        check("logprobs", d_logprobs(c.cache), c.grads["logprobs"], c)


@pytest.mark.task("dlogits")
def test_dlogits_through_log_softmax() -> None:
    for c in cases():
        check(
            "logits (via log-softmax)",
            d_logits_via_logsoftmax(c.cache, c.grads["logprobs"]),
            c.grads["logits"],
            c,
        )


@pytest.mark.task("dlogits")
def test_dlogits_closed_form() -> None:
    for c in cases():
        check("logits (closed form)", d_logits(c.cache), c.grads["logits"], c)


@pytest.mark.task("dh-dW2-db2")
def test_output_layer() -> None:
    for c in cases():
        out = d_output_layer(c.cache, c.grads["logits"])
        expect(
            isinstance(out, tuple) and len(out) == 3, "d_output_layer should return (dh, dW2, db2)"
        )
        for name, mine in zip(("h", "W2", "b2"), out, strict=True):
            check(name, mine, c.grads[name], c)


@pytest.mark.task("dtanh")
def test_tanh() -> None:
    for c in cases():
        check("hpreact", d_tanh(c.cache, c.grads["h"]), c.grads["hpreact"], c)


STEPS = (
    "bngain",
    "bnbias",
    "bnraw",
    "bnvar_inv",
    "bnvar",
    "bndiff2",
    "bndiff",
    "bnmeani",
    "hprebn",
)


@pytest.mark.task("dbatchnorm")
def test_batchnorm_step_by_step() -> None:
    for c in cases():
        got = d_batchnorm_steps(c.cache, c.grads["hpreact"])
        missing = [k for k in STEPS if k not in got]
        expect(
            not missing,
            f"d_batchnorm_steps should return a gradient for each of {STEPS}; missing {missing}",
        )
        for name in STEPS:  # in backward order: the first wrong one is the one to fix
            check(name, got[name], c.grads[name], c)


@pytest.mark.task("dbatchnorm")
def test_batchnorm_closed_form() -> None:
    for c in cases():
        out = d_batchnorm(c.cache, c.grads["hpreact"])
        expect(
            isinstance(out, tuple) and len(out) == 3,
            "d_batchnorm should return (dhprebn, dbngain, dbnbias)",
        )
        for name, mine in zip(("hprebn", "bngain", "bnbias"), out, strict=True):
            check(f"{name} (closed form)", mine, c.grads[name], c)


@pytest.mark.task("dW1-db1")
def test_hidden_layer() -> None:
    for c in cases():
        out = d_hidden_layer(c.cache, c.grads["hprebn"])
        expect(
            isinstance(out, tuple) and len(out) == 3,
            "d_hidden_layer should return (dembcat, dW1, db1)",
        )
        for name, mine in zip(("embcat", "W1", "b1"), out, strict=True):
            check(name, mine, c.grads[name], c)


@pytest.mark.task("demb")
def test_emb() -> None:
    for c in cases():
        check("emb", d_emb(c.cache, c.grads["embcat"]), c.grads["emb"], c)


@pytest.mark.task("dC")
def test_C_accumulates_repeated_characters() -> None:
    for c in cases():
        counts = torch.bincount(c.cache.Xb.reshape(-1), minlength=27)
        expect(int(counts.max()) > 1, "test set-up: the batch should repeat some character")
        check("C", d_C(c.cache, c.grads["emb"]), c.grads["C"], c)


@pytest.mark.task("dC")
def test_all_gradients_chained_without_autograd() -> None:
    for c in cases():
        grads = manual_backward(c.cache)
        for name in NAMES:
            check(f"{name} (whole backward pass)", grads[name], c.grads[name], c)


@pytest.mark.task("dC")
def test_training_with_manual_gradients_lowers_the_loss() -> None:
    g = torch.Generator().manual_seed(9)
    params = make_params(n_hidden=32, generator=g)
    Xb = torch.randint(0, 27, (64, 3), generator=g)
    Yb = torch.randint(0, 27, (64,), generator=g)
    first = forward(params, Xb, Yb).loss.item()
    for _ in range(50):
        with torch.no_grad():
            train_step(forward(params, Xb, Yb), lr=0.5)
    last = forward(params, Xb, Yb).loss.item()
    expect(
        last < first - 1.0,
        f"50 steps with the manual gradients took the loss from {first:.3f} to {last:.3f}",
    )
