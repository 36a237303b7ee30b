"""Accounts of the web app: users, sessions, the audit log and sensitive-data grants (logins: logins.py).

Also the two bookkeeping tables the web app needs beside the case store: app settings and ingest jobs.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from casewatch.errors import CasewatchError
from casewatch.store.models import Base

#: the roles, weakest first; each may do everything the ones before it may
ROLES = ("viewer", "editor", "admin")
#: why a record or field is marked sensitive
SENSITIVE_REASONS = ("health", "address", "unpublished_witness", "other")
#: the shortest password accepted
MIN_PASSWORD_LENGTH = 12

_hasher = PasswordHasher()
#: password hashes computed at once; each takes 64 MiB, so parallel logins cannot exhaust memory
MAX_PARALLEL_HASHES = 2
_hash_slots = threading.BoundedSemaphore(MAX_PARALLEL_HASHES)


def utcnow() -> datetime:
    """The current time in UTC, without tzinfo (as stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


class User(Base):
    """One person who may log in."""

    __tablename__ = "web_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    #: argon2id hash; never the password
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16), default="viewer")
    #: base32 TOTP secret when a second factor is set up
    totp_secret: Mapped[str | None] = mapped_column(String(64), nullable=True, default=None)
    #: the TOTP time step last used to log in (a code is accepted only once)
    totp_last_step: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, default=None)

    def may(self, role: str) -> bool:
        """True when this user's role is `role` or stronger."""
        return self.active and ROLES.index(self.role) >= ROLES.index(role)


class LoginAttempt(Base):
    """One login attempt, kept for a bounded time (see logins.py); the client only as a keyed hash."""

    __tablename__ = "web_login_attempt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    username: Mapped[str] = mapped_column(String(80), index=True)
    client: Mapped[str] = mapped_column(String(64), index=True)
    success: Mapped[bool] = mapped_column(Boolean, default=False)


class LoginThrottle(Base):
    """Failed logins counted for one key (an account from a client, a client, a name, a known browser)."""

    __tablename__ = "web_login_throttle"

    #: a kind letter and a hash; never a name or an address in clear
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    #: the hash of the account name the key is about (None for a whole client), so an unlock finds it
    account: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, default=None)
    #: no attempt for this key is checked before this time
    blocked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, default=None)


class WebSession(Base):
    """A logged-in browser; the cookie holds a random token, the table only its hash."""

    __tablename__ = "web_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_user.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: password checked, second factor still to come
    pending_totp: Mapped[bool] = mapped_column(Boolean, default=False)


class AuditEntry(Base):
    """One write: who, when, what, and the record before and after."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: kept as text so the entry survives the user's deletion
    username: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40))
    entity_type: Mapped[str] = mapped_column(String(40), index=True)
    entity_id: Mapped[str] = mapped_column(String(80), index=True)
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)


class SensitiveMark(Base):
    """A record, or one field of it, that only privileged users may see."""

    __tablename__ = "sensitive_mark"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_type: Mapped[str] = mapped_column(String(40), index=True)
    entity_id: Mapped[str] = mapped_column(String(80), index=True)
    #: None hides the whole record
    field: Mapped[str | None] = mapped_column(String(80), nullable=True)
    reason: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SensitiveMarkAnchor(Base):
    """One person mention a person's mark holds on, remembered like a human link decision.

    A person is hidden (or has a field hidden) while any of its mentions carries the mark, so
    merge, split and relink carry it with the mentions; re-extraction and new versions of a report
    find the mention again by the document and anchor (casewatch.store.marks.carry_marks).
    """

    __tablename__ = "sensitive_mark_anchor"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mark_id: Mapped[int] = mapped_column(ForeignKey("sensitive_mark.id", ondelete="CASCADE"), index=True)
    mention_id: Mapped[int | None] = mapped_column(
        ForeignKey("person_mentions.id", ondelete="SET NULL"), nullable=True, index=True
    )
    document_sha256: Mapped[str] = mapped_column(String(64))
    document_path: Mapped[str] = mapped_column(Text, index=True)
    mention_name: Mapped[str] = mapped_column(Text)
    #: [[start, end], ...] of the mention's names in the document
    mention_spans: Mapped[Any] = mapped_column(JSON, nullable=True)


class SensitiveGrant(Base):
    """An admin's permission for a viewer to see sensitive data (all of it, or of one record)."""

    __tablename__ = "sensitive_grant"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_user.id", ondelete="CASCADE"), index=True)
    #: both None: every sensitive record
    entity_type: Mapped[str | None] = mapped_column(String(40), nullable=True)
    entity_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    granted_by: Mapped[str] = mapped_column(String(80))
    granted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AppSetting(Base):
    """A setting an admin changes in the web app (such as requiring TOTP for everyone)."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class IngestJob(Base):
    """One uploaded report being ingested in the background."""

    __tablename__ = "ingest_job"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, default=None)
    username: Mapped[str] = mapped_column(String(80))
    filename: Mapped[str] = mapped_column(String(255))
    #: queued, running, done, failed or cancelled
    status: Mapped[str] = mapped_column(String(16), default="queued")
    progress: Mapped[str] = mapped_column(Text, default="")
    error: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)
    #: the uploaded bytes until the job has run
    payload: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    #: ids of the documents stored
    result: Mapped[Any] = mapped_column(JSON, nullable=True, default=None)


# --- passwords and users -------------------------------------------------------------------------


def hash_password(password: str) -> str:
    """An argon2id hash of `password` (at most MAX_PARALLEL_HASHES at once)."""
    with _hash_slots:
        return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when `password` matches `stored_hash` (at most MAX_PARALLEL_HASHES at once)."""
    with _hash_slots:
        try:
            return _hasher.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    return _hasher.check_needs_rehash(stored_hash)


#: what an unknown or deactivated user's password is checked against, so every login does the same work
DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def check_password_strength(password: str) -> None:
    """Refuse passwords too short to resist guessing."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise CasewatchError(f"password too short: at least {MIN_PASSWORD_LENGTH} characters")


def create_user(
    session: Session, name: str, password: str, role: str, totp_secret: str | None = None
) -> User:
    """Add a user; the name must be new and the password strong enough."""
    name = name.strip()
    if not name or len(name) > 80:
        raise CasewatchError("user name must be 1 to 80 characters")
    if role not in ROLES:
        raise CasewatchError(f"unknown role {role!r}; known: {', '.join(ROLES)}")
    check_password_strength(password)
    if session.scalar(select(User).where(User.name == name)) is not None:
        raise CasewatchError(f"user {name!r} already exists")
    user = User(name=name, password_hash=hash_password(password), role=role, totp_secret=totp_secret)
    session.add(user)
    session.flush()
    return user


def user_snapshot(user: User) -> dict:
    """What the audit log keeps of a user (never the hash or the TOTP secret)."""
    return {"name": user.name, "role": user.role, "active": user.active, "totp": user.totp_secret is not None}


# --- sessions ------------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(session: Session, user: User, *, pending_totp: bool = False) -> tuple[str, WebSession]:
    """Start a browser session for `user`: the cookie token (shown once) and its row."""
    token = secrets.token_urlsafe(32)
    row = WebSession(
        id=token_hash(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32), pending_totp=pending_totp
    )
    session.add(row)
    session.flush()
    return token, row


def drop_session(session: Session, token: str | None) -> None:
    """End the session whose cookie token is `token`, if there is one (before a new login)."""
    if token:
        row = session.get(WebSession, token_hash(token))
        if row is not None:
            session.delete(row)


def live_session(
    session: Session, token: str, lifetime: timedelta, idle: timedelta
) -> tuple[WebSession, User] | None:
    """The session and active user behind a cookie token, if the session has not expired (read only)."""
    row = session.get(WebSession, token_hash(token))
    now = utcnow()
    if row is None or now - row.created_at > lifetime or now - row.last_seen_at > idle:
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    return row, user


def end_sessions(session: Session, user_id: int) -> None:
    """Log a user out everywhere (after a password change, a role change or deactivation)."""
    for row in session.scalars(select(WebSession).where(WebSession.user_id == user_id)):
        session.delete(row)


# --- settings ------------------------------------------------------------------------------------


def get_setting(session: Session, key: str, default: str = "") -> str:
    row = session.get(AppSetting, key)
    return row.value if row else default


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=value))
    else:
        row.value = value


def app_secret(session: Session, key: str) -> bytes:
    """A random secret of the app kept in the settings table, made on first use (32 bytes)."""
    value = get_setting(session, key)
    if not value:
        try:
            session.add(AppSetting(key=key, value=secrets.token_hex(32)))
            session.commit()
        except IntegrityError:  # another process made it first
            session.rollback()
        value = get_setting(session, key)
    return bytes.fromhex(value)


def totp_required(session: Session) -> bool:
    """True when an admin requires a second factor for everyone."""
    return get_setting(session, "require_totp", "0") == "1"


# --- audit ---------------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str)) if value is not None else None


def record_audit(
    session: Session,
    user: User | str | None,
    action: str,
    entity_type: str,
    entity_id: str,
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    """Write one audit entry for a change (user: a User, a user name, or None for the system itself)."""
    entry = AuditEntry(
        user_id=user.id if isinstance(user, User) else None,
        username=user.name if isinstance(user, User) else (user or "(system)"),
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        before=_jsonable(before),
        after=_jsonable(after),
    )
    session.add(entry)
    return entry


def history(session: Session, entity_type: str, entity_id: str) -> list[AuditEntry]:
    """The audit entries of one record, newest first."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.entity_type == entity_type, AuditEntry.entity_id == str(entity_id))
        .order_by(AuditEntry.id.desc())
    )
    return list(session.scalars(query))


# --- sensitive data ------------------------------------------------------------------------------


def may_see_sensitive(
    session: Session, user: User, entity_type: str | None = None, entity_id: str | None = None
) -> bool:
    """Editors and admins see sensitive data; a viewer only with a grant for all or for this record."""
    if user.may("editor"):
        return True
    grants = session.scalars(select(SensitiveGrant).where(SensitiveGrant.user_id == user.id))
    for grant in grants:
        if grant.entity_type is None:
            return True
        if grant.entity_type == entity_type and grant.entity_id == str(entity_id):
            return True
    return False


def new_totp_secret() -> str:
    """A fresh base32 TOTP secret."""
    import pyotp

    return pyotp.random_base32()


def check_totp(secret: str, code: str, last_step: int | None = None) -> int | None:
    """The time step `code` is valid for (one step of clock drift allowed), else None.

    A step at or before `last_step` (the one last used to log in) is refused, so a code works once.
    Malformed input (a code that is not six ASCII digits, a secret that is not base32) is simply wrong.
    """
    import pyotp

    code = code.replace(" ", "").strip()
    if len(code) != 6 or not (code.isascii() and code.isdigit()) or not valid_totp_secret(secret):
        return None
    totp = pyotp.TOTP(secret)
    now = int(datetime.now(UTC).timestamp()) // totp.interval
    for step in (now, now - 1, now + 1):
        if (last_step is None or step > last_step) and secrets.compare_digest(
            totp.at(step * totp.interval).encode(), code.encode()
        ):
            return step
    return None


def valid_totp_secret(secret: str) -> bool:
    """True for a base32 secret of 16 to 64 characters (what authenticator apps accept)."""
    if not 16 <= len(secret) <= 64 or not secret.isascii():
        return False
    try:
        base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    except (binascii.Error, ValueError):
        return False
    return True


def use_totp_step(session: Session, user_id: int, step: int) -> bool:
    """Record `step` as the user's last used TOTP step, atomically; False when it (or a later one) was used.

    One conditional UPDATE, so of several sessions sending the same code at once only one wins.
    """
    result = session.execute(
        update(User)
        .where(User.id == user_id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1
