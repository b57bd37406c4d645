"""Every ```python block in a lesson is a worked example: run it (each on its own) and it must pass."""

import re

import pytest

from rung.curriculum import load_curriculum

BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def _blocks():
    for le in load_curriculum().lessons:
        for i, m in enumerate(BLOCK.finditer(le.body)):
            line = le.body_line + le.body[: m.start()].count("\n") + 1
            yield pytest.param(le, m.group(1), line, id=f"{le.number:02d}-{i}")


@pytest.mark.parametrize(("lesson", "code", "line"), list(_blocks()))
def test_worked_example_runs(lesson, code, line):
    if "torch" in code:
        pytest.importorskip("torch")
    compiled = compile("\n" * line + code, str(lesson.path), "exec")
    exec(compiled, {"__name__": "__lesson__"})
