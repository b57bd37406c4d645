"""The ``rung`` command line: a thin face over the engine.

Commands live in small modules and are imported only when invoked, so that
``rung --help`` stays fast: the table below maps a command name to
``module:attribute``. Adding a command is adding a row.
"""

from __future__ import annotations

import importlib

import click

COMMANDS: dict[str, tuple[str, str]] = {
    # name: (module path, one-line help shown by --help without importing it)
    "map": (
        "rung.cli.curriculum_cmds:map_cmd",
        "Show the phases and lessons, with where to begin.",
    ),
    "show": ("rung.cli.curriculum_cmds:show_cmd", "Show one lesson by id or number."),
    "videos": ("rung.cli.curriculum_cmds:videos_cmd", "List the videos, by lesson or series."),
    "tracks": ("rung.cli.curriculum_cmds:tracks_cmd", "List the tracks through the lessons."),
    "plan": ("rung.cli.curriculum_cmds:plan_cmd", "Lay a track out over weeks and months."),
    "validate": (
        "rung.cli.author_cmds:validate_cmd",
        "Check a content directory; errors name file and line.",
    ),
    "index": (
        "rung.cli.author_cmds:index_cmd",
        "Print the Video Series Index page in the seeds' form.",
    ),
    "import-index": (
        "rung.cli.author_cmds:import_index_cmd",
        "Compare an index page with the current data.",
    ),
    "checks": ("rung.cli.practice_cmds:checks_cmd", "List the check families."),
    "practice": (
        "rung.cli.progress_cmds:practice_cmd",
        "Practise a lesson or a check: fresh problems, graded.",
    ),
    "review": ("rung.cli.progress_cmds:review_cmd", "Work through the checks due for review."),
    "next": (
        "rung.cli.progress_cmds:next_cmd",
        "Say what to do next: reviews first, then a lesson.",
    ),
    "progress": (
        "rung.cli.progress_cmds:progress_cmd",
        "Show lessons done, rungs mastered, reviews due.",
    ),
    "done": ("rung.cli.progress_cmds:done_cmd", "Mark a lesson without checks as done."),
    "export": ("rung.cli.progress_cmds:export_cmd", "Write your progress history to a JSON file."),
    "import": ("rung.cli.progress_cmds:import_cmd", "Merge a history written by `rung export`."),
    "serve": ("rung.cli.web_cmds:serve_cmd", "Start the local web app and open it in the browser."),
    "lab": ("rung.cli.lab_cmds:lab_group", "Build it from scratch: start, check and finish labs."),
    "data": ("rung.cli.lab_cmds:data_group", "Datasets for the labs: list, locate and fetch them."),
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS:
            target, _ = COMMANDS[name]
            module, attr = target.split(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in sorted(COMMANDS)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.option(
    "--content",
    "content_dir",
    envvar="RUNG_CONTENT_DIR",
    type=click.Path(file_okay=False, exists=True),
    help="Read the curriculum from this directory instead of the built-in one.",
)
@click.version_option(package_name="rung")
@click.pass_context
def main(ctx: click.Context, content_dir: str | None) -> None:
    """rung: an executable curriculum from vectors to transformers.

    With no command, rung starts the local web app (or, until it is
    installed, shows the map and where to begin).
    """
    ctx.ensure_object(dict)
    ctx.obj["content_dir"] = content_dir
    if ctx.invoked_subcommand is None:
        default = COMMANDS.get("serve")
        target = default[0] if default else COMMANDS["map"][0]
        module, attr = target.split(":")
        ctx.invoke(getattr(importlib.import_module(module), attr))
