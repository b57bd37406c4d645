"""Content errors that name the file and line and say what to fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentProblem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """Raised when content does not load; carries every problem found, not just the first."""

    def __init__(self, problems: list[ContentProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line))
        super().__init__("\n".join(str(p) for p in self.problems))


def find_line(text: str, *needles: str, start: int = 1) -> int:
    """The 1-based line of the first line (from ``start``) containing every needle.

    Falls back to the first line holding the first needle, then to ``start``.
    Searches with ``str.find`` so that it stays cheap on large files.
    """
    if not needles:
        return start
    offset = 0
    for _ in range(max(start, 1) - 1):
        nl = text.find("\n", offset)
        if nl < 0:
            return start
        offset = nl + 1
    first_hit = -1
    pos = text.find(needles[0], offset)
    while pos >= 0:
        line_start = text.rfind("\n", 0, pos) + 1
        line_end = text.find("\n", pos)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if first_hit < 0:
            first_hit = line_start
        if all(n in line for n in needles[1:]):
            return text.count("\n", 0, line_start) + 1
        if line_end < 0:
            break
        pos = text.find(needles[0], line_end)
    return text.count("\n", 0, first_hit) + 1 if first_hit >= 0 else start
