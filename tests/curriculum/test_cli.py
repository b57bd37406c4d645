import json

from click.testing import CliRunner

from rung.cli import main


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_map_json_contract():
    data = json.loads(run("map", "--json"))
    phases = data["phases"]
    assert len(phases) == 6
    lessons = [le for p in phases for le in p["lessons"]]
    assert len(lessons) == 67
    for p in phases:
        assert set(p) == {"number", "title", "lessons"}
    for le in lessons:
        assert set(le) == {"id", "number", "title", "requires", "videos"}
        assert all(u.startswith("http") for u in le["videos"])
    eigen = next(le for le in lessons if le["number"] == 8)
    assert eigen["id"] == "la.eigen"
    assert "https://www.youtube.com/watch?v=PFDu9oVAE-g" in eigen["videos"]


def test_map_text_shows_every_lesson_and_where_to_begin():
    out = run("map")
    assert "67 lessons in 6 phases" in out
    assert "Phase 6" in out and "rung show 1" in out


def test_videos_json_contract_and_filters():
    data = json.loads(run("videos", "--json"))
    assert len(data) >= 130
    for v in data:
        assert set(v) == {"series", "title", "url", "lessons", "kind"}
        assert all(isinstance(n, int) for n in v["lessons"])
    eight = json.loads(run("videos", "--lesson", "8", "--json"))
    assert any(v["title"] == "Eigenvectors and eigenvalues" for v in eight)
    assert all(8 in v["lessons"] for v in eight)
    karpathy = json.loads(run("videos", "--series", "karpathy", "--json"))
    assert len(karpathy) == 10
    optional = json.loads(run("videos", "--kind", "optional", "--json"))
    assert optional and all(v["lessons"] == [] for v in optional)


def test_show_eight_is_eigenvectors_with_videos_and_rung():
    out = run("show", "8")
    assert "Eigenvectors and eigenvalues" in out
    assert "https://www.youtube.com/watch?v=PFDu9oVAE-g" in out
    assert "Rung 07" in out and "Done when" in out
    assert run("show", "la.eigen", "--no-body") == run("show", "8", "--no-body")


def test_show_unknown_lesson_is_a_clear_error():
    result = CliRunner().invoke(main, ["show", "99"])
    assert result.exit_code == 1
    assert "no lesson number 99" in result.output


def test_tracks_lists_three():
    data = json.loads(run("tracks", "--json"))
    assert {t["id"] for t in data} == {"year", "llm-asap", "intuition-first"}
    year = next(t for t in data if t["id"] == "year")
    assert sorted(year["lessons"]) == list(range(1, 68))


def test_plain_rung_runs_the_main_job(monkeypatch):
    """No command: start the web app (here a stand-in, so the test doesn't serve forever)."""
    import click

    import rung.cli as cli

    calls = []

    @click.command()
    def fake_serve():
        calls.append("serve")

    monkeypatch.setitem(cli.COMMANDS, "serve", ("tests.curriculum.test_cli:FAKE", "start"))
    monkeypatch.setattr(__import__(__name__, fromlist=["x"]), "FAKE", fake_serve, raising=False)
    result = CliRunner().invoke(main, [])
    assert result.exit_code == 0, result.output
    assert calls == ["serve"]


def test_plan_text_and_ics(tmp_path):
    ics = tmp_path / "year.ics"
    out = run(
        "plan",
        "--track",
        "year",
        "--start",
        "2027-01-04",
        "--hours-per-week",
        "10",
        "--ics",
        str(ics),
    )
    assert "Month 1" in out and "Month 12" in out
    text = ics.read_bytes().decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") == 67
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_plan_rejects_bad_dates_and_pace():
    result = CliRunner().invoke(main, ["plan", "--start", "next monday"])
    assert result.exit_code == 1 and "YYYY-MM-DD" in result.output
    result = CliRunner().invoke(main, ["plan", "--hours-per-week", "0"])
    assert result.exit_code == 1
