"""Lay a track out over calendar weeks and months, and write it as iCalendar.

The ``year`` track fixes each lesson's month (seed 004's anchors); within a
month, lessons are spread over its weeks by their estimated hours. Other
tracks have no months: lessons are packed week by week at the learner's pace.
A month whose lessons need more hours than the pace allows is reported, not
silently stretched, so the anchors stay true.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from .model import Curriculum, Lesson, Track


@dataclass
class PlannedLesson:
    lesson: Lesson
    month: int
    start: date
    end: date  # inclusive
    hours: float


@dataclass
class Plan:
    track: Track
    start: date
    hours_per_week: float
    items: list[PlannedLesson] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def end(self) -> date:
        return max((i.end for i in self.items), default=self.start)

    def weeks(self) -> list[tuple[int, date, list[PlannedLesson]]]:
        """(week number from 1, week start, lessons active that week)."""
        out = []
        n_weeks = (self.end - self.start).days // 7 + 1
        for w in range(n_weeks):
            ws = self.start + timedelta(days=7 * w)
            we = ws + timedelta(days=6)
            active = [i for i in self.items if i.start <= we and i.end >= ws]
            out.append((w + 1, ws, active))
        return out

    def month_of(self, lesson_id: str) -> int:
        for i in self.items:
            if i.lesson.id == lesson_id:
                return i.month
        raise KeyError(lesson_id)


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    day = min(d.day, _days_in_month(year, month))
    return date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day


def make_plan(cur: Curriculum, track_id: str, start: date, hours_per_week: float) -> Plan:
    if hours_per_week <= 0:
        raise ValueError("hours per week must be positive")
    track = cur.tracks[track_id]
    plan = Plan(track=track, start=start, hours_per_week=hours_per_week)
    per_day = hours_per_week / 7.0
    if track.months:
        by_month: dict[int, list[Lesson]] = {}
        for lid in track.lessons:
            by_month.setdefault(track.months[lid], []).append(cur.lesson(lid))
        for month in sorted(by_month):
            m_start, m_end = (
                add_months(start, month - 1),
                add_months(start, month) - timedelta(days=1),
            )
            days = (m_end - m_start).days + 1
            need = sum(le.hours for le in by_month[month])
            have = per_day * days
            if need > have + 1e-9:
                plan.warnings.append(
                    f"month {month} needs {need:g} h but {hours_per_week:g} h/week gives {have:.0f} h; "
                    f"about {need / days * 7:.1f} h/week keeps the year on schedule"
                )
            scale = min(1.0, have / need) if need else 1.0  # compress to fit the month if over-full
            cursor = m_start
            for le in by_month[month]:
                span = max(1, math.ceil(le.hours / per_day * scale)) if per_day else 1
                end = min(cursor + timedelta(days=span - 1), m_end)
                plan.items.append(PlannedLesson(le, month, cursor, end, le.hours))
                cursor = min(end + timedelta(days=1), m_end)
    else:
        cursor = start
        for lid in track.lessons:
            le = cur.lesson(lid)
            span = max(1, math.ceil(le.hours / per_day))
            end = cursor + timedelta(days=span - 1)
            month = _month_index(start, cursor)
            plan.items.append(PlannedLesson(le, month, cursor, end, le.hours))
            cursor = end + timedelta(days=1)
    return plan


def _month_index(start: date, d: date) -> int:
    m = 1
    while add_months(start, m) <= d:
        m += 1
    return m


def to_ics(plan: Plan, now: datetime | None = None) -> str:
    """One all-day event per lesson, as RFC 5545 text (CRLF line ends)."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//rung//plan//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_esc('rung: ' + plan.track.title)}",
    ]
    for item in plan.items:
        le = item.lesson
        lines += [
            "BEGIN:VEVENT",
            f"UID:{plan.track.id}-{le.id}-{plan.start.isoformat()}@rung",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{item.start.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(item.end + timedelta(days=1)).strftime('%Y%m%d')}",
            _fold(f"SUMMARY:{_esc(f'Lesson {le.number}: {le.title}')}"),
            _fold(
                f"DESCRIPTION:{_esc(f'{le.summary} (month {item.month}, about {le.hours:g} h; rung show {le.id})')}"
            ),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold lines longer than 75 octets, as RFC 5545 requires."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, chunk = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(chunk) + len(b) > (75 if not parts else 74):
            parts.append(chunk.decode("utf-8"))
            chunk = b""
        chunk += b
    parts.append(chunk.decode("utf-8"))
    return "\r\n ".join(parts)
