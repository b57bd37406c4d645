"""Load a content directory into the immutable model, validating as it goes.

Every problem is collected (not just the first) and reported as ``file:line:
what is wrong and what to fix``. Checks: bad YAML or front matter, missing or
mistyped fields, duplicate or missing lesson numbers, unknown ids in every
direction (lesson -> video/resource/rung/requires, video -> lesson, rung ->
lesson, track -> lesson), prerequisite cycles, a video URL with conflicting
data, and tracks that break prerequisites or the year's month anchors.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import ContentError, ContentProblem, find_line
from .graph import find_cycle
from .model import (
    Anchor,
    Connection,
    Curriculum,
    ExitCriterion,
    GoingFurther,
    Lesson,
    Phase,
    Resource,
    Rung,
    Sequence,
    Series,
    SeriesLink,
    Track,
    Video,
    Widget,
)
from .yamlio import parse_yaml, read_yaml_file, split_front_matter

VIDEO_KINDS = ("core", "optional", "general")
LESSON_FILE = re.compile(r"(?P<number>\d+)-(?P<id>.+)\.md")  # lessons/05-la.matmul.md
_SINGLE_VIDEO = ("watch?v=", "youtu.be/")


def default_content_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "content"


def load_curriculum(content_dir: str | Path | None = None) -> Curriculum:
    """Load and validate a content directory (the built-in one by default); cached per path."""
    root = Path(content_dir).resolve() if content_dir else default_content_dir()
    return _load_cached(str(root))


@lru_cache(maxsize=8)
def _load_cached(root: str) -> Curriculum:
    return _Loader(Path(root)).load()


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[ContentProblem] = []
        self.texts: dict[Path, str] = {}
        # Lesson files that could not be read, by the id and number in their file
        # names ("05-la.matmul.md"): their own error is reported once, and references
        # to them elsewhere are not reported again as unknown.
        self.unreadable: dict[str, int] = {}

    # -- reporting -----------------------------------------------------------------
    def err(self, path: Path, line: int, message: str) -> None:
        self.problems.append(ContentProblem(path, line, message))

    def line_of(self, path: Path, *needles: str, start: int = 1) -> int:
        return find_line(self.texts.get(path, ""), *needles, start=start)

    def field(
        self,
        d: dict,
        key: str,
        kind: type | tuple[type, ...],
        path: Path,
        where: str,
        *,
        required: bool = True,
        default: Any = None,
        start: int = 1,
    ) -> Any:
        if key not in d or d[key] is None:
            if required:
                line = self.line_of(path, where, start=start) if where else start
                self.err(path, line, f"missing field '{key}'{f' in {where}' if where else ''}")
            return default
        value = d[key]
        if kind is list and isinstance(value, str):
            value = [value]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = (
                kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            )
            line = self.line_of(path, f"{key}:", start=start)
            self.err(
                path, line, f"field '{key}' should be {names}, got {type(value).__name__} {value!r}"
            )
            return default
        return value

    # -- top level ---------------------------------------------------------------
    def load(self) -> Curriculum:
        if not self.root.is_dir():
            raise ContentError([ContentProblem(self.root, 1, "content directory does not exist")])
        phases = self.load_phases()
        lessons = self.load_lessons()
        series, videos = self.load_videos()
        resources = self.load_resources()
        sequences = self.load_sequences()
        tracks = self.load_tracks()
        widgets = self.load_widgets()
        by_id = {lesson.id: lesson for lesson in lessons}
        self.check_lessons(lessons, by_id, phases, videos, resources, sequences, widgets)
        self.check_videos(videos, by_id)
        self.check_resources(resources, by_id)
        self.check_sequences(sequences, by_id, videos, resources)
        self.check_tracks(tracks, by_id, videos, resources)
        if self.problems:
            raise ContentError(self.problems)
        phase_objs = tuple(
            Phase(
                p.number,
                p.id,
                p.title,
                p.summary,
                tuple(x.id for x in lessons if x.phase == p.number),
            )
            for p in phases
        )
        return Curriculum(
            root=self.root,
            phases=phase_objs,
            lessons=tuple(lessons),
            sequences=MappingProxyType(sequences),
            series=tuple(series),
            videos=MappingProxyType(videos),
            resources=MappingProxyType(resources),
            tracks=MappingProxyType(tracks),
            widgets=MappingProxyType(widgets),
            _by_id=MappingProxyType(by_id),
        )

    def read(self, name: str) -> tuple[Any, Path]:
        path = self.root / name
        data, text, problem = read_yaml_file(path)
        self.texts[path] = text
        if problem:
            self.problems.append(problem)
            return None, path
        if not isinstance(data, dict):
            self.err(path, 1, "expected a mapping at the top of the file")
            return None, path
        return data, path

    # -- phases ------------------------------------------------------------------
    def load_phases(self) -> list[Phase]:
        data, path = self.read("phases.yaml")
        out: list[Phase] = []
        for i, p in enumerate((data or {}).get("phases") or []):
            if not isinstance(p, dict):
                self.err(path, 1, f"phase #{i + 1} should be a mapping")
                continue
            num = self.field(p, "number", int, path, "number:")
            pid = self.field(p, "id", str, path, "id:")
            out.append(
                Phase(
                    num or 0,
                    pid or "",
                    self.field(p, "title", str, path, pid or "", default=""),
                    self.field(p, "summary", str, path, pid or "", default=""),
                )
            )
        return out

    # -- lessons -----------------------------------------------------------------
    def load_lessons(self) -> list[Lesson]:
        folder = self.root / "lessons"
        files = sorted(folder.glob("*.md")) if folder.is_dir() else []
        if not files:
            self.err(folder, 1, "no lesson files (*.md) found")
        lessons = [le for le in (self.load_lesson(f) for f in files) if le is not None]
        self.check_numbers(lessons)
        lessons.sort(key=lambda x: x.number)
        return lessons

    def load_lesson(self, path: Path) -> Lesson | None:
        count = len(self.problems)
        lesson = self._load_lesson(path)
        if lesson is None and len(self.problems) > count:
            named = LESSON_FILE.fullmatch(path.name)
            if named:
                self.unreadable[named["id"]] = int(named["number"])
        return lesson

    def _load_lesson(self, path: Path) -> Lesson | None:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            self.err(path, 1, f"not UTF-8 text ({exc.reason})")
            return None
        self.texts[path] = text
        fm_text, body, body_line, problem = split_front_matter(text, path)
        if problem:
            self.problems.append(problem)
            return None
        fm, problem = parse_yaml(fm_text, path, line_offset=1)
        if problem:
            self.problems.append(problem)
            return None
        if not isinstance(fm, dict):
            self.err(path, 2, "front matter should be a YAML mapping of fields")
            return None
        f = self.field
        lid = f(fm, "id", str, path, "", start=2)
        number = f(fm, "number", int, path, "", start=2)
        if lid is None or number is None:
            return None
        if not body.strip():
            self.err(
                path, body_line, "the lesson body is empty: write the lesson below the front matter"
            )
        self.check_body(path, body, body_line)
        return Lesson(
            id=lid,
            number=number,
            title=f(fm, "title", str, path, "", start=2, default=""),
            phase=f(fm, "phase", int, path, "", start=2, default=0),
            sequence=f(fm, "sequence", str, path, "", required=False),
            requires=tuple(f(fm, "requires", list, path, "", required=False, default=[])),
            hours=float(f(fm, "hours", (int, float), path, "", required=False, default=6)),
            summary=f(fm, "summary", str, path, "", start=2, default=""),
            body=body,
            videos=tuple(f(fm, "videos", list, path, "", required=False, default=[])),
            resources=tuple(f(fm, "resources", list, path, "", required=False, default=[])),
            rungs=tuple(f(fm, "rungs", list, path, "", required=False, default=[])),
            widgets=tuple(f(fm, "widgets", list, path, "", required=False, default=[])),
            path=path,
            body_line=body_line,
        )

    def check_body(self, path: Path, body: str, first: int) -> None:
        fence: int | None = None
        math: int | None = None
        for i, line in enumerate(body.splitlines()):
            s = line.strip()
            if s.startswith("```"):
                fence = None if fence is not None else first + i
            elif fence is None and s == "$$":
                math = None if math is not None else first + i
        if fence is not None:
            self.err(path, fence, "code fence ``` is never closed")
        if math is not None:
            self.err(path, math, "display math '$$' is never closed")

    def check_numbers(self, lessons: list[Lesson]) -> None:
        seen_num: dict[int, Lesson] = {}
        seen_id: dict[str, Lesson] = {}
        for le in lessons:
            if le.number in seen_num:
                other = seen_num[le.number]
                self.err(
                    le.path,
                    self.line_of(le.path, "number:"),
                    f"duplicate lesson number {le.number} (also {other.path.name}); renumber one of them",
                )
            seen_num[le.number] = le
            if le.id in seen_id:
                self.err(
                    le.path,
                    self.line_of(le.path, "id:"),
                    f"duplicate lesson id {le.id!r} (also {seen_id[le.id].path.name})",
                )
            seen_id[le.id] = le
        if seen_num:
            known = set(seen_num) | set(self.unreadable.values())
            missing = sorted(set(range(1, max(seen_num) + 1)) - known)
            if missing:
                last = seen_num[max(seen_num)]
                self.err(
                    last.path,
                    self.line_of(last.path, "number:"),
                    f"lesson numbers must run 1..{max(seen_num)} without gaps; missing {missing}",
                )

    def check_lessons(self, lessons, by_id, phases, videos, resources, sequences, widgets) -> None:
        phase_numbers = {p.number for p in phases}
        rung_ids = {r.id for s in sequences.values() for r in s.rungs}
        for le in lessons:
            p = le.path
            if le.phase not in phase_numbers:
                self.err(
                    p,
                    self.line_of(p, "phase:"),
                    f"unknown phase {le.phase}; phases are {sorted(phase_numbers)}",
                )
            if le.sequence and le.sequence not in sequences:
                self.err(p, self.line_of(p, "sequence:"), f"unknown sequence {le.sequence!r}")
            for key, ids, known, what in (
                ("requires", le.requires, by_id, "lesson"),
                ("videos", le.videos, videos, "video (see videos.yaml)"),
                ("resources", le.resources, resources, "resource (see resources.yaml)"),
                ("rungs", le.rungs, rung_ids, "rung (see sequences/)"),
                ("widgets", le.widgets, widgets, "widget (see widgets.yaml)"),
            ):
                for ref in ids:
                    if ref not in known and not (key == "requires" and ref in self.unreadable):
                        self.err(
                            p,
                            self.line_of(p, f"{key}:", str(ref)),
                            f"{key}: unknown {what} id {ref!r}",
                        )
            for vid in le.videos:
                v = videos.get(vid)
                if v and le.id not in v.lessons:
                    self.err(
                        p,
                        self.line_of(p, "videos:", vid),
                        f"videos: {vid!r} is listed here but videos.yaml does not list lesson {le.id!r} "
                        "for it; add the lesson to the video or remove it here",
                    )
        graph = {le.id: [r for r in le.requires if r in by_id] for le in lessons}
        cycle = find_cycle(graph)
        if cycle:
            first = by_id[cycle[0]]
            self.err(
                first.path,
                self.line_of(first.path, "requires:"),
                "prerequisite cycle: " + " -> ".join(cycle) + "; remove one of these requires",
            )

    # -- widgets ---------------------------------------------------------------------
    def load_widgets(self) -> dict[str, Widget]:
        path = self.root / "widgets.yaml"
        if not path.exists():
            return {}
        data, path = self.read("widgets.yaml")
        out: dict[str, Widget] = {}
        for w in (data or {}).get("widgets") or []:
            wid = w.get("id") if isinstance(w, dict) else None
            if not isinstance(wid, str):
                self.err(path, 1, "each widget needs an id")
                continue
            line = self.line_of(path, f"id: {wid}")
            if wid in out:
                self.err(path, line, f"duplicate widget id {wid!r}")
            out[wid] = Widget(
                id=wid,
                title=self.field(w, "title", str, path, "", default="", start=line),
                figure=self.field(w, "figure", str, path, "", default="", start=line),
                about=str(w.get("about", "")),
            )
        return out

    # -- videos ------------------------------------------------------------------
    def load_videos(self) -> tuple[list[Series], dict[str, Video]]:
        data, path = self.read("videos.yaml")
        series_out: list[Series] = []
        videos: dict[str, Video] = {}
        for s in (data or {}).get("series") or []:
            if not isinstance(s, dict):
                self.err(path, 1, "each series should be a mapping")
                continue
            sid = self.field(s, "id", str, path, "")
            if sid is None:
                continue
            start = self.line_of(path, f"id: {sid}")
            vids: list[str] = []
            for v in s.get("videos") or []:
                vid = v.get("id") if isinstance(v, dict) else None
                if not isinstance(vid, str):
                    self.err(path, start, f"a video in series {sid!r} has no id")
                    continue
                vline = self.line_of(path, f"id: {vid}")
                if vid in videos:
                    self.err(path, vline, f"duplicate video id {vid!r}")
                    continue
                kind = v.get("kind", "core")
                if kind not in VIDEO_KINDS:
                    self.err(
                        path,
                        self.line_of(path, "kind:", start=vline),
                        f"video {vid!r}: kind must be one of {', '.join(VIDEO_KINDS)}, not {kind!r}",
                    )
                videos[vid] = Video(
                    id=vid,
                    series=sid,
                    title=self.field(v, "title", str, path, f"id: {vid}", default="", start=vline),
                    url=v.get("url"),
                    kind=kind,
                    lessons=tuple(
                        self.field(
                            v, "lessons", list, path, "", required=False, default=[], start=vline
                        )
                    ),
                    number=None if v.get("number") is None else str(v.get("number")),
                    link_text=v.get("link_text"),
                    chapter=v.get("chapter"),
                    notes=v.get("notes"),
                    aliases=tuple(v.get("aliases") or ()),
                    source=v.get("source") or s.get("source"),
                )
                vids.append(vid)
            links = tuple(
                SeriesLink(str(x.get("label", "")), str(x.get("text", "")), str(x.get("url", "")))
                for x in s.get("links") or []
                if isinstance(x, dict)
            )
            series_out.append(
                Series(
                    id=sid,
                    title=self.field(s, "title", str, path, f"id: {sid}", default=""),
                    channel=str(s.get("channel", "")),
                    videos=tuple(vids),
                    columns=tuple(s.get("columns") or ("#", "Title", "Lesson", "Link")),
                    links=links,
                    note=s.get("note"),
                    level=int(s.get("level", 2)),
                    source=s.get("source"),
                )
            )
        return series_out, videos

    def check_videos(self, videos: dict[str, Video], by_id: dict[str, Lesson]) -> None:
        path = self.root / "videos.yaml"
        by_url: dict[str, Video] = {}
        for v in videos.values():
            vline = self.line_of(path, f"id: {v.id}")
            for lid in v.lessons:
                if lid not in by_id:
                    if lid in self.unreadable:
                        continue
                    self.err(
                        path,
                        self.line_of(path, lid, start=vline),
                        f"video {v.id!r}: unknown lesson id {lid!r}",
                    )
                elif v.id not in by_id[lid].videos:
                    le = by_id[lid]
                    self.err(
                        le.path,
                        self.line_of(le.path, "videos:"),
                        f"videos: missing {v.id!r} ({v.title}), which videos.yaml maps to this lesson",
                    )
            if v.kind != "core" and v.lessons:
                self.err(
                    path,
                    vline,
                    f"video {v.id!r} is {v.kind} but lists lessons; an optional or general "
                    "video has no lesson",
                )
            if v.url and any(m in v.url for m in _SINGLE_VIDEO):
                other = by_url.get(v.url)
                if other is None:
                    by_url[v.url] = v
                elif (other.title, other.lessons, other.kind) != (v.title, v.lessons, v.kind):
                    oline = self.line_of(path, f"id: {other.id}")
                    self.err(
                        path,
                        vline,
                        f"video URL {v.url} appears again with conflicting data "
                        f"(see {other.id!r} at line {oline}); keep one entry",
                    )

    # -- resources -----------------------------------------------------------------
    def load_resources(self) -> dict[str, Resource]:
        data, path = self.read("resources.yaml")
        out: dict[str, Resource] = {}
        for r in (data or {}).get("resources") or []:
            rid = r.get("id") if isinstance(r, dict) else None
            if not isinstance(rid, str):
                self.err(path, 1, "each resource needs an id")
                continue
            line = self.line_of(path, f"id: {rid}")
            if rid in out:
                self.err(path, line, f"duplicate resource id {rid!r}")
            out[rid] = Resource(
                id=rid,
                title=self.field(r, "title", str, path, "", default="", start=line),
                kind=str(r.get("kind", "site")),
                lessons=tuple(
                    self.field(r, "lessons", list, path, "", required=False, default=[], start=line)
                ),
                url=r.get("url"),
                author=r.get("author"),
                notes=r.get("notes"),
            )
        return out

    def check_resources(self, resources: dict[str, Resource], by_id: dict[str, Lesson]) -> None:
        path = self.root / "resources.yaml"
        for r in resources.values():
            for lid in r.lessons:
                if lid not in by_id:
                    if lid in self.unreadable:
                        continue
                    self.err(
                        path,
                        self.line_of(path, lid, start=self.line_of(path, f"id: {r.id}")),
                        f"resource {r.id!r}: unknown lesson id {lid!r}",
                    )
                elif r.id not in by_id[lid].resources:
                    le = by_id[lid]
                    self.err(
                        le.path,
                        self.line_of(le.path, "resources:"),
                        f"resources: missing {r.id!r}, which resources.yaml maps to this lesson",
                    )

    # -- sequences -----------------------------------------------------------------
    def load_sequences(self) -> dict[str, Sequence]:
        out: dict[str, Sequence] = {}
        folder = self.root / "sequences"
        for file in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            data, path = self.read(f"sequences/{file.name}")
            if data is None:
                continue
            sid = self.field(data, "id", str, path, "")
            if sid is None:
                continue
            rungs = []
            for r in data.get("rungs") or []:
                rid = r.get("id") if isinstance(r, dict) else None
                if not isinstance(rid, str):
                    self.err(path, 1, "each rung needs an id")
                    continue
                start = self.line_of(path, f"id: {rid}")
                text = {
                    k: self.field(r, k, str, path, f"id: {rid}", default="", start=start)
                    for k in ("title", "what", "why", "resource", "done_when")
                }
                rungs.append(
                    Rung(
                        id=rid,
                        number=int(r.get("number", len(rungs) + 1)),
                        title=text["title"],
                        what=text["what"],
                        why=text["why"],
                        resource=text["resource"],
                        done_when=text["done_when"],
                        lessons=tuple(r.get("lessons") or ()),
                        sequence=sid,
                        resource_videos=tuple(r.get("resource_videos") or ()),
                        resource_links=tuple(r.get("resource_links") or ()),
                    )
                )
            exits = tuple(
                ExitCriterion(
                    str(e.get("id")), str(e.get("text", "")), tuple(e.get("rungs") or ()), sid
                )
                for e in data.get("exit") or []
                if isinstance(e, dict)
            )
            further = tuple(
                GoingFurther(str(g.get("title", "")), str(g.get("note", "")), g.get("resource"))
                for g in data.get("going_further") or []
                if isinstance(g, dict)
            )
            connects = tuple(
                Connection(
                    tuple(c.get("months") or ()),
                    tuple(c.get("rungs") or ()),
                    str(c.get("text", "")),
                )
                for c in data.get("connects") or []
                if isinstance(c, dict)
            )
            out[sid] = Sequence(
                id=sid,
                number=int(data.get("number", 0)),
                title=str(data.get("title", "")),
                phase=int(data.get("phase", 0)),
                why=str(data.get("why", "")),
                rungs=tuple(rungs),
                exit=exits,
                going_further=further,
                connects=connects,
                path=path,
            )
        return out

    def check_sequences(self, sequences, by_id, videos, resources) -> None:
        for s in sequences.values():
            path = s.path
            rung_ids = {r.id for r in s.rungs}
            for r in s.rungs:
                start = self.line_of(path, f"id: {r.id}")
                for lid in r.lessons:
                    if lid not in by_id:
                        if lid in self.unreadable:
                            continue
                        self.err(
                            path,
                            self.line_of(path, lid, start=start),
                            f"rung {r.id!r}: unknown lesson {lid!r}",
                        )
                for vid in r.resource_videos:
                    if vid not in videos:
                        self.err(
                            path,
                            self.line_of(path, vid, start=start),
                            f"rung {r.id!r}: unknown video {vid!r}",
                        )
                for res in r.resource_links:
                    if res not in resources:
                        self.err(
                            path,
                            self.line_of(path, res, start=start),
                            f"rung {r.id!r}: unknown resource {res!r}",
                        )
            for e in s.exit:
                for rid in e.rungs:
                    if rid not in rung_ids:
                        self.err(
                            path,
                            self.line_of(path, f"id: {e.id}"),
                            f"exit {e.id!r}: unknown rung {rid!r}",
                        )
            for g in s.going_further:
                if g.resource and g.resource not in resources:
                    self.err(
                        path,
                        self.line_of(path, g.resource),
                        f"going_further: unknown resource {g.resource!r}",
                    )

    # -- tracks ----------------------------------------------------------------
    def load_tracks(self) -> dict[str, Track]:
        data, path = self.read("tracks.yaml")
        out: dict[str, Track] = {}
        for t in (data or {}).get("tracks") or []:
            tid = t.get("id") if isinstance(t, dict) else None
            if not isinstance(tid, str):
                self.err(path, 1, "each track needs an id")
                continue
            start = self.line_of(path, f"id: {tid}")
            months_map: dict[str, int] | None = None
            lessons = list(t.get("lessons") or [])
            if isinstance(t.get("months"), dict):
                months_map = {}
                lessons = []
                for month, ids in sorted(t["months"].items(), key=lambda kv: int(kv[0])):
                    for lid in ids or []:
                        if lid in months_map:
                            self.err(
                                path,
                                self.line_of(path, lid, start=start),
                                f"track {tid!r}: lesson {lid!r} appears in two months",
                            )
                        months_map[lid] = int(month)
                        lessons.append(lid)
            anchors = tuple(
                Anchor(
                    tuple(a.get("lessons") or ()),
                    str(a.get("why", "")),
                    a.get("month"),
                    a.get("by_month"),
                )
                for a in t.get("anchors") or []
                if isinstance(a, dict)
            )
            out[tid] = Track(
                id=tid,
                title=str(t.get("title", tid)),
                description=str(t.get("description", "")),
                lessons=tuple(lessons),
                source=t.get("source"),
                months=MappingProxyType(months_map) if months_map is not None else None,
                anchors=anchors,
                videos=tuple(t.get("videos") or ()),
                resources=tuple(t.get("resources") or ()),
            )
        return out

    def check_tracks(self, tracks, by_id, videos, resources) -> None:
        path = self.root / "tracks.yaml"
        for t in tracks.values():
            start = self.line_of(path, f"id: {t.id}")
            seen: dict[str, int] = {}
            for i, lid in enumerate(t.lessons):
                if lid not in by_id:
                    if lid in self.unreadable:
                        continue
                    self.err(
                        path,
                        self.line_of(path, lid, start=start),
                        f"track {t.id!r}: unknown lesson {lid!r}",
                    )
                    continue
                if lid in seen:
                    self.err(
                        path,
                        self.line_of(path, lid, start=start),
                        f"track {t.id!r}: lesson {lid!r} listed twice",
                    )
                seen[lid] = i
            for lid, i in seen.items():
                for req in by_id[lid].requires:
                    if req in seen and seen[req] > i:
                        self.err(
                            path,
                            self.line_of(path, lid, start=start),
                            f"track {t.id!r}: {lid!r} comes before its prerequisite {req!r}",
                        )
            for vid in t.videos:
                if vid not in videos:
                    self.err(
                        path,
                        self.line_of(path, vid, start=start),
                        f"track {t.id!r}: unknown video {vid!r}",
                    )
            for rid in t.resources:
                if rid not in resources:
                    self.err(
                        path,
                        self.line_of(path, rid, start=start),
                        f"track {t.id!r}: unknown resource {rid!r}",
                    )
            if t.months is not None:
                missing = [lid for lid in by_id if lid not in t.months]
                if missing:
                    self.err(
                        path,
                        start,
                        f"track {t.id!r} assigns months but misses lessons: {', '.join(missing)}",
                    )
                for a in t.anchors:
                    for lid in a.lessons:
                        m = t.months.get(lid)
                        if m is None:
                            continue
                        if a.month is not None and m != a.month:
                            self.err(
                                path,
                                self.line_of(path, lid, start=start),
                                f"track {t.id!r}: {lid!r} is in month {m} but the anchor says month {a.month} ({a.why})",
                            )
                        if a.by_month is not None and m > a.by_month:
                            self.err(
                                path,
                                self.line_of(path, lid, start=start),
                                f"track {t.id!r}: {lid!r} is in month {m} but must be done by month {a.by_month} ({a.why})",
                            )
