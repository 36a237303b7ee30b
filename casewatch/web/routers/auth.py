"""Logging in and out, with the second factor when the user has one."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from casewatch.store import accounts, logins
from casewatch.web.deps import Csrf, PartialUser, SessionDep, SettingsDep, WebSessionDep
from casewatch.web.render import page, redirect
from casewatch.web.security import (
    DEVICE_COOKIE,
    DEVICE_COOKIE_AGE,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    device_cookie,
    is_https,
    known_device,
    set_cookie,
    tokens_match,
)

router = APIRouter(tags=["auth"], include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Only local paths may follow a login (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _throttling(request: Request, settings) -> dict:
    """What the store's login checks need to know about this client."""
    return {
        "address": request.client.host if request.client else None,
        "key": request.app.state.address_key,
        "policy": settings.login_policy,
    }


def _known_device(request: Request, name: str) -> str | None:
    return known_device(request.cookies.get(DEVICE_COOKIE), name, request.app.state.device_key)


def _remember_device(request: Request, response: Response, name: str, secure: bool) -> None:
    """Mark this browser as one `name` logged in from (its later logins are throttled on their own)."""
    device = _known_device(request, name)
    value = device_cookie(name, request.app.state.device_key, device)
    set_cookie(response, DEVICE_COOKIE, value, secure=secure, max_age=DEVICE_COOKIE_AGE)


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
    """Check the password (throttled, see store/logins.py) and start a session in place of any old one."""
    if not tokens_match(request.cookies.get(LOGIN_CSRF_COOKIE), csrf_token):
        return _login_page(request, settings, "The form expired; please try again.", 403, safe_next(next))
    try:
        device = _known_device(request, name)
        user = logins.login(db, name, password, device=device, **_throttling(request, settings))
    except logins.LoginThrottled as exc:
        response = _login_page(request, settings, exc.message, 429, safe_next(next))
        response.headers["Retry-After"] = str(int(exc.wait.total_seconds()) + 1)
        return response
    except logins.LoginRefused as exc:
        return _login_page(request, settings, exc.message, 401, safe_next(next))
    accounts.drop_session(db, request.cookies.get(SESSION_COOKIE))
    token, _row = accounts.open_session(db, user, pending_totp=user.totp_secret is not None)
    db.commit()
    target = "/login/totp?next=" + safe_next(next) if user.totp_secret else safe_next(next)
    response = RedirectResponse(target, status_code=303)
    secure = is_https(request, settings.force_https)
    set_cookie(response, SESSION_COOKIE, token, secure=secure)
    if not user.totp_secret:
        _remember_device(request, response, user.name, secure)
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
    """Check the code (throttled, each code once); on success replace the half-open session by a full one."""
    try:
        ok = logins.second_factor(
            db, user, code, device=_known_device(request, user.name), **_throttling(request, settings)
        )
    except logins.LoginThrottled as exc:
        db.delete(web_session)
        db.commit()
        response = _login_page(request, settings, exc.message, 429)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response
    if not ok:
        context = {"title": "Second factor", "next": safe_next(next), "error": "Wrong code."}
        return page(request, "login_totp.html", context, status_code=401)
    db.delete(web_session)
    token, _row = accounts.open_session(db, user)
    db.commit()
    response = RedirectResponse(safe_next(next), status_code=303)
    secure = is_https(request, settings.force_https)
    set_cookie(response, SESSION_COOKIE, token, secure=secure)
    _remember_device(request, response, user.name, secure)
    return response


@router.post("/logout", dependencies=[Csrf])
def logout(db: SessionDep, web_session: WebSessionDep) -> Response:
    """End this session."""
    db.delete(web_session)
    db.commit()
    response = redirect("/login", "logged_out")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
