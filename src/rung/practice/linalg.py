"""Exact linear algebra on small matrices of Fractions.

The generators compute every right answer (and every known wrong answer)
here, in exact arithmetic, so a worked solution never shows a rounded value
that disagrees with what is graded. Matrices are tuples of row tuples.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

Exact = int | Fraction
Vec = tuple[Exact, ...]
Mat = tuple[Vec, ...]


def _exact(x: Exact) -> Exact:
    """Keep integers as ints (fast); reduce whole fractions to ints."""
    if isinstance(x, Fraction) and x.denominator == 1:
        return x.numerator
    return x


def vec(values: Sequence[Exact]) -> Vec:
    return tuple(_exact(v) for v in values)


def mat(rows: Sequence[Sequence[Exact]]) -> Mat:
    return tuple(vec(r) for r in rows)


def dot(a: Sequence[Exact], b: Sequence[Exact]) -> Exact:
    return _exact(sum(x * y for x, y in zip(a, b, strict=True)))


def add(a: Vec, b: Vec) -> Vec:
    return tuple(_exact(x + y) for x, y in zip(a, b, strict=True))


def scale(k: Exact, a: Vec) -> Vec:
    return tuple(_exact(k * x) for x in a)


def transpose(m: Mat) -> Mat:
    return tuple(zip(*m, strict=True)) if m else ()


def matmul(a: Mat, b: Mat) -> Mat:
    if len(a[0]) != len(b):
        raise ValueError(f"cannot multiply {len(a)}x{len(a[0])} by {len(b)}x{len(b[0])}")
    cols = transpose(b)
    return tuple(tuple(dot(row, col) for col in cols) for row in a)


def matvec(a: Mat, v: Vec) -> Vec:
    return tuple(dot(row, v) for row in a)


def elementwise(a: Mat, b: Mat) -> Mat:
    return tuple(
        tuple(x * y for x, y in zip(ra, rb, strict=True)) for ra, rb in zip(a, b, strict=True)
    )


def neg(m: Mat) -> Mat:
    return tuple(tuple(-x for x in row) for row in m)


def identity(n: int) -> Mat:
    return tuple(tuple(int(i == j) for j in range(n)) for i in range(n))


def det(m: Mat) -> Exact:
    """Determinant by cofactor expansion along the first row (n <= 4 here)."""
    n = len(m)
    if n == 1:
        return m[0][0]
    if n == 2:
        return m[0][0] * m[1][1] - m[0][1] * m[1][0]
    total: Exact = 0
    for j in range(n):
        total += (-1) ** j * m[0][j] * det(minor(m, 0, j))
    return _exact(total)


def minor(m: Mat, i: int, j: int) -> Mat:
    return tuple(tuple(x for c, x in enumerate(row) if c != j) for r, row in enumerate(m) if r != i)


def inverse2(m: Mat) -> Mat:
    d = Fraction(det(m))
    if d == 0:
        raise ZeroDivisionError("singular matrix")
    (a, b), (c, e) = m
    return mat([[e / d, -b / d], [-c / d, a / d]])


def rank(m: Mat) -> int:
    """Rank by Gaussian elimination in exact arithmetic."""
    rows = [[Fraction(x) for x in r] for r in m]
    r = 0
    ncols = len(rows[0]) if rows else 0
    for c in range(ncols):
        pivot = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                f = rows[i][c] / rows[r][c]
                rows[i] = [x - f * y for x, y in zip(rows[i], rows[r], strict=True)]
        r += 1
        if r == len(rows):
            break
    return r


def solve2(m: Mat, v: Vec) -> Vec:
    """Solve a 2x2 system m x = v exactly."""
    return matvec(inverse2(m), v)


def norm_sq(v: Sequence[Exact]) -> Exact:
    return dot(v, v)


def is_zero(m: Mat) -> bool:
    return all(x == 0 for row in m for x in row)
