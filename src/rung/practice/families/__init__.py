"""Check families, one module per topic of Sequence 01 (linear algebra).

The registry imports the modules listed here and collects every
:class:`~rung.practice.model.CheckFamily` they define at module level.
"""

FAMILY_MODULES = (
    "vectors",
    "transformations",
    "matrices",
    "shapes",
    "determinants",
    "inverses",
    "eigen",
    "svd",
    "dot",
    "tensors",
    "views",
    "linear_maps",
    "transposes",
    "low_rank",
    "pca",
    "norms",
)
