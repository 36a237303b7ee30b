"""Security headers, request body limits, session and device cookies, CSRF checks."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("casewatch.web")

#: the session cookie; its value is a random token whose hash is the web_session row id
SESSION_COOKIE = "casewatch_session"
#: the double-submit cookie that protects the login form before there is a session
LOGIN_CSRF_COOKIE = "casewatch_login_csrf"
#: a browser that logged into an account before: its logins are throttled apart (see store/logins.py)
DEVICE_COOKIE = "casewatch_device"
DEVICE_COOKIE_AGE = 180 * 24 * 3600
#: the form field and the header that carry the CSRF token
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"

#: no inline script, nothing from elsewhere, no framing
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


def is_https(request: Request, force: bool = False) -> bool:
    """True when the browser talks to us over HTTPS.

    Behind a TLS proxy (`serve --https-proxy`) `force` is set and uvicorn takes the scheme from the
    proxy's X-Forwarded-Proto; without it that header comes from the client and is ignored.
    """
    return force or request.url.scheme == "https"


_SERVER_ERROR_PAGE = (
    "<!doctype html><html lang=en><meta charset=utf-8><title>Server error</title>"
    "<h1>Server error</h1><p>Something went wrong on the server; it has been logged.</p></html>"
)


class SecurityHeadersMiddleware:
    """Add strict security headers to every response, errors included; pages are never cached.

    An exception no handler took becomes a plain 500 page here (logged, never shown), so that it
    too carries the headers.
    """

    def __init__(self, app: ASGIApp, force_https: bool = False) -> None:
        self.app = app
        self.force_https = force_https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = self.force_https or scope.get("scheme") == "https"
        static = scope.get("path", "").startswith("/static/")
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if not static:
                    headers["Cache-Control"] = "no-store"
                if https:
                    headers["Strict-Transport-Security"] = "max-age=63072000"
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if started:
                raise
            logger.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            await HTMLResponse(_SERVER_ERROR_PAGE, status_code=500)(scope, receive, send_with_headers)


class BodyTooLarge(Exception):
    """Raised inside the app when a request body grows past its limit."""


class BodyLimitMiddleware:
    """Refuse request bodies over a limit with 413, before any handler or authentication reads them.

    The limit is `form_limit` (logins, forms, API JSON) except on `upload_paths`, where the larger
    `upload_limit` applies once `may_upload(scope)` says the request comes from a logged-in editor.
    A declared Content-Length over the limit is refused without reading a byte; otherwise the body
    is counted as it streams (chunked bodies too) and reading stops at the limit.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        form_limit: int,
        upload_limit: int,
        upload_paths: frozenset[str],
        may_upload: Callable[[Scope], Awaitable[bool]],
    ) -> None:
        self.app = app
        self.form_limit = form_limit
        self.upload_limit = upload_limit
        self.upload_paths = upload_paths
        self.may_upload = may_upload

    async def _limit(self, scope: Scope) -> int:
        if scope["method"] == "POST" and scope["path"] in self.upload_paths and await self.may_upload(scope):
            return self.upload_limit
        return self.form_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = await self._limit(scope)
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_large(scope, send)
            return
        received = 0
        exceeded = False
        replaced = False

        async def limited_receive() -> Message:
            nonlocal received, exceeded
            if exceeded:
                raise BodyTooLarge()
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise BodyTooLarge()
            return message

        async def checked_send(message: Message) -> None:
            nonlocal replaced
            if exceeded:  # the app turned our exception into an answer of its own: answer 413 instead
                if not replaced:
                    replaced = True
                    await _too_large(scope, send)
                return
            await send(message)

        try:
            await self.app(scope, limited_receive, checked_send)
        except BodyTooLarge:
            if not replaced:
                await _too_large(scope, send)


async def _too_large(scope: Scope, send: Send) -> None:
    """Answer 413 (JSON under /api/), telling the server to close rather than read the rest."""
    headers = {"Connection": "close"}
    if scope["path"].startswith("/api/"):
        response: Response = JSONResponse({"error": "request body too large"}, 413, headers=headers)
    else:
        response = PlainTextResponse("Request body too large.", 413, headers=headers)
    await response(scope, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.disconnect"}


def set_cookie(
    response: Response, name: str, value: str, *, secure: bool, max_age: int | None = None
) -> None:
    """Set a cookie the way every casewatch cookie is set: HttpOnly, SameSite=Strict, Secure on HTTPS."""
    response.set_cookie(
        name, value, max_age=max_age, path="/", httponly=True, samesite="strict", secure=secure
    )


def tokens_match(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison of two CSRF tokens; empty never matches."""
    if not expected or not given:
        return False
    return secrets.compare_digest(expected.encode(), given.encode())


def same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site.

    With Referrer-Policy no-referrer browsers send `Origin: null` on our own form posts, so
    null and a missing Origin pass; the CSRF token is the real check.
    """
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return True
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] == host


def device_cookie(name: str, key: bytes, device: str | None = None) -> str:
    """A cookie value that says this browser logged in as `name` (a new device id unless given)."""
    device = device or secrets.token_urlsafe(18)
    return f"{device}.{_device_signature(name, device, key)}"


def known_device(value: str | None, name: str, key: bytes) -> str | None:
    """The device id of a device cookie signed for `name`, else None."""
    if not value or "." not in value:
        return None
    device, _, signature = value.partition(".")
    expected = _device_signature(name.strip()[:80], device, key)
    return device if device and secrets.compare_digest(signature.encode(), expected.encode()) else None


def _device_signature(name: str, device: str, key: bytes) -> str:
    return hmac.new(key, f"device\0{name}\0{device}".encode(), hashlib.sha256).hexdigest()[:32]
