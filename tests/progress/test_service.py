"""The tutor over the store, with the fake check families."""

from __future__ import annotations

from datetime import timedelta

import pytest

from rung.progress.service import Tutor


@pytest.fixture
def tutor(store, cur, fake_checks) -> Tutor:
    return Tutor(store, cur, "ada", checks=fake_checks)


def solve(tutor: Tutor, check: str, now, answer=None, hints=0, seconds=5.0, shown=False):
    p = tutor.new_problem(check, now)
    return p, tutor.submit(
        p, p.answer_text if answer is None else answer, hints, seconds, now, shown
    )


def test_fresh_seeds_are_never_reused(tutor: Tutor, now) -> None:
    seeds = set()
    for i in range(12):
        p, _ = solve(tutor, "la.matmul.fake", now + timedelta(minutes=i), answer="x")  # unreadable
        seeds.add(p.seed)
    assert len(seeds) == 12
    assert tutor.new_problem("la.matmul.fake", now).seed not in seeds
    p = tutor.new_problem("la.dot.fake", now)
    assert tutor.new_problem("la.dot.fake", now, avoid=[p.seed]).seed != p.seed


def test_another_learner_sees_other_variants(store, cur, fake_checks, now) -> None:
    ada = Tutor(store, cur, "ada", checks=fake_checks).new_problem("la.dot.fake", now)
    bob = Tutor(store, cur, "bob", checks=fake_checks).new_problem("la.dot.fake", now)
    assert ada.seed != bob.seed


def test_unreadable_is_stored_but_counts_for_nothing(tutor: Tutor, store, now) -> None:
    _, result = solve(tutor, "la.dot.fake", now, answer="forty-two")
    assert result.grade.status == "unreadable"
    assert not result.counted and result.review_due is None and result.rung_mastered == []
    assert [a.status for a in store.attempts("ada")] == ["unreadable"]
    assert store.card("ada", "la.dot.fake") is None
    assert tutor.rung_status("la.r02").streak == 0


def test_three_fresh_right_answers_master_the_rungs_and_exit(tutor: Tutor, now) -> None:
    reports = [solve(tutor, "la.matmul.fake", now + timedelta(minutes=i))[1] for i in range(3)]
    assert [r.rung_mastered for r in reports] == [[], [], ["la.r03", "la.r04"]]
    assert reports[2].exit_mastered == ["la.exit.matmul"]
    assert tutor.rung_status("la.r04").mastered
    assert not tutor.rung_status("la.r02").mastered
    # A later success reports nothing new.
    assert solve(tutor, "la.matmul.fake", now + timedelta(minutes=9))[1].rung_mastered == []


def test_rungs_count_across_families(tutor: Tutor, now) -> None:
    solve(tutor, "la.matmul.fake", now)
    solve(tutor, "la.matmul.fake2", now + timedelta(minutes=1))
    r = solve(tutor, "la.matmul.fake", now + timedelta(minutes=2))[1]
    assert r.rung_mastered == ["la.r04"]  # la.r03 is declared only by the first family: 2 so far
    assert tutor.rung_status("la.r03").streak == 2


def test_hints_and_retries(tutor: Tutor, store, now) -> None:
    solve(tutor, "la.dot.fake", now)
    solve(tutor, "la.dot.fake", now, hints=1)
    assert tutor.rung_status("la.r02").streak == 0
    p = tutor.new_problem("la.dot.fake", now)
    wrong = tutor.submit(p, str(p.seed % 97 + 1), 0, 5, now)
    assert wrong.grade.misconception == "off-by-one" and wrong.counted
    due_after_wrong = wrong.review_due
    retry = tutor.submit(p, p.answer_text, 0, 5, now + timedelta(seconds=30))
    assert retry.grade.status == "correct" and not retry.counted
    assert retry.review_due == due_after_wrong  # the retry did not touch the card
    assert tutor.rung_status("la.r02").streak == 0
    assert store.attempts("ada")[-1].misconception is None
    assert store.attempts("ada")[-2].misconception == "off-by-one"


def test_hints_shown_are_stored_per_variant(tutor: Tutor, store, now) -> None:
    p = tutor.new_problem("la.dot.fake", now)
    tutor.hint_shown(p, 2, now)
    tutor.hint_shown(p, 1, now)  # a stale page showing fewer never lowers the count
    assert store.hints_seen("ada", "la.dot.fake") == {p.seed: 2}
    assert tutor.new_problem("la.dot.fake", now).seed != p.seed  # no longer "fresh"
    tutor.submit(p, p.answer_text, 0, 5, now)  # the form forgot the hints; the store did not
    assert store.attempts("ada")[-1].hints_used == 2
    assert tutor.rung_status("la.r02").streak == 0


def test_reveal_is_an_again(tutor: Tutor, store, now) -> None:
    p = tutor.new_problem("la.dot.fake", now)
    r = tutor.reveal(p, hints_used=2, seconds=40, now=now)
    assert r.grade.status == "revealed" and r.review_due == now + timedelta(minutes=1)
    (a,) = store.attempts("ada")
    assert a.solution_shown and a.status == "revealed"


def test_reviews_come_due_and_come_first(tutor: Tutor, now) -> None:
    solve(tutor, "la.dot.fake", now, seconds=5)  # Easy: due in 8 days
    solve(tutor, "la.matmul.fake", now + timedelta(minutes=1), seconds=200)  # Good: 10 minutes
    assert tutor.due_reviews(now) == []
    later = now + timedelta(days=30)
    assert tutor.due_reviews(later) == ["la.matmul.fake", "la.dot.fake"]  # oldest due first
    step = tutor.next_step(later)
    assert (step.kind, step.check_id, step.lesson_id) == ("review", "la.matmul.fake", "la.matmul")
    assert "due" in step.reason and "1 more" in step.reason
    p, r = solve(tutor, "la.matmul.fake", later)
    assert r.review_due > later
    assert tutor.due_reviews(later) == ["la.dot.fake"]


def test_next_walks_the_year_track(tutor: Tutor, cur, now) -> None:
    step = tutor.next_step(now)
    assert (step.kind, step.lesson_id, step.check_id) == ("lesson", "la.orientation", None)
    assert "rung done la.orientation" in step.reason
    for lesson in ("la.orientation", "la.vectors", "la.span"):
        tutor.mark_lesson(lesson, "done")
    step = tutor.next_step(now)
    # la.span is marked, but its rung la.r02 is proven by checks (of la.dot) and is not yet
    assert (step.lesson_id, step.check_id) == ("la.span", "la.dot.fake")
    assert "la.r02 needs 3 more" in step.reason
    for i in range(3):
        solve(tutor, "la.dot.fake", now + timedelta(minutes=i))
    step = tutor.next_step(now + timedelta(minutes=3))
    # la.transformations has no checks of its own; its rung la.r03 is proven by la.matmul's
    assert (step.lesson_id, step.check_id) == ("la.transformations", "la.matmul.fake")
    assert "prerequisites (3) are done" in step.reason and "la.r03 needs 3 more" in step.reason
    for i in range(3):
        solve(tutor, "la.matmul.fake", now + timedelta(minutes=i))
    assert tutor.lesson_status("la.transformations").complete
    assert tutor.lesson_status("la.matmul").complete
    assert tutor.next_step(now + timedelta(minutes=5)).lesson_id == "la.inverses"


def test_next_on_a_track_with_prerequisites_off_the_track(tutor: Tutor, cur, now) -> None:
    track = cur.tracks["llm-asap"]
    step = tutor.next_step(now, track="llm-asap")
    first = cur.lesson(track.lessons[0])
    assert step.kind == "lesson"
    if all(False for _ in first.requires):
        assert step.lesson_id == first.id
    else:
        # whatever it proposes must itself be open: its prerequisites done (none done yet)
        assert cur.lesson(step.lesson_id).requires == ()
    with pytest.raises(KeyError, match="tracks: "):
        tutor.next_step(now, track="nope")


def test_done_marks(tutor: Tutor, now) -> None:
    tutor.mark_lesson("la.orientation", "done", now)
    assert tutor.lesson_status("la.orientation").complete
    with pytest.raises(ValueError, match="proven by its checks"):
        tutor.mark_lesson("la.matmul", "done", now)
    with pytest.raises(ValueError):
        tutor.mark_lesson("la.orientation", "finished", now)
    tutor.mark_lesson("la.orientation", None, now)
    assert not tutor.lesson_status("la.orientation").complete
    with pytest.raises(KeyError):
        tutor.mark_lesson("no.such", "done", now)


def test_a_lesson_with_an_unchecked_rung_needs_both(store, cur, now) -> None:
    from tests.progress.fakes import FakeFamily, FakeRegistry

    lesson = cur.lesson("la.matmul")
    only_r04 = FakeRegistry([FakeFamily("la.matmul.only4", "la.matmul", ("la.r04",))])
    tutor = Tutor(store, cur, "ada", checks=only_r04)
    for i in range(3):
        solve(tutor, "la.matmul.only4", now + timedelta(minutes=i))
    status = tutor.lesson_status(lesson.id)
    assert status.needs_mark and not status.complete
    tutor.mark_lesson(lesson.id, "done", now)
    assert tutor.lesson_status(lesson.id).complete


def test_sequence_completes_when_every_exit_is_mastered(store, cur, now) -> None:
    from tests.progress.fakes import FakeFamily, FakeRegistry

    seq = cur.sequences["01-linear-algebra"]
    reg = FakeRegistry([FakeFamily(f"x.{e.id}", "la.dot", (), (e.id,)) for e in seq.exit])
    tutor = Tutor(store, cur, "ada", checks=reg, needed=1)
    for e in seq.exit[:-1]:
        solve(tutor, f"x.{e.id}", now)
    assert not tutor.sequence_complete(seq.id)
    result = solve(tutor, f"x.{seq.exit[-1].id}", now)[1]
    assert result.exit_mastered == [seq.exit[-1].id]
    assert tutor.sequence_complete(seq.id)


def test_summary_self_ratings_videos_labs(tutor: Tutor, cur, now) -> None:
    for i in range(3):
        solve(tutor, "la.matmul.fake", now + timedelta(minutes=i))
    solve(tutor, "la.dot.fake", now + timedelta(minutes=10), answer="x")
    tutor.mark_lesson("la.orientation", "done", now)
    video = next(iter(cur.videos))
    tutor.mark_video(video, True, now)
    tutor.record_self_rating("la.dot.fake", 3, "the angle's cosine", 4, now)
    with pytest.raises(ValueError):
        tutor.record_self_rating("la.dot.fake", 3, "x", 9, now)
    tutor.record_lab_result("micrograd", "t1", False, "grad of tanh differs", now)
    tutor.record_lab_result("micrograd", "t1", True, "", now + timedelta(minutes=1))
    due = tutor.store.card("ada", "la.matmul.fake").due
    assert tutor.progress_summary(due - timedelta(seconds=1))["reviews"]["due"] == 0
    s = tutor.progress_summary(due)
    # la.transformations' only rung, la.r03, is proven by the la.matmul checks
    assert set(s["lessons"]["complete"]) == {"la.orientation", "la.transformations", "la.matmul"}
    assert s["lessons"]["done"] == 3 and s["lessons"]["total"] == 67
    assert s["phases"][0]["done"] == 3 and s["phases"][0]["total"] == 12
    assert sorted(s["rungs"]["mastered"]) == ["la.r03", "la.r04"]
    assert s["exits"]["mastered"] == ["la.exit.matmul"]
    assert s["reviews"]["due"] == 1 and s["reviews"]["due_checks"] == ["la.matmul.fake"]
    assert s["recent"][0]["status"] == "unreadable"
    assert s["attempts"] == {"total": 4, "correct": 3}
    assert s["videos_watched"] == [video]
    assert s["labs"] == {"micrograd": {"t1": True}}
    assert s["sequences"]["01-linear-algebra"] is False
