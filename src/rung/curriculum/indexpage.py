"""Read and write the "Video Series Index" page in the seeds' Markdown form.

The page is a sequence of series, each a ``##`` (or ``###``) heading, a few
``**Label:** [text](url)`` lines, an optional italic note, and one table whose
columns name the number, title, lesson(s), link, and sometimes a book chapter.
This module knows nothing about lesson ids: lesson cells are read as numbers
and the caller maps them. It is pure text in, data out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DASH = "\u2014"  # em dash, as the seeds write "Channel — Series"
_LINK = re.compile(r"^\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]+)\)$")
_META = re.compile(r"^\*\*(?P<label>[^*:]+):\*\*\s*(?P<rest>.+)$")
_RANGE = re.compile(r"^(\d+)\s*[-\u2013\u2014]\s*(\d+)$")

# Which header names mean which field. Seeds use several spellings.
NUMBER_HEADERS = {"#", "ch", "lecture"}
TITLE_HEADERS = {"title", "video", "topic", "playlist", "title / type"}
LESSON_HEADERS = {"lesson", "lessons"}
LINK_HEADERS = {"link", "key videos"}
CHAPTER_HEADERS = {"book chapter"}
NOTES_HEADERS = {"notes"}
KIND_WORDS = {"optional": "optional", "general": "general"}


class IndexPageError(ValueError):
    """A line of an index page that cannot be read."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass
class PageLink:
    label: str
    text: str
    url: str


@dataclass
class PageEntry:
    line: int
    number: str | None
    title: str
    lessons: list[int]
    kind: str  # core | optional | general
    url: str | None = None
    link_text: str | None = None  # "Watch", "Playlist", or plain text with no link
    chapter: str | None = None
    notes: str | None = None


@dataclass
class PageSeries:
    line: int
    title: str
    level: int = 2
    links: list[PageLink] = field(default_factory=list)
    note: str | None = None
    columns: list[str] = field(default_factory=list)
    entries: list[PageEntry] = field(default_factory=list)


def parse_lessons(cell: str, line: int) -> tuple[list[int], str]:
    """Read a lesson cell: ``4``, ``4–5``, ``13, 16``, ``Optional``, ``General``."""
    text = cell.strip()
    if not text or text in {"—", "-"}:
        return [], "core"
    kind = KIND_WORDS.get(text.lower())
    if kind:
        return [], kind
    lessons: list[int] = []
    for part in text.split(","):
        part = part.strip()
        m = _RANGE.match(part)
        if m:
            lo, hi = int(m.group(1)), int(m.group(2))
            if hi < lo:
                raise IndexPageError(line, f"lesson range {part!r} runs backwards")
            lessons.extend(range(lo, hi + 1))
        elif part.isdigit():
            lessons.append(int(part))
        else:
            raise IndexPageError(
                line,
                f"cannot read lesson cell {cell!r}: use numbers, ranges like 4–5, "
                "'Optional' or 'General'",
            )
    return lessons, "core"


def format_lessons(numbers: list[int], kind: str) -> str:
    """Inverse of :func:`parse_lessons`: runs of consecutive numbers become a–b."""
    if not numbers:
        return {"optional": "Optional", "general": "General"}.get(kind, "—")
    nums = sorted(set(numbers))
    parts: list[str] = []
    start = prev = nums[0]
    for n in nums[1:] + [None]:  # type: ignore[list-item]
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}\u2013{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts)


def _split_row(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [c.strip() for c in body.split("|")]


def _is_rule(cells: list[str]) -> bool:
    return all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c) and any(cells)


def _read_link(cell: str) -> tuple[str | None, str | None]:
    m = _LINK.match(cell.strip())
    if m:
        return m.group("url"), m.group("text")
    text = cell.strip()
    return None, (text or None)


def parse_page(text: str) -> list[PageSeries]:
    """Parse a whole index page into series and entries (line numbers kept)."""
    series: list[PageSeries] = []
    current: PageSeries | None = None
    header: list[str] | None = None
    lines = text.splitlines()
    for i, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line.startswith("## ") or line.startswith("### "):
            level = 2 if line.startswith("## ") else 3
            current = PageSeries(line=i, title=line[level + 1 :].strip(), level=level)
            series.append(current)
            header = None
            continue
        if current is None:
            continue
        if line.startswith("|"):
            cells = _split_row(line)
            if header is None:
                header = [c.lower() for c in cells]
                current.columns = cells
                continue
            if _is_rule(cells):
                continue
            current.entries.append(_entry_from_row(header, cells, i))
            continue
        header = None if not line else header
        m = _META.match(line)
        if m:
            url, ltext = _read_link(m.group("rest"))
            current.links.append(
                PageLink(label=m.group("label").strip(), text=ltext or "", url=url or "")
            )
            continue
        if (
            len(line) > 2
            and line.startswith("*")
            and line.endswith("*")
            and not line.startswith("**")
        ):
            current.note = line[1:-1].strip()
    return series


def _entry_from_row(header: list[str], cells: list[str], line: int) -> PageEntry:
    if len(cells) != len(header):
        raise IndexPageError(
            line, f"row has {len(cells)} cells but the table header has {len(header)}"
        )
    number = title = link = chapter = notes = None
    lessons: list[int] = []
    kind = "core"
    video_title = None
    for name, cell in zip(header, cells, strict=True):
        if name in NUMBER_HEADERS:
            number = cell or None
        elif name == "video":
            video_title = cell
        elif name in TITLE_HEADERS:
            title = cell
        elif name in LESSON_HEADERS:
            lessons, kind = parse_lessons(cell, line)
        elif name in LINK_HEADERS:
            link = cell
        elif name in CHAPTER_HEADERS:
            chapter = cell or None
        elif name in NOTES_HEADERS:
            notes = cell or None
        else:
            raise IndexPageError(line, f"unknown column {name!r}")
    if video_title is not None:  # Welch Labs' table: Book Chapter | Video
        title = video_title
    if not title:
        raise IndexPageError(line, "row has no title")
    url, link_text = _read_link(link) if link is not None else (None, None)
    return PageEntry(
        line=line,
        number=number,
        title=title,
        lessons=lessons,
        kind=kind,
        url=url,
        link_text=link_text,
        chapter=chapter,
        notes=notes,
    )


def render_row(columns: list[str], values: dict[str, str]) -> str:
    return "| " + " | ".join(values.get(c.lower(), "") for c in columns) + " |"


def render_page(series: list[PageSeries], intro: str | None = None) -> str:
    """Render series in the seeds' form. ``parse_page(render_page(s))`` == ``s`` (bar lines)."""
    out = ["# Video Series Index", ""]
    if intro:
        out += [f"> {intro}", ""]
    for s in series:
        out += ["---", "", f"{'#' * s.level} {s.title}", ""]
        for link in s.links:
            target = f"[{link.text}]({link.url})" if link.url else link.text
            out.append(f"**{link.label}:** {target}")
        if s.links:
            out.append("")
        if s.note:
            out += [f"*{s.note}*", ""]
        cols = s.columns
        out.append("| " + " | ".join(cols) + " |")
        out.append("|" + "|".join("---" for _ in cols) + "|")
        for e in s.entries:
            out.append(_render_entry(cols, e))
        out.append("")
    return "\n".join(out)


def _render_entry(cols: list[str], e: PageEntry) -> str:
    if e.url:
        link = f"[{e.link_text or 'Watch'}]({e.url})"
    else:
        link = e.link_text or ""
    values: dict[str, str] = {}
    for c in cols:
        name = c.lower()
        if name in NUMBER_HEADERS:
            values[name] = e.number or ""
        elif name in TITLE_HEADERS:
            values[name] = e.title
        elif name in LESSON_HEADERS:
            values[name] = format_lessons(e.lessons, e.kind)
        elif name in LINK_HEADERS:
            values[name] = link
        elif name in CHAPTER_HEADERS:
            values[name] = e.chapter or ""
        elif name in NOTES_HEADERS:
            values[name] = e.notes or ""
    return render_row(cols, values)
