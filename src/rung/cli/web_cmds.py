"""``rung serve``: start the local web app and open it in the browser."""

from __future__ import annotations

import errno
import os
import secrets
import socket
import sys
import threading
import time
import webbrowser
from pathlib import Path

import click

from ._common import curriculum, fail

PORT_TRIES = 10


def bind_socket(host: str, port: int, tries: int = PORT_TRIES) -> tuple[socket.socket, int]:
    """Bind the first free port from ``port`` on; we hold the socket so no one can take it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    last: OSError | None = None
    for candidate in range(port, port + tries):
        sock = socket.socket(family, socket.SOCK_STREAM)
        if sys.platform != "win32":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, candidate))
        except OSError as exc:
            sock.close()
            if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
                raise
            last = exc
            continue
        sock.listen(128)
        sock.set_inheritable(True)
        return sock, candidate
    raise OSError(f"ports {port} to {port + tries - 1} are all taken ({last})")


def has_display() -> bool:
    """Whether opening a browser can work here (not over plain SSH, not in a container)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def web_secret() -> bytes:
    """A signing key kept beside the database, so open tabs stay valid across restarts."""
    from rung.progress.schema import data_dir

    path: Path = data_dir() / "web-secret"
    try:
        if path.exists():
            key = bytes.fromhex(path.read_text().strip())
            if len(key) >= 32:
                return key
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(key.hex())
        return key
    except (OSError, ValueError):
        return secrets.token_bytes(32)  # still safe; tabs just need a reload after a restart


def allowed_hosts_for(host: str) -> list[str]:
    from rung.web.security import LOOPBACK_HOSTS

    if host in ("0.0.0.0", "::", ""):
        return ["*"]
    return sorted({host.lower(), *LOOPBACK_HOSTS})


@click.command("serve")
@click.option(
    "--port",
    default=8765,
    show_default=True,
    help="Port to listen on (the next free one if taken).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; keep the default unless you mean to share.",
)
@click.option("--no-browser", is_flag=True, help="Do not open a browser window.")
@click.option(
    "--learner",
    envvar="RUNG_LEARNER",
    default="me",
    show_default=True,
    help="Whose progress to show and record.",
)
def serve_cmd(
    port: int = 8765, host: str = "127.0.0.1", no_browser: bool = False, learner: str = "me"
) -> None:
    """Start the local web app and open it in the browser."""
    started = time.perf_counter()
    import uvicorn

    from rung.progress import StoreError, open_store
    from rung.web.app import create_app
    from rung.web.security import is_loopback

    if not is_loopback(host):
        click.echo(
            click.style("WARNING: ", fg="red", bold=True)
            + f"listening on {host}, not on this computer only. Anyone who can reach this "
            "address can read and change this learner's progress; rung has no login. "
            "Use the default --host 127.0.0.1 unless you trust the whole network.",
            err=True,
        )
    cur = curriculum()
    try:
        store = open_store()
    except StoreError as exc:
        fail(str(exc))
    try:
        sock, bound = bind_socket(host, port)
    except OSError as exc:
        fail(f"cannot listen on {host}: {exc}. Try `rung serve --port <another>`.")
    if bound != port:
        click.echo(f"Port {port} is taken; using {bound} instead.")

    app = create_app(
        curriculum=cur,
        store=store,
        learner=learner,
        secret=web_secret(),
        allowed_hosts=allowed_hosts_for(host),
    )
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    if ":" in shown_host:
        shown_host = f"[{shown_host}]"
    url = f"http://{shown_host}:{bound}/"
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)

    def announce() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.02)
        if not server.started:
            return
        click.echo(
            f"rung is running at {url} (ready in {time.perf_counter() - started:.2f} s). "
            "Press Ctrl+C to stop."
        )
        click.echo(f"Progress is kept in {store.where}.")
        if no_browser:
            return
        if not has_display():
            click.echo("No display found, so no browser was opened: visit the address above.")
            return
        try:
            webbrowser.open(url)
        except Exception as exc:  # a broken browser setup must not stop the server
            click.echo(f"Could not open a browser ({exc}); visit the address above.")

    threading.Thread(target=announce, name="rung-announce", daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        store.close()
