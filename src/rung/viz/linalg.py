"""Linear-algebra figures: a transformed grid, composition, the SVD, projection."""

from __future__ import annotations

import math

import numpy as np

TOL = 1e-9


def _mat(m) -> np.ndarray:
    a = np.asarray(m, dtype=float)
    if a.shape != (2, 2) or not np.all(np.isfinite(a)):
        raise ValueError("expected a 2x2 matrix of finite numbers")
    return a


def _r(x: float) -> float:
    """Round for transport; keeps figures small and stable."""
    return float(round(float(x), 10)) + 0.0


def _pt(v) -> list[float]:
    return [_r(v[0]), _r(v[1])]


def shoelace(points) -> float:
    """Signed area of a polygon (counter-clockwise positive)."""
    s = 0.0
    n = len(points)
    for k in range(n):
        x1, y1 = points[k]
        x2, y2 = points[(k + 1) % n]
        s += x1 * y2 - x2 * y1
    return s / 2


def grid_figure(matrix, extent: int = 4) -> dict:
    """Where a 2x2 matrix sends the plane's grid, basis, unit square, and its special subspaces."""
    a = _mat(matrix)
    det = float(np.linalg.det(a))
    if abs(det) < TOL:
        det = 0.0
    lines = []
    for k in range(-extent, extent + 1):
        for p, q in (([k, -extent], [k, extent]), ([-extent, k], [extent, k])):
            lines.append([_pt(a @ p), _pt(a @ q)])
    square = [a @ p for p in ([0, 0], [1, 0], [1, 1], [0, 1])]
    rank = int(np.linalg.matrix_rank(a, tol=1e-9))
    fig = {
        "matrix": [[_r(x) for x in row] for row in a],
        "det": _r(det),
        "orientation": "collapsed" if rank < 2 else ("preserved" if det > 0 else "flipped"),
        "basis": {"i": _pt(a[:, 0]), "j": _pt(a[:, 1])},
        "unit_square": [_pt(p) for p in square],
        "area_signed": _r(shoelace(square)),
        "grid": lines,
        "rank": rank,
        "column_space": _column_space(a, rank),
        "null_space": _null_space(a, rank),
        "eigen": eigen_directions(a),
    }
    return fig


def _unit(v: np.ndarray) -> list[float]:
    n = float(np.linalg.norm(v))
    v = v / n
    if v[0] < -TOL or (abs(v[0]) <= TOL and v[1] < 0):  # a canonical sign
        v = -v
    return _pt(v)


def _column_space(a: np.ndarray, rank: int) -> dict:
    if rank == 2:
        return {"kind": "plane"}
    if rank == 0:
        return {"kind": "point"}
    col = a[:, 0] if np.linalg.norm(a[:, 0]) > TOL else a[:, 1]
    return {"kind": "line", "direction": _unit(col)}


def _null_space(a: np.ndarray, rank: int) -> dict:
    if rank == 2:
        return {"kind": "point"}
    if rank == 0:
        return {"kind": "plane"}
    _, _, vt = np.linalg.svd(a)
    return {"kind": "line", "direction": _unit(vt[-1])}


def eigen_directions(a: np.ndarray) -> list[dict]:
    """Real eigenpairs (unit vectors, canonical sign); none for a rotation-like matrix."""
    vals, vecs = np.linalg.eig(a)
    out = []
    for k in range(2):
        if abs(vals[k].imag) > 1e-9:
            return []
        v = vecs[:, k].real
        out.append({"value": _r(vals[k].real), "vector": _unit(v)})
    if len(out) == 2 and abs(out[0]["value"] - out[1]["value"]) < 1e-9:
        if np.allclose(a, out[0]["value"] * np.eye(2)):
            return [{"value": out[0]["value"], "vector": [1.0, 0.0], "every_direction": True}]
        return out[:1]  # a defective matrix has one eigen-direction
    return out


def composition(a, b) -> dict:
    """AB (apply B, then A) against BA."""
    ma, mb = _mat(a), _mat(b)
    ab, ba = ma @ mb, mb @ ma
    return {
        "A": grid_figure(ma),
        "B": grid_figure(mb),
        "AB": grid_figure(ab),
        "BA": grid_figure(ba),
        "commute": bool(np.allclose(ab, ba)),
    }


def _circle(n: int = 64) -> np.ndarray:
    t = np.linspace(0, 2 * math.pi, n, endpoint=False)
    return np.stack([np.cos(t), np.sin(t)])


def svd_figure(matrix, n: int = 64) -> dict:
    """The unit circle through V^T (rotate), Sigma (scale) and U (rotate): A = U Sigma V^T."""
    a = _mat(matrix)
    u, s, vt = np.linalg.svd(a)
    c = _circle(n)
    stages = [c, vt @ c, np.diag(s) @ vt @ c, u @ np.diag(s) @ vt @ c]

    def angle(q: np.ndarray) -> float:
        return math.degrees(math.atan2(q[1, 0], q[0, 0]))

    return {
        "U": [[_r(x) for x in row] for row in u],
        "S": [_r(x) for x in s],
        "Vt": [[_r(x) for x in row] for row in vt],
        "stages": [[_pt(p) for p in st.T] for st in stages],
        "labels": [
            "unit circle",
            "after V^T (rotate/reflect)",
            "after Sigma (scale axes)",
            "after U (rotate/reflect) = A",
        ],
        "rotations_deg": {"Vt": _r(angle(vt)), "U": _r(angle(u))},
        "reflections": {"Vt": bool(np.linalg.det(vt) < 0), "U": bool(np.linalg.det(u) < 0)},
    }


def projection_figure(v, u) -> dict:
    """Project v onto the line of u: proj = (v.u / u.u) u, with the dot product and angle."""
    vv, uu = np.asarray(v, float), np.asarray(u, float)
    if vv.shape != (2,) or uu.shape != (2,):
        raise ValueError("expected two 2-D vectors")
    nu = float(np.linalg.norm(uu))
    if nu < TOL:
        raise ValueError("cannot project onto the zero vector")
    dot = float(vv @ uu)
    proj = dot / (nu * nu) * uu
    nv = float(np.linalg.norm(vv))
    cos = dot / (nu * nv) if nv > TOL else 0.0
    return {
        "v": _pt(vv),
        "u": _pt(uu),
        "dot": _r(dot),
        "proj": _pt(proj),
        "residual": _pt(vv - proj),
        "scalar_projection": _r(dot / nu),
        "cos": _r(cos),
        "angle_deg": _r(math.degrees(math.acos(max(-1.0, min(1.0, cos))))) if nv > TOL else None,
    }
