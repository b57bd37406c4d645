"""Helpers shared by the CLI modules: loading content without tracebacks, JSON output."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import click

from rung.curriculum import ContentError, Curriculum, load_curriculum


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(click.style("error: ", fg="red", bold=True) + message, err=True)
    sys.exit(code)


def report_content_error(exc: ContentError, code: int = 1) -> NoReturn:
    n = len(exc.problems)
    for p in exc.problems:
        click.echo(f"{p.path}:{p.line}: {p.message}", err=True)
    click.echo(
        click.style(f"{n} problem{'s' if n != 1 else ''} in the content.", fg="red"), err=True
    )
    sys.exit(code)


def curriculum(ctx: click.Context | None = None) -> Curriculum:
    """Load the curriculum named by ``--content`` / RUNG_CONTENT_DIR, or the built-in one."""
    ctx = ctx or click.get_current_context()
    root = ctx.find_root()
    content_dir = (root.obj or {}).get("content_dir") if root.obj else None
    try:
        return load_curriculum(content_dir)
    except ContentError as exc:
        report_content_error(exc)


def lesson_or_fail(cur: Curriculum, ref: str):
    try:
        return cur.lesson(ref)
    except KeyError as exc:
        fail(f"{exc.args[0]}; try `rung map` to see every lesson")


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def heading(text: str) -> str:
    return click.style(text, bold=True)


def dim(text: str) -> str:
    return click.style(text, dim=True)
