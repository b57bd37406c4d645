"""``rung lab ...`` and ``rung data ...``: thin commands over ``rung.labs`` and ``rung.data``.

Listing commands take ``--json`` and print exactly the documented shape, so that
scripts and the web app can rely on them. Nothing here imports torch.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from rung import labs
from rung.labs import state
from rung.labs import workspace as ws


def _emit_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2))


def _resolve(lab_id: str | None, directory: str | None) -> tuple[labs.Lab, Path]:
    """The lab and workspace a command acts on: explicit, or the workspace we are in."""
    if directory is not None:
        root = Path(directory)
        found = ws.read_marker(root)
        lab_id = lab_id or found
        if lab_id is None:
            raise click.UsageError(f"{root} is not a lab workspace (no {ws.MARKER})")
        return _lab(lab_id), root
    here = ws.find()
    if here is not None and (lab_id is None or here.lab.id == lab_id):
        return here.lab, here.root
    if lab_id is None:
        raise click.UsageError("not inside a lab workspace: name the lab, or pass --dir")
    recorded = state.load().get(lab_id, {}).get("workspace")
    if recorded and Path(recorded).is_dir():
        return _lab(lab_id), Path(recorded)
    return _lab(lab_id), ws.default_dir(_lab(lab_id))


def _lab(lab_id: str) -> labs.Lab:
    try:
        return labs.get_lab(lab_id)
    except KeyError as exc:
        raise click.UsageError(str(exc.args[0])) from None


def _print_state_notices() -> None:
    for notice in state.take_notices():
        click.echo(f"note: {notice}", err=True)


@click.group("lab")
@click.pass_context
def lab_group(ctx: click.Context) -> None:
    """Build it from scratch: start, check and finish labs."""
    ctx.call_on_close(_print_state_notices)


@lab_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: [{id, lesson, tasks}].")
def list_cmd(as_json: bool) -> None:
    """List the labs and their tasks."""
    rows = [
        {"id": lab.id, "lesson": lab.lesson, "title": lab.title, "tasks": list(lab.task_ids)}
        for lab in labs.all_labs()
    ]
    if as_json:
        _emit_json(rows)
        return
    for row in rows:
        click.echo(f"{row['id']:<12} lesson {row['lesson']:<16} {row['title']}")
        click.echo(f"{'':<12} tasks: {', '.join(row['tasks'])}")


@lab_group.command("start")
@click.argument("lab_id")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
def start_cmd(lab_id: str, directory: str | None) -> None:
    """Make a workspace for LAB in DIRECTORY (default ./LAB-lab)."""
    lab = _lab(lab_id)
    target = Path(directory) if directory else ws.default_dir(lab)
    existed = ws.read_marker(target) == lab.id
    try:
        w = labs.start(lab, target)
    except ws.WorkspaceError as exc:
        raise click.ClickException(str(exc)) from None
    state.record_start(lab.id, str(w.root.resolve()), datetime.now(UTC))
    if existed:  # start on an existing workspace keeps the code: say so, not "fill in"
        click.echo(f"{w.root} is already a {lab.id} workspace: your code is kept, tests refreshed.")
        click.echo(f"Check it with: cd {w.root} && rung lab check")
        return
    click.echo(f"Workspace for {lab.id}: {w.root}")
    click.echo(f"Read {w.root / 'STEPS.md'}, then fill in the first task ({lab.tasks[0].id}).")
    click.echo(f"Check it with: cd {w.root} && rung lab check --task {lab.tasks[0].id}")


@lab_group.command("check")
@click.argument("lab_id", required=False)
@click.option(
    "--dir", "directory", type=click.Path(file_okay=False, exists=True), help="The workspace."
)
@click.option("--task", "tasks", multiple=True, help="Check only this task (repeatable).")
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON: {lab, tasks: [{id, passed, message}]}."
)
def check_cmd(
    lab_id: str | None, directory: str | None, tasks: tuple[str, ...], as_json: bool
) -> None:
    """Run the lab's tests on your code, in a sandbox, and say what is still wrong."""
    lab, root = _resolve(lab_id, directory)
    if not root.is_dir():
        raise click.UsageError(f"no workspace at {root}: run `rung lab start {lab.id}` first")
    try:
        report = labs.check(lab, root, list(tasks) or None)
    except KeyError as exc:
        raise click.UsageError(str(exc.args[0])) from None
    if as_json:
        _emit_json(report.to_json())
    else:
        for t in report.tasks:
            mark = click.style("PASS", fg="green") if t.passed else click.style("FAIL", fg="red")
            click.echo(f"{mark} {t.id:<18} {t.message}")
        for note in report.notes:
            click.echo(f"note: {note}")
        click.echo("sandbox: " + "; ".join(report.sandbox))
        done = sum(t.passed for t in report.tasks)
        click.echo(f"{done} of {len(report.tasks)} tasks pass ({report.seconds:.1f} s)")
    sys.exit(0 if report.passed else 1)


@lab_group.command("hint")
@click.argument("lab_id", required=False)
@click.option(
    "--task",
    "task_id",
    default=None,
    help="The task you are on (default: the first one not passing at the last check).",
)
@click.option("--dir", "directory", type=click.Path(file_okay=False), help="The workspace.")
@click.option("--all", "show_all", is_flag=True, help="Show every hint at once.")
def hint_cmd(
    lab_id: str | None, task_id: str | None, directory: str | None, show_all: bool
) -> None:
    """Show the next hint for a task (each call reveals one more)."""
    lab, _root = _resolve(lab_id, directory)
    if task_id is None:
        task_id = _current_task(lab)
        click.echo(f"Task {task_id}:")
    try:
        lab.task(task_id)
    except KeyError as exc:
        raise click.UsageError(str(exc.args[0])) from None
    hints = lab.hints().get(task_id, [])
    if not hints:
        click.echo(f"No hints for {task_id}.")
        return
    seen = state.hints_seen(lab.id, task_id)
    upto = len(hints) if show_all else min(seen + 1, len(hints))
    for i in range(upto):
        click.echo(f"Hint {i + 1}/{len(hints)}: {hints[i]}")
    state.record_hints(lab.id, task_id, upto)


def _current_task(lab: labs.Lab) -> str:
    """The task a learner is most likely on: the first not passing at the last check."""
    results = state.load().get(lab.id, {}).get("tasks", {})
    for task_id in lab.task_ids:
        if results.get(task_id) is not True:
            return task_id
    raise click.UsageError(
        f"every task of {lab.id} passed at the last check; name one with --task "
        f"({', '.join(lab.task_ids)})"
    )


def _confirm(yes: bool, message: str) -> None:
    if not yes and not click.confirm(message, default=False):
        raise click.Abort()


@lab_group.command("solution")
@click.argument("lab_id")
@click.option(
    "--dir", "directory", type=click.Path(file_okay=False, exists=True), help="The workspace."
)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def solution_cmd(lab_id: str, directory: str | None, yes: bool) -> None:
    """Write the reference solution into the workspace (your files are backed up first)."""
    lab, root = _resolve(lab_id, directory)
    _confirm(yes, f"Replace your code in {root} with the reference solution? (a backup is kept)")
    try:
        saved = labs.install_solution(lab, root)
    except ws.WorkspaceError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"Reference solution written to {root}." + (f" Your files: {saved}" if saved else "")
    )


@lab_group.command("reset")
@click.argument("lab_id")
@click.option(
    "--dir", "directory", type=click.Path(file_okay=False, exists=True), help="The workspace."
)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def reset_cmd(lab_id: str, directory: str | None, yes: bool) -> None:
    """Put the starter code back (your files are backed up first)."""
    lab, root = _resolve(lab_id, directory)
    _confirm(yes, f"Reset {root} to the starter code? (a backup is kept)")
    try:
        saved = labs.reset(lab, root)
    except ws.WorkspaceError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Starter code restored in {root}." + (f" Your files: {saved}" if saved else ""))


@lab_group.command("steps")
@click.argument("lab_id")
def steps_cmd(lab_id: str) -> None:
    """Print the lab's steps page."""
    click.echo(_lab(lab_id).steps_path.read_text(encoding="utf-8"))


@lab_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: [{id, workspace, tasks}].")
def status_cmd(as_json: bool) -> None:
    """Your labs: where each workspace is and which tasks passed at the last check."""
    data = state.load()
    rows = []
    for lab in labs.all_labs():
        entry = data.get(lab.id, {})
        results = entry.get("tasks", {})
        rows.append(
            {
                "id": lab.id,
                "workspace": entry.get("workspace"),
                "checked": entry.get("checked"),
                "tasks": [{"id": t, "passed": results.get(t)} for t in lab.task_ids],
            }
        )
    if as_json:
        _emit_json(rows)
        return
    for row in rows:
        passed = sum(1 for t in row["tasks"] if t["passed"])
        where = row["workspace"] or "not started"
        click.echo(f"{row['id']:<12} {passed}/{len(row['tasks'])} tasks  {where}")


# ------------------------------------------------------------------------ rung data


@click.group("data")
def data_group() -> None:
    """Datasets for the labs: where they are, and fetching them."""


@data_group.command("list")
@click.option("--data-dir", type=click.Path(file_okay=False), help="A folder holding the files.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def data_list_cmd(data_dir: str | None, as_json: bool) -> None:
    """List the datasets, their source and licence, and whether a local copy exists."""
    from rung import data

    rows = []
    for ds in data.DATASETS.values():
        try:
            found = data.locate(ds, data_dir)
            where = str(found) if found else None
        except data.ChecksumError as exc:
            where = f"BAD CHECKSUM: {exc}"
        rows.append(
            {
                "name": ds.name,
                "file": ds.filename,
                "url": ds.url,
                "sha256": ds.sha256,
                "size": ds.size,
                "licence": ds.licence,
                "path": where,
            }  # fmt: skip
        )
    if as_json:
        _emit_json(rows)
        return
    for r in rows:
        click.echo(f"{r['name']:<16} {r['size']:>10,} bytes  {r['path'] or 'not here (fetch it)'}")
        click.echo(f"{'':<16} {r['url']}\n{'':<16} licence: {r['licence']}")


def _data_path(name: str, data_dir: str | None, allow_download: bool) -> Path:
    from rung import data

    try:
        return data.path(name, data_dir, allow_download=allow_download)
    except KeyError as exc:
        raise click.UsageError(str(exc.args[0])) from None
    except (data.DatasetUnavailable, data.ChecksumError) as exc:
        raise click.ClickException(str(exc)) from None


@data_group.command("path")
@click.argument("name")
@click.option("--data-dir", type=click.Path(file_okay=False), help="A folder holding the files.")
def data_path_cmd(name: str, data_dir: str | None) -> None:
    """Print the local path of a dataset (never downloads)."""
    click.echo(_data_path(name, data_dir, allow_download=False))


@data_group.command("fetch")
@click.argument("name")
@click.option("--data-dir", type=click.Path(file_okay=False), help="A folder holding the files.")
def data_fetch_cmd(name: str, data_dir: str | None) -> None:
    """Make sure a dataset is here, downloading it into the cache if needed."""
    click.echo(_data_path(name, data_dir, allow_download=True))
