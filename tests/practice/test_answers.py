"""Readers for every answer kind: the accepted forms, unreadable text, and safety."""

from __future__ import annotations

import math
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rung.practice.answers import (
    ERROR,
    ChoiceAnswer,
    ExpressionAnswer,
    FractionAnswer,
    IntegerAnswer,
    MatrixAnswer,
    MultiChoiceAnswer,
    OrderingAnswer,
    ReadError,
    RealAnswer,
    SetAnswer,
    ShapeAnswer,
    TrueFalseAnswer,
    VectorAnswer,
    read_matrix,
    read_number,
    read_set,
    read_shape,
    read_vector,
)

F = Fraction


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3/4", F(3, 4)),
        ("0.75", F(3, 4)),
        ("-2.5", F(-5, 2)),
        ("1e-3", F(1, 1000)),
        ("2E3", F(2000)),
        ("12", F(12)),
        ("−3", F(-3)),
        ("(1+2)*3", F(9)),
        ("2^-1", F(1, 2)),
        ("2**3", F(8)),
        ("-2^2", F(-4)),
        ("2(3)", F(6)),
        ("sqrt(16)", F(4)),
        ("sqrt(9/4)", F(3, 2)),
        ("4^(1/2)", F(2)),
    ],
)
def test_exact_numbers(text: str, value: Fraction) -> None:
    got = read_number(text)
    assert isinstance(got, Fraction) and got == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("sqrt(2)", math.sqrt(2)),
        ("√2", math.sqrt(2)),
        ("2sqrt(3)", 2 * math.sqrt(3)),
        ("3*sqrt(2)/2", 3 * math.sqrt(2) / 2),
        ("pi/2", math.pi / 2),
        ("π", math.pi),
        ("e^2", math.e**2),
        ("exp(1)", math.e),
        ("2pi", 2 * math.pi),
        ("cos(0)", 1.0),
        ("tanh(0)", 0.0),
        ("log(e)", 1.0),
        ("1/sqrt(2)", 1 / math.sqrt(2)),
    ],
)
def test_real_numbers(text: str, value: float) -> None:
    assert math.isclose(float(read_number(text)), value, rel_tol=1e-12, abs_tol=1e-12)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "banana",
        "1 2",
        "3 +",
        "(1",
        "1)",
        "2^^3",
        "x",
        "1/0",
        "sqrt(-1)",
        "log(0)",
        "1e400",
        "9^99",
        "sqrt",
        "#",
        "1,5",
    ],
)
def test_unreadable_numbers(text: str) -> None:
    with pytest.raises(ReadError):
        read_number(text)


HOSTILE = [
    "__import__('os').system('touch /tmp/rung-pwned')",
    "open('/tmp/rung-pwned', 'w')",
    "exec('print(1)')",
    "eval('1+1')",
    "lambda: 1",
    "(1).__class__",
    "x.__class__.__bases__",
    "import os",
    "os.system('ls')",
    "globals()",
    "[c for c in ().__class__.__base__.__subclasses__()]",
    "\\x00",
    "1; import os",
    "sympy.sympify('1')",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_unreadable_and_never_runs(text: str) -> None:
    marker = Path("/tmp/rung-pwned")
    marker.unlink(missing_ok=True)
    with pytest.raises(ReadError):
        read_number(text)
    for spec in (
        VectorAnswer([1, 2]),
        MatrixAnswer([[1, 2], [3, 4]]),
        ExpressionAnswer("x^2", ["x"]),
        SetAnswer([1]),
        ShapeAnswer((2, 3)),
    ):
        assert not spec.read(text).ok
    assert not marker.exists()


def test_expression_reader_never_calls_sympify(monkeypatch: pytest.MonkeyPatch) -> None:
    import sympy
    import sympy.parsing.sympy_parser as parser

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("sympify/parse_expr must not be used on typed text")

    monkeypatch.setattr(sympy, "sympify", boom)
    monkeypatch.setattr(parser, "parse_expr", boom)
    spec = ExpressionAnswer("t^2 - 5*t + 6", ["t"], {"lambda": "t", "λ": "t"})
    for text in ("(t-2)(t-3)", "t^2-5t+6", "λ^2 - 5λ + 6", "t*t - 5*t + 6"):
        read = spec.read(text)
        assert read.ok and spec.is_correct(read.value), text
    assert "os" in sys.modules  # sanity: the test itself did not break imports


@pytest.mark.parametrize(
    "text",
    [
        "[1, 2, 3]",
        "(1,2,3)",
        "1 2 3",
        "1, 2, 3",
        "[1 2 3]",
        "1; 2; 3",
        "tensor([1, 2, 3])",
        "[[1], [2], [3]]",
        " [ 1 ,2, 3 ] ",
    ],
)
def test_vector_forms(text: str) -> None:
    assert read_vector(text).value == (1, 2, 3)


def test_vector_entries_take_number_forms() -> None:
    got = read_vector("[1/2, sqrt(2), -pi, 1e-3]").value
    assert got[0] == F(1, 2) and math.isclose(got[1], math.sqrt(2))
    assert math.isclose(got[2], -math.pi) and got[3] == F(1, 1000)
    assert read_vector("1 -2 3").value == (1, -2, 3)
    assert read_vector("1 - 2 3").value == (-1, 3)


@pytest.mark.parametrize("text", ["", "banana", "[1, 2", "{{", "{1, 2}", "[1,,2]", "[]", "[a, b]"])
def test_unreadable_vectors(text: str) -> None:
    assert not read_vector(text).ok


def test_vector_wrong_length_is_wrong_not_unreadable() -> None:
    spec = VectorAnswer([1, 2, 3])
    read = spec.read("[1, 2]")
    assert read.ok and not spec.is_correct(read.value)
    assert spec.describe_wrong(read.value) == "Expected 3 entries, got 2."


@pytest.mark.parametrize(
    "text",
    [
        "[[1,2],[3,4]]",
        "[[1, 2], [3, 4]]",
        "1 2; 3 4",
        "1 2\n3 4",
        "[1 2; 3 4]",
        "[1,2],[3,4]",
        "((1,2),(3,4))",
        "1, 2; 3, 4",
        "[1, 2]\n[3, 4]",
        "tensor([[1, 2], [3, 4]])",
        "[[1,2],\n [3,4]]",
    ],
)
def test_matrix_forms(text: str) -> None:
    assert read_matrix(text).value == ((1, 2), (3, 4))


def test_matrix_entries_take_number_forms() -> None:
    got = read_matrix("[[1/2, -3/2], [sqrt(4), 0.25]]").value
    assert got == ((F(1, 2), F(-3, 2)), (F(2), F(1, 4)))


@pytest.mark.parametrize(
    "text", ["", "banana", "[[1,2],[3]]", "1 2; 3", "[[1, 2", "{{", "[[1,2],[3,x]]"]
)
def test_unreadable_matrices(text: str) -> None:
    read = read_matrix(text)
    assert not read.ok
    if text in ("[[1,2],[3]]", "1 2; 3"):
        assert "different lengths" in read.reason


def test_matrix_wrong_shape_is_wrong() -> None:
    spec = MatrixAnswer([[1, 2], [3, 4]])
    read = spec.read("1 2 3 4")
    assert read.ok and not spec.is_correct(read.value)
    assert "Expected a 2×2 matrix, got 1×4" in spec.describe_wrong(read.value)
    read = spec.read("[[1, 2], [3, 5]]")
    assert "entry (2,2)" in spec.describe_wrong(read.value)


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("(3, 4)", (3, 4)),
        ("3x4", (3, 4)),
        ("3×4", (3, 4)),
        ("3 x 4", (3, 4)),
        ("[3, 4]", (3, 4)),
        ("torch.Size([3, 4])", (3, 4)),
        ("torch.Size([2, 3, 4])", (2, 3, 4)),
        ("(3,)", (3,)),
        ("3", (3,)),
        ("()", ()),
        ("3 4", (3, 4)),
        ("error", ERROR),
        ("Error.", ERROR),
        ("it fails", ERROR),
        ("RuntimeError", ERROR),
    ],
)
def test_shape_forms(text: str, shape: object) -> None:
    assert read_shape(text).value == shape


@pytest.mark.parametrize("text", ["", "banana", "(3, 4", "{{", "(3.5, 2)", "(-1, 2)", "(a, b)"])
def test_unreadable_shapes(text: str) -> None:
    assert not read_shape(text).ok


@pytest.mark.parametrize(
    "text", ["{1, 2}", "{2, 1}", "1, 2", "1 2", "{1,2}", "{2, 1, 2}", "[1, 2]"]
)
def test_set_forms(text: str) -> None:
    spec = SetAnswer([1, 2])
    read = spec.read(text)
    assert read.ok and spec.is_correct(read.value)


def test_set_reading() -> None:
    assert read_set("{}").value == ()
    assert not read_set("{1, 2").ok
    assert not read_set("banana").ok
    spec = SetAnswer([1, 2])
    assert spec.describe_wrong(read_set("{1, 2, 3}").value) == "Expected 2 distinct values, got 3."


def test_single_choice_by_letter_or_text() -> None:
    spec = ChoiceAnswer(["acute", "a right angle", "obtuse"], 2)
    for text in ("c", "C", "(c)", "c)", "C.", "obtuse", " Obtuse. "):
        read = spec.read(text)
        assert read.ok and spec.is_correct(read.value), text
    assert spec.read("a").value == 0 and not spec.is_correct(0)
    for text in ("d", "banana", "", "a, b"):
        assert not spec.read(text).ok


def test_multiple_choice() -> None:
    spec = MultiChoiceAnswer(["p", "q", "r", "s"], [0, 2])
    for text in ("a, c", "a c", "c, a", "ac", "A,C", "(a) (c)", "a and c"):
        read = spec.read(text)
        assert read.ok and spec.is_correct(read.value), text
    read = spec.read("a")
    assert read.ok and not spec.is_correct(read.value)
    assert "1 right option missing" in spec.describe_wrong(read.value)
    for text in ("e", "banana", "", "a, z"):
        assert not spec.read(text).ok


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("T", True),
        ("yes", True),
        ("y", True),
        ("false", False),
        ("f", False),
        ("No", False),
        ("n", False),
    ],
)
def test_true_false(text: str, value: bool) -> None:
    spec = TrueFalseAnswer(value)
    read = spec.read(text)
    assert read.ok and read.value is value and spec.is_correct(read.value)


def test_true_false_unreadable() -> None:
    for text in ("maybe", "", "banana", "tru"):
        assert not TrueFalseAnswer(True).read(text).ok


def test_ordering() -> None:
    spec = OrderingAnswer(["x", "y", "z"], [2, 0, 1])
    for text in ("c a b", "c, a, b", "cab", "c > a > b", "c -> a -> b", "C, A, B"):
        read = spec.read(text)
        assert read.ok and spec.is_correct(read.value), text
    assert spec.describe_wrong(spec.read("c a").value) == "Expected 3 items, got 2."
    assert spec.describe_wrong(spec.read("c c a").value) == "Use each letter exactly once."
    for text in ("c a d", "banana", ""):
        assert not spec.read(text).ok


def test_integer_and_fraction_and_real_specs() -> None:
    assert IntegerAnswer(6).is_correct(read_number("12/2"))
    assert IntegerAnswer(6).is_correct(read_number("6.0"))
    assert not IntegerAnswer(6).is_correct(read_number("6.5"))
    assert "whole number" in IntegerAnswer(6).describe_wrong(read_number("6.5"))
    frac = FractionAnswer(F(3, 4))
    for text in ("3/4", "0.75", "6/8", "-(-3/4)"):
        assert frac.is_correct(frac.read(text).value), text
    assert not frac.is_correct(frac.read("0.7499").value)
    assert "fraction" in frac.describe_wrong(frac.read("0.7499").value)
    real = RealAnswer(math.sqrt(10), "sqrt(10)")
    for text in ("sqrt(10)", "3.162", "3.1623", "10^(1/2)", "√10"):
        assert real.is_correct(real.read(text).value), text
    assert not real.is_correct(real.read("3.1").value)
    assert "Close" in real.describe_wrong(real.read("3.15").value)
    assert "sign" in real.describe_wrong(real.read("-3.1623").value)
    assert not real.read("[3.16]").ok


def test_expressions() -> None:
    spec = ExpressionAnswer("x^2 - 1", ["x"])
    for text in ("(x-1)(x+1)", "x**2 - 1", "x x - 1", "-1 + x^2", "(x+1)*(x-1)", "2x^2/2 - 1"):
        read = spec.read(text)
        assert read.ok and spec.is_correct(read.value), text
    for text in ("x^2 + 1", "x^3 - 1", "x"):
        read = spec.read(text)
        assert read.ok and not spec.is_correct(read.value), text
    for text in ("", "y^2", "x^2 -", "x^(10^10)", "banana", "{{"):
        assert not spec.read(text).ok, text
    trig = ExpressionAnswer("sin(t)^2 + cos(t)^2", ["t"])
    assert trig.is_correct(trig.read("1").value)
    assert trig.is_correct(trig.read("exp(log(1))").value)


numbers = st.fractions(min_value=-1000, max_value=1000, max_denominator=50)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(numbers, min_size=1, max_size=6),
    st.sampled_from([", ", " ", ",", "; "]),
    st.sampled_from(["[]", "()", "  "]),
)
def test_vectors_round_trip(values: list[Fraction], sep: str, brackets: str) -> None:
    body = sep.join(
        f"{v.numerator}/{v.denominator}" if v.denominator != 1 else str(v.numerator) for v in values
    )
    text = brackets[0] + body + brackets[1]
    assert read_vector(text).value == tuple(values)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_matrices_round_trip(m: int, n: int, data: st.DataObject) -> None:
    rows = [[data.draw(st.integers(-50, 50)) for _ in range(n)] for _ in range(m)]
    nested = "[" + ", ".join("[" + ", ".join(map(str, r)) + "]" for r in rows) + "]"
    semis = "; ".join(" ".join(map(str, r)) for r in rows)
    lines = "\n".join(", ".join(map(str, r)) for r in rows)
    want = tuple(tuple(F(x) for x in r) for r in rows)
    for text in (nested, semis, lines):
        assert read_matrix(text).value == want, text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_reads_or_is_refused_without_crashing(text: str) -> None:
    for spec in (
        IntegerAnswer(1),
        VectorAnswer([1, 2]),
        MatrixAnswer([[1]]),
        ShapeAnswer((1, 2)),
        SetAnswer([1]),
        ChoiceAnswer(["p", "q"], 0),
        MultiChoiceAnswer(["p", "q"], [0]),
        OrderingAnswer(["p", "q"], [1, 0]),
        TrueFalseAnswer(True),
    ):
        read = spec.read(text)
        assert read.ok or read.reason
        if read.ok:
            spec.is_correct(read.value)
            spec.same(read.value, spec.truth)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="xt0123456789+-*/^() .", max_size=25))
def test_expression_parser_total(text: str) -> None:
    spec = ExpressionAnswer("x + 1", ["x"])
    read = spec.read(text)
    if read.ok:
        assert spec.same(read.value, read.value)
