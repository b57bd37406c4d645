"""The dataset registry: local folder, cache, verified download, clear errors."""

from __future__ import annotations

import functools
import hashlib
import http.server
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from rung import data

from .conftest import SHARED_DATA


def test_registry_facts() -> None:
    names = data.get_dataset("names")
    assert names.url == "https://raw.githubusercontent.com/karpathy/makemore/master/names.txt"
    assert names.size == 228_145
    shakes = data.get_dataset("tinyshakespeare")
    assert shakes.url.endswith("karpathy/char-rnn/master/data/tinyshakespeare/input.txt")
    assert shakes.size == 1_115_394
    with pytest.raises(KeyError, match="known: names, tinyshakespeare"):
        data.get_dataset("nope")


@pytest.mark.parametrize("name", ["names", "tinyshakespeare"])
def test_shared_folder_files_verify(name: str) -> None:
    found = data.path(name)
    assert found.parent == SHARED_DATA
    assert found.stat().st_size == data.get_dataset(name).size
    assert data.sha256_of(found) == data.get_dataset(name).sha256


def test_wrong_checksum_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "names.txt").write_text("emma\nolivia\n")
    with pytest.raises(data.ChecksumError, match="is not the 'names' dataset"):
        data.path("names", tmp_path)


def test_offline_without_files_says_how_to_provide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNG_DATA_DIR", str(tmp_path))
    with pytest.raises(data.DatasetUnavailable) as info:
        data.path("names")
    message = str(info.value)
    assert data.get_dataset("names").url in message
    assert "RUNG_DATA_DIR" in message and "--data-dir" in message
    assert str(data.cache_dir()) in message


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A local HTTP server on 127.0.0.1 serving tmp_path/served: no outside network."""
    root = tmp_path / "served"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    finally:
        httpd.shutdown()
        httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


def _tiny(url: str, body: bytes) -> data.Dataset:
    base = data.get_dataset("names")
    return replace(
        base,
        name="tiny",
        filename="tiny.txt",
        url=url,
        sha256=hashlib.sha256(body).hexdigest(),
        size=len(body),
    )


def test_download_verifies_and_caches(
    server: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, root = server
    body = b"ada\nbob\ncy\n"
    (root / "tiny.txt").write_bytes(body)
    ds = _tiny(f"{base}/tiny.txt", body)
    cache = tmp_path / "cache"
    monkeypatch.setenv("RUNG_CACHE_DIR", str(cache))
    monkeypatch.setenv("RUNG_DATA_DIR", str(tmp_path / "empty"))
    got = data.path(ds, allow_download=True)
    assert got == cache / "tiny.txt" and got.read_bytes() == body
    assert [p.name for p in cache.iterdir()] == ["tiny.txt"], "no temporary file may be left"
    (root / "tiny.txt").unlink()  # a second call reads the cache, not the network
    assert data.path(ds, allow_download=True) == got


def test_download_with_wrong_checksum_keeps_nothing(
    server: tuple[str, Path], tmp_path: Path
) -> None:
    base, root = server
    (root / "tiny.txt").write_bytes(b"tampered\n")
    ds = _tiny(f"{base}/tiny.txt", b"the real bytes\n")
    with pytest.raises(data.ChecksumError, match="was not kept"):
        data.download(ds, tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == []


def test_failed_download_says_how_to_provide(
    server: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, _ = server
    ds = _tiny(f"{base}/missing.txt", b"x")
    monkeypatch.setenv("RUNG_DATA_DIR", str(tmp_path / "empty"))
    with pytest.raises(data.DatasetUnavailable, match="download failed"):
        data.path(ds, allow_download=True)
