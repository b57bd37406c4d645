"""``rung checks``: list the check families (the practice engine's exercise kinds).

The registry is pure and imports SymPy only when an expression is graded, so
``rung checks --json`` stays fast. The content is loaded only to resolve a
lesson given by number.
"""

from __future__ import annotations

import click

from ._common import dim, echo_json, fail, heading


@click.command("checks")
@click.option(
    "--lesson", "lesson_ref", default=None, help="Only this lesson (id like la.matmul, or number)."
)
@click.option(
    "--json", "as_json", is_flag=True, help='Print JSON: a list of {"id", "lesson", "kind"}.'
)
def checks_cmd(lesson_ref: str | None, as_json: bool) -> None:
    """List the check families, by lesson, with their answer kind."""
    from rung.practice import all_checks, checks_for_lesson

    if lesson_ref is None:
        families = all_checks()
    else:
        families = checks_for_lesson(_lesson_id(lesson_ref))
    if as_json:
        echo_json([{"id": f.id, "lesson": f.lesson, "kind": f.kind} for f in families])
        return
    if not families:
        click.echo(f"No checks for lesson {lesson_ref} yet.")
        return
    current = None
    width = max(len(f.id) for f in families)
    for f in families:
        if f.lesson != current:
            if current is not None:
                click.echo()
            click.echo(heading(f.lesson))
            current = f.lesson
        click.echo(f"  {f.id:<{width}}  {f.kind:<10}  {f.title}")
    click.echo()
    click.echo(dim(f"{len(families)} check families. Practise one with `rung practice <id>`."))


def _lesson_id(ref: str) -> str:
    """A lesson id from an id or a display number, checked against the content."""
    from ._common import curriculum

    cur = curriculum()
    try:
        return cur.lesson(ref).id
    except KeyError:
        fail(f"no lesson {ref!r}; try `rung map` to see every lesson")
