"""Each kind of content error is caught and names the file and the line."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from rung.cli import main
from rung.curriculum import ContentError, load_curriculum


def lesson_file(root: Path, lesson_id: str) -> Path:
    (path,) = root.glob(f"lessons/*-{lesson_id}.md")
    return path


def replace(path: Path, old: str, new: str) -> int:
    """Replace the first line that starts with ``old``; return its 1-based line number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith(old):
            lines[i] = new + "\n"
            path.write_text("".join(lines), encoding="utf-8")
            return i + 1
    raise AssertionError(f"{old!r} not in {path}")


def problems(root: Path):
    with pytest.raises(ContentError) as info:
        load_curriculum(root)
    return info.value.problems


def assert_reported(root: Path, path: Path, line: int, *words: str):
    found = problems(root)
    hits = [
        p for p in found if p.path == path and p.line == line and all(w in p.message for w in words)
    ]
    assert hits, "\n".join(map(str, found))


def test_bad_yaml_in_front_matter(content_copy):
    path = lesson_file(content_copy, "la.eigen")
    line = replace(path, "phase:", "phase: [1")
    found = problems(content_copy)
    assert any(
        p.path == path and "bad YAML" in p.message and line <= p.line <= line + 1 for p in found
    ), found


def test_a_broken_lesson_is_reported_once_not_at_every_reference(content_copy):
    """la.matmul is required by many lessons and listed by videos, rungs and tracks;
    when its own file cannot be read, that one error is the whole report."""
    path = lesson_file(content_copy, "la.matmul")
    line = replace(path, "title:", "title: [unclosed")
    found = problems(content_copy)
    assert len(found) == 1, "\n".join(map(str, found))
    assert found[0].path == path and "bad YAML" in found[0].message
    assert line <= found[0].line <= line + 1


def test_missing_front_matter(content_copy):
    path = lesson_file(content_copy, "la.svd")
    path.write_text("# no front matter\n\nJust text.\n", encoding="utf-8")
    assert_reported(content_copy, path, 1, "missing front matter")


def test_unknown_prerequisite(content_copy):
    path = lesson_file(content_copy, "la.eigen")
    line = replace(path, "requires:", "requires: [la.determinants, la.nope]")
    assert_reported(content_copy, path, line, "unknown lesson", "la.nope")


def test_unknown_video_in_lesson(content_copy):
    path = lesson_file(content_copy, "la.svd")
    line = replace(path, "videos:", "videos: [no-such-video]")
    assert_reported(content_copy, path, line, "unknown video", "no-such-video")


def test_video_names_unknown_lesson(content_copy):
    path = content_copy / "videos.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("- la.eigen\n", "- la.eigenn\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    - la.eigenn") + 1
    assert_reported(content_copy, path, line, "unknown lesson id", "la.eigenn")


def test_prerequisite_cycle(content_copy):
    path = lesson_file(content_copy, "la.vectors")
    line = replace(path, "requires:", "requires: [la.span]")
    assert_reported(content_copy, path, line, "prerequisite cycle")


def test_duplicate_lesson_number(content_copy):
    path = lesson_file(content_copy, "la.svd")
    line = replace(path, "number:", "number: 8")
    assert_reported(content_copy, path, line, "duplicate lesson number 8")


def test_missing_lesson_number(content_copy):
    path = lesson_file(content_copy, "safety.open-problems")
    line = replace(path, "number:", "number: 68")
    assert_reported(content_copy, path, line, "missing [67]")


def test_conflicting_video_url(content_copy):
    path = content_copy / "videos.yaml"
    text = path.read_text(encoding="utf-8")
    dup = (
        "  - id: 3b1b-linalg-99\n    title: Eigen stuff, again\n"
        "    url: https://www.youtube.com/watch?v=PFDu9oVAE-g\n    kind: optional\n    lessons: []\n"
    )
    anchor = "  - id: 3b1b-linalg-15\n"
    text = text.replace(anchor, dup + anchor, 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  - id: 3b1b-linalg-99") + 1
    assert_reported(content_copy, path, line, "conflicting data")


def test_year_track_breaking_an_anchor(content_copy):
    path = content_copy / "tracks.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("8: [nn.lora, ", "8: [").replace(
        "7: [nn.assistants,", "7: [nn.lora, nn.assistants,"
    )
    path.write_text(text, encoding="utf-8")
    found = problems(content_copy)
    assert any(
        p.path == path and "nn.lora" in p.message and "month 8" in p.message for p in found
    ), found


def test_every_problem_is_reported_not_just_the_first(content_copy):
    a = lesson_file(content_copy, "la.eigen")
    b = lesson_file(content_copy, "la.svd")
    replace(a, "requires:", "requires: [nope-1]")
    replace(b, "requires:", "requires: [nope-2]")
    found = problems(content_copy)
    assert {p.path for p in found} >= {a, b}


def test_cli_validate_prints_file_and_line_and_fails(content_copy):
    path = lesson_file(content_copy, "la.eigen")
    line = replace(path, "requires:", "requires: [la.nope]")
    result = CliRunner().invoke(main, ["validate", str(content_copy)])
    assert result.exit_code == 1
    assert f"{path}:{line}:" in result.output
    assert "Traceback" not in result.output


def test_cli_validate_ok_on_builtin_content():
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert "67 lessons in 6 phases" in result.output


def test_other_commands_report_bad_content_without_traceback(content_copy):
    path = lesson_file(content_copy, "la.eigen")
    replace(path, "requires:", "requires: [la.nope]")
    result = CliRunner().invoke(main, ["--content", str(content_copy), "map"])
    assert result.exit_code == 1
    assert "la.nope" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_unknown_widget(content_copy):
    path = lesson_file(content_copy, "la.determinants")
    line = replace(path, "widgets:", "widgets: [grid, spinning-cube]")
    assert_reported(content_copy, path, line, "unknown widget", "spinning-cube")
