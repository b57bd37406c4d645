"""Author tools: validate content, render the video index page, compare a page with the data."""

from __future__ import annotations

from pathlib import Path

import click

from rung.curriculum import ContentError, load_curriculum

from ._common import curriculum, dim, fail, report_content_error


@click.command("validate")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
def validate_cmd(directory: str | None) -> None:
    """Check a content directory (default: the one in use); errors name file and line."""
    if directory is not None and not Path(directory).is_dir():
        fail(f"{directory}: no such directory")
    try:
        if directory is None:
            cur = curriculum()
        else:
            cur = load_curriculum(directory)
    except ContentError as exc:
        report_content_error(exc)
    n_rungs = len(cur.rungs)
    click.echo(
        f"ok: {len(cur.lessons)} lessons in {len(cur.phases)} phases, {len(cur.videos)} videos in "
        f"{len(cur.series)} series, {len(cur.resources)} resources, {n_rungs} rungs, "
        f"{len(cur.tracks)} tracks " + dim(f"({cur.root})")
    )


@click.command("index")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write to this file instead of standard output.",
)
def index_cmd(output: str | None) -> None:
    """Print the Video Series Index page in the seeds' Markdown form."""
    from rung.curriculum.index import render_index

    text = render_index(curriculum())
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(dim(f"wrote {output}"))
    else:
        click.echo(text)


@click.command("import-index")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def import_index_cmd(file: str) -> None:
    """Read an index page in the seeds' form and report what differs from the data."""
    from rung.curriculum.index import compare_page, missing_from_page
    from rung.curriculum.indexpage import IndexPageError, parse_page

    cur = curriculum()
    try:
        text = Path(file).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        fail(f"{file}: not UTF-8 text")
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror}")
    try:
        if not any(s.entries for s in parse_page(text)):
            # Otherwise any text "has no differences" and every video looks missing.
            fail(
                f"{file}: not an index page: no '## Series' heading followed by a table of "
                "videos (the form `rung index` prints)"
            )
        diffs = compare_page(cur, text)
        missing = missing_from_page(cur, text)
    except IndexPageError as exc:
        fail(f"{file}:{exc.line}: {exc.message}")
    if not diffs:
        click.echo("No differences in the entries the page lists.")
    kinds = ("renumbered", "changed", "new")
    for kind in kinds:
        rows = [d for d in diffs if d.kind == kind]
        if rows:
            click.echo(click.style(f"{kind} ({len(rows)})", bold=True))
            for d in rows:
                click.echo(f"  {file}:{d.line}: {d.title} — {d.detail}")
    if missing:
        click.echo(click.style(f"in the data but not on the page ({len(missing)})", bold=True))
        for v in missing:
            click.echo(f"  {v.title} ({v.series})")
