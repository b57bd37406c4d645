"""Building blocks of the concept checks for the "explain" criteria of Sequence 01.

A concept check draws from pools of statements (one right among wrong ones,
or one wrong among right ones), true/false claims with a reason to pick, or a
scenario with numbers; every wrong option carries a message that names the
misunderstanding. Each also offers an optional written explanation that the
learner rates against a model answer: explanations are never machine-graded.

The topic modules (``views``, ``linear_maps``, ``transposes``, ``low_rank``,
``pca``, ``norms``) hold the statements; this module holds the one way of
turning them into a problem, so every concept check asks and grades alike.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .. import misconceptions as mc
from ..model import CheckFamily, Draft, Explain, Misconception
from ._common import check, choice_draft, options_md, shuffled


@dataclass(frozen=True)
class Wrong:
    """A false statement and the misunderstanding it stands for."""

    text: str
    id: str
    why: str


def statement_choice(
    rng: random.Random,
    topic: str,
    true: Sequence[str],
    false: Sequence[Wrong],
    hints: list[str],
    explain: Explain,
) -> Draft:
    """Pick the one true statement among three false ones, or the one false among three true."""
    if rng.random() < 0.6:
        right = rng.choice(list(true))
        wrongs = rng.sample(list(false), 3)
        keyed: list[tuple[str, Wrong | None]] = [(right, None)] + [(w.text, w) for w in wrongs]
        keyed = shuffled(rng, keyed)
        options = [t for t, _ in keyed]
        correct = next(i for i, (_, w) in enumerate(keyed) if w is None)
        prompt = f"{topic} Which statement is **true**?\n\n{options_md(options)}"
        misses = tuple(
            mc.value(f"{mc.CHOICE}:{w.id}", f"That one is false: {w.why}", i)
            for i, (_, w) in enumerate(keyed)
            if w is not None
        )
        reasons = "\n".join(f"- *{w.text}* False: {w.why}" for _, w in keyed if w is not None)
        solution = f"True: *{right}*\n\nThe others:\n\n{reasons}"
    else:
        odd = rng.choice(list(false))
        rights = rng.sample(list(true), 3)
        keyed2: list[tuple[str, bool]] = [(odd.text, False)] + [(t, True) for t in rights]
        keyed2 = shuffled(rng, keyed2)
        options = [t for t, _ in keyed2]
        correct = next(i for i, (_, ok) in enumerate(keyed2) if not ok)
        prompt = f"{topic} Which statement is **false**?\n\n{options_md(options)}"
        misses = tuple(
            Misconception(
                f"{mc.CHOICE}:true-statement-rejected",
                "That statement is true; look for the one that breaks on a small example.",
                value=i,
            )
            for i, (_, ok) in enumerate(keyed2)
            if ok
        )
        solution = f"False: *{odd.text}* {odd.why}\n\nThe other three statements are true."
    return choice_draft(prompt, options, correct, hints, solution, misses, explain)


def statement_check(
    id: str,
    title: str,
    *,
    lesson: str,
    rungs: Sequence[str],
    exit: Sequence[str] = (),
    topic: str,
    true: Sequence[str],
    false: Sequence[Wrong],
    hints: Sequence[str],
    explain: Explain,
) -> CheckFamily:
    """A family made of :func:`statement_choice` alone: its pools, hints and explanation."""

    def build(rng: random.Random) -> Draft:
        return statement_choice(rng, topic, true, false, list(hints), explain)

    return check(id, title, lesson=lesson, kind="choice", rungs=rungs, exit=exit)(build)


def keyed_choice(
    rng: random.Random,
    entries: Sequence[tuple[str, str]],
    messages: Mapping[str, tuple[str, str]],
) -> tuple[list[str], int, tuple[Misconception, ...]]:
    """Shuffle ``(key, text)`` options: the one keyed ``"right"`` is correct.

    Every other option becomes a known wrong answer whose misconception id and
    message are ``messages[key]``. Returns the options, the right index and the
    misconceptions.
    """
    keyed = shuffled(rng, entries)
    options = [t for _, t in keyed]
    correct = [k for k, _ in keyed].index("right")
    wrong = tuple(
        mc.value(messages[k][0], messages[k][1], i)
        for i, (k, _) in enumerate(keyed)
        if k != "right"
    )
    return options, correct, wrong
