"""Probability figures: the central limit theorem by sampling, and Bayes' rule as areas."""

from __future__ import annotations

import math

import numpy as np

DISTRIBUTIONS = {
    # name: (sampler, mean, variance)
    "uniform": (lambda rng, size: rng.uniform(0, 1, size), 0.5, 1 / 12),
    "exponential": (lambda rng, size: rng.exponential(1.0, size), 1.0, 1.0),
    "die": (lambda rng, size: rng.integers(1, 7, size).astype(float), 3.5, 35 / 12),
    "bernoulli(0.2)": (lambda rng, size: (rng.uniform(0, 1, size) < 0.2).astype(float), 0.2, 0.16),
}


def clt_figure(dist: str, n: int, samples: int = 2000, bins: int = 30, seed: int = 0) -> dict:
    """Histogram of means of ``n`` draws, with the normal density the CLT predicts."""
    if dist not in DISTRIBUTIONS:
        raise ValueError(f"unknown distribution {dist!r}; choose one of {', '.join(DISTRIBUTIONS)}")
    if not (1 <= n <= 1000 and 10 <= samples <= 100_000):
        raise ValueError("need 1 <= n <= 1000 and 10 <= samples <= 100000")
    draw, mu, var = DISTRIBUTIONS[dist]
    rng = np.random.default_rng(seed)
    means = draw(rng, (samples, n)).mean(axis=1)
    counts, edges = np.histogram(means, bins=bins)
    width = edges[1] - edges[0]
    density = counts / (samples * width)
    sd = math.sqrt(var / n)
    centers = (edges[:-1] + edges[1:]) / 2
    normal = np.exp(-((centers - mu) ** 2) / (2 * sd * sd)) / (sd * math.sqrt(2 * math.pi))
    return {
        "distribution": dist,
        "n": n,
        "samples": samples,
        "edges": edges.tolist(),
        "density": density.tolist(),
        "normal": normal.tolist(),
        "mean": mu,
        "sd": sd,
        "sample_mean": float(means.mean()),
        "sample_sd": float(means.std(ddof=1)),
    }


def bayes_areas(prior: float, true_positive: float, false_positive: float) -> dict:
    """Bayes' rule on the unit square: columns are H / not H, shaded heights are P(E | .)."""
    for v in (prior, true_positive, false_positive):
        if not 0 <= v <= 1:
            raise ValueError("probabilities must lie in [0, 1]")
    a = prior * true_positive  # P(H and E)
    b = (1 - prior) * false_positive  # P(not H and E)
    evidence = a + b
    return {
        "prior": prior,
        "true_positive": true_positive,
        "false_positive": false_positive,
        "rects": [
            {"label": "H and E", "x": 0.0, "y": 0.0, "w": prior, "h": true_positive, "area": a},
            {
                "label": "not H and E",
                "x": prior,
                "y": 0.0,
                "w": 1 - prior,
                "h": false_positive,
                "area": b,
            },
        ],
        "evidence": evidence,
        "posterior": a / evidence if evidence > 0 else None,
    }
