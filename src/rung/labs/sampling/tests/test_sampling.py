"""Temperature, top-k, top-p and sampling, checked on their distributions.

PYTEST_DONT_REWRITE: the assertion messages are written for the learner, whole.
"""

from __future__ import annotations

import math

import pytest
import torch
from sampling.sampling import apply_temperature, probabilities, sample, top_k_filter, top_p_filter

from rung.labs.harness import Mismatch, assert_close

# Upper 0.1% points of the chi-square distribution, by degrees of freedom: a correct
# sampler exceeds them once in a thousand seeds (and the seeds here are fixed).
CHI2_999 = {
    1: 10.828,
    2: 13.816,
    3: 16.266,
    4: 18.467,
    5: 20.515,
    6: 22.458,
    7: 24.322,
    8: 26.124,
    9: 27.877,
}


def logits_of(*shape: int, seed: int = 0, scale: float = 2.0) -> torch.Tensor:
    return scale * torch.randn(
        *shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64
    )


def softmax(x: torch.Tensor) -> torch.Tensor:
    return torch.softmax(x, dim=-1)


@pytest.mark.task("temperature")
def test_temperature_one_is_the_softmax_and_half_doubles_logits() -> None:
    z = logits_of(3, 10)
    assert_close("softmax after temperature 1", softmax(apply_temperature(z, 1.0)), softmax(z))
    assert_close(
        "softmax after temperature 0.5", softmax(apply_temperature(z, 0.5)), softmax(2 * z)
    )
    assert_close("softmax after temperature 4", softmax(apply_temperature(z, 4.0)), softmax(z / 4))


@pytest.mark.task("temperature")
def test_temperature_towards_zero_is_argmax() -> None:
    z = logits_of(4, 9, seed=1)
    one_hot = torch.nn.functional.one_hot(z.argmax(-1), 9).double()
    assert_close(
        "softmax at temperature 0 (greedy)", softmax(apply_temperature(z, 0.0)), one_hot, atol=0
    )
    assert_close(
        "softmax at temperature 1e-3", softmax(apply_temperature(z, 1e-3)), one_hot, atol=1e-6
    )
    flat = softmax(apply_temperature(z, 1e4))
    assert_close(
        "softmax at temperature 1e4 (nearly uniform)", flat, torch.full((4, 9), 1 / 9), atol=1e-3
    )
    with pytest.raises(ValueError):
        apply_temperature(z, -1.0)


@pytest.mark.task("top-k")
def test_top_k_leaves_exactly_k_and_renormalises() -> None:
    z = logits_of(5, 20, seed=2)
    for k in (1, 3, 7):
        p = softmax(top_k_filter(z, k))
        counts = (p > 0).sum(-1)
        if not torch.all(counts == k):
            raise Mismatch(
                f"top-k with k={k} should leave exactly {k} nonzero probabilities per row, got {counts.tolist()}"
            )
        kept = torch.topk(z, k, dim=-1).indices
        expected = torch.zeros_like(z).scatter(-1, kept, softmax(z.gather(-1, kept)))
        assert_close(f"probabilities after top-k (k={k})", p, expected)
    assert_close("top-k with k >= vocabulary size (no change)", top_k_filter(z, 20), z)


@pytest.mark.task("top-k")
def test_top_k_with_ties_still_keeps_k() -> None:
    z = torch.tensor([[1.0, 3.0, 3.0, 3.0, 0.0, 2.0]], dtype=torch.float64)
    counts = int((softmax(top_k_filter(z, 2)) > 0).sum())
    if counts != 2:
        raise Mismatch(
            f"with three tied largest logits, top-k (k=2) should still keep exactly 2, kept {counts}"
        )


def nucleus_reference(row: list[float], p: float) -> set[int]:
    """The smallest set of most likely tokens with mass >= p, by walking the sorted list."""
    probs = softmax(torch.tensor(row, dtype=torch.float64)).tolist()
    order = sorted(range(len(row)), key=lambda i: -probs[i])
    kept, mass = set(), 0.0
    for i in order:
        if mass >= p:
            break
        kept.add(i)
        mass += probs[i]
    return kept


@pytest.mark.task("top-p")
def test_top_p_keeps_the_smallest_prefix_with_mass_p() -> None:
    z = logits_of(6, 12, seed=3)
    for p in (0.3, 0.5, 0.8, 0.95):
        got = softmax(top_p_filter(z, p))
        for row in range(6):
            kept = {i for i in range(12) if got[row, i] > 0}
            expected = nucleus_reference(z[row].tolist(), p)
            if kept != expected:
                raise Mismatch(
                    f"top-p (p={p}) row {row}: kept tokens {sorted(kept)}, expected {sorted(expected)} "
                    "(the smallest set of most likely tokens whose probability adds up to >= p)"
                )
            full = softmax(z[row])
            assert_close(
                f"kept probabilities (p={p}, row {row}), renormalised",
                got[row, sorted(kept)],
                full[sorted(kept)] / full[sorted(kept)].sum(),
            )


@pytest.mark.task("top-p")
def test_top_p_worked_example_and_edges() -> None:
    z = torch.tensor([[0.0, 2.0, 1.0]], dtype=torch.float64)  # softmax 0.090, 0.665, 0.245
    e = math.e
    assert_close(
        "top-p p=0.8 of logits [0, 2, 1]",
        softmax(top_p_filter(z, 0.8)),
        [[0.0, e / (e + 1), 1 / (e + 1)]],
    )
    assert_close(
        "top-p p=0.6 of logits [0, 2, 1]", softmax(top_p_filter(z, 0.6)), [[0.0, 1.0, 0.0]]
    )
    assert_close("top-p p=1 (nothing removed)", top_p_filter(z, 1.0), z)


@pytest.mark.task("sample")
def test_samples_follow_the_generator() -> None:
    z = logits_of(4, 30, seed=4, scale=1.0)
    a = sample(z, torch.Generator().manual_seed(5))
    b = sample(z, torch.Generator().manual_seed(5))
    if tuple(a.shape) != (4,):
        raise Mismatch(
            f"sample of (4, 30) logits should give 4 ids, shape (4,), got {tuple(a.shape)}"
        )
    if not torch.equal(a, b):
        raise Mismatch(
            "the same generator seed should give the same samples (pass generator= to torch.multinomial)"
        )


def reference_probabilities(
    z: torch.Tensor, temperature: float, k: int | None, p: float | None
) -> torch.Tensor:
    """Temperature, then top-k, then top-p, then renormalise: written independently."""
    z = z / temperature
    if k is not None:
        z = torch.full_like(z, float("-inf")).scatter(
            -1, torch.topk(z, k).indices, torch.topk(z, k).values
        )
    probs = softmax(z)
    if p is not None:
        keep = torch.zeros_like(probs, dtype=torch.bool)
        keep[sorted(nucleus_reference(z.tolist(), p))] = True
        probs = torch.where(keep, probs, 0.0)
        probs = probs / probs.sum()
    return probs


def chi_square(draws: torch.Tensor, probs: torch.Tensor) -> tuple[float, int, int]:
    """Pearson's statistic over the tokens with nonzero probability; draws on a zero
    probability token are counted separately (there must be none)."""
    n = draws.numel()
    counts = torch.bincount(draws, minlength=probs.numel()).double()
    support = probs > 0
    expected = n * probs[support]
    stat = float(((counts[support] - expected) ** 2 / expected).sum())
    return stat, int(support.sum()) - 1, int(counts[~support].sum())


@pytest.mark.task("sample")
@pytest.mark.parametrize(
    ("temperature", "top_k", "top_p"),
    [(1.0, None, None), (0.7, None, None), (1.0, 4, None), (1.0, None, 0.7), (1.3, 6, 0.9)],
)
def test_empirical_frequencies_match(
    temperature: float, top_k: int | None, top_p: float | None
) -> None:
    z = torch.tensor([1.2, 0.3, -0.5, 2.0, 0.0, -1.0, 0.8, 1.5, -0.2, 0.4], dtype=torch.float64)
    n = 20000
    draws = sample(z.expand(n, -1), torch.Generator().manual_seed(6), temperature, top_k, top_p)
    target = reference_probabilities(z, temperature, top_k, top_p)
    assert_close(
        f"probabilities({temperature}, {top_k}, {top_p})",
        probabilities(z, temperature, top_k, top_p),
        target,
    )
    stat, dof, outside = chi_square(draws, target)
    what = f"temperature={temperature}, top_k={top_k}, top_p={top_p}"
    if outside:
        raise Mismatch(f"{what}: {outside} of {n} draws hit tokens that should have probability 0")
    if stat > CHI2_999[dof]:
        raise Mismatch(
            f"{what}: sampled frequencies do not match the distribution (chi-square {stat:.1f} "
            f"on {dof} degrees of freedom; a correct sampler stays below {CHI2_999[dof]} 99.9% of the time)"
        )
