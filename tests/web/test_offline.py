"""Offline and self-contained: no page refers to anything outside the app.

Every page (and the fragments htmx swaps in) is parsed; each tag that makes
the browser fetch something (script, link, img, iframe, source, ...) must
point at this server. The CSS is checked too: every url() is relative and
names a file that ships in the package. Inline scripts and inline event
handlers are refused as well, since the Content-Security-Policy forbids them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

from fastapi.testclient import TestClient

from rung.curriculum import load_curriculum
from rung.web.state import STATIC_DIR

from .conftest import check_forms, csrf

# Tag -> attributes whose URL the browser loads without a click.
FETCHING = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
}


class RefCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []
        self.inline_scripts = 0
        self.handlers: list[str] = []
        self.style_urls: list[str] = []
        self._in_script_without_src = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for attr in FETCHING.get(tag, ()):
            if values.get(attr):
                self.refs.append((tag, values[attr]))
        self.handlers += [k for k in values if k.startswith("on")]
        if "url(" in values.get("style", ""):
            self.style_urls.append(values["style"])
        self._in_script_without_src = tag == "script" and not values.get("src")

    def handle_data(self, data: str) -> None:
        if self._in_script_without_src and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script_without_src = False


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return not parsed.scheme and not parsed.netloc and not url.startswith("//")


def assert_self_contained(html: str, where: str) -> None:
    collector = RefCollector()
    collector.feed(html)
    outside = [(tag, url) for tag, url in collector.refs if not is_local(url)]
    assert not outside, f"{where} loads from outside the app: {outside}"
    assert collector.inline_scripts == 0, f"{where} has an inline script"
    assert not collector.handlers, f"{where} has inline event handlers {collector.handlers}"
    assert not collector.style_urls, f"{where} has url() in a style attribute"


def all_pages() -> list[str]:
    cur = load_curriculum()
    pages = ["/", "/map", "/review", "/videos", "/progress", "/no-such-page"]
    pages += [f"/map?track={t}" for t in cur.tracks]
    pages += [f"/lessons/{lesson.id}" for lesson in cur.lessons]
    pages += [f"/videos?lesson={lesson.id}" for lesson in cur.lessons[:3]]
    return pages


def test_no_page_refers_outside(client: TestClient) -> None:
    for path in all_pages():
        r = client.get(path)
        assert r.status_code in (200, 404), path
        assert_self_contained(r.text, path)


def test_htmx_fragments_refer_nowhere_outside(client: TestClient) -> None:
    form = check_forms(client.get("/lessons/la.matmul").text)[0]
    video = load_curriculum().lesson("la.matmul").videos[0]
    posts = [
        ("/checks/answer", {**form, "answer": "[1, 2"}),
        ("/checks/hint", form),
        ("/checks/solution", form),
        ("/checks/next", {"check_id": form["check_id"], "mode": "lesson"}),
        (f"/videos/{video}/watched", {"watched": "1"}),
    ]
    for path, data in posts:
        r = client.post(path, data=data, headers=csrf(client))
        assert r.status_code == 200, path
        assert_self_contained(r.text, path)


def test_every_page_uses_only_vendored_assets(client: TestClient) -> None:
    page = client.get("/lessons/la.matmul").text
    collector = RefCollector()
    collector.feed(page)
    for _, url in collector.refs:
        r = client.get(url)
        assert r.status_code == 200, f"{url} is referenced but not served"


CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def test_css_urls_are_local_files() -> None:
    sheets = list(STATIC_DIR.rglob("*.css"))
    assert sheets
    for sheet in sheets:
        for url in CSS_URL.findall(sheet.read_text(encoding="utf-8")):
            if url.startswith("data:"):
                continue
            assert is_local(url), f"{sheet.name} refers outside: {url}"
            target = (sheet.parent / url.split("?")[0].split("#")[0]).resolve()
            assert target.is_file(), f"{sheet.name} refers to missing {url}"
            assert Path(STATIC_DIR) in target.parents


def test_vendored_libraries_keep_their_licences() -> None:
    vendor = STATIC_DIR / "vendor"
    for lib in ("htmx", "katex"):
        assert (vendor / lib / "LICENSE").is_file()
    readme = (vendor / "README.md").read_text()
    assert "htmx" in readme and "KaTeX" in readme
