"""Security headers, session cookies and CSRF checks."""

from __future__ import annotations

import secrets

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response

#: the session cookie; its value is a random token whose hash is the web_session row id
SESSION_COOKIE = "casewatch_session"
#: the double-submit cookie that protects the login form before there is a session
LOGIN_CSRF_COOKIE = "casewatch_login_csrf"
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
    """True when the browser talks to us over HTTPS (directly or through a proxy that says so)."""
    if force or request.url.scheme == "https":
        return True
    return request.headers.get("x-forwarded-proto", "") == "https"


class SecurityHeadersMiddleware(BaseHTTPMiddleware):
    """Add strict security headers to every response; pages are never cached."""

    def __init__(self, app, force_https: bool = False) -> None:
        super().__init__(app)
        self.force_https = force_https

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        if is_https(request, self.force_https):
            response.headers["Strict-Transport-Security"] = "max-age=63072000"
        return response


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
