"""Password and second-factor checks, throttled so that guessing is slow but no one is locked out for good.

Every attempt counts as a failure in advance against a few keys, each with its own budget:
the account from this client, the client as a whole, and the account from everywhere. A browser
that logged into the account before (a known device, see web/security.py) counts only against
itself, so an attacker elsewhere, or made-up names sent from the same address, cannot keep its
user out. Within a key's budget attempts are checked at once; after it each attempt must wait
`first_delay · 2^(n − budget)`, never more than `max_delay`. A success clears the account's keys;
failures older than `forget_after` are forgotten.

Counting in advance is one conditional UPDATE per key (`... WHERE blocked_until <= now`), committed
before the password is hashed: parallel attempts cannot all slip through a check made before any of
them was counted, on SQLite (one writer) and on PostgreSQL (row locks) alike.

Records of attempts keep the client only as an HMAC under a key that lives in the server's memory,
and are deleted after `keep_records`.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casewatch.store import accounts
from casewatch.store.accounts import DUMMY_HASH, LoginAttempt, LoginThrottle, User, utcnow


@dataclass(frozen=True)
class Backoff:
    """How many failures a key may have before each attempt must wait, and how long at most."""

    free_failures: int
    first_delay: timedelta = timedelta(seconds=1)
    max_delay: timedelta = timedelta(minutes=15)

    def delay(self, failures: int) -> timedelta:
        """The wait before the next attempt once `failures` are counted."""
        over = failures - self.free_failures
        if over < 0:
            return timedelta(0)
        return min(self.max_delay, self.first_delay * 2 ** min(over, 40))


@dataclass(frozen=True)
class LoginPolicy:
    """The budgets of each key and how long failures and records are kept."""

    #: one account from one client, or from one browser it logged in from before
    per_account: Backoff = field(default_factory=lambda: Backoff(5))
    #: one client address, whatever names it tries
    per_client: Backoff = field(default_factory=lambda: Backoff(20))
    #: one account from all clients together (guessing from many addresses)
    per_name: Backoff = field(default_factory=lambda: Backoff(50))
    #: failures older than this no longer count
    forget_after: timedelta = timedelta(hours=24)
    #: login records older than this are deleted
    keep_records: timedelta = timedelta(days=30)


class LoginRefused(accounts.CasewatchError):
    """A login that did not succeed; the message never says which part was wrong."""


class LoginThrottled(LoginRefused):
    """Too many recent failures for this account or client: try again at `retry_at`."""

    def __init__(self, wait: timedelta, retry_at: datetime) -> None:
        minutes = max(1, math.ceil(wait.total_seconds() / 60))
        unit = "minute" if minutes == 1 else "minutes"
        super().__init__(f"too many failed logins; try again in {minutes} {unit}")
        self.wait = wait
        self.retry_at = retry_at


WRONG = "wrong user name or password"


# --- keys ----------------------------------------------------------------------------------------


def account_hash(name: str) -> str:
    """The key of an account name in the throttle table (names are not stored in clear there)."""
    return hashlib.sha256(f"casewatch-account:{name}".encode()).hexdigest()[:40]


def client_key(address: str | None, key: bytes) -> str:
    """A client address keyed with the server's secret: stable while it runs, useless without the key."""
    return hmac.new(key, f"client\0{address or '?'}".encode(), hashlib.sha256).hexdigest()[:40]


def _keys(
    name: str, address: str | None, key: bytes, device: str | None, policy: LoginPolicy
) -> dict[str, tuple[str | None, Backoff]]:
    """The throttle keys one attempt counts against, each with its account hash and budget."""
    account = account_hash(name)
    if device:
        return {"d:" + hashlib.sha256(device.encode()).hexdigest()[:40]: (account, policy.per_account)}
    pair = hmac.new(key, f"account\0{name}\0{address or '?'}".encode(), hashlib.sha256).hexdigest()[:40]
    return {
        "a:" + pair: (account, policy.per_account),
        "c:" + client_key(address, key): (None, policy.per_client),
        "n:" + account: (account, policy.per_name),
    }


# --- counting ------------------------------------------------------------------------------------


def _ensure_row(session: Session, key: str, account: str | None) -> None:
    dialect = session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        if dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        else:
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        statement = dialect_insert(LoginThrottle).values(key=key, account=account, failures=0)
        session.execute(statement.on_conflict_do_nothing(index_elements=["key"]))
        return
    if session.get(LoginThrottle, key) is None:  # other databases: a plain insert that may race
        try:
            with session.begin_nested():
                session.execute(insert(LoginThrottle).values(key=key, account=account, failures=0))
        except IntegrityError:
            pass


def _reserve(
    session: Session, keys: dict[str, tuple[str | None, Backoff]], policy: LoginPolicy, now: datetime
) -> datetime | None:
    """Count one attempt as a failure for every key, atomically, and commit; or the time to retry."""
    session.commit()  # what the caller had pending, so the reservation is its own transaction
    for key in sorted(keys):  # one order everywhere: no deadlock between two attempts
        account, backoff = keys[key]
        _ensure_row(session, key, account)
        counted = session.execute(
            update(LoginThrottle)
            .where(
                LoginThrottle.key == key,
                or_(LoginThrottle.blocked_until.is_(None), LoginThrottle.blocked_until <= now),
            )
            .values(
                failures=case(
                    (LoginThrottle.last_failure_at < now - policy.forget_after, 1),
                    else_=LoginThrottle.failures + 1,
                ),
                last_failure_at=now,
            )
            .returning(LoginThrottle.failures)
            .execution_options(synchronize_session=False)
        ).scalar_one_or_none()
        if counted is None:
            retry = session.scalar(select(LoginThrottle.blocked_until).where(LoginThrottle.key == key))
            session.rollback()
            return retry or now
        delay = backoff.delay(counted)
        if delay:
            session.execute(
                update(LoginThrottle)
                .where(LoginThrottle.key == key)
                .values(blocked_until=now + delay)
                .execution_options(synchronize_session=False)
            )
    session.commit()
    return None


def _succeeded(session: Session, keys: dict[str, tuple[str | None, Backoff]]) -> None:
    """Forget the account's failures; take back this attempt's count from the client's."""
    for key, (account, backoff) in keys.items():
        if account is not None:
            session.execute(delete(LoginThrottle).where(LoginThrottle.key == key))
            continue
        row = session.get(LoginThrottle, key)
        if row is not None:
            row.failures = max(0, row.failures - 1)
            if row.failures < backoff.free_failures:
                row.blocked_until = None


def _record(
    session: Session, user: User | None, address: str | None, key: bytes, success: bool, now: datetime
) -> None:
    """Keep one attempt: the user's name only when there is such a user (a typo may be a password)."""
    name = user.name if user is not None else "(unknown)"
    session.add(LoginAttempt(at=now, username=name, client=client_key(address, key), success=success))


def prune(session: Session, policy: LoginPolicy, now: datetime | None = None) -> None:
    """Delete login records older than `keep_records` and throttle rows with nothing left to count."""
    now = now or utcnow()
    session.execute(
        delete(LoginAttempt)
        .where(LoginAttempt.at < now - policy.keep_records)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        delete(LoginThrottle)
        .where(
            LoginThrottle.last_failure_at < now - policy.forget_after,
            or_(LoginThrottle.blocked_until.is_(None), LoginThrottle.blocked_until <= now),
        )
        .execution_options(synchronize_session=False)
    )


# --- logins --------------------------------------------------------------------------------------


def login(
    session: Session,
    name: str,
    password: str,
    *,
    address: str | None,
    key: bytes,
    device: str | None = None,
    policy: LoginPolicy | None = None,
    now: datetime | None = None,
) -> User:
    """Check a user name and password, throttled; the user, or LoginRefused / LoginThrottled.

    Every name (existing, unknown, deactivated) costs one password hash and gets the same answer.
    `device` is the id of a browser that logged into this name before (already verified). Commits
    the throttle counts; the caller commits the rest (the session it opens).
    """
    policy = policy or LoginPolicy()
    now = now or utcnow()
    name = name.strip()[:80]
    keys = _keys(name, address, key, device, policy)
    retry = _reserve(session, keys, policy, now)
    if retry is not None:
        raise LoginThrottled(retry - now, retry)
    user = session.scalar(select(User).where(User.name == name))
    usable = user is not None and user.active
    ok = accounts.verify_password(user.password_hash if usable else DUMMY_HASH, password) and usable
    prune(session, policy, now)
    if not ok:
        _record(session, user, address, key, False, now)
        session.commit()
        raise LoginRefused(WRONG)
    _succeeded(session, keys)
    if accounts.needs_rehash(user.password_hash):
        user.password_hash = accounts.hash_password(password)
    user.last_login_at = now
    _record(session, user, address, key, True, now)
    return user


def second_factor(
    session: Session,
    user: User,
    code: str,
    *,
    address: str | None,
    key: bytes,
    device: str | None = None,
    policy: LoginPolicy | None = None,
    now: datetime | None = None,
) -> bool:
    """Check a TOTP code after the password, throttled like the password; a code is used only once.

    True when the code is right and no other session used its time step before (atomically).
    Raises LoginThrottled while the account waits. Commits a wrong code's count.
    """
    policy = policy or LoginPolicy()
    now = now or utcnow()
    keys = _keys(user.name, address, key, device, policy)
    retry = _reserve(session, keys, policy, now)
    if retry is not None:
        raise LoginThrottled(retry - now, retry)
    step = accounts.check_totp(user.totp_secret or "", code, user.totp_last_step)
    if step is None or not accounts.use_totp_step(session, user.id, step):
        _record(session, user, address, key, False, now)
        session.commit()
        return False
    _succeeded(session, keys)
    return True


# --- for admins ----------------------------------------------------------------------------------


def clear_failures(session: Session, name: str) -> None:
    """Forget every failure counted for the account `name` (an admin's unlock, a password reset)."""
    session.execute(
        delete(LoginThrottle)
        .where(LoginThrottle.account == account_hash(name))
        .execution_options(synchronize_session=False)
    )


def waiting_accounts(session: Session, now: datetime | None = None) -> set[str]:
    """Hashes (account_hash) of the accounts that must wait before their next login from everywhere."""
    now = now or utcnow()
    query = select(LoginThrottle.account).where(
        LoginThrottle.key.startswith("n:"), LoginThrottle.blocked_until > now
    )
    return set(session.scalars(query))


def is_waiting(session: Session, name: str, now: datetime | None = None) -> bool:
    """True when `name` must wait before the next login from a browser it has not used before."""
    return account_hash(name) in waiting_accounts(session, now)
