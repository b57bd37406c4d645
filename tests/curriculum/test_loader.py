import re

from rung.curriculum import load_curriculum


def test_whole_curriculum_loads():
    cur = load_curriculum()
    assert len(cur.phases) == 6
    assert [le.number for le in cur.lessons] == list(range(1, 68))
    assert sum(len(p.lessons) for p in cur.phases) == 67
    assert {le.phase for le in cur.lessons} == {1, 2, 3, 4, 5, 6}


def test_lesson_by_id_and_number():
    cur = load_curriculum()
    assert cur.lesson(8).id == "la.eigen"
    assert cur.lesson("8") is cur.lesson("la.eigen")
    assert "Eigen" in cur.lesson(8).title


def test_eigen_lesson_has_videos_and_rung():
    cur = load_curriculum()
    le = cur.lesson("la.eigen")
    urls = [cur.videos[v].url for v in le.videos]
    assert "https://www.youtube.com/watch?v=PFDu9oVAE-g" in urls
    assert le.rungs == ("la.r07",)
    assert "PCA" in cur.rungs["la.r07"].done_when


def test_sequence_01_has_ten_rungs_and_exit_criteria():
    cur = load_curriculum()
    seq = cur.sequences["01-linear-algebra"]
    assert [r.number for r in seq.rungs] == list(range(1, 11))
    for r in seq.rungs:
        assert r.what and r.why and r.resource and r.done_when and r.lessons
    assert len(seq.exit) == 7
    assert len(seq.going_further) == 4
    assert {m for c in seq.connects for m in c.months} == {1, 2, 3, 8, 9}
    covered = {rid for le in cur.lessons for rid in le.rungs}
    assert covered == {r.id for r in seq.rungs}


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z][A-Za-z'-]*", text))


def test_every_lesson_has_a_real_overview():
    """Overview + why + objectives: at least 150 words, no placeholders."""
    cur = load_curriculum()
    for le in cur.lessons:
        body = le.body
        assert "TODO" not in body and "TODO" not in le.summary, le.path
        for heading in ("## Overview", "## Why it matters on the way to LLMs", "## Objectives"):
            assert heading in body, f"{le.path}: missing {heading!r}"
        start = body.index("## Overview")
        rest = body[start + 3 :]
        m = re.search(r"^## (?!Why it matters|Objectives)", rest, re.M)
        overview = rest[: m.start()] if m else rest
        assert _words(overview) >= 150, f"{le.path}: overview has {_words(overview)} words"
        assert len(le.summary) > 30, le.path


def test_phase_one_lessons_are_written_in_full():
    cur = load_curriculum()
    for le in cur.lessons[:12]:
        assert _words(le.body) >= 700, f"{le.path}: only {_words(le.body)} words"
        if le.number > 1:
            assert "### Worked example" in le.body, le.path
            assert "$" in le.body, f"{le.path}: no formulas"
        assert "```python" in le.body, f"{le.path}: worked examples need checking code"


def test_content_is_cached_per_directory(content_copy):
    assert load_curriculum() is load_curriculum()
    other = load_curriculum(content_copy)
    assert other is not load_curriculum()
    assert len(other.lessons) == 67
