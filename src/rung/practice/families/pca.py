"""Concept check for rung 07: why eigenvectors matter for PCA.

A statement check (see ``_choice``) on eigenvectors of the covariance matrix as
directions of spread and eigenvalues as the variances along them.
"""

from __future__ import annotations

from ..model import Explain
from ._choice import Wrong, statement_check

_PCA_TRUE = [
    "The eigenvectors of the covariance matrix are the directions along which the data spread; each eigenvalue is the variance along its direction.",
    "The first principal component is the eigenvector of the covariance matrix with the largest eigenvalue.",
    "Projecting onto the top $k$ eigenvectors keeps at least as much variance as any other $k$ directions.",
    "A covariance matrix is symmetric, so its eigenvectors can be chosen orthogonal to each other.",
    "The covariance matrix only stretches its eigenvectors; it does not turn them.",
]
_PCA_FALSE = [
    Wrong(
        "PCA keeps the eigenvectors with the smallest eigenvalues, because they are the most stable.",
        "pca-smallest",
        "small eigenvalues are directions of little variance: PCA drops those.",
    ),
    Wrong(
        "The principal components are the columns of the data with the largest values.",
        "pca-columns",
        "they are directions (combinations of features), found from the covariance matrix.",
    ),
    Wrong(
        "An eigenvector of the covariance matrix is a direction along which the data never vary.",
        "pca-no-variance",
        "only an eigenvalue of 0 means no variance; the eigenvalue is the variance.",
    ),
    Wrong(
        "A covariance matrix can have negative eigenvalues, meaning negative variance.",
        "pca-negative",
        "variance along any direction is a mean of squares, so it is never negative.",
    ),
    Wrong(
        "PCA needs the data matrix to be square.",
        "pca-square",
        "the covariance matrix is square (features by features) whatever the number of samples.",
    ),
]


pca = statement_check(
    "la.eigen.pca",
    "Why eigenvectors matter for PCA",
    lesson="la.eigen",
    rungs=("la.r07",),
    topic="About PCA:",
    true=_PCA_TRUE,
    false=_PCA_FALSE,
    hints=(
        "An eigenvector is a direction the matrix only stretches; the eigenvalue is the stretch.",
        "For a covariance matrix, the stretch along a unit direction is the variance of the data along it.",
    ),
    explain=Explain(
        "In one sentence: why do eigenvectors matter for PCA?",
        "The eigenvectors of the data's covariance matrix are the directions of greatest spread, with the "
        "eigenvalues as the variances, so keeping the top few eigenvectors keeps the most information in the "
        "fewest dimensions.",
    ),
)
