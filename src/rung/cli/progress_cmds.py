"""Practice, review and progress in the terminal: thin commands over the Tutor.

Every command opens the store, builds a :class:`~rung.progress.service.Tutor`
and maps the engine's errors (a corrupt or locked database, an unknown
lesson) onto one-line messages with a non-zero exit code: a learner never
sees a traceback. Answers are read line by line from stdin, so sessions work
when piped (tests drive them that way).

``--now`` (hidden; or ``RUNG_NOW``) sets the clock, for tests and for trying
out how reviews come back "days later".
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click

LEARNER = click.option(
    "--learner",
    envvar="RUNG_LEARNER",
    default="me",
    show_default=True,
    help="Whose progress this is (a name; created on first use).",
)
NOW = click.option("--now", "now_text", envvar="RUNG_NOW", hidden=True, default=None)
JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


# -- plumbing ---------------------------------------------------------------------------


class Clock:
    """``now`` for the engine: the real time, or a fixed start that still ticks."""

    def __init__(self, text: str | None) -> None:
        if text:
            try:
                base = datetime.fromisoformat(text)
            except ValueError:
                raise click.BadParameter(
                    f"not an ISO date-time: {text!r}", param_hint="--now"
                ) from None
            self.base = base if base.tzinfo else base.replace(tzinfo=UTC)
        else:
            self.base = datetime.now(UTC)
        self.start = time.monotonic()

    def now(self) -> datetime:
        return (self.base + timedelta(seconds=time.monotonic() - self.start)).astimezone(UTC)


def _registry() -> Any:
    """The check catalogue (a seam: tests may substitute another)."""
    import rung.practice

    return rung.practice


@contextmanager
def tutor_session(learner: str) -> Iterator[Any]:
    """Open store + curriculum + tutor; turn engine errors into clean CLI errors."""
    from rung.curriculum import ContentError, load_curriculum
    from rung.progress import StoreError, open_store
    from rung.progress.service import Tutor

    ctx = click.get_current_context()
    content = (ctx.find_root().obj or {}).get("content_dir")
    store = None
    try:
        store = open_store()
        cur = load_curriculum(content)
        yield Tutor(store, cur, learner, checks=_registry())
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    except ContentError as exc:
        raise click.ClickException(f"The curriculum has errors: {exc}") from None
    except (KeyError, ValueError) as exc:
        raise click.ClickException(str(exc.args[0] if exc.args else exc)) from None
    finally:
        if store is not None:
            store.close()


def _read(prompt: str) -> str | None:
    """One line from stdin (None at end of input)."""
    click.echo(prompt, nl=False)
    line = sys.stdin.readline()
    if not line:
        click.echo()
        return None
    return line.strip()


_LATEX = [
    (r"\\left|\\right", ""),
    (r"\s*\\times\s*", " × "),
    (r"\\cdot", "·"),
    (r"\\top", "T"),
    (r"\\mathbb\{R\}", "ℝ"),
    (r"\\to", "→"),
    (r"\\le(q)?", "≤"),
    (r"\\ge(q)?", "≥"),
    (r"\\neq", "≠"),
    (r"\\approx", "≈"),
    (r"\\lambda", "λ"),
    (r"\\theta", "θ"),
    (r"\\pi", "π"),
    (r"\\sqrt\{([^{}]*)\}", r"√(\1)"),
    (r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"(\1)/(\2)"),
    (r"\\(?:mathbf|mathrm|text|operatorname|vec|boldsymbol)\{([^{}]*)\}", r"\1"),
    (r"\\[,;:! ]", " "),
    (r"\\(?:quad|qquad)", "  "),
    (r"\\[bp]?mod\b", "mod"),
    (r"\\([A-Za-z]+)", r"\1"),  # anything else: drop the backslash
]


def plain(markdown: str) -> str:
    """Make Markdown + LaTeX readable in a terminal without a renderer.

    Matrices become nested lists (the form answers are typed in), common
    symbols become Unicode, and the dollar signs go.
    """

    def matrix(m: re.Match[str]) -> str:
        rows = [r.strip() for r in re.split(r"\\\\", m.group(2)) if r.strip()]
        cells = [[c.strip() for c in r.split("&")] for r in rows]
        if all(len(r) == 1 for r in cells) and len(cells) > 1:
            return "[" + ", ".join(r[0] for r in cells) + "]ᵀ"
        return "[" + ", ".join("[" + ", ".join(r) + "]" for r in cells) + "]"

    text = re.sub(r"\\begin\{([bpv]?matrix)\}(.*?)\\end\{\1\}", matrix, markdown, flags=re.DOTALL)
    for pattern, repl in _LATEX:
        for _ in range(3):  # nested \frac and friends
            text = re.sub(pattern, repl, text)
    text = text.replace("$$", "").replace("$", "")
    text = re.sub(r"\^\{([^{}]*)\}", r"^\1", text)
    text = re.sub(r"_\{([^{}]*)\}", r"_\1", text)
    return text.replace("{", "").replace("}", "")


# -- the practice loop -----------------------------------------------------------------

HELP_LINE = "Type your answer; ? for a hint, ! for the solution, q to quit."


def _ask_problem(tutor: Any, problem: Any, clock: Clock, title: str) -> str:
    """Run one problem to its end; returns "correct", "moved-on" or "quit"."""
    click.secho(f"\n{title}", bold=True)
    click.echo(plain(problem.prompt))
    if problem.choices:
        for i, choice in enumerate(problem.choices, 1):
            click.echo(f"  {i}. {plain(choice)}")
    click.echo(HELP_LINE)
    hints = 0
    started = time.monotonic()
    answered_wrong = False
    while True:
        line = _read("> ")
        if line is None or line.lower() in {"q", "quit", "exit"}:
            if hints and not answered_wrong:
                # Walking away after a hint must not leave this variant free to be
                # answered later "without hints": it counts as a revealed attempt.
                tutor.reveal(problem, hints, time.monotonic() - started, clock.now())
            return "quit"
        if line == "":
            continue
        if line == "?":
            if hints < len(problem.hints):
                hints += 1
                click.echo(f"Hint {hints}/{len(problem.hints)}: {plain(problem.hints[hints - 1])}")
            else:
                click.echo("No more hints: ! shows the worked solution.")
            continue
        if line == "!":
            click.echo("Solution:\n" + plain(problem.solution))
            if not answered_wrong:
                result = tutor.reveal(problem, hints, time.monotonic() - started, clock.now())
                click.echo(result.grade.feedback)
            return "moved-on"
        if answered_wrong and line.lower() in {"n", "next"}:
            return "moved-on"
        line = _gather_rows(problem, line)
        result = tutor.submit(problem, line, hints, time.monotonic() - started, clock.now())
        grade = result.grade
        if grade.status == "unreadable":
            click.echo(plain(grade.feedback) or "I could not read that answer.")
            click.echo(
                f"The expected form looks like: {plain(problem.answer_text)}"
                if _show_form(problem)
                else "Try again in the form asked for."
            )
            continue
        if grade.status == "correct":
            extra = plain(grade.feedback)
            if extra.lower().startswith("correct"):  # the grader said it already
                extra = extra[len("correct") :].lstrip(".! ")
            click.secho(f"Correct. {extra}".rstrip(), fg="green")
            for rung in result.rung_mastered:
                name = tutor.cur.rungs[rung].title if rung in tutor.cur.rungs else rung
                click.secho(f"Rung mastered: {rung} ({name}).", fg="green", bold=True)
            for exit_id in result.exit_mastered:
                click.secho(f"Exit criterion met: {exit_id}.", fg="green", bold=True)
            if result.review_due is not None and result.counted:
                click.echo(
                    f"It will come back for review on {result.review_due:%Y-%m-%d %H:%M} UTC."
                )
            return "correct"
        answered_wrong = True
        click.secho("Not yet. " + plain(grade.feedback), fg="red")
        if grade.misconception:
            click.echo(f"(misconception: {grade.misconception})")
        click.echo("Try again, n for a new problem, ? for a hint, ! for the solution.")


def _gather_rows(problem: Any, line: str) -> str:
    """Let a matrix be typed one row per line, as the answer form promises.

    Input is read line by line, so without this ``1 2`` + Enter would be graded
    at once as a 1×2 matrix. When a matrix answer is due and the line is one
    bare row (no brackets, no ``;``), further lines are read as rows until the
    matrix has as many rows as the answer, or an empty line ends it early.
    """
    if problem.kind != "matrix" or any(c in line for c in "[]();"):
        return line
    truth = getattr(problem.answer, "truth", None)
    if not truth or len(truth) < 2:
        return line
    first = problem.answer.read(line)
    if not first.ok or len(first.value) != 1:
        return line
    rows = [line]
    while len(rows) < len(truth):
        more = _read("… ")
        if not more:
            break
        rows.append(more)
    return "\n".join(rows)


def _show_form(problem: Any) -> bool:
    """Show the shape of the answer only when that gives nothing away (multiple choice)."""
    return bool(problem.choices)


def _resolve_targets(tutor: Any, target: str | None, clock: Clock) -> tuple[list[str], str]:
    """Check ids to practise and a title line, from a lesson, a check, or nothing."""
    if target is None:
        step = tutor.next_step(clock.now())
        if step.kind == "done":
            return [], step.reason
        click.echo(step.reason)
        if step.check_id is None:
            return [], ""
        if step.kind == "review":
            return [step.check_id], ""
        target = step.lesson_id
    checks, lesson = tutor.targets(target)  # KeyError -> a clean message
    if lesson is None:
        return checks, ""
    if not checks:
        return [], (
            f"Lesson {lesson.number} ({lesson.title}) has no checks. When you have worked "
            f"through it, mark it with `rung done {lesson.id}`."
        )
    return checks, f"Lesson {lesson.number}: {lesson.title}"


@click.command("practice")
@click.argument("target", required=False)
@click.option(
    "--count",
    type=click.IntRange(min=1),
    default=None,
    help="Stop after this many problems (default: until you quit).",
)
@LEARNER
@NOW
def practice_cmd(target: str | None, count: int | None, learner: str, now_text: str | None) -> None:
    """Practise a lesson (id or number) or one check; with none, the next step."""
    clock = Clock(now_text)
    with tutor_session(learner) as tutor:
        checks, heading = _resolve_targets(tutor, target, clock)
        if heading:
            click.echo(heading)
        if not checks:
            return
        i = asked = 0
        while count is None or asked < count:
            check_id = checks[i % len(checks)]
            family = tutor.family(check_id)
            problem = tutor.new_problem(check_id, clock.now())
            outcome = _ask_problem(tutor, problem, clock, f"{family.title} [{check_id}]")
            asked += 1
            if outcome == "quit":
                break
            if outcome == "correct":
                i += 1  # on to the next family of the lesson; a miss asks the same family again
        click.echo("Session over. `rung progress` shows where you stand.")


@click.command("review")
@LEARNER
@NOW
@JSON
def review_cmd(learner: str, now_text: str | None, as_json: bool) -> None:
    """Work through the checks that are due for review (fresh variants)."""
    clock = Clock(now_text)
    with tutor_session(learner) as tutor:
        due = tutor.due_reviews(clock.now())
        if as_json:
            cards = {c.check_id: c for c in tutor.store.cards(learner, clock.now())}
            click.echo(
                json.dumps(
                    {
                        "due": [
                            {
                                "check_id": c,
                                "lesson": tutor.family(c).lesson,
                                "title": tutor.family(c).title,
                                "due": cards[c].due.isoformat(),
                            }
                            for c in due
                        ]
                    },
                    indent=2,
                )
            )
            return
        if not due:
            click.echo("Nothing is due for review. `rung next` says what to do instead.")
            return
        click.echo(f"{len(due)} review(s) due.")
        for n, check_id in enumerate(due, 1):
            problem = tutor.new_problem(check_id, clock.now())
            title = f"Review {n}/{len(due)}: {tutor.family(check_id).title} [{check_id}]"
            if _ask_problem(tutor, problem, clock, title) == "quit":
                break
        left = len(tutor.due_reviews(clock.now()))
        click.echo(f"Review session over; {left} still due.")


@click.command("next")
@click.option("--track", default="year", show_default=True, help="Which track to follow.")
@LEARNER
@NOW
@JSON
def next_cmd(track: str, learner: str, now_text: str | None, as_json: bool) -> None:
    """Say what to do next: due reviews first, then the next open lesson."""
    clock = Clock(now_text)
    with tutor_session(learner) as tutor:
        step = tutor.next_step(clock.now(), track=track)
        if as_json:
            click.echo(json.dumps(step.__dict__, indent=2))
            return
        click.echo(step.reason)
        if step.kind == "review":
            click.echo("Run: rung review")
        elif step.kind == "lesson":
            lesson = tutor.cur.lesson(step.lesson_id)
            click.echo(
                f"Run: rung show {lesson.id}"
                + (f"   then: rung practice {lesson.id}" if step.check_id else "")
            )


@click.command("progress")
@LEARNER
@NOW
@JSON
def progress_cmd(learner: str, now_text: str | None, as_json: bool) -> None:
    """Show lessons done, rungs mastered, reviews due and recent answers."""
    clock = Clock(now_text)
    with tutor_session(learner) as tutor:
        s = tutor.progress_summary(clock.now())
        if as_json:
            click.echo(json.dumps(s, indent=2))
            return
        click.secho(f"Progress of {s['learner']}", bold=True)
        click.echo(f"Lessons complete: {s['lessons']['done']}/{s['lessons']['total']}")
        for p in s["phases"]:
            click.echo(f"  Phase {p['number']} {p['title']}: {p['done']}/{p['total']}")
        r = s["rungs"]
        click.echo(
            f"Rungs mastered: {len(r['mastered'])}/{r['total']}"
            + (f" ({', '.join(r['mastered'])})" if r["mastered"] else "")
        )
        for rung, streak in r["in_progress"].items():
            click.echo(f"  {rung}: {streak}/{r['needed']} in a row")
        click.echo(f"Exit criteria met: {len(s['exits']['mastered'])}/{s['exits']['total']}")
        rv = s["reviews"]
        click.echo(
            f"Reviews due now: {rv['due']}"
            + (f"; next one {rv['next_due'][:16].replace('T', ' ')} UTC" if rv["next_due"] else "")
        )
        if s["recent"]:
            click.echo("Recent answers:")
            for a in s["recent"][:5]:
                click.echo(f"  {a['at'][:16].replace('T', ' ')}  {a['status']:<10} {a['check_id']}")


@click.command("done")
@click.argument("lesson")
@click.option("--undo", is_flag=True, help="Remove the mark instead.")
@LEARNER
@NOW
def done_cmd(lesson: str, undo: bool, learner: str, now_text: str | None) -> None:
    """Mark a lesson without checks as done (checks prove the others)."""
    clock = Clock(now_text)
    with tutor_session(learner) as tutor:
        found = tutor.cur.lesson(lesson)
        tutor.mark_lesson(found.id, None if undo else "done", clock.now())
        verb = "no longer marked done" if undo else "marked done"
        click.echo(f"Lesson {found.number} ({found.title}) {verb}.")


@click.command("export")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@LEARNER
def export_cmd(file: str, learner: str) -> None:
    """Write your whole history to FILE as JSON (- for stdout)."""
    from rung.progress import StoreError, open_store

    try:
        with open_store() as store:
            data = store.export_learner(learner)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    text = json.dumps(data, indent=1, ensure_ascii=False)
    if file == "-":
        click.echo(text)
        return
    try:
        Path(file).write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"Cannot write {file}: {exc.strerror}.") from None
    click.echo(f"Exported {len(data['attempts'])} attempts of {learner} to {file}.")


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--as",
    "as_learner",
    default=None,
    help="Import under this learner name instead of the one in the file.",
)
def import_cmd(file: str, as_learner: str | None) -> None:
    """Merge a history exported with `rung export` (safe to repeat)."""
    from rung.progress import StoreError, open_store

    try:
        raw = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"Cannot read {file}: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise click.ClickException(
            f"{file} is not UTF-8 text; import reads files written by `rung export`."
        ) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise click.ClickException(
            f"{file} is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "import reads files written by `rung export`."
        ) from None
    try:
        with open_store() as store:
            added = store.import_learner(data, as_learner)
    except StoreError as exc:
        raise click.ClickException(f"Cannot import {file}: {exc}") from None
    name = as_learner or data["learner"]
    parts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in added.items() if n)
    click.echo(f"Imported into {name}: {parts or 'nothing new (already here)'}.")
