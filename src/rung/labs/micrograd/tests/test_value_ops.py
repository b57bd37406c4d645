"""Task value-ops: the forward arithmetic of Value, including the reflected forms."""

from __future__ import annotations

import operator

import pytest
from micrograd.engine import Value

from rung.labs.harness import assert_close

pytestmark = pytest.mark.task("value-ops")

CASES = [
    # (description, function, expected)
    ("Value(3) + Value(-5)", lambda: Value(3) + Value(-5), -2.0),
    ("Value(3) + 2.5", lambda: Value(3) + 2.5, 5.5),
    ("2.5 + Value(3)", lambda: 2.5 + Value(3), 5.5),
    ("Value(3) * Value(-5)", lambda: Value(3) * Value(-5), -15.0),
    ("Value(3) * 0.5", lambda: Value(3) * 0.5, 1.5),
    ("0.5 * Value(3)", lambda: 0.5 * Value(3), 1.5),
    ("Value(3) - Value(5)", lambda: Value(3) - Value(5), -2.0),
    ("Value(3) - 5", lambda: Value(3) - 5, -2.0),
    ("5 - Value(3)", lambda: 5 - Value(3), 2.0),
    ("-Value(3)", lambda: -Value(3), -3.0),
    ("Value(3) / Value(4)", lambda: Value(3) / Value(4), 0.75),
    ("Value(3) / 4", lambda: Value(3) / 4, 0.75),
    ("3 / Value(4)", lambda: 3 / Value(4), 0.75),
    ("Value(3) ** 2", lambda: Value(3) ** 2, 9.0),
    ("Value(4) ** 0.5", lambda: Value(4) ** 0.5, 2.0),
    ("Value(2) ** -1", lambda: Value(2) ** -1, 0.5),
]


def test_new_value_holds_data_and_zero_grad() -> None:
    v = Value(2)
    assert isinstance(v.data, float), "Value.data should be a float (store float(data))"
    assert_close("Value(2).data", v.data, 2.0)
    assert_close("a new Value's grad", v.grad, 0.0)


@pytest.mark.parametrize("text,make,expected", CASES, ids=[c[0] for c in CASES])
def test_forward(text: str, make, expected: float) -> None:  # type: ignore[no-untyped-def]
    out = make()
    assert isinstance(out, Value), f"{text} should give a Value, got {type(out).__name__}"
    assert_close(text, out.data, expected)


@pytest.mark.parametrize("op", [operator.add, operator.mul, operator.sub, operator.truediv])
def test_result_remembers_its_inputs(op) -> None:  # type: ignore[no-untyped-def]
    a, b = Value(3.0), Value(4.0)
    out = op(a, b)
    reachable = set()
    stack = [out]
    while stack:
        v = stack.pop()
        if id(v) not in reachable:
            reachable.add(id(v))
            stack.extend(v._prev)
    assert id(a) in reachable and id(b) in reachable, (
        f"a {op.__name__} b: the result's graph (through _prev) does not reach both inputs"
    )


def test_inputs_are_not_changed() -> None:
    a, b = Value(3.0), Value(4.0)
    _ = a * b + a - b / a
    assert_close("a.data after arithmetic", a.data, 3.0)
    assert_close("b.data after arithmetic", b.data, 4.0)
