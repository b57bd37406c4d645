"""The tensor checks' shape rules agree with NumPy, which follows PyTorch here."""

from __future__ import annotations

import random

import numpy as np
import pytest

from rung.practice import get_check
from rung.practice import tensor_shapes as ts
from rung.practice.answers import ERROR, shape_text
from rung.practice.families.tensors import CASES


def numpy_result(op: tuple) -> tuple[int, ...] | str:
    """Run the operation on zero-filled arrays; an exception means PyTorch raises too."""
    name = op[0]
    try:
        if name == "transpose":
            _, shape, i, j = op
            return np.swapaxes(np.zeros(shape), i, j).shape
        if name == "permute":
            _, shape, dims = op
            return np.transpose(np.zeros(shape), dims).shape
        if name == "reshape":
            _, shape, new = op
            return np.zeros(shape).reshape(new).shape
        if name == "flatten":
            _, shape, start = op
            return np.zeros(shape).reshape(shape[:start] + (-1,)).shape
        if name == "matmul":
            _, a, b = op
            return np.matmul(np.zeros(a), np.zeros(b)).shape
        if name == "broadcast":
            _, a, b = op
            return (np.zeros(a) + np.zeros(b)).shape
        if name == "reduce":
            _, shape, dim, keepdim = op
            return np.zeros(shape).sum(axis=dim, keepdims=keepdim).shape
        if name == "cat":
            _, shapes, dim = op
            return np.concatenate([np.zeros(s) for s in shapes], axis=dim).shape
        if name == "stack":
            _, shapes, dim = op
            return np.stack([np.zeros(s) for s in shapes], axis=dim).shape
    except ValueError:
        return ERROR
    raise AssertionError(f"unknown op {name}")


@pytest.mark.parametrize("fid", sorted(CASES))
def test_cases_match_numpy(fid: str) -> None:
    errors = 0
    for seed in range(200):
        case = CASES[fid](random.Random(seed))
        want = numpy_result(case.op)
        assert case.truth == want, (fid, seed, case.code, case.truth, want)
        errors += want == ERROR
        problem = get_check(fid).generate(seed)
        assert problem.answer_text == shape_text(case.truth)
        assert case.code[-1] in problem.prompt and "import torch" in problem.prompt
    if fid in (
        "la.tensors.broadcast",
        "la.tensors.matmul",
        "la.tensors.reshape",
        "la.tensors.cat-stack",
    ):
        assert errors >= 10, f"{fid} should sometimes fail ({errors} of 200)"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ((3,), (3,)),
        ((2, 3), (3,)),
        ((3,), (3, 4)),
        ((5, 2, 3), (3,)),
        ((2, 1, 3, 4), (5, 4, 2)),
        ((2, 3), (4,)),
        ((4,), (3, 4)),
    ],
)
def test_matmul_with_one_dimensional_operands(a: tuple[int, ...], b: tuple[int, ...]) -> None:
    try:
        want = np.matmul(np.zeros(a), np.zeros(b)).shape
    except ValueError:
        want = ERROR
    assert ts.matmul(a, b) == want


def test_rules_on_edge_cases() -> None:
    assert ts.transpose((2, 3), 0, 5) == ERROR
    assert ts.permute((2, 3, 4), (0, 0, 1)) == ERROR
    assert ts.reshape((2, 3), (-1, -1)) == ERROR
    assert ts.reshape((2, 3), (4, -1)) == ERROR
    assert ts.reshape((2, 3), (3, -1)) == (3, 2)
    assert ts.flatten((2, 3, 4), 1) == (2, 12)
    assert ts.stack([(2, 3), (2, 3)], -1) == (2, 3, 2)
    assert ts.cat([(2, 3), (2, 4)], 0) == ERROR
    assert ts.reduce((2, 3), -1, keepdim=True) == (2, 1)


def test_torch_agrees_when_available() -> None:
    """If torch is installed, replay a sample of cases with it (the prompts show torch code)."""
    torch = pytest.importorskip("torch")
    for fid in sorted(CASES):
        for seed in range(0, 200, 20):
            case = CASES[fid](random.Random(seed))
            env = {"torch": torch}
            try:
                exec("\n".join(case.code), env)  # our own generated code, never learner text
                got = tuple(env["y"].shape)
            except (RuntimeError, IndexError, ValueError):
                got = ERROR
            assert got == case.truth, (fid, seed, case.code)
