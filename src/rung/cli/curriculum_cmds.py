"""Reading commands: map, show, videos, tracks, plan."""

from __future__ import annotations

import re
from datetime import date

import click

from ._common import curriculum, dim, echo_json, fail, heading, lesson_or_fail


@click.command("map")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (phases → lessons).")
@click.option("--track", default=None, help="Mark the lessons of this track.")
def map_cmd(as_json: bool, track: str | None) -> None:
    """Show the six phases and their lessons, and where to begin."""
    cur = curriculum()
    if track and track not in cur.tracks:
        fail(f"unknown track {track!r}; tracks: {', '.join(cur.tracks)}")
    if as_json:
        echo_json(
            {
                "phases": [
                    {
                        "number": p.number,
                        "title": p.title,
                        "lessons": [
                            {
                                "id": le.id,
                                "number": le.number,
                                "title": le.title,
                                "requires": list(le.requires),
                                "videos": [
                                    cur.videos[v].url for v in le.videos if cur.videos[v].url
                                ],
                            }
                            for le in (cur.lesson(x) for x in p.lessons)
                        ],
                    }
                    for p in cur.phases
                ]
            }
        )
        return
    in_track = set(cur.tracks[track].lessons) if track else None
    for p in cur.phases:
        click.echo(heading(f"Phase {p.number} — {p.title}") + dim(f"  ({len(p.lessons)} lessons)"))
        for lid in p.lessons:
            le = cur.lesson(lid)
            mark = "•" if in_track is None or lid in in_track else " "
            extra = dim(f"  [{len(le.videos)} videos]") if le.videos else ""
            click.echo(f"  {mark} {le.number:>2}. {le.title}{extra}")
        click.echo()
    first = cur.lessons[0]
    click.echo(
        f"{len(cur.lessons)} lessons in {len(cur.phases)} phases. "
        f"Begin with lesson {first.number}: `rung show {first.number}`."
    )


def _wrap(text: str, indent: str = "  ") -> str:
    import textwrap

    return textwrap.fill(
        " ".join(text.split()), width=88, initial_indent=indent, subsequent_indent=indent
    )


@click.command("show")
@click.argument("lesson")
@click.option("--json", "as_json", is_flag=True, help="Print the lesson as JSON.")
@click.option("--body/--no-body", default=True, help="Include the lesson text.")
def show_cmd(lesson: str, as_json: bool, body: bool) -> None:
    """Show one lesson, by id (la.eigen) or number (8)."""
    cur = curriculum()
    le = lesson_or_fail(cur, lesson)
    rungs = cur.rungs
    if as_json:
        echo_json(
            {
                "id": le.id,
                "number": le.number,
                "title": le.title,
                "phase": le.phase,
                "summary": le.summary,
                "requires": list(le.requires),
                "hours": le.hours,
                "videos": [
                    {
                        "id": v,
                        "title": cur.videos[v].title,
                        "url": cur.videos[v].url,
                        "series": cur.videos[v].series,
                    }
                    for v in le.videos
                ],
                "resources": [
                    {"id": r, "title": cur.resources[r].title, "url": cur.resources[r].url}
                    for r in le.resources
                ],
                "rungs": [
                    {"id": r, "title": rungs[r].title, "done_when": rungs[r].done_when}
                    for r in le.rungs
                ],
                "body": le.body if body else None,
            }
        )
        return
    click.echo(heading(f"Lesson {le.number}: {le.title}"))
    phase = cur.phase(le.phase)
    click.echo(dim(f"{le.id} · Phase {phase.number}, {phase.title} · about {le.hours:g} h"))
    if le.requires:
        req = ", ".join(f"{cur.lesson(r).number} {cur.lesson(r).title}" for r in le.requires)
        click.echo(dim(f"Builds on: {req}"))
    click.echo()
    click.echo(_wrap(le.summary, ""))
    if le.rungs:
        click.echo()
        click.echo(heading("Rungs"))
        for rid in le.rungs:
            r = rungs[rid]
            click.echo(f"  Rung {r.number:02d} — {r.title}")
            click.echo(_wrap("Done when: " + r.done_when, "    "))
    if le.videos:
        click.echo()
        click.echo(heading("Videos"))
        for vid in le.videos:
            v = cur.videos[vid]
            series = next(s for s in cur.series if s.id == v.series)
            click.echo(f"  {v.title}  " + dim(f"({series.title})"))
            if v.url:
                click.echo(f"    {v.url}")
    if le.resources:
        click.echo()
        click.echo(heading("Resources"))
        for rid in le.resources:
            r = cur.resources[rid]
            click.echo(f"  {r.title}" + (f"  {r.url}" if r.url else ""))
    if body:
        click.echo()
        click.echo(_plain_markdown(le.body))


def _plain_markdown(md: str) -> str:
    """Markdown for a terminal: keep it readable without a renderer."""
    out = []
    for line in md.splitlines():
        m = re.match(r"^(#{2,4})\s+(.*)", line)
        out.append(heading(m.group(2)) if m else line)
    return "\n".join(out).strip()


@click.command("videos")
@click.option(
    "--lesson", "lesson_ref", default=None, help="Only videos for this lesson (id or number)."
)
@click.option(
    "--series", "series_ref", default=None, help="Only this series (id or part of its title)."
)
@click.option("--kind", type=click.Choice(["core", "optional", "general"]), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def videos_cmd(
    lesson_ref: str | None, series_ref: str | None, kind: str | None, as_json: bool
) -> None:
    """List the videos of the index, by lesson or series."""
    cur = curriculum()
    numbers = {le.id: le.number for le in cur.lessons}
    series = list(cur.series)
    if series_ref:
        needle = series_ref.lower()
        series = [s for s in series if s.id == series_ref or needle in s.title.lower()]
        if not series:
            fail(
                f"no series matches {series_ref!r}; series ids: {', '.join(s.id for s in cur.series)}"
            )
    lesson_id = lesson_or_fail(cur, lesson_ref).id if lesson_ref else None
    rows = []
    for s in series:
        for vid in s.videos:
            v = cur.videos[vid]
            if lesson_id and lesson_id not in v.lessons:
                continue
            if kind and v.kind != kind:
                continue
            rows.append((s, v))
    if as_json:
        echo_json(
            [
                {
                    "series": s.title,
                    "title": v.title,
                    "url": v.url,
                    "lessons": [numbers[x] for x in v.lessons],
                    "kind": v.kind,
                }
                for s, v in rows
            ]
        )
        return
    current = None
    for s, v in rows:
        if s is not current:
            click.echo(heading(s.title))
            current = s
        where = ", ".join(str(numbers[x]) for x in v.lessons) or v.kind
        click.echo(f"  {v.title}  " + dim(f"[{where}]") + (f"\n    {v.url}" if v.url else ""))
    click.echo(dim(f"{len(rows)} videos"))


@click.command("tracks")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def tracks_cmd(as_json: bool) -> None:
    """List the tracks: paths through the same lessons."""
    cur = curriculum()
    if as_json:
        echo_json(
            [
                {
                    "id": t.id,
                    "title": t.title,
                    "description": t.description,
                    "lessons": [cur.lesson(x).number for x in t.lessons],
                    "months": dict(t.months) if t.months else None,
                }
                for t in cur.tracks.values()
            ]
        )
        return
    for t in cur.tracks.values():
        click.echo(heading(f"{t.id}") + f" — {t.title} " + dim(f"({len(t.lessons)} lessons)"))
        click.echo(_wrap(t.description))
        click.echo("  lessons: " + " → ".join(str(cur.lesson(x).number) for x in t.lessons))
        click.echo()


@click.command("plan")
@click.option("--track", "track_id", default="year", show_default=True, help="Which track to plan.")
@click.option("--start", "start", default=None, help="First day, YYYY-MM-DD (default: today).")
@click.option("--hours-per-week", "hours", type=float, default=8.0, show_default=True)
@click.option(
    "--ics",
    "ics_path",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Also write the plan as an iCalendar file.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def plan_cmd(
    track_id: str, start: str | None, hours: float, ics_path: str | None, as_json: bool
) -> None:
    """Lay a track out over weeks and months at your pace."""
    from rung.curriculum.plan import make_plan, to_ics

    cur = curriculum()
    if track_id not in cur.tracks:
        fail(f"unknown track {track_id!r}; tracks: {', '.join(cur.tracks)}")
    try:
        first = date.fromisoformat(start) if start else date.today()
    except ValueError:
        fail(f"--start {start!r} is not a date; use YYYY-MM-DD, e.g. 2027-01-04")
    if not 0 < hours <= 120:  # written this way round so that NaN fails too
        fail(f"--hours-per-week must be more than 0 and at most 120, not {hours:g}")
    plan = make_plan(cur, track_id, first, hours)
    if ics_path:
        try:
            with open(ics_path, "w", encoding="utf-8", newline="") as fh:
                fh.write(to_ics(plan))
        except OSError as exc:
            fail(f"cannot write {ics_path}: {exc.strerror}")
    if as_json:
        echo_json(
            {
                "track": track_id,
                "start": first.isoformat(),
                "hours_per_week": hours,
                "warnings": plan.warnings,
                "lessons": [
                    {
                        "id": i.lesson.id,
                        "number": i.lesson.number,
                        "title": i.lesson.title,
                        "month": i.month,
                        "start": i.start.isoformat(),
                        "end": i.end.isoformat(),
                        "hours": i.hours,
                    }
                    for i in plan.items
                ],
            }
        )
        return
    click.echo(heading(f"{plan.track.title}: from {first:%d %b %Y} at {hours:g} h/week"))
    month = None
    for week, ws, items in plan.weeks():
        m = items[0].month if items else month
        if m != month and m is not None:
            click.echo(heading(f"\nMonth {m}"))
            month = m
        names = "; ".join(f"{i.lesson.number}. {i.lesson.title}" for i in items) or dim(
            "(catch-up)"
        )
        click.echo(f"  week {week:>2} ({ws:%d %b}): {names}")
    for w in plan.warnings:
        click.echo(click.style("note: ", fg="yellow") + w)
    if ics_path:
        click.echo(dim(f"wrote {ics_path}"))
