"""A user's own account: password and second factor."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from casewatch.errors import CasewatchError
from casewatch.store import accounts
from casewatch.store.accounts import User
from casewatch.web.deps import (
    Csrf,
    CurrentUser,
    NeedsTotp,
    PartialUser,
    SessionDep,
    SettingsDep,
    WebSessionDep,
)
from casewatch.web.render import page, redirect
from casewatch.web.security import SESSION_COOKIE, is_https, set_cookie

router = APIRouter(prefix="/account", tags=["account"], include_in_schema=False)


def get_setup_user(user: PartialUser, web_session: WebSessionDep) -> User:
    """A user past the password and any existing second factor (who may be made to set one up)."""
    if web_session.pending_totp:
        raise NeedsTotp(setup=False)
    return user


SetupUser = Annotated[User, Depends(get_setup_user)]


@router.get("", response_class=HTMLResponse)
def account(request: Request, db: SessionDep, user: CurrentUser) -> HTMLResponse:
    """The user's account page."""
    context = {
        "title": "Your account",
        "name": user.name,
        "role": user.role,
        "totp": user.totp_secret is not None,
        "totp_required": accounts.totp_required(db),
        "error": None,
    }
    return page(request, "account.html", context)


@router.post("/password", dependencies=[Csrf])
def change_password(
    request: Request,
    db: SessionDep,
    user: CurrentUser,
    current: Annotated[str, Form(max_length=1000)] = "",
    new: Annotated[str, Form(max_length=1000)] = "",
    repeat: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Change the password after checking the current one; every session of the user ends."""
    error = None
    if not accounts.verify_password(user.password_hash, current):
        error = "The current password is wrong."
    elif new != repeat:
        error = "The two new passwords differ."
    else:
        try:
            accounts.check_password_strength(new)
        except CasewatchError as exc:
            error = exc.message
    if error:
        context = {
            "title": "Your account",
            "name": user.name,
            "role": user.role,
            "totp": user.totp_secret is not None,
            "totp_required": accounts.totp_required(db),
            "error": error,
        }
        return page(request, "account.html", context, status_code=400)
    user.password_hash = accounts.hash_password(new)
    accounts.end_sessions(db, user.id)
    accounts.record_audit(db, user, "change_password", "user", str(user.id))
    db.commit()
    return redirect("/login", "password_changed")


@router.get("/totp", response_class=HTMLResponse)
def totp_setup(request: Request, db: SessionDep, user: SetupUser) -> HTMLResponse:
    """Set up a second factor: a new secret to type into an authenticator app."""
    return _setup_page(request, db, user, accounts.new_totp_secret(), None)


def _setup_page(request: Request, db, user: User, secret: str, error: str | None, status: int = 200):
    import pyotp

    uri = pyotp.TOTP(secret).provisioning_uri(name=user.name, issuer_name="casewatch")
    context = {
        "title": "Second factor",
        "has_totp": user.totp_secret is not None,
        "required": accounts.totp_required(db),
        "secret": secret,
        "uri": uri,
        "error": error,
    }
    return page(request, "totp_setup.html", context, status_code=status)


def _second_factor_change_refused(user: User, password: str, current_code: str) -> str | None:
    """Why a change of the second factor is refused: it needs the password, and the current code if set."""
    if not accounts.verify_password(user.password_hash, password):
        return "The password is wrong."
    if user.totp_secret is not None:
        step = accounts.check_totp(user.totp_secret, current_code, user.totp_last_step)
        if step is None:
            return "The code from your current authenticator is wrong."
    return None


@router.post("/totp", dependencies=[Csrf])
def totp_enable(
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
    user: SetupUser,
    secret: Annotated[str, Form(max_length=64)] = "",
    code: Annotated[str, Form(max_length=20)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    current_code: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Keep the new secret once the user gives the password (and the current code) and the new code.

    Every session of the user ends; this browser gets a new one.
    """
    error = _second_factor_change_refused(user, password, current_code)
    if error is None and (
        not accounts.valid_totp_secret(secret) or accounts.check_totp(secret, code) is None
    ):
        error = "The code for the new key is wrong; try again."
    if error is not None:
        return _setup_page(request, db, user, accounts.new_totp_secret(), error, 400)
    had_totp = user.totp_secret is not None
    if had_totp:  # the current code is used up, like at a login
        step = accounts.check_totp(user.totp_secret, current_code, user.totp_last_step)
        if step is None or not accounts.use_totp_step(db, user.id, step):
            db.rollback()
            return _setup_page(
                request, db, user, accounts.new_totp_secret(), "That code was used already.", 400
            )
    user.totp_secret = secret.upper()
    user.totp_last_step = accounts.check_totp(secret, code)
    accounts.record_audit(
        db,
        user,
        "change_totp" if had_totp else "enable_totp",
        "user",
        str(user.id),
        {"totp": had_totp},
        {"totp": True},
    )
    accounts.end_sessions(db, user.id)
    token, _row = accounts.open_session(db, user)
    db.commit()
    response = redirect("/account", "totp_enabled")
    set_cookie(response, SESSION_COOKIE, token, secure=is_https(request, settings.force_https))
    return response


@router.post("/totp/remove", dependencies=[Csrf])
def totp_remove(
    request: Request,
    db: SessionDep,
    user: CurrentUser,
    password: Annotated[str, Form(max_length=1000)] = "",
    current_code: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Remove the second factor with the password and a current code (not while an admin requires it)."""
    error = _second_factor_change_refused(user, password, current_code)
    if accounts.totp_required(db):
        error = "An admin requires a second factor for everyone."
    if error is not None:
        return page(request, "error.html", {"title": "Not removed", "error": error}, status_code=400)
    user.totp_secret = None
    user.totp_last_step = None
    accounts.record_audit(db, user, "disable_totp", "user", str(user.id), {"totp": True}, {"totp": False})
    db.commit()
    return redirect("/account", "totp_disabled")
