"""Notebook helpers: rendering in Jupyter and recording in the same store."""

from __future__ import annotations

import pytest

from rung import notebook
from rung.progress.service import Tutor


@pytest.fixture
def tutor(sqlite_store, cur, fake_checks) -> Tutor:
    return Tutor(sqlite_store, cur, "me", checks=fake_checks)


def test_problem_renders_markdown_with_math(tutor: Tutor) -> None:
    p = notebook.Practice("la.dot.fake", tutor=tutor)
    bundle = p._repr_mimebundle_()
    assert f"${p.problem.seed} \\bmod 97$" in bundle["text/markdown"]
    assert bundle["text/plain"] == p._repr_markdown_()
    assert "la.dot.fake" in repr(p)


def test_check_hint_solution_next_are_recorded(tutor: Tutor, sqlite_store) -> None:
    p = notebook.Practice("la.matmul", tutor=tutor)  # a lesson: cycles its families
    assert p.problem.check_id == "la.matmul.fake"
    assert "Hint 1/2" in str(p.hint())
    assert "Could not read" in p.check("twelve")._repr_markdown_()
    wrong = p.check(int(p.problem.answer_text) + 1)
    assert "Not yet" in str(wrong) and "off-by-one" in str(wrong)
    right = p.check(p.problem.answer_text)
    assert "Correct" in right._repr_mimebundle_()["text/markdown"]
    first = p.problem.seed
    assert p.next() is p and p.problem.check_id == "la.matmul.fake2" and p.problem.seed != first
    assert "Solution" in str(p.solution())
    statuses = [(a.check_id, a.status, a.hints_used) for a in sqlite_store.attempts("me")]
    assert statuses == [
        ("la.matmul.fake", "unreadable", 1),
        ("la.matmul.fake", "wrong", 1),
        ("la.matmul.fake", "correct", 1),
        ("la.matmul.fake2", "revealed", 0),
    ]
    p.next()  # after a revealed solution: the next family in turn
    assert p.problem.check_id == "la.matmul.fake"


def test_numpy_like_answers_become_text(tutor: Tutor) -> None:
    class Arr:
        def tolist(self):
            return [[1, 2], [3, 4]]

    assert notebook._as_text(Arr()) == "[[1, 2], [3, 4]]"


def test_practice_entry_point_uses_the_default_store(monkeypatch, tutor: Tutor) -> None:
    monkeypatch.setattr(notebook, "_tutor", lambda learner: tutor)
    p = notebook.practice("la.dot.fake")
    assert p.learner == "me" and p.problem.check_id == "la.dot.fake"
    with pytest.raises(ValueError, match="has no checks"):
        notebook.practice(1)
