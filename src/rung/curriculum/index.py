"""The video index as a page: render it from the data, and compare a page with the data."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .indexpage import PageEntry, PageLink, PageSeries, format_lessons, parse_page, render_page
from .model import Curriculum, Video

INTRO = (
    "Curated video series for intuitive, visual learning. Organized by subject area with direct "
    "links. All series prioritize geometric intuition and deep understanding over mechanical procedure."
)


def page_series(cur: Curriculum) -> list[PageSeries]:
    numbers = {le.id: le.number for le in cur.lessons}
    out = []
    for s in cur.series:
        entries = []
        for vid in s.videos:
            v = cur.videos[vid]
            entries.append(
                PageEntry(
                    line=0,
                    number=v.number,
                    title=v.title,
                    lessons=[numbers[x] for x in v.lessons],
                    kind=v.kind,
                    url=v.url,
                    link_text=v.link_text or ("Watch" if v.url else None),
                    chapter=v.chapter,
                    notes=v.notes,
                )
            )
        columns = list(s.columns)
        if any(e.notes for e in entries) and "Notes" not in columns:
            columns.append("Notes")
        if any(e.url or e.link_text for e in entries) and not any(
            c.lower() in ("link", "key videos") for c in columns
        ):
            columns.append("Link")
        out.append(
            PageSeries(
                line=0,
                title=s.title,
                level=s.level,
                links=[PageLink(x.label, x.text, x.url) for x in s.links],
                note=s.note,
                columns=columns,
                entries=entries,
            )
        )
    return out


def render_index(cur: Curriculum) -> str:
    return render_page(page_series(cur), intro=INTRO)


@dataclass
class IndexDiff:
    kind: str  # renumbered | new | missing | changed
    title: str
    line: int
    detail: str

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.kind}: {self.title} — {self.detail}"


def _single(url: str | None) -> bool:
    """Does this URL name one video (rather than a channel or playlist shared by several rows)?"""
    return bool(url) and ("watch?v=" in url or "youtu.be/" in url)


def _norm(title: str) -> str:
    t = re.sub(r"\[[^\]]*\]", "", title.lower())  # drop "[How Models Learn Part 1]"-style tags
    return re.sub(r"[^a-z0-9]+", " ", t).strip()


def compare_page(cur: Curriculum, text: str) -> list[IndexDiff]:
    """What a page in the seeds' form says differently from the current data.

    Entries are matched by URL where the page gives one, else by title (or a
    known alias). Lesson cells are read as display numbers and compared with
    the current numbering, so an old page shows up as renumbering.
    """
    numbers = {le.id: le.number for le in cur.lessons}
    by_url: dict[str, Video] = {v.url: v for v in cur.videos.values() if _single(v.url)}
    by_title: dict[str, Video] = {}
    for v in cur.videos.values():
        for t in (v.title, *v.aliases):
            by_title.setdefault(_norm(t), v)
    diffs: list[IndexDiff] = []
    seen: set[str] = set()
    for s in parse_page(text):
        for e in s.entries:
            v = (by_url.get(e.url or "") if _single(e.url) else None) or by_title.get(
                _norm(e.title)
            )
            if v is None:
                diffs.append(
                    IndexDiff(
                        "new",
                        e.title,
                        e.line,
                        f"not in the data (series {s.title!r}, lessons {format_lessons(e.lessons, e.kind)})",
                    )
                )
                continue
            seen.add(v.id)
            ours = sorted(numbers[x] for x in v.lessons)
            theirs = sorted(set(e.lessons))
            if e.kind != v.kind:
                diffs.append(
                    IndexDiff(
                        "changed",
                        v.title,
                        e.line,
                        f"kind {e.kind} in the file, {v.kind} in the data",
                    )
                )
            elif ours != theirs:
                diffs.append(
                    IndexDiff(
                        "renumbered",
                        v.title,
                        e.line,
                        f"lesson {format_lessons(theirs, e.kind)} in the file, {format_lessons(ours, v.kind)} in the data "
                        f"({', '.join(v.lessons)})",
                    )
                )
            if e.url and v.url and e.url != v.url:
                diffs.append(
                    IndexDiff(
                        "changed", v.title, e.line, f"URL {e.url} in the file, {v.url} in the data"
                    )
                )
    return diffs


def missing_from_page(cur: Curriculum, text: str) -> list[Video]:
    """Videos in the data that the page does not mention."""
    entries = [e for s in parse_page(text) for e in s.entries]
    urls = {e.url for e in entries if _single(e.url)}
    titles = {_norm(e.title) for e in entries}
    return [
        v
        for v in cur.videos.values()
        if not (_single(v.url) and v.url in urls)
        and not ({_norm(t) for t in (v.title, *v.aliases)} & titles)
    ]
