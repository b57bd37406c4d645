"""A tiny stand-in for the practice package, with the same attributes.

The service is tested against it so that its rules (fresh seeds, first tries,
mastery, review) are checked independently of any real exercise generator.
Its problem is "what is SEED mod 97?": the answer is known to the test, and a
near miss by one carries a named misconception.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FakeGrade:
    status: str
    feedback: str = ""
    misconception: str | None = None


@dataclass(frozen=True)
class FakeProblem:
    check_id: str
    seed: int
    kind: str = "number"
    hints: list[str] = field(default_factory=lambda: ["Divide by 97.", "Keep the remainder."])
    choices: list[str] | None = None
    explain: None = None

    @property
    def answer_text(self) -> str:
        return str(self.seed % 97)

    @property
    def prompt(self) -> str:
        return f"What is ${self.seed} \\bmod 97$?"

    @property
    def solution(self) -> str:
        return f"${self.seed} = 97 \\cdot {self.seed // 97} + {self.seed % 97}$"

    def grade(self, text: str) -> FakeGrade:
        try:
            value = int(text.strip())
        except ValueError:
            return FakeGrade("unreadable", "Type a whole number, like 42.")
        if value == self.seed % 97:
            return FakeGrade("correct", "Right.")
        if abs(value - self.seed % 97) == 1:
            return FakeGrade("wrong", "Off by one.", "off-by-one")
        return FakeGrade("wrong", "Not the remainder.")


@dataclass(frozen=True)
class FakeFamily:
    id: str
    lesson: str
    rungs: tuple[str, ...]
    exit: tuple[str, ...] = ()
    title: str = "Remainders"
    kind: str = "number"

    def generate(self, seed: int) -> FakeProblem:
        return FakeProblem(self.id, seed, self.kind)


class FakeRegistry:
    def __init__(self, families: list[FakeFamily]) -> None:
        self.families = {f.id: f for f in families}

    def get_check(self, check_id: str) -> FakeFamily:
        return self.families[check_id]

    def all_checks(self) -> list[FakeFamily]:
        return list(self.families.values())


def default_registry() -> FakeRegistry:
    """Families on real lesson and rung ids of phase 1."""
    return FakeRegistry(
        [
            FakeFamily("la.matmul.fake", "la.matmul", ("la.r03", "la.r04"), ("la.exit.matmul",)),
            FakeFamily("la.matmul.fake2", "la.matmul", ("la.r04",), ("la.exit.shapes",)),
            FakeFamily("la.dot.fake", "la.dot", ("la.r02",), ("la.exit.dot",)),
        ]
    )
