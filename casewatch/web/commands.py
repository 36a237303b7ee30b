"""Plain functions behind `casewatch serve` and `casewatch user ...`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select

from casewatch.errors import CasewatchError
from casewatch.store import accounts, logins
from casewatch.store.db import session_scope


@dataclass
class NewUser:
    name: str
    role: str
    #: the otpauth:// URI to put into an authenticator app, when --totp was asked for
    totp_uri: str | None = None
    totp_secret: str | None = None


def add_user(engine: Engine, name: str, role: str, password: str, totp: bool = False) -> NewUser:
    """Create a user (the first admin, too); with `totp`, a second factor is set up at once."""
    import pyotp

    secret = accounts.new_totp_secret() if totp else None
    with session_scope(engine) as session:
        user = accounts.create_user(session, name, password, role, totp_secret=secret)
        accounts.record_audit(
            session, "(command line)", "create", "user", str(user.id), None, accounts.user_snapshot(user)
        )
    uri = pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name="casewatch") if secret else None
    return NewUser(name=name, role=role, totp_uri=uri, totp_secret=secret)


def list_users(engine: Engine) -> list[dict]:
    """Every user with role, status and second factor, by name."""
    with session_scope(engine) as session:
        users = session.scalars(select(accounts.User).order_by(accounts.User.name))
        return [accounts.user_snapshot(u) for u in users]


def set_password(engine: Engine, name: str, password: str) -> None:
    """Reset a user's password and log them out everywhere (also unlocks them)."""
    accounts.check_password_strength(password)
    with session_scope(engine) as session:
        user = session.scalar(select(accounts.User).where(accounts.User.name == name))
        if user is None:
            raise CasewatchError(f"no user {name!r}")
        user.password_hash = accounts.hash_password(password)
        logins.clear_failures(session, name)
        accounts.end_sessions(session, user.id)
        accounts.record_audit(session, "(command line)", "reset_password", "user", str(user.id))


def unlock_user(engine: Engine, name: str) -> None:
    """Forget the failed logins of a user, so no browser has to wait before the next try."""
    with session_scope(engine) as session:
        user = session.scalar(select(accounts.User).where(accounts.User.name == name))
        if user is None:
            raise CasewatchError(f"no user {name!r}")
        logins.clear_failures(session, name)
        accounts.record_audit(session, "(command line)", "unlock", "user", str(user.id))


def serve(
    database_url: str | None,
    host: str = "127.0.0.1",
    port: int = 8000,
    https_proxy: bool = False,
    allowed_hosts: list[str] | None = None,
) -> None:
    """Run the web app with uvicorn (one server process; uploads are ingested in worker processes)."""
    import uvicorn

    from casewatch.web.app import create_app
    from casewatch.web.config import WebSettings, allowed_hosts_for
    from casewatch.web.jobs import recover_stranded_jobs

    settings = WebSettings(
        force_https=https_proxy, allowed_hosts=allowed_hosts_for(host, allowed_hosts or [])
    )
    app = create_app(database_url, settings)
    with session_scope(app.state.engine) as session:
        if session.scalar(select(accounts.User.id).where(accounts.User.role == "admin")) is None:
            raise CasewatchError("no admin yet: create one first with `casewatch user add NAME --admin`")
    recover_stranded_jobs(app.state.engine)  # jobs the last server left running: failed, uploads deleted
    uvicorn.run(app, host=host, port=port, proxy_headers=https_proxy, server_header=False, access_log=False)
