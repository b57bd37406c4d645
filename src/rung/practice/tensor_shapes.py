"""PyTorch's shape rules, written out as pure functions on tuples.

The tensor checks compute their right answers here rather than by hand; the
tests compare every rule against NumPy (whose rules for these operations are
the same as PyTorch's) on dummy arrays. A rule returns :data:`ERROR` where
PyTorch would raise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .answers.shapes import ERROR

Shape = tuple[int, ...]
Result = Shape | str


def norm_dim(dim: int, ndim: int) -> int | None:
    """A possibly negative axis index as a nonnegative one; None if out of range."""
    if -ndim <= dim < ndim:
        return dim % ndim
    return None


def transpose(shape: Shape, i: int, j: int) -> Result:
    a, b = norm_dim(i, len(shape)), norm_dim(j, len(shape))
    if a is None or b is None:
        return ERROR
    out = list(shape)
    out[a], out[b] = out[b], out[a]
    return tuple(out)


def permute(shape: Shape, dims: Sequence[int]) -> Result:
    normed = [norm_dim(d, len(shape)) for d in dims]
    if len(dims) != len(shape) or None in normed or len(set(normed)) != len(shape):
        return ERROR
    return tuple(shape[d] for d in normed)  # type: ignore[index]


def reshape(shape: Shape, new: Sequence[int]) -> Result:
    total = math.prod(shape)
    if list(new).count(-1) > 1 or any(d < -1 for d in new):
        return ERROR
    known = math.prod(d for d in new if d != -1)
    if -1 in new:
        if known == 0 or total % known:
            return ERROR
        return tuple(total // known if d == -1 else d for d in new)
    return tuple(new) if known == total else ERROR


def flatten(shape: Shape, start: int = 0, end: int = -1) -> Result:
    s, e = norm_dim(start, len(shape)), norm_dim(end, len(shape))
    if s is None or e is None or s > e:
        return ERROR
    return shape[:s] + (math.prod(shape[s : e + 1]),) + shape[e + 1 :]


def broadcast(a: Shape, b: Shape) -> Result:
    """Align from the right; sizes must match or one of them be 1."""
    out = []
    for i in range(1, max(len(a), len(b)) + 1):
        x = a[-i] if i <= len(a) else 1
        y = b[-i] if i <= len(b) else 1
        if x != y and 1 not in (x, y):
            return ERROR
        out.append(max(x, y) if 1 in (x, y) else x)
    return tuple(reversed(out))


def matmul(a: Shape, b: Shape) -> Result:
    """``torch.matmul``: 1-D operands gain and lose an axis; batch axes broadcast."""
    if not a or not b:
        return ERROR
    if len(a) == 1 and len(b) == 1:
        return () if a == b else ERROR
    a2 = (1,) + a if len(a) == 1 else a
    b2 = b + (1,) if len(b) == 1 else b
    if a2[-1] != b2[-2]:
        return ERROR
    batch = broadcast(a2[:-2], b2[:-2])
    if batch == ERROR:
        return ERROR
    out = tuple(batch) + (a2[-2], b2[-1])
    if len(a) == 1:
        out = out[:-2] + out[-1:]
    if len(b) == 1:
        out = out[:-1]
    return out


def reduce(shape: Shape, dim: int, keepdim: bool = False) -> Result:
    d = norm_dim(dim, len(shape))
    if d is None:
        return ERROR
    if keepdim:
        return shape[:d] + (1,) + shape[d + 1 :]
    return shape[:d] + shape[d + 1 :]


def cat(shapes: Sequence[Shape], dim: int) -> Result:
    first = shapes[0]
    d = norm_dim(dim, len(first))
    if d is None or any(len(s) != len(first) for s in shapes):
        return ERROR
    for s in shapes[1:]:
        if any(s[i] != first[i] for i in range(len(first)) if i != d):
            return ERROR
    return first[:d] + (sum(s[d] for s in shapes),) + first[d + 1 :]


def stack(shapes: Sequence[Shape], dim: int) -> Result:
    first = shapes[0]
    d = norm_dim(dim, len(first) + 1)
    if d is None or any(s != first for s in shapes):
        return ERROR
    return first[:d] + (len(shapes),) + first[d:]
