"""Datasets by name, and how to find, fetch and verify their files.

The registry is plain data (a frozen dataclass per dataset) so that the CLI, the lab
runner and tests all read the same facts. Nothing here imports torch.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR_ENV = "RUNG_DATA_DIR"
CACHE_DIR_ENV = "RUNG_CACHE_DIR"
OFFLINE_ENV = "RUNG_OFFLINE"


@dataclass(frozen=True)
class Dataset:
    """One file a lab needs, with the facts that let anyone fetch and verify it."""

    name: str
    filename: str
    url: str
    sha256: str
    size: int
    licence: str
    description: str
    # Other names the same bytes go by (the canonical URL's own file name, say), so
    # that a folder holding a plain download is accepted as it is.
    aliases: tuple[str, ...] = field(default_factory=tuple)

    @property
    def filenames(self) -> tuple[str, ...]:
        return (self.filename, *self.aliases)


DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            name="names",
            filename="names.txt",
            url="https://raw.githubusercontent.com/karpathy/makemore/master/names.txt",
            sha256="0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d",
            size=228_145,
            licence="US government statistics (ssa.gov baby names); the makemore repository is MIT",
            description="32,033 lower-case first names, one a line (makemore).",
        ),
        Dataset(
            name="tinyshakespeare",
            filename="tinyshakespeare.txt",
            url="https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt",
            sha256="86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed",
            size=1_115_394,
            licence="the text is public domain; the char-rnn repository is MIT",
            description="About 1 MB of Shakespeare's plays, the usual character-level LM set.",
            aliases=("input.txt",),
        ),
    )
}


class DatasetUnavailable(RuntimeError):
    """The file is in no local folder, not in the cache, and could not be downloaded."""


class ChecksumError(RuntimeError):
    """A file with the dataset's name holds other bytes than the registry expects."""


def get_dataset(name: str) -> Dataset:
    """The registry entry for ``name``; the KeyError lists the names there are."""
    try:
        return DATASETS[name]
    except KeyError:
        raise KeyError(f"no dataset {name!r}; known: {', '.join(sorted(DATASETS))}") from None


def cache_dir() -> Path:
    """Where downloads are kept: ``RUNG_CACHE_DIR`` or ``<user cache dir>/rung/data``."""
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir()) / "rung" / "data"


def sha256_of(file: Path) -> str:
    digest = hashlib.sha256()
    with open(file, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verified(ds: Dataset, file: Path) -> Path:
    got = sha256_of(file)
    if got != ds.sha256:
        raise ChecksumError(
            f"{file} is not the {ds.name!r} dataset: its sha256 is {got}, expected {ds.sha256}. "
            f"Replace it with a fresh copy of {ds.url}."
        )
    return file


def _in_folder(ds: Dataset, folder: Path) -> Path | None:
    for filename in ds.filenames:
        candidate = folder / filename
        if candidate.is_file():
            return candidate
    return None


def locate(name: str | Dataset, data_dir: str | Path | None = None) -> Path | None:
    """The verified local file for a dataset, or None; never downloads.

    A file that is there but has the wrong checksum raises ChecksumError rather than
    being skipped: silently reading other bytes would make lab figures meaningless.
    """
    ds = name if isinstance(name, Dataset) else get_dataset(name)
    folders: list[Path] = []
    local = data_dir if data_dir is not None else os.environ.get(DATA_DIR_ENV)
    if local:
        folders.append(Path(local))
    folders.append(cache_dir())
    for folder in folders:
        found = _in_folder(ds, folder)
        if found is not None:
            return _verified(ds, found)
    return None


def download(ds: Dataset, dest_dir: Path | None = None, timeout: float = 60.0) -> Path:
    """Fetch ``ds.url`` into ``dest_dir`` (the cache by default), verified and atomic.

    The bytes go to a temporary file in the destination folder first; only when the
    sha256 matches is it renamed to its final name, so an interrupted or corrupted
    download never leaves a file that looks complete.
    """
    dest_dir = Path(dest_dir) if dest_dir is not None else cache_dir()
    dest_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{ds.filename}.", suffix=".part", dir=dest_dir)
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(ds.url, timeout=timeout) as resp:
            for block in iter(lambda: resp.read(1 << 16), b""):
                digest.update(block)
                out.write(block)
        if digest.hexdigest() != ds.sha256:
            raise ChecksumError(
                f"download of {ds.url} has sha256 {digest.hexdigest()}, expected {ds.sha256}; "
                "the file was not kept. The source may have changed: fetch it by hand and "
                "compare, or point RUNG_DATA_DIR at a folder with the right file."
            )
        final = dest_dir / ds.filename
        os.replace(tmp, final)
        return final
    finally:
        if tmp.exists():
            tmp.unlink()


def _how_to_provide(ds: Dataset, reason: str) -> str:
    return (
        f"dataset {ds.name!r} ({ds.filename}) is not available: {reason}.\n"
        f"To provide it, download {ds.url}\n"
        f"  (sha256 {ds.sha256}, {ds.size:,} bytes) and either\n"
        f"  - put it in {cache_dir()} as {ds.filename}, or\n"
        f"  - put it in any folder and set {DATA_DIR_ENV}=that folder "
        f"(or pass --data-dir that folder)."
    )


def path(
    name: str | Dataset,
    data_dir: str | Path | None = None,
    *,
    allow_download: bool | None = None,
) -> Path:
    """The verified file for a dataset: local folder, then cache, then a download.

    ``allow_download`` defaults to true unless ``RUNG_OFFLINE`` is set to a non-empty
    value other than ``0``. Raises DatasetUnavailable with instructions when nothing
    works, and ChecksumError when a file is there but wrong.
    """
    ds = name if isinstance(name, Dataset) else get_dataset(name)
    found = locate(ds, data_dir)
    if found is not None:
        return found
    if allow_download is None:
        allow_download = os.environ.get(OFFLINE_ENV, "") in ("", "0")
    if not allow_download:
        offline = os.environ.get(OFFLINE_ENV, "") not in ("", "0")
        reason = (
            f"offline ({OFFLINE_ENV} is set)" if offline else "not in the data folder or the cache"
        )
        raise DatasetUnavailable(_how_to_provide(ds, reason))
    try:
        return download(ds)
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise DatasetUnavailable(_how_to_provide(ds, f"download failed ({reason})")) from exc
