"""The immutable curriculum model: what the loader builds and every face reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType


@dataclass(frozen=True)
class Phase:
    number: int
    id: str
    title: str
    summary: str
    lessons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lesson:
    id: str
    number: int
    title: str
    phase: int
    sequence: str | None
    requires: tuple[str, ...]
    hours: float
    summary: str
    body: str
    videos: tuple[str, ...]
    resources: tuple[str, ...]
    rungs: tuple[str, ...]
    path: Path
    body_line: int = 1  # line of the file where the body starts
    widgets: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class Rung:
    id: str
    number: int
    title: str
    what: str
    why: str
    resource: str
    done_when: str
    lessons: tuple[str, ...]
    sequence: str
    resource_videos: tuple[str, ...] = ()
    resource_links: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExitCriterion:
    id: str
    text: str
    rungs: tuple[str, ...]
    sequence: str


@dataclass(frozen=True)
class GoingFurther:
    title: str
    note: str
    resource: str | None = None


@dataclass(frozen=True)
class Connection:
    months: tuple[int, ...]
    rungs: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Sequence:
    id: str
    number: int
    title: str
    phase: int
    why: str
    rungs: tuple[Rung, ...]
    exit: tuple[ExitCriterion, ...]
    going_further: tuple[GoingFurther, ...]
    connects: tuple[Connection, ...]
    path: Path


@dataclass(frozen=True)
class Video:
    id: str
    series: str
    title: str
    url: str | None
    kind: str  # core | optional | general
    lessons: tuple[str, ...]
    number: str | None = None
    link_text: str | None = None
    chapter: str | None = None
    notes: str | None = None
    aliases: tuple[str, ...] = ()
    source: str | None = None


@dataclass(frozen=True)
class SeriesLink:
    label: str
    text: str
    url: str


@dataclass(frozen=True)
class Series:
    id: str
    title: str
    channel: str
    videos: tuple[str, ...]
    columns: tuple[str, ...]
    links: tuple[SeriesLink, ...] = ()
    note: str | None = None
    level: int = 2
    source: str | None = None


@dataclass(frozen=True)
class Resource:
    id: str
    title: str
    kind: str
    lessons: tuple[str, ...]
    url: str | None = None
    author: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Widget:
    id: str
    title: str
    figure: str  # dotted path of the pure function in rung.viz that builds its figure
    about: str


@dataclass(frozen=True)
class Anchor:
    lessons: tuple[str, ...]
    why: str
    month: int | None = None  # the lessons fall in exactly this month
    by_month: int | None = None  # the lessons are done by the end of this month


@dataclass(frozen=True)
class Track:
    id: str
    title: str
    description: str
    lessons: tuple[str, ...]
    source: str | None = None
    months: Mapping[str, int] | None = None  # lesson id -> month (1-based), year track only
    anchors: tuple[Anchor, ...] = ()
    videos: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Curriculum:
    root: Path
    phases: tuple[Phase, ...]
    lessons: tuple[Lesson, ...]
    sequences: Mapping[str, Sequence]
    series: tuple[Series, ...]
    videos: Mapping[str, Video]
    resources: Mapping[str, Resource]
    tracks: Mapping[str, Track]
    widgets: Mapping[str, Widget] = field(default_factory=lambda: MappingProxyType({}))
    _by_id: Mapping[str, Lesson] = field(repr=False, default_factory=lambda: MappingProxyType({}))

    def lesson(self, ref: str | int) -> Lesson:
        """A lesson by id (``la.eigen``) or display number (``8`` or ``"8"``)."""
        if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()):
            n = int(ref)
            for lesson in self.lessons:
                if lesson.number == n:
                    return lesson
            raise KeyError(f"no lesson number {n} (lessons run 1-{len(self.lessons)})")
        try:
            return self._by_id[ref]
        except KeyError:
            raise KeyError(f"no lesson with id {ref!r}") from None

    @property
    def rungs(self) -> Mapping[str, Rung]:
        return MappingProxyType({r.id: r for s in self.sequences.values() for r in s.rungs})

    @property
    def exit_criteria(self) -> Mapping[str, ExitCriterion]:
        return MappingProxyType({e.id: e for s in self.sequences.values() for e in s.exit})

    def phase(self, number: int) -> Phase:
        for p in self.phases:
            if p.number == number:
                return p
        raise KeyError(f"no phase {number}")

    def videos_for(self, lesson_id: str) -> list[Video]:
        return [self.videos[v] for v in self.lesson(lesson_id).videos]

    def video_by_url(self, url: str) -> Video | None:
        for v in self.videos.values():
            if v.url == url:
                return v
        return None
