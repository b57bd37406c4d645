"""Symbolic answers, checked for equivalence with SymPy.

The text goes through the safe parser in :mod:`.expr`; this module only turns
the resulting tree into SymPy objects, node by node. SymPy is imported inside
the functions, so importing the practice registry stays fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .base import AnswerSpec, Read, blank_reason, unreadable
from .expr import MAX_EXPONENT, Node, ReadError, evaluate, free_names, parse


def to_sympy(node: Node) -> Any:
    """Build a SymPy expression from a parsed tree (never from text)."""
    import sympy

    kind = node[0]
    if kind == "num":
        value = node[1]
        return sympy.Rational(value.numerator, value.denominator)
    if kind == "name":
        if node[1] == "pi":
            return sympy.pi
        if node[1] == "e":
            return sympy.E
        return sympy.Symbol(node[1])
    if kind == "neg":
        return -to_sympy(node[1])
    if kind == "call":
        funcs = {
            "sqrt": sympy.sqrt,
            "exp": sympy.exp,
            "log": sympy.log,
            "ln": sympy.log,
            "sin": sympy.sin,
            "cos": sympy.cos,
            "tan": sympy.tan,
            "tanh": sympy.tanh,
            "abs": sympy.Abs,
        }
        return funcs[node[1]](to_sympy(node[2]))
    a, b = to_sympy(node[1]), to_sympy(node[2])
    if kind == "add":
        return a + b
    if kind == "sub":
        return a - b
    if kind == "mul":
        return a * b
    if kind == "div":
        if b == 0:
            raise ReadError("that divides by zero")
        return a / b
    if kind == "pow":
        if not free_names(node[2]) and abs(float(evaluate(node[2]))) > MAX_EXPONENT:
            raise ReadError(f"exponents above {MAX_EXPONENT} are out of range here")
        return a**b
    raise ReadError("that could not be read")  # pragma: no cover


def equivalent(a: Any, b: Any) -> bool:
    """Whether two SymPy expressions are equal as functions."""
    import sympy

    diff = sympy.expand(a - b)
    if diff == 0:
        return True
    if diff.is_polynomial(*diff.free_symbols):
        return False  # an expanded nonzero polynomial is not zero: skip the slow simplify
    return sympy.simplify(diff) == 0


class ExpressionAnswer(AnswerSpec):
    """An expression in named variables (``t^2 - 5t + 6``), equal up to algebra."""

    kind = "expression"

    def __init__(
        self, text: str, variables: Sequence[str], aliases: dict[str, str] | None = None
    ) -> None:
        self._text = text
        self.variables = tuple(variables)
        self.aliases = dict(aliases or {})
        self._truth: Any = None

    @property
    def form_hint(self) -> str:
        names = ", ".join(f"`{v}`" for v in self.variables)
        return (
            f"an expression in {names} such as `{self.variables[0]}^2 - 3{self.variables[0]} + 2`"
        )

    @property
    def truth(self) -> Any:
        if self._truth is None:
            self._truth = self.to_value(self._text)
        return self._truth

    @property
    def canonical(self) -> str:
        return self._text

    def to_value(self, text: str) -> Any:
        return to_sympy(parse(text, self.variables, self.aliases))

    def read(self, text: str) -> Read:
        reason = blank_reason(text)
        if reason:
            return unreadable(f"{reason}; type {self.form_hint}")
        try:
            tree = parse(text, self.variables, self.aliases)
            return Read(to_sympy(tree))
        except ReadError as exc:
            return unreadable(f"{exc}; type {self.form_hint}")

    def same(self, value: Any, target: Any) -> bool:
        if isinstance(target, str):
            target = self.to_value(target)
        return equivalent(value, target)

    def describe_wrong(self, value: Any) -> str:
        import sympy

        want = sympy.Poly(self.truth, *[sympy.Symbol(v) for v in self.variables])
        try:
            got = sympy.Poly(value, *[sympy.Symbol(v) for v in self.variables])
        except sympy.PolynomialError:
            return "Not right: the answer here is a polynomial."
        if got.total_degree() != want.total_degree():
            return f"Not right: expected a polynomial of degree {want.total_degree()}, got degree {got.total_degree()}."
        return "Not right: the degree is right but some coefficients are not."
