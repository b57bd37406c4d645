"""The dataset registry: real text for the labs, never committed to the repository.

Each dataset is known by name, canonical URL, sha256, size and licence. ``path(name)``
finds the file in this order, so that a learner who is offline, a CI job with a
shared folder and a laptop on the internet all get the same bytes:

1. a local folder given by ``data_dir=`` (the ``--data-dir`` flag) or ``RUNG_DATA_DIR``;
2. the cache, ``<user cache dir>/rung/data`` (``RUNG_CACHE_DIR`` overrides the folder);
3. a download from the canonical URL into the cache (to a temporary file, checked
   against the sha256, then moved into place in one step);
4. otherwise an error that says which URL to fetch, which folder to put it in and
   which environment variable to set.

A file whose checksum does not match is never used: that is an error which says so.
"""

from __future__ import annotations

from rung.data.registry import (
    DATASETS,
    ChecksumError,
    Dataset,
    DatasetUnavailable,
    cache_dir,
    download,
    get_dataset,
    locate,
    path,
    sha256_of,
)

__all__ = [
    "DATASETS",
    "ChecksumError",
    "Dataset",
    "DatasetUnavailable",
    "cache_dir",
    "download",
    "get_dataset",
    "locate",
    "path",
    "sha256_of",
]
