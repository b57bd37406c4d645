"""Predict tensor shapes through PyTorch operations (lesson 12).

Each family draws random shapes and an operation, writes the real PyTorch
code, and computes the answer with the rules in :mod:`rung.practice.tensor_shapes`.
``CASES`` maps each family id to its case drawer so the tests can replay a
case and check the rule against NumPy.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from .. import misconceptions as mc
from .. import tensor_shapes as ts
from ..answers import ERROR, ShapeAnswer, shape_text
from ..model import Draft, Misconception
from ._common import SHAPE_FORM, check

_SMALL = (2, 3, 4, 5, 6, 8)
_MEDIUM = (4, 6, 8, 10, 12, 16, 32)


@dataclass(frozen=True)
class Case:
    """A drawn tensor exercise: code lines, the operation in data form, and its result."""

    code: list[str]
    op: tuple
    truth: ts.Result
    note: str = ""


def _shape(rng: random.Random, ndim: int, pool: tuple[int, ...] = _MEDIUM) -> ts.Shape:
    return (
        tuple(rng.sample(pool, ndim))
        if ndim <= len(pool)
        else tuple(rng.choice(pool) for _ in range(ndim))
    )


def _randn(name: str, shape: ts.Shape) -> str:
    return f"{name} = torch.randn({', '.join(map(str, shape))})"


def _prompt(case: Case, result: str = "y") -> str:
    code = "\n".join(["import torch", "", *case.code])
    return f"```python\n{code}\n```\n\nWhat is `{result}.shape`? {SHAPE_FORM}" + (
        f"\n\n{case.note}" if case.note else ""
    )


def _draw_transpose(rng: random.Random) -> Case:
    ndim = rng.choice((2, 3, 3, 4))
    shape = _shape(rng, ndim)
    if ndim == 2 and rng.random() < 0.3:
        return Case(
            [_randn("x", shape), "y = x.T"], ("transpose", shape, 0, 1), ts.transpose(shape, 0, 1)
        )
    i, j = rng.sample(range(ndim), 2)
    if rng.random() < 0.4:
        j -= ndim  # negative axes count from the end
    note = "Here `x` is (batch, sequence, hidden)." if ndim == 3 else ""
    return Case(
        [_randn("x", shape), f"y = x.transpose({i}, {j})"],
        ("transpose", shape, i, j),
        ts.transpose(shape, i, j),
        note,
    )


def _draw_reshape(rng: random.Random) -> Case:
    b, s = rng.choice(_SMALL), rng.choice(_MEDIUM)
    heads = rng.choice((2, 4))
    h = heads * rng.choice((2, 4, 8))
    shape = (b, s, h)
    kind = rng.randrange(6)
    if kind == 0:
        new: tuple[int, ...] = (b * s, h)
    elif kind == 1:
        new = (-1, h)
    elif kind == 2:
        new = (b, s, heads, h // heads)
    elif kind == 3:
        new = (b, -1)
    elif kind == 4:
        k = rng.choice((3, 5, 7, 9))
        new = (k, -1)
    else:
        wrong = rng.choice((1, -1))
        new = (b, s * h + wrong) if rng.random() < 0.5 else (b * s + wrong, h)
    method = rng.choice(("reshape", "view"))
    if kind == 5 and rng.random() < 0.5:
        return Case(
            [_randn("x", shape), "y = x.flatten(1)"], ("flatten", shape, 1), ts.flatten(shape, 1)
        )
    truth = ts.reshape(shape, new)
    code = [_randn("x", shape), f"y = x.{method}({', '.join(map(str, new))})"]
    return Case(code, ("reshape", shape, new), truth)


def _draw_permute(rng: random.Random) -> Case:
    ndim = rng.choice((3, 4, 4))
    shape = _shape(rng, ndim)
    while True:
        dims = list(range(ndim))
        rng.shuffle(dims)
        inverse = [dims.index(k) for k in range(ndim)]
        if dims != list(range(ndim)) and dims != inverse:
            break
    return Case(
        [_randn("x", shape), f"y = x.permute({', '.join(map(str, dims))})"],
        ("permute", shape, tuple(dims)),
        ts.permute(shape, dims),
    )


def _draw_matmul(rng: random.Random) -> Case:
    b, n, k, m = rng.sample(_MEDIUM, 4)
    heads = rng.choice((2, 4, 8))
    options = [
        ((b, n, k), (k, m)),
        ((b, n, k), (b, k, m)),
        ((n, k), (b, k, m)),
        ((1, n, k), (b, k, m)),
        ((b, heads, n, k), (b, heads, k, n)),
        ((b, n, k), (k,)),
        ((b, n, k), (m, k)),  # inner sizes differ: error
        ((b, n, k), (heads, k, m)),  # batch sizes differ: error
    ]
    left, right = rng.choice(options)
    return Case(
        [_randn("a", left), _randn("b", right), "y = a @ b"],
        ("matmul", left, right),
        ts.matmul(left, right),
    )


def _draw_broadcast(rng: random.Random) -> Case:
    ndim = rng.choice((2, 3, 3, 4))
    big = _shape(rng, ndim, _SMALL)
    small = list(big[rng.randint(0, ndim - 1) :])
    for i in range(len(small)):
        if rng.random() < 0.4:
            small[i] = 1
    left = list(big)
    if rng.random() < 0.3:
        left[rng.randrange(ndim)] = 1
    if rng.random() < 0.25:
        i = rng.randrange(len(small))
        small[i] = next(x for x in _SMALL if x != left[len(left) - len(small) + i] and x != 1)
    a, c = tuple(left), tuple(small)
    if rng.random() < 0.5:
        a, c = c, a
    return Case(
        [_randn("a", a), _randn("b", c), "y = a + b"], ("broadcast", a, c), ts.broadcast(a, c)
    )


def _draw_reduce(rng: random.Random) -> Case:
    ndim = rng.choice((2, 3, 3, 4))
    shape = _shape(rng, ndim)
    dim = rng.randrange(ndim)
    if rng.random() < 0.3:
        dim -= ndim
    keepdim = rng.random() < 0.4
    fn = rng.choice(("sum", "mean", "amax"))
    arg = f"dim={dim}" + (", keepdim=True" if keepdim else "")
    return Case(
        [_randn("x", shape), f"y = x.{fn}({arg})"],
        ("reduce", shape, dim, keepdim),
        ts.reduce(shape, dim, keepdim),
    )


def _draw_join(rng: random.Random) -> Case:
    ndim = rng.choice((2, 3))
    shape = _shape(rng, ndim, _SMALL)
    use_stack = rng.random() < 0.45
    dim = rng.randrange(ndim + (1 if use_stack else 0))
    other = list(shape)
    if not use_stack:
        other[dim] = rng.choice(_SMALL)
    if rng.random() < 0.25:  # break a size that must match
        fixed = [i for i in range(ndim) if use_stack or i != dim]
        i = rng.choice(fixed)
        other[i] = next(x for x in _SMALL if x != shape[i])
    second = tuple(other)
    fn = "stack" if use_stack else "cat"
    truth = ts.stack([shape, second], dim) if use_stack else ts.cat([shape, second], dim)
    return Case(
        [_randn("a", shape), _randn("b", second), f"y = torch.{fn}([a, b], dim={dim})"],
        (fn, (shape, second), dim),
        truth,
    )


CASES: dict[str, Callable[[random.Random], Case]] = {
    "la.tensors.transpose": _draw_transpose,
    "la.tensors.reshape": _draw_reshape,
    "la.tensors.permute": _draw_permute,
    "la.tensors.matmul": _draw_matmul,
    "la.tensors.broadcast": _draw_broadcast,
    "la.tensors.reduce": _draw_reduce,
    "la.tensors.cat-stack": _draw_join,
}


def _explain_rule(case: Case) -> str:
    name = case.op[0]
    rules = {
        "transpose": "`transpose(i, j)` swaps the sizes of axes `i` and `j` (negative axes count from the end); `.T` reverses the axes of a matrix.",
        "flatten": "`flatten(1)` keeps axis 0 and multiplies the sizes of all the later axes together.",
        "reshape": "`reshape`/`view` keep the number of entries; `-1` stands for whatever size makes the count come out, and a count that cannot match raises an error.",
        "permute": "`permute(d0, d1, ...)` builds the new shape from old axes: new axis `k` is old axis `d_k`.",
        "matmul": "`@` multiplies the last two axes as matrices (inner sizes must match) and broadcasts the axes in front; a 1-D right operand acts as a column and its axis disappears.",
        "broadcast": "Broadcasting lines the shapes up from the right; each pair of sizes must be equal or contain a 1, and missing axes count as 1.",
        "reduce": "Reducing over `dim` removes that axis, or keeps it with size 1 when `keepdim=True`.",
        "cat": "`torch.cat` joins along an existing axis: the sizes there add up and every other size must match.",
        "stack": "`torch.stack` needs equal shapes and inserts a new axis of size 2 (the number of tensors) at `dim`.",
    }
    return rules[name]


def _work(case: Case) -> str:
    """One sentence with this variant's numbers."""
    op = case.op
    name = op[0]
    if name == "transpose":
        shape, i, j = op[1], op[2] % len(op[1]), op[3] % len(op[1])
        return f"Axes {i} and {j} have sizes {shape[i]} and {shape[j]}; they trade places."
    if name == "permute":
        shape, dims = op[1], op[2]
        picks = ", ".join(f"old axis {d} ({shape[d]})" for d in dims)
        return f"Reading the new axes in order: {picks}."
    if name == "flatten":
        shape = op[1]
        return f"Axis 0 stays {shape[0]}; the rest multiply to {math.prod(shape[1:])}."
    if name == "reshape":
        return (
            f"`x` has {' * '.join(map(str, op[1]))} = {math.prod(op[1])} entries, and so does `y`."
        )
    if name == "matmul":
        a, b = op[1], op[2]
        rows = a[-2] if len(a) > 1 else 1
        cols = b[-1] if len(b) > 1 else 1
        return f"The matrix part is ({rows} x {a[-1]}) times ({b[-2] if len(b) > 1 else b[0]} x {cols}); the axes in front broadcast."
    if name == "broadcast":
        return f"Right-aligned, {shape_text(op[1])} and {shape_text(op[2])} take the larger size on each axis."
    if name == "reduce":
        shape, dim, keepdim = op[1], op[2] % len(op[1]), op[3]
        fate = "stays with size 1" if keepdim else "disappears"
        return f"Axis {dim} (size {shape[dim]}) {fate}."
    shapes, dim = op[1], op[2]
    if name == "cat":
        d = dim % len(shapes[0])
        return f"Along axis {d} the sizes add: {shapes[0][d]} + {shapes[1][d]} = {shapes[0][d] + shapes[1][d]}."
    return f"A new axis of size 2 goes in at position {dim % (len(shapes[0]) + 1)}."


def _tensor_mistakes(case: Case) -> list[Misconception]:
    truth, op = case.truth, case.op
    out: list[Misconception] = []
    if truth == ERROR:
        return out
    name = op[0]
    if name == "transpose":
        out.append(
            mc.value(
                "transpose-no-change",
                "`transpose` does change the shape: two sizes swap places.",
                op[1],
            )
        )
    if name == "permute":
        shape, dims = op[1], op[2]
        inverse = tuple(shape[dims.index(k)] for k in range(len(shape)))
        out.append(
            mc.value(
                "permute-inverted",
                "You sent old axis $i$ to position `dims[i]`. It is the other way: new axis $k$ is old axis `dims[k]`.",
                inverse,
            )
        )
    if name == "matmul":
        out += mc.shape_mistakes(truth, batch=len(truth) >= 3)
    if name == "reduce":
        shape, dim, keepdim = op[1], op[2], op[3]
        other = ts.reduce(shape, dim, not keepdim)
        message = (
            "With `keepdim=True` the reduced axis stays, with size 1."
            if keepdim
            else "Without `keepdim=True` the reduced axis is removed, not kept with size 1."
        )
        out.append(mc.value("keepdim-confused", message, other))
    if name in ("cat", "stack"):
        shapes, dim = op[1], op[2]
        swapped = ts.stack(shapes, dim) if name == "cat" else ts.cat(shapes, dim)
        message = (
            "That is what `torch.stack` would give; `cat` joins along an existing axis, adding its sizes."
            if name == "cat"
            else "That is what `torch.cat` would give; `stack` makes a new axis for the tensors."
        )
        out.append(mc.value("cat-stack-confused", message, swapped))
    if name == "broadcast":
        a, b = op[1], op[2]
        out.append(
            mc.value(
                "broadcast-kept-one-shape",
                "The result has the larger size on every axis of either input, not just one input's shape.",
                a if a != truth else b,
            )
        )
    return out


def _build(fid: str) -> Callable[[random.Random], Draft]:
    def build(rng: random.Random) -> Draft:
        case = CASES[fid](rng)
        hints = [
            _explain_rule(case),
            "Write the input shape down and change it one axis at a time.",
        ]
        if case.truth == ERROR:
            solution = f"{_explain_rule(case)}\n\nHere the sizes cannot be made to fit, so the line raises an error."
        else:
            solution = f"{_explain_rule(case)}\n\n{_work(case)} So `y.shape` is `{shape_text(case.truth)}`."
            if case.op[0] == "reshape" and -1 in case.op[2]:
                known = math.prod(d for d in case.op[2] if d != -1)
                solution += f" The `-1` is {math.prod(case.op[1])} / {known} = {math.prod(case.op[1]) // known}."
        return Draft(
            _prompt(case), ShapeAnswer(case.truth), hints, solution, tuple(_tensor_mistakes(case))
        )

    return build


_TITLES = {
    "la.tensors.transpose": "Shape after transpose",
    "la.tensors.reshape": "Shape after reshape, view or flatten",
    "la.tensors.permute": "Shape after permute",
    "la.tensors.matmul": "Shape of a batched matmul",
    "la.tensors.broadcast": "Shape after broadcasting (or an error)",
    "la.tensors.reduce": "Shape after sum, mean or amax over a dim",
    "la.tensors.cat-stack": "Shape after torch.cat or torch.stack",
}

transpose = check(
    "la.tensors.transpose",
    _TITLES["la.tensors.transpose"],
    "la.tensors",
    "shape",
    ("la.r10",),
    ("la.exit.tensors",),
)(_build("la.tensors.transpose"))
reshape = check(
    "la.tensors.reshape",
    _TITLES["la.tensors.reshape"],
    "la.tensors",
    "shape",
    ("la.r10",),
    ("la.exit.tensors",),
)(_build("la.tensors.reshape"))
permute = check(
    "la.tensors.permute",
    _TITLES["la.tensors.permute"],
    "la.tensors",
    "shape",
    ("la.r10",),
    ("la.exit.tensors",),
)(_build("la.tensors.permute"))
matmul = check(
    "la.tensors.matmul",
    _TITLES["la.tensors.matmul"],
    "la.tensors",
    "shape",
    ("la.r10", "la.r04"),
    ("la.exit.tensors", "la.exit.shapes"),
)(_build("la.tensors.matmul"))
broadcast = check(
    "la.tensors.broadcast",
    _TITLES["la.tensors.broadcast"],
    "la.tensors",
    "shape",
    ("la.r10",),
    ("la.exit.tensors",),
)(_build("la.tensors.broadcast"))
reduce = check(
    "la.tensors.reduce",
    _TITLES["la.tensors.reduce"],
    "la.tensors",
    "shape",
    ("la.r10",),
    ("la.exit.tensors",),
)(_build("la.tensors.reduce"))
cat_stack = check(
    "la.tensors.cat-stack",
    _TITLES["la.tensors.cat-stack"],
    "la.tensors",
    "shape",
    ("la.r10",),
    ("la.exit.tensors",),
)(_build("la.tensors.cat-stack"))
