"""Fixtures for the web app: an app over a fresh database, a client, a live server, a browser.

Route tests use FastAPI's TestClient. Browser tests start the real app with
uvicorn in a thread on a free port and drive Debian's Chromium through
Playwright; every request that is not to 127.0.0.1 is blocked and recorded,
so a test can prove the pages make none. A failing browser test leaves a
screenshot in ``test-artifacts/``.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from fastapi import FastAPI

from rung.progress import Store, open_store
from rung.web.app import create_app

with warnings.catch_warnings():
    # Starlette 1.x asks for the httpx2 package and warns once, at import, when
    # it falls back to httpx. The fallback works; the warning is not ours.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BASE = "http://127.0.0.1"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(f"sqlite:///{tmp_path / 'web.db'}")
    yield s
    s.close()


@pytest.fixture
def app(store: Store) -> FastAPI:
    return create_app(store=store, secret=b"test-secret-" * 3)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url=BASE) as c:
        c.get("/static/app.css")  # any response sets the CSRF cookie
        yield c


def csrf(client: TestClient) -> dict[str, str]:
    """The header htmx would send: the cookie's token echoed back."""
    return {"X-CSRF-Token": client.cookies["rung_csrf"], "HX-Request": "true"}


_FIELD = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)">')


def check_forms(html: str) -> list[dict[str, str]]:
    """The hidden fields of each check's answer form on a page, in page order."""
    forms = []
    for chunk in html.split('<form class="check-form"')[1:]:
        body = chunk.split("</form>", 1)[0]
        forms.append(dict(_FIELD.findall(body)))
    return forms


# -- the live server and the browser --------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """The real app under uvicorn in a background thread."""

    def __init__(self, app: FastAPI) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"{BASE}:{self.port}"
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live_server(app: FastAPI) -> Iterator[LiveServer]:
    with LiveServer(app) as server:
        yield server


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Any:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; CI must install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class OutsideRequests(list[str]):
    """Every URL the page tried to reach beyond 127.0.0.1 (each was blocked)."""


@pytest.fixture
def outside() -> OutsideRequests:
    return OutsideRequests()


@pytest.fixture
def page(
    browser: Any, live_server: LiveServer, outside: OutsideRequests, request: pytest.FixtureRequest
) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1100, "height": 900})

    def gate(route: Any) -> None:
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", gate)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))

    def on_console(msg: Any) -> None:
        # A Content-Security-Policy violation means something on the page broke it.
        if msg.type == "error" and "Content Security Policy" in msg.text:
            errors.append(msg.text)

    pg.on("console", on_console)
    pg.set_default_timeout(10_000)
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-120:]
        try:
            pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True, timeout=30_000)
        except Exception as exc:  # a screenshot that fails must not hide the test's own failure
            print(f"could not save a screenshot: {exc}")
    context.close()
    assert not errors, f"JavaScript errors or CSP violations on the page: {errors}"
