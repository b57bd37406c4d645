"""The grading harness's messages name what differs, where, by how much, and guess why."""

from __future__ import annotations

import numpy as np
import pytest

from rung.labs.harness import Mismatch, assert_close, max_abs_error


def _message(yours: object, expected: object, name: str = "grad of b") -> str:
    with pytest.raises(Mismatch) as info:
        assert_close(name, yours, expected)
    return str(info.value)


def test_element_and_sign() -> None:
    exp = np.array([[1.0, 2.0], [-0.25, 4.0]])
    got = exp.copy()
    got[1, 0] = 0.25
    assert (
        _message(got, exp)
        == "grad of b differs at index (1, 0): yours 0.25, expected -0.25 (sign?)"
    )


def test_shape_and_transpose() -> None:
    exp = np.arange(6.0).reshape(2, 3)
    assert "shape of W: yours (3, 2), expected (2, 3) (transposed?)" == _message(exp.T, exp, "W")
    square = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert _message(square.T, square, "P").endswith("(transposed?); 2 of 4 elements differ")


def test_scalars_factor_and_none() -> None:
    assert _message(1.0, 0.5, "d(a*b)/da") == (
        "d(a*b)/da differs: yours 1, expected 0.5 (twice the expected value: a factor of 2?)"
    )
    assert "missing return?" in _message(None, 1.0, "the loss")
    assert "(zero: never set or never accumulated?)" in _message(0.0, 3.0, "grad of a")


def test_close_values_pass_and_error_is_measured() -> None:
    assert_close("x", [1.0, 2.0 + 1e-9], [1.0, 2.0])
    assert max_abs_error([1.0, 2.5], [1.0, 2.0]) == 0.5


def test_torch_tensors_are_accepted() -> None:
    torch = pytest.importorskip("torch")
    a = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    assert_close("a", a * 1, [1.0, 2.0])
    assert "yours 3, expected 2 (off by one?)" in _message(
        torch.tensor([1.0, 3.0]), [1.0, 2.0], "a"
    )
