from datetime import date, timedelta

import pytest

from rung.curriculum import load_curriculum
from rung.curriculum.plan import add_months, make_plan

LA = [
    f"la.{x}"
    for x in (
        "orientation",
        "vectors",
        "span",
        "transformations",
        "matmul",
        "inverses",
        "determinants",
        "eigen",
        "svd",
        "dot",
        "basis-change",
        "tensors",
    )
]


@pytest.mark.parametrize("hours", [4, 8, 12, 20])
@pytest.mark.parametrize("start", [date(2027, 1, 4), date(2026, 11, 30), date(2027, 1, 31)])
def test_year_plan_honours_the_month_anchors(hours, start):
    plan = make_plan(load_curriculum(), "year", start, hours)
    assert len(plan.items) == 67
    for lid in LA:
        assert plan.month_of(lid) <= 3
        item = next(i for i in plan.items if i.lesson.id == lid)
        assert item.end < add_months(start, 3)
    for lid, month in (("nn.attention", 3), ("nn.lora", 8), ("nn.distributed-quant", 9)):
        assert plan.month_of(lid) == month
        item = next(i for i in plan.items if i.lesson.id == lid)
        assert add_months(start, month - 1) <= item.start and item.end < add_months(start, month)
    assert plan.end < add_months(start, 12)


def test_year_plan_respects_prerequisites_in_time():
    cur = load_curriculum()
    plan = make_plan(cur, "year", date(2027, 1, 4), 10)
    start = {i.lesson.id: i.start for i in plan.items}
    for le in cur.lessons:
        for req in le.requires:
            assert start[req] <= start[le.id], (req, le.id)


def test_a_slow_pace_is_reported_not_hidden():
    plan = make_plan(load_curriculum(), "year", date(2027, 1, 4), 3)
    assert any("month 3" in w for w in plan.warnings)
    assert plan.month_of("nn.attention") == 3


def test_packed_tracks_follow_pace():
    cur = load_curriculum()
    plan = make_plan(cur, "llm-asap", date(2027, 1, 4), 14)
    hours = sum(cur.lesson(x).hours for x in cur.tracks["llm-asap"].lessons)
    days = (plan.end - plan.start).days + 1
    assert abs(days - hours / 2) <= len(plan.items)
    assert [i.lesson.id for i in plan.items] == list(cur.tracks["llm-asap"].lessons)
    assert all(
        b.start == a.end + timedelta(days=1)
        for a, b in zip(plan.items, plan.items[1:], strict=False)
    )
