"""Administration: users, roles, the TOTP requirement and grants to see sensitive data."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from casewatch.errors import CasewatchError
from casewatch.store import accounts, logins
from casewatch.store.accounts import ROLES, SensitiveGrant, User
from casewatch.store.linking import resolve_id
from casewatch.store.models import Person
from casewatch.web.deps import Admin, Csrf, RowId, SessionDep
from casewatch.web.render import page, redirect

router = APIRouter(prefix="/admin", tags=["admin"], include_in_schema=False)


def admin_context(db) -> dict:
    """Users, grants and settings, as plain data."""
    users = list(db.scalars(select(User).order_by(User.name)))
    waiting = logins.waiting_accounts(db)
    names = {u.id: u.name for u in users}
    grants = list(db.scalars(select(SensitiveGrant).order_by(SensitiveGrant.id)))
    return {
        "title": "Administration",
        "roles": list(ROLES),
        "require_totp": accounts.totp_required(db),
        "users": [
            {
                **accounts.user_snapshot(u),
                "id": u.id,
                "locked": logins.account_hash(u.name) in waiting,
                "last_login_at": str(u.last_login_at or ""),
            }
            for u in users
        ],
        "grants": [
            {
                "id": g.id,
                "user": names.get(g.user_id, "?"),
                "scope": "everything" if g.entity_type is None else f"{g.entity_type} {g.entity_id}",
                "granted_by": g.granted_by,
                "granted_at": str(g.granted_at),
            }
            for g in grants
        ],
        "error": None,
    }


@router.get("", response_class=HTMLResponse)
def admin_page(request: Request, db: SessionDep, admin: Admin) -> HTMLResponse:
    """Users, grants and settings."""
    return page(request, "admin.html", admin_context(db))


@router.post("/users", dependencies=[Csrf])
def add_user(
    request: Request,
    db: SessionDep,
    admin: Admin,
    name: Annotated[str, Form(max_length=200)] = "",
    role: Annotated[str, Form(max_length=20)] = "viewer",
    password: Annotated[str, Form(max_length=1000)] = "",
    repeat: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Add a user with a first password the admin passes on."""
    try:
        if password != repeat:
            raise CasewatchError("the two passwords differ")
        user = accounts.create_user(db, name, password, role)
    except CasewatchError as exc:
        db.rollback()
        context = admin_context(db) | {"error": exc.message}
        return page(request, "admin.html", context, status_code=400)
    accounts.record_audit(db, admin, "create", "user", str(user.id), None, accounts.user_snapshot(user))
    db.commit()
    return redirect("/admin", "user_added")


@router.post("/users/{user_id}", dependencies=[Csrf])
def change_user(
    db: SessionDep,
    admin: Admin,
    user_id: RowId,
    action: Annotated[str, Form(max_length=20)],
    role: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Change a user's role, deactivate or reactivate them, unlock them, or reset their second factor."""
    user = db.get(User, user_id)
    if user is None:
        raise HTTPException(404, "no such user")
    before = accounts.user_snapshot(user)
    if action == "role" and role in ROLES:
        if user.id == admin.id and role != "admin":
            raise HTTPException(400, "you cannot take away your own admin role")
        user.role = role
    elif action == "deactivate":
        if user.id == admin.id:
            raise HTTPException(400, "you cannot deactivate yourself")
        user.active = False
    elif action == "activate":
        user.active = True
    elif action == "unlock":
        logins.clear_failures(db, user.name)
    elif action == "reset_totp":
        user.totp_secret = None
    else:
        raise HTTPException(400, "unknown action")
    if action in ("role", "deactivate", "reset_totp"):
        accounts.end_sessions(db, user.id)
    accounts.record_audit(db, admin, action, "user", str(user.id), before, accounts.user_snapshot(user))
    db.commit()
    return redirect("/admin", "saved")


@router.post("/settings", dependencies=[Csrf])
def change_settings(
    db: SessionDep,
    admin: Admin,
    require_totp: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    """Require (or stop requiring) a second factor for everyone."""
    before = {"require_totp": accounts.totp_required(db)}
    accounts.set_setting(db, "require_totp", "1" if require_totp else "0")
    accounts.record_audit(
        db, admin, "update", "setting", "require_totp", before, {"require_totp": bool(require_totp)}
    )
    db.commit()
    return redirect("/admin", "saved")


@router.post("/grants", dependencies=[Csrf])
def add_grant(
    db: SessionDep,
    admin: Admin,
    user: Annotated[str, Form(max_length=200)],
    person_id: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Let a viewer see sensitive data: of every person, or of one person."""
    target = db.scalar(select(User).where(User.name == user.strip()))
    if target is None:
        raise HTTPException(404, "no such user")
    if person_id and not person_id.isdigit():
        raise HTTPException(400, "person id must be a number")
    if person_id and db.get(Person, resolve_id(db, int(person_id))) is None:
        raise HTTPException(404, "no such person")
    grant = SensitiveGrant(
        user_id=target.id,
        entity_type="person" if person_id else None,
        entity_id=person_id or None,
        granted_by=admin.name,
    )
    db.add(grant)
    db.flush()
    after = {"user": target.name, "person": person_id or "all"}
    accounts.record_audit(db, admin, "grant", "user", str(target.id), None, after)
    db.commit()
    return redirect("/admin", "granted")


@router.post("/grants/{grant_id}/revoke", dependencies=[Csrf])
def revoke_grant(db: SessionDep, admin: Admin, grant_id: RowId) -> Response:
    """Take back a grant."""
    grant = db.get(SensitiveGrant, grant_id)
    if grant is None:
        raise HTTPException(404, "no such grant")
    before = {"user_id": grant.user_id, "person": grant.entity_id or "all"}
    db.delete(grant)
    accounts.record_audit(db, admin, "revoke", "user", str(grant.user_id), before, None)
    db.commit()
    return redirect("/admin", "revoked")
