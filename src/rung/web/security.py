"""Safe-by-default plumbing for the local web app.

A tutor on ``127.0.0.1`` is still reachable by any web page the learner has
open: a hostile page can POST a form to localhost (cross-site request
forgery) or point a DNS name at 127.0.0.1 and read the replies (DNS
rebinding). This module closes both doors and sets the browser's own guards:

* ``SecurityMiddleware`` (plain ASGI, so it adds microseconds, not a task per
  request) rejects requests whose ``Host`` is not one we serve, gives every
  browser a CSRF token cookie, and adds the security headers
  (Content-Security-Policy, X-Content-Type-Options, Referrer-Policy, ...).
* ``csrf_protect`` is a FastAPI dependency on every route: an unsafe method
  must echo the cookie's token in the ``X-CSRF-Token`` header (htmx sends it
  from ``hx-headers`` on ``<body>``) or a ``csrf_token`` form field, and a
  cross-origin ``Origin`` is refused outright. A page from another site can
  make the browser send the cookie but can neither read it nor set the header.
* ``ProblemSigner`` signs the (learner, check, seed, issue time) of a problem
  shown in a page, so an answer posted back is graded against exactly the
  variant the learner saw, and the time spent is known without trusting the
  client.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

from fastapi import HTTPException, Request

CSRF_COOKIE = "rung_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
YOUTUBE_EMBED_ORIGIN = "https://www.youtube-nocookie.com"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        # KaTeX positions glyphs with inline style attributes.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        # Only the opt-in, privacy-enhanced video player may be framed.
        f"frame-src {YOUTUBE_EMBED_ORIGIN}",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def is_loopback(host: str) -> bool:
    """True for the names and addresses that only this machine can reach."""
    h = host.strip().lower()
    return h in LOOPBACK_HOSTS or h.startswith("127.")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


def _hostname(host_header: str) -> str:
    """``localhost:8765`` -> ``localhost``; ``[::1]:8765`` -> ``[::1]``."""
    if host_header.startswith("["):
        return host_header.split("]", 1)[0] + "]"
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


def _valid_token(token: str) -> bool:
    """A token we could have issued: url-safe base64 of a sane length."""
    return 20 <= len(token) <= 100 and token.replace("-", "").replace("_", "").isalnum()


class SecurityMiddleware:
    """Host allow-list, CSRF cookie issue, and security headers on every response."""

    def __init__(
        self,
        app: ASGIApp,
        allowed_hosts: Iterable[str] = LOOPBACK_HOSTS,
        secure_cookie: bool = False,
    ) -> None:
        self.app = app
        hosts = {h.lower() for h in allowed_hosts}
        self.any_host = "*" in hosts
        self.allowed_hosts = frozenset(hosts)
        self.secure_cookie = secure_cookie

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = _hostname(_header(scope, b"host") or "").lower()
        if not self.any_host and host not in self.allowed_hosts:
            await _plain_response(
                send, 400, b"Unknown host. rung answers only on the address it was started on."
            )
            return

        cookie_header = _header(scope, b"cookie")
        token: str | None = None
        if cookie_header:
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(cookie_header)
            except Exception:  # a malformed cookie header is the client's problem, not a 500
                jar = SimpleCookie()
            if CSRF_COOKIE in jar and _valid_token(jar[CSRF_COOKIE].value):
                token = jar[CSRF_COOKIE].value
        new_token = token is None
        if token is None:
            token = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_token"] = token

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                if new_token:
                    cookie = f"{CSRF_COOKIE}={token}; Path=/; SameSite=Strict; HttpOnly"
                    if self.secure_cookie:
                        cookie += "; Secure"
                    headers.append((b"set-cookie", cookie.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _plain_response(send: Send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), *SECURITY_HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def csrf_protect(request: Request) -> None:
    """Refuse an unsafe request that does not prove it came from one of our pages."""
    if request.method in SAFE_METHODS:
        return
    origin = request.headers.get("origin")
    if origin and origin != "null":
        host = request.headers.get("host", "")
        if origin.split("://", 1)[-1].lower() != host.lower():
            raise HTTPException(status_code=403, detail="Cross-origin request refused.")
    cookie = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()  # cached by Starlette; the route reads the same form
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not cookie or not sent or not hmac.compare_digest(cookie.encode(), sent.encode()):
        raise HTTPException(
            status_code=403,
            detail="Missing or stale form token. Reload the page and try again.",
        )


@dataclass(frozen=True)
class SignedProblem:
    """What a page's answer form carries back, once the signature checks out."""

    check_id: str
    seed: int
    issued: float  # seconds since the epoch, from the server's clock


class ProblemSigner:
    """HMAC-sign the identity of a problem shown to one learner.

    The token is ``issued.signature``; the check id and seed travel beside it
    in the form, and the signature covers them with the learner's name, so
    changing any of them (or replaying a token for another learner) fails.
    """

    def __init__(self, secret: bytes | None = None, clock: Callable[[], float] = time.time) -> None:
        self._key = secret or secrets.token_bytes(32)
        self._clock = clock

    def _mac(self, learner: str, check_id: str, seed: int, issued: str) -> str:
        msg = f"{learner}\x1f{check_id}\x1f{seed}\x1f{issued}".encode()
        digest = hmac.new(self._key, msg, hashlib.sha256).digest()[:18]
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def sign(self, learner: str, check_id: str, seed: int, issued: float | None = None) -> str:
        stamp = f"{self._clock() if issued is None else issued:.3f}"
        return f"{stamp}.{self._mac(learner, check_id, seed, stamp)}"

    def verify(
        self, learner: str, check_id: str, seed: str | int, token: str
    ) -> SignedProblem | None:
        """The signed problem, or None when anything was altered."""
        try:
            seed_int = int(seed)
            stamp, mac = token.rsplit(".", 1)  # the stamp has a dot; the MAC has none
        except ValueError:
            return None
        expected = self._mac(learner, check_id, seed_int, stamp)
        if not hmac.compare_digest(expected, mac):
            return None
        try:
            issued = float(stamp)
        except ValueError:
            return None
        return SignedProblem(check_id=check_id, seed=seed_int, issued=issued)
