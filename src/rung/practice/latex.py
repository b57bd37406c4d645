"""Markdown + LaTeX building blocks for prompts and worked solutions.

Kept in one place so every prompt writes numbers the same way, and so the
well-formedness test (balanced ``$``, braces, ``\\begin``/``\\end``) has one
source to trust.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction


def num(x: Fraction | int) -> str:
    """LaTeX for an exact number: ``3``, ``-\\frac{3}{4}``."""
    if isinstance(x, int):
        return str(x)
    x = Fraction(x)
    if x.denominator == 1:
        return str(x.numerator)
    sign = "-" if x < 0 else ""
    return f"{sign}\\frac{{{abs(x.numerator)}}}{{{x.denominator}}}"


def paren(x: Fraction | int) -> str:
    """A number ready to sit after a times sign: negatives get brackets."""
    s = num(x)
    return f"({s})" if x < 0 else s


def bmatrix(rows: Sequence[Sequence[Fraction | int]]) -> str:
    body = " \\\\ ".join(" & ".join(num(x) for x in row) for row in rows)
    return f"\\begin{{bmatrix}} {body} \\end{{bmatrix}}"


def colvec(values: Sequence[Fraction | int]) -> str:
    return bmatrix([[v] for v in values])


def rowvec(values: Sequence[Fraction | int]) -> str:
    return "(" + ", ".join(num(v) for v in values) + ")"


def surd(n: int) -> tuple[int, int]:
    """Write sqrt(n) as k*sqrt(m) with m square-free: returns (k, m)."""
    if n < 0:
        raise ValueError("negative radicand")
    k, m = 1, n
    f = 2
    while f * f <= m:
        while m % (f * f) == 0:
            m //= f * f
            k *= f
        f += 1
    return k, m


def sqrt_text(n: int) -> str:
    """Reader-friendly text for sqrt(n), simplified: ``3*sqrt(2)``, ``5``."""
    k, m = surd(n)
    if m == 1:
        return str(k)
    return f"sqrt({m})" if k == 1 else f"{k}*sqrt({m})"


def sqrt_latex(n: int) -> str:
    k, m = surd(n)
    if m == 1:
        return str(k)
    return f"\\sqrt{{{m}}}" if k == 1 else f"{k}\\sqrt{{{m}}}"


def sqrt_value(n: int | Fraction) -> float:
    return math.sqrt(n)


def fixed(x: float, digits: int = 4) -> str:
    """A decimal with a fixed number of places, for approximate values in solutions."""
    return f"{x:.{digits}f}"


def term(coef: Fraction | int, symbol: str, first: bool = False) -> str:
    """One term of a linear combination: ``2c_1``, ``-c_1``, `` + 3c_2``, `` - c_2``."""
    size = abs(coef)
    body = symbol if size == 1 else f"{num(size)}{symbol}"
    if first:
        return f"-{body}" if coef < 0 else body
    return f" - {body}" if coef < 0 else f" + {body}"


def lincomb(pairs: Sequence[tuple[Fraction | int, str]]) -> str:
    """A whole combination, e.g. ``2\\mathbf{a} - 3\\mathbf{b}``."""
    return "".join(term(c, s, first=i == 0) for i, (c, s) in enumerate(pairs))


def root_chain(sq: int) -> str:
    """``\\sqrt{58} \\approx 7.6158``, ``\\sqrt{8} = 2\\sqrt{2} \\approx 2.8284`` or ``\\sqrt{100} = 10``."""
    k, m = surd(sq)
    out = f"\\sqrt{{{sq}}}"
    if k != 1 or m == 1:
        out += f" = {sqrt_latex(sq)}"
    if m != 1:
        out += f" \\approx {fixed(math.sqrt(sq))}"
    return out


def shifted(name: str, lam: Fraction | int) -> str:
    """``A - 3I``, ``A + 2I`` or ``A`` for the matrix A - lambda I."""
    if lam == 0:
        return name
    size = "" if abs(lam) == 1 else num(abs(lam))
    return f"{name} - {size}I" if lam > 0 else f"{name} + {size}I"
