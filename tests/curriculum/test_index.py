"""The video index: every seed entry is in the data with 001's numbering; the page round-trips."""

import re

import pytest
from click.testing import CliRunner

from rung.cli import main
from rung.curriculum import load_curriculum
from rung.curriculum.index import page_series, render_index
from rung.curriculum.indexpage import format_lessons, parse_lessons, parse_page
from tests.conftest import SEEDS


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def numbers(cur, video):
    return sorted(cur.lesson(x).number for x in video.lessons)


def test_render_then_parse_gives_the_same_data():
    cur = load_curriculum()
    expected = page_series(cur)
    parsed = parse_page(render_index(cur))
    assert [s.title for s in parsed] == [s.title for s in expected]
    for got, want in zip(parsed, expected, strict=True):
        assert got.level == want.level and got.note == want.note
        assert [(x.label, x.text, x.url) for x in got.links] == [
            (x.label, x.text, x.url) for x in want.links
        ]
        assert len(got.entries) == len(want.entries)
        for g, w in zip(got.entries, want.entries, strict=True):
            assert (g.number, g.title, g.url, g.kind, g.chapter, g.notes, sorted(g.lessons)) == (
                w.number,
                w.title,
                w.url,
                w.kind,
                w.chapter,
                w.notes,
                sorted(w.lessons),
            )
            assert (g.link_text or None) == (w.link_text or None)


def test_every_entry_of_seed_001_is_in_the_data_with_its_lessons():
    cur = load_curriculum()
    page = parse_page(seed("001"))
    total = 0
    for s in page:
        data_series = [x for x in cur.series if x.title == s.title]
        assert data_series, s.title
        videos = [cur.videos[v] for v in data_series[0].videos]
        for e in s.entries:
            match = [v for v in videos if v.title == e.title]
            assert match, f"{e.title} missing"
            v = match[0]
            assert v.url == e.url
            assert v.kind == e.kind
            assert numbers(cur, v) == sorted(e.lessons), e.title
            if e.chapter:
                assert v.chapter == e.chapter
            total += 1
    assert total == 108


def _norm(t):
    return re.sub(r"[^a-z0-9]+", " ", re.sub(r"\[[^\]]*\]", "", t.lower())).strip()


def test_every_entry_of_seed_000_is_in_the_data_with_001_numbers():
    """000 numbered linear algebra one lower than 001; its other entries keep 001's lessons."""
    cur = load_curriculum()
    index = {}
    for v in cur.videos.values():
        for t in (v.title, *v.aliases):
            index.setdefault(_norm(t), v)
    page001 = {_norm(e.title): e for s in parse_page(seed("001")) for e in s.entries}
    for s in parse_page(seed("000")):
        for e in s.entries:
            v = index.get(_norm(e.title))
            assert v is not None, f"000 entry missing: {e.title}"
            if _norm(v.title) in page001:
                assert numbers(cur, v) == sorted(page001[_norm(v.title)].lessons)
            elif s.title.startswith("MIT OCW"):
                assert numbers(cur, v) == [n + 1 for n in sorted(e.lessons)], e.title
            assert v.kind == e.kind


SEED_002_URLS = {
    "aircAruvnKk": [40],
    "IHZwWFHWa-w": [14, 15],
    "Ilg3gGewQ5U": [16, 42],
    "tIeHLnjs5U8": [16, 42],
    "LPZh9BOjkQs": [43],
    "wjZofJX0v4M": [43],
    "eMlx5fFNoYc": [43],
    "9-Jl0dxWQs8": [48],
    "iv-5mZ_9CPY": [27],
}
SEED_003_URLS = {
    "aircAruvnKk": [40],
    "PaCmpygFfXo": [41],
    "TCH_1BHY58I": [41],
    "P6sfmUTpUmc": [42],
    "q8SA3rM6ckI": [42],
    "dichIcUZfOw": [43],
    "mMa2PmYJlCo": [43],
    "gJ9kaJsE78k": [43],
    "kCc8FmEb1nY": [43, 44],
    "pC4zRb_5noQ": [48],
    "ISPId9Lhc1g": [39],
    "MQnJZuBGmSQ": [44],
    "-QH8fRhqFHM": [43],
}


@pytest.mark.parametrize(("prefix", "expected"), [("002", SEED_002_URLS), ("003", SEED_003_URLS)])
def test_every_video_of_seeds_002_and_003_is_in_the_data(prefix, expected):
    cur = load_curriculum()
    ids = set(re.findall(r"youtube\.com/watch\?v=([\w-]{11})", seed(prefix)))
    assert ids == set(expected)
    for vid, lessons in expected.items():
        v = cur.video_by_url(f"https://www.youtube.com/watch?v={vid}")
        assert v is not None, vid
        assert numbers(cur, v) == lessons, v.title


def test_non_video_resources_of_the_seeds_are_present():
    cur = load_curriculum()
    urls = {r.url for r in cur.resources.values()}
    for url in (
        "http://neuralnetworksanddeeplearning.com/",
        "https://distill.pub/",
        "https://www.3blue1brown.com/topics/neural-networks",
        "https://jalammar.github.io/illustrated-transformer/",
    ):
        assert url in urls


@pytest.mark.parametrize(
    "cell", ["4", "4–5", "13, 16", "2–11", "Optional", "General", "63–67", "1, 3–5, 9"]
)
def test_lesson_cells_round_trip(cell):
    nums, kind = parse_lessons(cell, 1)
    assert parse_lessons(format_lessons(nums, kind), 1) == (nums, kind)


def test_import_index_on_seed_000_shows_renumbering():
    (path,) = SEEDS.glob("000_*.txt")
    result = CliRunner().invoke(main, ["import-index", str(path)])
    assert result.exit_code == 0, result.output
    assert "renumbered" in result.output
    assert "Eigenvectors and eigenvalues — lesson 7 in the file, 8 in the data" in result.output


def test_import_index_on_our_own_page_finds_nothing(tmp_path):
    page = tmp_path / "index.md"
    result = CliRunner().invoke(main, ["index", "-o", str(page)])
    assert result.exit_code == 0
    result = CliRunner().invoke(main, ["import-index", str(page)])
    assert "No differences" in result.output
    assert "not on the page" not in result.output


def test_import_index_reports_unreadable_rows_by_line(tmp_path):
    page = tmp_path / "bad.md"
    page.write_text(
        "## S\n\n| # | Title | Lesson |\n|---|---|---|\n| 1 | A | soon |\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["import-index", str(page)])
    assert result.exit_code == 1
    assert f"{page}:5:" in result.output
