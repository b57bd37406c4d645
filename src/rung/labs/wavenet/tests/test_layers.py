"""Tasks ``embedding``, ``flatten-consecutive``, ``batchnorm-3d`` and ``sequential``."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from _reference import expect, float64_bn, reference_flatten, torch_bn_3d
from wavenet.layers import BatchNorm1d, Embedding, FlattenConsecutive, Linear, Sequential, Tanh

from rung.labs.harness import assert_close


@pytest.mark.task("embedding")
def test_embedding_lookup() -> None:
    emb = Embedding(27, 5, generator=torch.Generator().manual_seed(0))
    expected_w = torch.randn((27, 5), generator=torch.Generator().manual_seed(0))
    assert_close("Embedding(27, 5).weight", emb.weight, expected_w)
    IX = torch.randint(0, 27, (6, 8), generator=torch.Generator().manual_seed(1))
    assert_close("Embedding output for (6, 8) ids", emb(IX), F.embedding(IX, expected_w))
    expect(
        len(emb.parameters()) == 1 and emb.parameters()[0] is emb.weight,
        "Embedding.parameters() should be [weight]",
    )


@pytest.mark.task("flatten-consecutive")
@pytest.mark.parametrize(
    ("shape", "n"), [((4, 8, 3), 2), ((4, 8, 3), 4), ((2, 4, 5), 2), ((3, 8, 2), 8)]
)
def test_flatten_consecutive(shape: tuple[int, int, int], n: int) -> None:
    x = torch.randn(shape, generator=torch.Generator().manual_seed(2))
    assert_close(
        f"FlattenConsecutive({n}) of a {shape} input",
        FlattenConsecutive(n)(x),
        reference_flatten(x, n),
        atol=0,
    )


@pytest.mark.task("flatten-consecutive")
def test_flatten_groups_neighbours() -> None:
    x = torch.arange(8.0).view(1, 8, 1)
    out = FlattenConsecutive(2)(x)
    expect(
        out.tolist() == [[[0.0, 1.0], [2.0, 3.0], [4.0, 5.0], [6.0, 7.0]]],
        f"positions 0..7 grouped in pairs should give [[0, 1], [2, 3], [4, 5], [6, 7]]; yours {out.tolist()}",
    )


def _compare_bn(x_batches, eval_batches, bn, ref, label: str) -> None:  # type: ignore[no-untyped-def]
    for k, x in enumerate(x_batches):
        with torch.no_grad():
            expected = torch_bn_3d(x, ref.train())
        assert_close(f"{label}: training output for batch {k + 1}", bn(x), expected, atol=1e-9)
        assert_close(
            f"{label}: running_mean after batch {k + 1}",
            bn.running_mean,
            ref.running_mean,
            atol=1e-10,
        )
        assert_close(
            f"{label}: running_var after batch {k + 1}", bn.running_var, ref.running_var, atol=1e-10
        )
    bn.training = False
    for k, x in enumerate(eval_batches):
        with torch.no_grad():
            expected = torch_bn_3d(x, ref.eval())
        assert_close(f"{label}: evaluation output for batch {k + 1}", bn(x), expected, atol=1e-9)


@pytest.mark.task("batchnorm-3d")
def test_batchnorm_on_2d_inputs() -> None:
    bn, ref = float64_bn(BatchNorm1d, 6, 0.1, seed=3)
    g = torch.Generator().manual_seed(4)
    data = [torch.randn(16, 6, generator=g, dtype=torch.float64) * 2 + 1 for _ in range(3)]
    _compare_bn(data, data[:1], bn, ref, "2-D input (16, 6)")


@pytest.mark.task("batchnorm-3d")
def test_batchnorm_pools_batch_and_time() -> None:
    bn, ref = float64_bn(BatchNorm1d, 5, 0.01, seed=5)
    g = torch.Generator().manual_seed(6)
    data = [torch.randn(8, 4, 5, generator=g, dtype=torch.float64) * 3 - 1 for _ in range(3)]
    _compare_bn(
        data,
        [torch.randn(2, 4, 5, generator=g, dtype=torch.float64)],
        bn,
        ref,
        "3-D input (8, 4, 5)",
    )


@pytest.mark.task("sequential")
def test_sequential_chains_layers() -> None:
    g = torch.Generator().manual_seed(7)
    a, t, b = Linear(4, 6, generator=g), Tanh(), Linear(6, 3, generator=g)
    seq = Sequential([a, t, b])
    x = torch.randn(5, 4, generator=g)
    assert_close("Sequential([Linear, Tanh, Linear]) output", seq(x), b(t(a(x))))
    got = seq.parameters()
    want = [a.weight, a.bias, b.weight, b.bias]
    expect(
        len(got) == len(want) and all(p is q for p, q in zip(got, want, strict=True)),
        f"Sequential.parameters() should be every layer's parameters in order ({len(want)} tensors); got {len(got)}",
    )


@pytest.mark.task("sequential")
def test_sequential_switches_batchnorm_mode() -> None:
    bns = [BatchNorm1d(3), BatchNorm1d(3)]
    seq = Sequential([bns[0], Tanh(), bns[1]])
    seq.set_training(False)
    expect(
        not any(b.training for b in bns),
        "set_training(False) should switch every BatchNorm1d to evaluation",
    )
    seq.set_training(True)
    expect(
        all(b.training for b in bns),
        "set_training(True) should switch every BatchNorm1d back to training",
    )
