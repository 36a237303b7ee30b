"""Logging in and out, with the second factor when the user has one."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from casewatch.store import accounts
from casewatch.web.deps import Csrf, PartialUser, SessionDep, SettingsDep, WebSessionDep
from casewatch.web.render import page, redirect
from casewatch.web.security import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    is_https,
    set_cookie,
    tokens_match,
)

router = APIRouter(tags=["auth"], include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Only local paths may follow a login (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _client(request: Request) -> str:
    return accounts.client_key(request.client.host if request.client else None)


def _login_page(
    request: Request, settings, error: str | None = None, status: int = 200, next_url: str = "/"
) -> HTMLResponse:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    response = page(
        request,
        "login.html",
        {"title": "Log in", "error": error, "login_csrf": token, "next": next_url},
        status_code=status,
    )
    set_cookie(
        response, LOGIN_CSRF_COOKIE, token, secure=is_https(request, settings.force_https), max_age=3600
    )
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, settings: SettingsDep, next: str = "/") -> HTMLResponse:
    """The login page: the only page anyone may see without logging in."""
    return _login_page(request, settings, next_url=safe_next(next))


@router.post("/login")
def login_submit(
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
    name: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Check the password (throttled, locking after repeated failures) and start a session."""
    if not tokens_match(request.cookies.get(LOGIN_CSRF_COOKIE), csrf_token):
        return _login_page(request, settings, "The form expired; please try again.", 403, safe_next(next))
    try:
        user = accounts.login(
            db,
            name,
            password,
            _client(request),
            threshold=settings.lockout_threshold,
            window=settings.lockout_window,
            lock_for=settings.lockout_duration,
        )
    except accounts.LoginRefused as exc:
        db.commit()
        return _login_page(request, settings, exc.message, 401, safe_next(next))
    token, _row = accounts.open_session(db, user, pending_totp=user.totp_secret is not None)
    db.commit()
    target = "/login/totp?next=" + safe_next(next) if user.totp_secret else safe_next(next)
    response = RedirectResponse(target, status_code=303)
    set_cookie(response, SESSION_COOKIE, token, secure=is_https(request, settings.force_https))
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return response


@router.get("/login/totp", response_class=HTMLResponse)
def totp_form(request: Request, user: PartialUser, web_session: WebSessionDep, next: str = "/") -> Response:
    """Ask for the six-digit code after the password."""
    if not web_session.pending_totp:
        return RedirectResponse(safe_next(next), status_code=303)
    return page(
        request, "login_totp.html", {"title": "Second factor", "next": safe_next(next), "error": None}
    )


@router.post("/login/totp", dependencies=[Csrf])
def totp_submit(
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
    user: PartialUser,
    web_session: WebSessionDep,
    code: Annotated[str, Form(max_length=20)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Check the code; on success replace the half-open session by a full one."""
    client = _client(request)
    since = accounts.utcnow() - settings.lockout_window
    failures = accounts.recent_failures(db, username=user.name, since=since)
    step = accounts.check_totp(user.totp_secret or "", code, user.totp_last_step)
    if failures >= settings.lockout_threshold or step is None:
        db.add(accounts.LoginAttempt(username=user.name, client=client, success=False))
        if failures + 1 >= settings.lockout_threshold:
            user.locked_until = accounts.utcnow() + settings.lockout_duration
            db.delete(web_session)
            db.commit()
            return _login_page(request, settings, "Too many wrong codes; the account is locked for now.", 401)
        db.commit()
        context = {"title": "Second factor", "next": safe_next(next), "error": "Wrong code."}
        return page(request, "login_totp.html", context, status_code=401)
    user.totp_last_step = step
    db.delete(web_session)
    token, _row = accounts.open_session(db, user)
    db.commit()
    response = RedirectResponse(safe_next(next), status_code=303)
    set_cookie(response, SESSION_COOKIE, token, secure=is_https(request, settings.force_https))
    return response


@router.post("/logout", dependencies=[Csrf])
def logout(db: SessionDep, web_session: WebSessionDep) -> Response:
    """End this session."""
    db.delete(web_session)
    db.commit()
    response = redirect("/login", "logged_out")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
