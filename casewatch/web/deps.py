"""Request dependencies as Annotated aliases: the database session, the current user, CSRF checks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session

from casewatch.store import accounts
from casewatch.store.accounts import User, WebSession
from casewatch.web.config import WebSettings
from casewatch.web.security import CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE, same_origin, tokens_match
from casewatch.web.visibility import Visibility, load_visibility


class NotAuthenticated(Exception):
    """No valid session: pages redirect to the login page, the API answers 401."""


class Forbidden(Exception):
    """Logged in, but not allowed to do this."""

    def __init__(self, message: str = "you are not allowed to do this") -> None:
        super().__init__(message)
        self.message = message


class NeedsTotp(Exception):
    """Password checked, second factor missing (or required but not yet set up)."""

    def __init__(self, setup: bool) -> None:
        super().__init__("second factor needed")
        self.setup = setup


def get_settings(request: Request) -> WebSettings:
    return request.app.state.settings


def get_db(request: Request) -> Iterator[Session]:
    """One database session per request; writes commit explicitly."""
    session = request.app.state.sessionmaker()
    try:
        yield session
    finally:
        session.close()


SettingsDep = Annotated[WebSettings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_db)]


def get_web_session(request: Request, db: SessionDep, settings: SettingsDep) -> WebSession:
    """The session row named by the cookie, if it is still valid; else NotAuthenticated."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise NotAuthenticated()
    row = db.get(WebSession, accounts.token_hash(token))
    now = accounts.utcnow()
    if row is None:
        raise NotAuthenticated()
    if now - row.created_at > settings.session_lifetime or now - row.last_seen_at > settings.session_idle:
        db.delete(row)
        db.commit()
        raise NotAuthenticated()
    user = db.get(User, row.user_id)
    if user is None or not user.active:
        raise NotAuthenticated()
    if (now - row.last_seen_at).total_seconds() > 60:
        row.last_seen_at = now
        db.commit()
    request.state.web_session = row
    request.state.user = user
    return row


WebSessionDep = Annotated[WebSession, Depends(get_web_session)]


def get_partial_user(web_session: WebSessionDep, db: SessionDep) -> User:
    """The user of a session that may still owe its second factor (for the TOTP pages only)."""
    return db.get(User, web_session.user_id)


def get_current_user(web_session: WebSessionDep, db: SessionDep) -> User:
    """The logged-in user, second factor done; else NotAuthenticated or NeedsTotp."""
    user = db.get(User, web_session.user_id)
    if web_session.pending_totp:
        raise NeedsTotp(setup=False)
    if user.totp_secret is None and accounts.totp_required(db):
        raise NeedsTotp(setup=True)
    return user


PartialUser = Annotated[User, Depends(get_partial_user)]
CurrentUser = Annotated[User, Depends(get_current_user)]


def require_role(role: str):
    """A dependency that lets only users with `role` or a stronger one through."""

    def check(user: CurrentUser) -> User:
        if not user.may(role):
            raise Forbidden(f"this needs the {role} role")
        return user

    return check


Viewer = CurrentUser
Editor = Annotated[User, Depends(require_role("editor"))]
Admin = Annotated[User, Depends(require_role("admin"))]


async def check_csrf(request: Request, web_session: WebSessionDep) -> None:
    """Refuse a write whose form field or X-CSRF-Token header does not carry the session's token."""
    if not same_origin(request):
        raise Forbidden("cross-site request refused")
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not tokens_match(web_session.csrf_token, given):
        raise Forbidden("missing or wrong CSRF token; reload the page and try again")


Csrf = Depends(check_csrf)


def get_visibility(request: Request, db: SessionDep, user: CurrentUser) -> Visibility:
    """What this user may see of sensitive records (see visibility.py); kept for the response's scrub."""
    vis = load_visibility(db, user)
    request.state.visibility = vis
    return vis


VisibilityDep = Annotated[Visibility, Depends(get_visibility)]

#: a row id in a path: positive and small enough for any database's integer
RowId = Annotated[int, Path(ge=1, le=2**62)]
