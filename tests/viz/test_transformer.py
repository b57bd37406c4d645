"""Attention figures are causal softmaxes; BPE steps only regroup the text's bytes."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rung.viz.transformer import (
    FunctionModel,
    attention_figure,
    attention_for_text,
    bpe_figure,
    read_merges,
    reference_merges,
)


def softmax_causal(scores: np.ndarray) -> np.ndarray:
    t = scores.shape[-1]
    masked = np.where(np.tril(np.ones((t, t), bool)), scores, -np.inf)
    e = np.exp(masked - masked.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def random_model(layers: int = 2, heads: int = 3, seed: int = 0) -> FunctionModel:
    rng = np.random.default_rng(seed)

    def weights(ids: list[int]) -> list[np.ndarray]:
        t = len(ids)
        return [softmax_causal(rng.normal(size=(heads, t, t)) * 3) for _ in range(layers)]

    return FunctionModel(weights, chars="abcdefgh ", block_size=8, name="random")


def test_rows_sum_to_one_and_nothing_above_the_diagonal():
    fig = attention_for_text("abc defg", random_model())
    assert fig["n_layers"] == 2 and fig["n_heads"] == 3 and fig["tokens"] == list("abc defg")
    for layer in fig["layers"]:
        for head in layer["heads"]:
            w = np.array(head)
            assert w.sum(-1) == pytest.approx(np.ones(8), abs=1e-4)
            assert np.all(np.triu(w, 1) == 0)
            assert w[0, 0] == pytest.approx(1.0)  # the first position can only look at itself


def test_mean_distance_and_top_choice_are_those_of_the_weights():
    t = 5
    look_back_one = np.zeros((1, t, t))
    look_back_one[0, 0, 0] = 1
    for i in range(1, t):
        look_back_one[0, i, i - 1] = 1
    fig = attention_figure(list("hello"), [look_back_one])
    assert fig["layers"][0]["top"] == [[0, 0, 1, 2, 3]]
    assert fig["layers"][0]["mean_distance"] == [pytest.approx(4 / 5)]


@pytest.mark.parametrize(
    "bad, message",
    [
        (np.full((1, 3, 3), 1 / 3), "causal"),  # looks at the future
        (np.tril(np.ones((1, 3, 3))), "sum to 1"),
        (np.ones((1, 2, 2)), "expected"),  # wrong size for three tokens
    ],
)
def test_weights_that_are_not_a_causal_softmax_are_refused(bad, message):
    with pytest.raises(ValueError, match=message):
        attention_figure(list("abc"), [bad])


def test_unknown_characters_are_dropped_and_long_texts_keep_the_end():
    fig = attention_for_text("abc?! hgfedcba", random_model())
    assert fig["model"]["dropped"] == ["!", "?"]
    assert fig["model"]["truncated"] and fig["tokens"] == list("hgfedcba")
    with pytest.raises(ValueError, match="no character"):
        attention_for_text("???", random_model())


def test_the_reference_gpt_is_causal_on_a_real_text():
    pytest.importorskip("torch")
    from rung.viz.transformer import reference_gpt

    model = reference_gpt()
    fig = attention_for_text("To be, or not to be", model)
    assert fig["n_layers"] == 2 and fig["n_heads"] == 2 and fig["model"]["source"] == "reference"
    for layer in fig["layers"]:
        w = np.array(layer["heads"])
        assert w.sum(-1) == pytest.approx(np.ones((2, 19)), abs=1e-4)
        assert np.all(np.triu(w, 1) == 0)


def test_a_learner_checkpoint_is_preferred(tmp_path, monkeypatch):
    torch = pytest.importorskip("torch")
    from rung.labs import state as lab_state
    from rung.viz import transformer

    monkeypatch.setenv("RUNG_HOME", str(tmp_path / "home"))
    workspace = tmp_path / "gpt-lab"
    (workspace / "out-shakespeare-char").mkdir(parents=True)
    shipped = torch.load(transformer.REFERENCE_GPT, weights_only=True)
    torch.save(shipped, workspace / "out-shakespeare-char" / "ckpt.pt")
    assert transformer.attention_model().source == "reference"  # no workspace recorded yet
    lab_state.record_start("gpt", str(workspace), datetime(2026, 1, 1))
    model = transformer.attention_model()
    assert model.source == "yours" and "ckpt.pt" in model.name
    (workspace / "out-shakespeare-char" / "ckpt.pt").write_bytes(b"not a checkpoint")
    fallback = transformer.attention_model()
    assert fallback.source == "reference" and "did not load" in fallback.note


def decode_step(fig: dict, ids: list[int]) -> bytes:
    return b"".join(bytes(fig["vocab"][str(i)]["bytes"]) for i in ids)


def test_bpe_on_the_wikipedia_example():
    # aa -> 256, ab -> 257, then 256 257 -> 258 (the lab's worked example)
    fig = bpe_figure("aaabdaaabac", [(97, 97), (97, 98), (256, 257)])
    assert [s["ids"] for s in fig["steps"]] == [
        [97, 97, 97, 98, 100, 97, 97, 97, 98, 97, 99],
        [256, 97, 98, 100, 256, 97, 98, 97, 99],
        [256, 257, 100, 256, 257, 97, 99],
        [258, 100, 258, 97, 99],
    ]
    assert [s["merge"]["count"] for s in fig["steps"][1:]] == [2, 2, 2]
    assert fig["vocab"]["258"]["text"] == "aaab"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_every_bpe_step_decodes_back_to_the_text(text):
    fig = bpe_figure(text, reference_merges())
    for step in fig["steps"]:
        assert decode_step(fig, step["ids"]) == text.encode("utf-8")
    lengths = [len(s["ids"]) for s in fig["steps"]]
    assert lengths == sorted(lengths, reverse=True) and len(set(lengths)) == len(lengths)


def test_bpe_merges_the_earliest_learned_pair_first():
    merges = reference_merges()
    rank = {tuple(p): 256 + i for i, p in enumerate(merges)}
    fig = bpe_figure("First Citizen: Before we proceed any further, hear me speak.", merges)
    for before, after in zip(fig["steps"], fig["steps"][1:], strict=False):
        present = set(zip(before["ids"], before["ids"][1:], strict=False))
        best = min(rank[p] for p in present if p in rank)
        assert after["merge"]["id"] == best
    final = fig["steps"][-1]["ids"]
    assert not any(p in rank for p in zip(final, final[1:], strict=False))  # nothing left to merge


def test_reference_merges_file_is_well_formed(tmp_path):
    merges = reference_merges()
    assert len(merges) == 256 and all(
        a < 256 + i and b < 256 + i for i, (a, b) in enumerate(merges)
    )
    bad = tmp_path / "x.model"
    bad.write_text("something else\n")
    with pytest.raises(ValueError):
        read_merges(bad)
    with pytest.raises(ValueError, match="not yet defined"):
        bpe_figure("ab", [(300, 97)])
