"""The prerequisite graph: cycles and orderings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def find_cycle(graph: Mapping[str, Sequence[str]]) -> list[str] | None:
    """Return one cycle as a path ``[a, b, ..., a]`` if the directed graph has one."""
    WHITE, GREY, BLACK = 0, 1, 2
    colour = dict.fromkeys(graph, WHITE)
    for root in graph:
        if colour[root] != WHITE:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        path: list[str] = [root]
        colour[root] = GREY
        while stack:
            node, i = stack[-1]
            succ = graph.get(node, ())
            if i < len(succ):
                stack[-1] = (node, i + 1)
                nxt = succ[i]
                if colour.get(nxt, BLACK) == GREY:
                    return path[path.index(nxt) :] + [nxt]
                if colour.get(nxt) == WHITE:
                    colour[nxt] = GREY
                    stack.append((nxt, 0))
                    path.append(nxt)
            else:
                colour[node] = BLACK
                stack.pop()
                path.pop()
    return None


def ancestors(graph: Mapping[str, Sequence[str]], node: str) -> set[str]:
    """Every lesson reachable through ``requires`` from ``node`` (not including it)."""
    seen: set[str] = set()
    todo = list(graph.get(node, ()))
    while todo:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            todo.extend(graph.get(n, ()))
    return seen
