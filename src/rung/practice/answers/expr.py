"""A small, safe reader for arithmetic that a learner types.

Why this exists: the obvious shortcuts (``eval``, ``sympy.sympify``,
``parse_expr``) all execute Python, and typed text must never run. So this is
a tokenizer plus a recursive-descent parser over a tiny grammar::

    expr   := term (("+" | "-") term)*
    term   := unary (("*" | "/") unary | <implicit> unary)*
    unary  := ("+" | "-") unary | power
    power  := atom (("^" | "**") unary)?
    atom   := NUMBER | NAME | FUNC "(" expr ")" | FUNC atom | "(" expr ")"

Names come from a whitelist (functions, the constants ``pi`` and ``e``, and
whatever variables the problem allows). A run of letters such as ``2xt`` is
split greedily into known names, so implicit products read naturally.
Implicit multiplication is never allowed before a bare number: ``1 2`` is a
mistake to report, not the number 2.

The parser builds a plain tuple tree. :func:`evaluate` turns that tree into a
number (exact :class:`~fractions.Fraction` when it can, ``float`` otherwise);
the SymPy builder lives in :mod:`rung.practice.answers.expressions` so that
SymPy is imported only when an expression is graded.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from fractions import Fraction
from functools import cache

Number = Fraction | float
Node = tuple  # ("num", v) | ("name", s) | ("neg", a) | (op, a, b) | ("call", f, a)

MAX_LENGTH = 400
MAX_DEPTH = 50
MAX_EXPONENT = 64

FUNCTIONS = frozenset({"sqrt", "exp", "log", "ln", "sin", "cos", "tan", "tanh", "abs"})
CONSTANTS = frozenset({"pi", "e"})

FORM_HINT = "a number such as `3`, `-2.5`, `3/4`, `sqrt(2)`, `pi/2` or `1e-3`"


class ReadError(ValueError):
    """Raised with a message that tells the learner what could not be read."""


_REPLACE = {
    "\u2212": "-",  # minus sign
    "\u2013": "-",  # en dash
    "\u00d7": "*",  # multiplication sign
    "\u00b7": "*",  # middle dot
    "\u22c5": "*",  # dot operator
    "\u00f7": "/",
    "\u03c0": " pi ",
    "\u221a": " sqrt ",
    "\u00b2": "^2",
    "\u00b3": "^3",
}

_TOKEN = re.compile(
    r"\s*(?:(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z]+)|(?P<op>\*\*|[-+*/^()]))"
)


_PLAIN = re.compile(r"-?\d{1,12}(?:\.\d{1,12})?")


def normalise(text: str) -> str:
    """Map the Unicode forms people paste (−, ×, π, √, ²) onto ASCII."""
    for old, new in _REPLACE.items():
        text = text.replace(old, new)
    return text


def _split_name(word: str, names: Iterable[str]) -> list[str]:
    """Split a run of letters into known names, longest match first."""
    known = _longest_first(frozenset(names))
    out: list[str] = []
    i = 0
    while i < len(word):
        for name in known:
            if word.startswith(name, i):
                out.append(name)
                i += len(name)
                break
        else:
            raise ReadError(f"`{word}` is not a number or a name I know")
    return out


@cache
def _longest_first(names: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def tokenize(
    text: str, variables: Iterable[str] = (), aliases: dict[str, str] | None = None
) -> list[tuple[str, object]]:
    """Turn text into (kind, value) tokens; kinds are num, name, func, op."""
    aliases = aliases or {}
    text = normalise(text)
    for alias, target in aliases.items():
        text = text.replace(alias, f" {target} ")
    if len(text) > MAX_LENGTH:
        raise ReadError(f"that is too long to read (over {MAX_LENGTH} characters)")
    names = set(FUNCTIONS) | set(CONSTANTS) | set(variables)
    tokens: list[tuple[str, object]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if m is None:
            bad = text[pos:].lstrip()[:1]
            raise ReadError(f"unexpected character `{bad}`")
        pos = m.end()
        if m.group("num") is not None:
            tokens.append(("num", _number(m.group("num"))))
        elif m.group("name") is not None:
            for name in _split_name(m.group("name").lower(), names):
                tokens.append(("func" if name in FUNCTIONS else "name", name))
        else:
            tokens.append(("op", m.group("op")))
    if not tokens:
        raise ReadError("the answer is empty")
    return tokens


def _number(literal: str) -> Fraction:
    mantissa, _, exponent = literal.lower().partition("e")
    if exponent and abs(int(exponent)) > 300:
        raise ReadError(f"`{literal}` is out of range")
    return Fraction(literal)


class _Parser:
    def __init__(self, tokens: list[tuple[str, object]]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    def peek(self) -> tuple[str, object] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, object]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def is_op(self, *ops: str) -> bool:
        tok = self.peek()
        return tok is not None and tok[0] == "op" and tok[1] in ops

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ReadError("that is nested too deeply to read")

    def parse(self) -> Node:
        node = self.expr()
        if self.peek() is not None:
            kind, value = self.peek()  # type: ignore[misc]
            raise ReadError(f"unexpected `{value}`")
        return node

    def expr(self) -> Node:
        self.enter()
        node = self.term()
        while self.is_op("+", "-"):
            op = self.take()[1]
            node = ("add" if op == "+" else "sub", node, self.term())
        self.depth -= 1
        return node

    def term(self) -> Node:
        node = self.unary()
        while True:
            if self.is_op("*", "/"):
                op = self.take()[1]
                node = ("mul" if op == "*" else "div", node, self.unary())
            elif self._starts_implicit():
                node = ("mul", node, self.power())
            else:
                return node

    def _starts_implicit(self) -> bool:
        tok = self.peek()
        if tok is None:
            return False
        return tok[0] in ("name", "func") or (tok[0] == "op" and tok[1] == "(")

    def unary(self) -> Node:
        if self.is_op("+", "-"):
            op = self.take()[1]
            self.enter()
            inner = self.unary()
            self.depth -= 1
            return inner if op == "+" else ("neg", inner)
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        if self.is_op("^", "**"):
            self.take()
            self.enter()
            exponent = self.unary()
            self.depth -= 1
            return ("pow", base, exponent)
        return base

    def atom(self) -> Node:
        tok = self.peek()
        if tok is None:
            raise ReadError("the expression ends too early")
        kind, value = self.take()
        if kind == "num":
            return ("num", value)
        if kind == "name":
            return ("name", value)
        if kind == "func":
            if self.is_op("("):
                return ("call", value, self.atom())
            if self.peek() is None:
                raise ReadError(f"`{value}` needs an argument, like `{value}(2)`")
            return ("call", value, self.atom())
        if value == "(":
            node = self.expr()
            if not self.is_op(")"):
                raise ReadError("a `(` is never closed")
            self.take()
            return node
        raise ReadError(f"unexpected `{value}`")


def parse(text: str, variables: Iterable[str] = (), aliases: dict[str, str] | None = None) -> Node:
    """Parse text into a tree; raise :class:`ReadError` with a reason otherwise."""
    return _Parser(tokenize(text, variables, aliases)).parse()


def free_names(node: Node) -> set[str]:
    """The variable names (not constants) that a tree uses."""
    kind = node[0]
    if kind == "num":
        return set()
    if kind == "name":
        return set() if node[1] in CONSTANTS else {node[1]}
    if kind in ("neg", "call"):
        return free_names(node[-1])
    return free_names(node[1]) | free_names(node[2])


def _exact_sqrt(x: Fraction) -> Fraction | None:
    if x < 0:
        return None
    n, d = math.isqrt(x.numerator), math.isqrt(x.denominator)
    if n * n == x.numerator and d * d == x.denominator:
        return Fraction(n, d)
    return None


_FLOAT_FUNCS = {
    "exp": math.exp,
    "log": math.log,
    "ln": math.log,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "tanh": math.tanh,
}


def _finite(x: float) -> float:
    if not math.isfinite(x):
        raise ReadError("that number is too large to work with")
    return x


def evaluate(node: Node) -> Number:
    """Evaluate a tree with no variables to a number, exactly when possible."""
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "name":
        if node[1] == "pi":
            return math.pi
        if node[1] == "e":
            return math.e
        raise ReadError(f"the answer is a number, so it cannot contain `{node[1]}`")
    if kind == "neg":
        return -evaluate(node[1])
    if kind == "call":
        return _call(node[1], evaluate(node[2]))
    a, b = evaluate(node[1]), evaluate(node[2])
    try:
        if kind == "add":
            return a + b if _both_exact(a, b) else _finite(float(a) + float(b))
        if kind == "sub":
            return a - b if _both_exact(a, b) else _finite(float(a) - float(b))
        if kind == "mul":
            return a * b if _both_exact(a, b) else _finite(float(a) * float(b))
        if kind == "div":
            if b == 0:
                raise ReadError("that divides by zero")
            return a / b if _both_exact(a, b) else _finite(float(a) / float(b))
        if kind == "pow":
            return _power(a, b)
    except OverflowError as exc:
        raise ReadError("that number is too large to work with") from exc
    raise ReadError("that could not be read")  # pragma: no cover - every node kind is handled


def _both_exact(a: Number, b: Number) -> bool:
    return isinstance(a, Fraction) and isinstance(b, Fraction)


def _power(a: Number, b: Number) -> Number:
    if abs(b) > MAX_EXPONENT:
        raise ReadError(f"exponents above {MAX_EXPONENT} are out of range here")
    if _both_exact(a, b):
        if b.denominator == 1:
            if a == 0 and b < 0:
                raise ReadError("that divides by zero")
            return a ** int(b)
        if b.denominator == 2:
            root = _exact_sqrt(a)
            if root is not None:
                return root ** int(b.numerator)
    if a < 0 and float(b) != int(float(b)):
        raise ReadError("a negative number to a fractional power is not a real number")
    if a == 0 and b < 0:
        raise ReadError("that divides by zero")
    return _finite(float(a) ** float(b))


def _call(name: str, x: Number) -> Number:
    if name == "sqrt":
        if x < 0:
            raise ReadError("the square root of a negative number is not real")
        if isinstance(x, Fraction):
            root = _exact_sqrt(x)
            if root is not None:
                return root
        return math.sqrt(x)
    if name == "abs":
        return abs(x)
    if name in ("log", "ln") and x <= 0:
        raise ReadError("the logarithm needs a positive number")
    if name == "exp" and x > 700:
        raise ReadError("that number is too large to work with")
    try:
        return _finite(_FLOAT_FUNCS[name](float(x)))
    except (ValueError, OverflowError) as exc:
        raise ReadError(f"`{name}` cannot take that value") from exc


def read_number(text: str) -> Number:
    """Read one number in any of the accepted forms; raise ReadError otherwise."""
    if not text or not text.strip():
        raise ReadError("the answer is empty")
    plain = _PLAIN.fullmatch(text.strip().replace("\u2212", "-"))
    if plain:  # the common case, without the parser
        return Fraction(plain.group(0))
    return evaluate(parse(text))
