"""YAML and front-matter reading that reports errors as file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ContentProblem

try:  # the C loader is several times faster; fall back where libyaml is missing
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


def parse_yaml(text: str, path: Path, line_offset: int = 0) -> tuple[Any, ContentProblem | None]:
    """Parse YAML; on error return a problem whose line is in the file's numbering."""
    try:
        return yaml.load(text, Loader=_Loader), None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        what = exc.problem or str(exc)
        ctx = f" ({exc.context})" if exc.context else ""
        return None, ContentProblem(path, line, f"bad YAML: {what}{ctx}")
    except yaml.YAMLError as exc:
        return None, ContentProblem(path, 1 + line_offset, f"bad YAML: {exc}")


def split_front_matter(text: str, path: Path) -> tuple[str, str, int, ContentProblem | None]:
    """Split ``---``-fenced front matter from the body.

    Returns (front matter text, body, line where the body starts, problem).
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return (
            "",
            text,
            1,
            ContentProblem(
                path,
                1,
                "missing front matter: the file must start with a line '---', then YAML, then '---'",
            ),
        )
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2, None
    return (
        "",
        "",
        1,
        ContentProblem(path, 1, "front matter is never closed: add a line '---' after the YAML"),
    )


def read_yaml_file(path: Path) -> tuple[Any, str, ContentProblem | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, "", ContentProblem(path, 1, "file is missing")
    except UnicodeDecodeError as exc:
        return None, "", ContentProblem(path, 1, f"not UTF-8 text ({exc.reason})")
    data, problem = parse_yaml(text, path)
    return data, text, problem
