"""Logins that cannot be turned against users, and bodies that cannot exhaust the server.

One test (at least) per finding of the pen-test of issue 9: body limits before authentication,
throttling that never locks an account for good, bounded hashing, equal answers for every kind of
user name, keyed and pruned login records, single-use TOTP codes, and the smaller web items.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import threading
import time
import tomllib
from datetime import timedelta
from pathlib import Path

import pyotp
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner
from web_support import TEST_PASSWORD, csrf_of, login, make_app, session_csrf

from casewatch.cli import app as cli_app
from casewatch.store import accounts, logins
from casewatch.store.db import session_scope
from casewatch.web.security import SESSION_COOKIE

MIB = 1024 * 1024


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("weblogin"))


def add_user(app, name: str, role: str = "viewer", totp_secret: str | None = None) -> None:
    with session_scope(app.state.engine) as session:
        accounts.create_user(session, name, TEST_PASSWORD, role, totp_secret=totp_secret)


def client_at(app, address: str, **kwargs) -> TestClient:
    return TestClient(app, client=(address, 40000), **kwargs)


# --- 5: request bodies are limited before authentication ----------------------------------------


def call_asgi(app, method: str, path: str, chunks, headers: list[tuple[bytes, bytes]]):
    """Send one request straight to the ASGI app; (status, bytes the app pulled, chunks pulled)."""
    pulled = {"bytes": 0, "chunks": 0}
    sent: list[dict] = []
    source = iter(chunks)

    async def receive():
        chunk = next(source, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        pulled["bytes"] += len(chunk)
        pulled["chunks"] += 1
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("10.9.0.1", 5000),
        "server": ("testserver", 80),
    }
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], pulled, dict(start["headers"])


def test_chunked_json_body_is_refused_before_auth_without_reading_it(app):
    chunk = b" " * (64 * 1024)
    total = 256  # 16 MiB sent chunked, no Content-Length
    status, pulled, headers = call_asgi(
        app,
        "POST",
        "/api/v1/claims/1/review",
        (chunk for _ in range(total)),
        [(b"content-type", b"application/json"), (b"transfer-encoding", b"chunked")],
    )
    assert status == 413  # not 401: the body limit answered before authentication
    assert pulled["bytes"] <= app.state.settings.max_form_bytes + len(chunk)
    assert pulled["chunks"] < total
    assert b"content-security-policy" in headers


def test_declared_large_body_is_refused_without_reading_any_of_it(app):
    for path in ("/login", "/upload", "/api/v1/claims/1/review"):
        status, pulled, _ = call_asgi(
            app,
            "POST",
            path,
            (b"x" * 1024 for _ in range(10)),
            [(b"content-type", b"multipart/form-data; boundary=zz"), (b"content-length", b"314572800")],
        )
        assert status == 413, path
        assert pulled["chunks"] == 0, path


def test_upload_size_is_allowed_only_to_logged_in_editors(app):
    big = b"Bulletin of an invented town.\n" * (2 * MIB // 30)  # ~2 MiB: over the form limit
    anonymous = TestClient(app)
    token = csrf_of(anonymous.get("/login").text)
    response = anonymous.post("/upload", data={"csrf_token": token}, files={"report": ("a.txt", big)})
    assert response.status_code == 413
    viewer = TestClient(app)
    login(viewer, "vera")
    token = session_csrf(viewer)
    response = viewer.post("/upload", data={"csrf_token": token}, files={"report": ("a.txt", big)})
    assert response.status_code == 413
    editor = TestClient(app)
    login(editor, "eddie")
    token = session_csrf(editor)
    response = editor.post(
        "/upload", data={"csrf_token": token}, files={"report": ("a.txt", big)}, follow_redirects=False
    )
    assert response.status_code == 303


# --- 6: no lockout that an attacker can keep going ----------------------------------------------


def test_failures_are_forgotten_after_a_successful_login(tmp_path):
    app = make_app(tmp_path, login_policy=logins.LoginPolicy(per_account=logins.Backoff(3)))
    c = TestClient(app)
    for _ in range(3):
        for _ in range(2):
            assert login(c, "vera", "wrong-password-xx").status_code == 401
        assert login(c, "vera").status_code == 303


def test_backoff_is_capped_and_never_a_lock(tmp_path):
    engine_app = make_app(tmp_path)
    cap = timedelta(minutes=15)
    policy = logins.LoginPolicy(per_account=logins.Backoff(2, timedelta(seconds=1), cap))
    key = b"k" * 32
    now = accounts.utcnow()
    with Session(engine_app.state.engine) as session:
        waits = []
        for _ in range(60):  # an attacker trying again whenever the wait is over
            try:
                logins.login(
                    session, "vera", "wrong-password-xx", address="10.1.1.1", key=key, policy=policy, now=now
                )
            except logins.LoginThrottled as exc:
                waits.append(exc.wait)
                now = exc.retry_at
            except logins.LoginRefused:
                pass
        assert max(waits) == cap  # the wait grew to the cap and no further
        user = logins.login(
            session, "vera", TEST_PASSWORD, address="10.1.1.1", key=key, policy=policy, now=now + cap
        )
        assert user.name == "vera"


def test_an_attacker_elsewhere_cannot_keep_a_known_browser_out(tmp_path):
    app = make_app(
        tmp_path, login_policy=logins.LoginPolicy(per_name=logins.Backoff(20, timedelta(minutes=5)))
    )
    admin = client_at(app, "10.2.0.1")
    assert login(admin, "ada").status_code == 303  # this browser is now known for ada
    for n in range(5):  # guessing from many addresses: over the budget of the name from everywhere
        attacker = client_at(app, f"10.66.0.{n}")
        for _ in range(6):
            assert login(attacker, "ada", "wrong-password-xx").status_code in (401, 429)
    with session_scope(app.state.engine) as session:
        assert logins.is_waiting(session, "ada")
    assert login(client_at(app, "10.66.1.1"), "ada").status_code == 429  # a new browser waits
    admin_again = client_at(app, "10.2.0.1")
    admin_again.cookies = admin.cookies
    assert login(admin_again, "ada").status_code == 303  # the admin's own browser does not


def test_made_up_names_from_one_address_do_not_lock_real_users(tmp_path):
    app = make_app(
        tmp_path, login_policy=logins.LoginPolicy(per_client=logins.Backoff(20, timedelta(minutes=5)))
    )
    known = client_at(app, "10.3.0.7")
    assert login(known, "vera").status_code == 303
    spray = client_at(app, "10.3.0.7")  # the same address (an office behind one router)
    for n in range(30):
        assert login(spray, f"made-up-{n}", "wrong-password-xx").status_code in (401, 429)
    assert login(spray, "eddie").status_code == 429  # that browser is slowed down
    again = client_at(app, "10.3.0.7")
    again.cookies = known.cookies
    assert login(again, "vera").status_code == 303  # a browser vera used before is not
    elsewhere = client_at(app, "10.3.9.9")
    assert login(elsewhere, "eddie").status_code == 303  # and no account was locked


# --- 7: atomic throttling and bounded hashing ---------------------------------------------------


def run_at_once(count: int, work) -> list:
    """Run `work(n)` in `count` threads released together; their results."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(n: int) -> None:
        barrier.wait()
        results[n] = work(n)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_parallel_wrong_passwords_are_checked_at_most_the_free_number_of_times(engine, monkeypatch):
    with session_scope(engine) as session:
        accounts.create_user(session, "vera", TEST_PASSWORD, "viewer")
    checked = []
    real_verify = accounts.verify_password
    monkeypatch.setattr(accounts, "verify_password", lambda h, pw: checked.append(pw) or real_verify(h, pw))
    policy = logins.LoginPolicy(per_account=logins.Backoff(3))

    def attempt(n: int) -> str:
        with Session(engine) as session:
            try:
                logins.login(session, "vera", f"wrong-{n}", address="10.4.0.1", key=b"k" * 32, policy=policy)
            except logins.LoginThrottled:
                return "waits"
            except logins.LoginRefused:
                return "wrong"
        return "in"

    results = run_at_once(18, attempt)
    assert 1 <= len(checked) <= 3
    assert results.count("wrong") == len(checked) and results.count("waits") == 18 - len(checked)


def test_a_totp_step_is_used_once_under_concurrency(engine):
    with session_scope(engine) as session:
        user_id = accounts.create_user(session, "timur", TEST_PASSWORD, "viewer", pyotp.random_base32()).id

    def use(n: int) -> bool:
        with Session(engine) as session:
            used = accounts.use_totp_step(session, user_id, 1000)
            session.commit()
            return used

    assert sorted(run_at_once(6, use)) == [False] * 5 + [True]


def test_parallel_password_hashing_is_bounded(monkeypatch):
    active = {"now": 0, "most": 0}
    lock = threading.Lock()

    class SlowHasher:
        def verify(self, stored, password):
            with lock:
                active["now"] += 1
                active["most"] = max(active["most"], active["now"])
            time.sleep(0.05)
            with lock:
                active["now"] -= 1
            return True

    monkeypatch.setattr(accounts, "_hasher", SlowHasher())
    threads = [threading.Thread(target=accounts.verify_password, args=("h", "p")) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert active["most"] <= accounts.MAX_PARALLEL_HASHES < 12


# --- 8: no user enumeration ---------------------------------------------------------------------


def _answer(response) -> str:
    return re.sub(r'value="[^"]*"', 'value=""', response.text)


def test_unknown_locked_and_deactivated_names_get_the_same_answer_and_work(tmp_path, monkeypatch):
    slow = logins.Backoff(2, timedelta(minutes=1))
    app = make_app(tmp_path, login_policy=logins.LoginPolicy(per_account=slow))
    add_user(app, "olzhas")
    add_user(app, "gone-user")
    with session_scope(app.state.engine) as session:
        user = session.scalar(select(accounts.User).where(accounts.User.name == "gone-user"))
        user.active = False
    checked = []
    real_verify = accounts.verify_password
    monkeypatch.setattr(
        accounts, "verify_password", lambda stored, pw: checked.append(pw) or real_verify(stored, pw)
    )
    answers = {}
    work = {}
    for label, name, password, address in [
        ("wrong password", "olzhas", "wrong-password-xx", "10.5.0.1"),
        ("unknown", "no-such-person", "wrong-password-xx", "10.5.0.2"),
        ("deactivated, right password", "gone-user", TEST_PASSWORD, "10.5.0.3"),
    ]:
        checked.clear()
        response = login(client_at(app, address), name, password)
        answers[label] = (response.status_code, _answer(response))
        work[label] = len(checked)
    assert len(set(answers.values())) == 1, answers
    assert set(work.values()) == {1}, work
    # throttled ("locked") names answer alike, existing or not
    locked = {}
    for name, address in [("olzhas", "10.5.1.1"), ("nobody-here", "10.5.1.2")]:
        c = client_at(app, address)
        for _ in range(3):
            login(c, name, "wrong-password-xx")
        checked.clear()
        response = login(c, name, TEST_PASSWORD)
        locked[name] = (response.status_code, _answer(response), len(checked))
    assert locked["olzhas"] == locked["nobody-here"]
    assert locked["olzhas"][0] == 429


# --- 9: login records keyed with a secret and pruned --------------------------------------------


def test_client_addresses_are_keyed_with_a_secret(tmp_path):
    app = make_app(tmp_path)
    login(client_at(app, "192.0.2.44"), "vera", "wrong-password-xx")
    with session_scope(app.state.engine) as session:
        stored = {a.client for a in session.scalars(select(accounts.LoginAttempt))}
        stored |= {t.key for t in session.scalars(select(accounts.LoginThrottle))}
        secrets_in_db = {s.value for s in session.scalars(select(accounts.AppSetting))}
    plain = hashlib.sha256(b"casewatch-client:192.0.2.44").hexdigest()
    assert stored and not any(plain[:32] in value for value in stored)
    assert not any("192.0.2.44" in value for value in stored)
    key = app.state.address_key
    assert logins.client_key("192.0.2.44", key) != logins.client_key("192.0.2.44", b"other" * 8)
    assert not any(key.hex() in value for value in secrets_in_db)  # the key is not in the database


def test_old_login_records_are_pruned(tmp_path):
    app = make_app(tmp_path)
    with session_scope(app.state.engine) as session:
        session.add(
            accounts.LoginAttempt(
                at=accounts.utcnow() - timedelta(days=31), username="vera", client="x", success=True
            )
        )
        session.add(
            accounts.LoginAttempt(
                at=accounts.utcnow() - timedelta(days=2), username="vera", client="y", success=True
            )
        )
    assert login(TestClient(app), "vera").status_code == 303
    with session_scope(app.state.engine) as session:
        clients = {a.client for a in session.scalars(select(accounts.LoginAttempt))}
    assert "x" not in clients and "y" in clients


# --- 10: TOTP ----------------------------------------------------------------------------------


def half_logged_in(app, name: str, address: str) -> tuple[TestClient, str]:
    c = client_at(app, address)
    assert login(c, name).headers["location"].startswith("/login/totp")
    return c, csrf_of(c.get("/login/totp").text)


def test_one_totp_code_logs_in_only_one_of_concurrent_sessions(tmp_path):
    app = make_app(tmp_path)
    secret = pyotp.random_base32()
    add_user(app, "timur", totp_secret=secret)
    sessions = [half_logged_in(app, "timur", f"10.6.0.{n}") for n in range(4)]
    code = pyotp.TOTP(secret).now()
    barrier = threading.Barrier(len(sessions))
    statuses = []

    def submit(c: TestClient, token: str) -> None:
        barrier.wait()
        response = c.post("/login/totp", data={"code": code, "csrf_token": token}, follow_redirects=False)
        statuses.append(response.status_code)

    threads = [threading.Thread(target=submit, args=pair) for pair in sessions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [303, 401, 401, 401]


def fully_logged_in(app, name: str, secret: str) -> tuple[TestClient, str]:
    c, token = half_logged_in(app, name, "10.7.0.1")
    code = pyotp.TOTP(secret).now()
    assert (
        c.post("/login/totp", data={"code": code, "csrf_token": token}, follow_redirects=False).status_code
        == 303
    )
    with session_scope(app.state.engine) as session:  # as if the login was a while ago
        user = session.scalar(select(accounts.User).where(accounts.User.name == name))
        user.totp_last_step = None
    return c, session_csrf(c)


def current_secret(app, name: str) -> str | None:
    with session_scope(app.state.engine) as session:
        return session.scalar(select(accounts.User.totp_secret).where(accounts.User.name == name))


def test_replacing_the_totp_secret_needs_password_and_current_code(tmp_path):
    app = make_app(tmp_path)
    secret = pyotp.random_base32()
    add_user(app, "saltanat", totp_secret=secret)
    c, token = fully_logged_in(app, "saltanat", secret)
    new = re.search(r'name="secret" value="([A-Z2-7]+)"', c.get("/account/totp").text).group(1)
    new_code = pyotp.TOTP(new).now()
    attempts = [
        {"secret": new, "code": new_code},
        {"secret": new, "code": new_code, "password": TEST_PASSWORD},
        {
            "secret": new,
            "code": new_code,
            "password": "wrong-password-xx",
            "current_code": pyotp.TOTP(secret).now(),
        },
    ]
    for data in attempts:
        response = c.post("/account/totp", data=data | {"csrf_token": token})
        assert response.status_code == 400, data
        assert current_secret(app, "saltanat") == secret
    response = c.post(
        "/account/totp",
        data={
            "secret": new,
            "code": new_code,
            "password": TEST_PASSWORD,
            "current_code": pyotp.TOTP(secret).now(),
            "csrf_token": token,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert current_secret(app, "saltanat") == new


def test_removing_the_totp_secret_needs_the_current_code(tmp_path):
    app = make_app(tmp_path)
    secret = pyotp.random_base32()
    add_user(app, "aidos", totp_secret=secret)
    c, token = fully_logged_in(app, "aidos", secret)
    response = c.post("/account/totp/remove", data={"password": TEST_PASSWORD, "csrf_token": token})
    assert response.status_code == 400
    assert current_secret(app, "aidos") == secret


def test_malformed_totp_input_is_a_form_error_with_headers(tmp_path):
    app = make_app(tmp_path)
    secret = pyotp.random_base32()
    add_user(app, "zhanna", totp_secret=secret)
    c, token = half_logged_in(app, "zhanna", "10.8.0.1")
    response = c.post("/login/totp", data={"code": "\u00b2" * 6, "csrf_token": token})
    assert response.status_code == 401
    c, token = fully_logged_in(app, "zhanna", secret)
    for bad_secret in ("01890189", "A" * 64, ""):
        response = c.post(
            "/account/totp",
            data={"secret": bad_secret, "code": "123456", "password": TEST_PASSWORD, "csrf_token": token},
        )
        assert response.status_code == 400, bad_secret
        assert "content-security-policy" in response.headers


def test_server_errors_carry_the_security_headers(tmp_path):
    app = make_app(tmp_path)

    def broken():
        raise RuntimeError("an invented failure")

    app.add_api_route("/broken-for-test", broken)
    response = TestClient(app, raise_server_exceptions=False).get("/broken-for-test")
    assert response.status_code == 500
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "an invented failure" not in response.text


# --- smaller items ------------------------------------------------------------------------------


def test_forwarded_proto_is_ignored_without_https_proxy(app):
    c = TestClient(app)
    token = csrf_of(c.get("/login").text)
    response = c.post(
        "/login",
        data={"name": "vera", "password": TEST_PASSWORD, "csrf_token": token},
        headers={"X-Forwarded-Proto": "https"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert "strict-transport-security" not in response.headers
    assert "Secure" not in response.headers["set-cookie"]


def test_unknown_host_names_are_refused(tmp_path):
    from casewatch.web.config import WebSettings, allowed_hosts_for

    assert {"127.0.0.1", "localhost"} <= set(WebSettings().allowed_hosts)
    assert allowed_hosts_for("127.0.0.1", ["cases.example.org"]) == [
        "127.0.0.1",
        "localhost",
        "cases.example.org",
    ]
    app = make_app(tmp_path, allowed_hosts=["127.0.0.1", "localhost"])
    assert TestClient(app, base_url="http://127.0.0.1:8000").get("/login").status_code == 200
    response = TestClient(app, base_url="http://evil.example").get("/login")
    assert response.status_code == 400
    assert "content-security-policy" in response.headers


def test_allowed_hosts_from_the_environment(monkeypatch):
    from casewatch.web.config import allowed_hosts_for

    monkeypatch.setenv("CASEWATCH_ALLOWED_HOSTS", "cases.example.org, intranet.local")
    assert allowed_hosts_for("127.0.0.1") == ["127.0.0.1", "localhost", "cases.example.org", "intranet.local"]


def test_logging_in_again_replaces_the_old_session(app):
    c = TestClient(app)
    login(c, "vera")
    old = c.cookies.get(SESSION_COOKIE)
    login(c, "vera")
    assert c.cookies.get(SESSION_COOKIE) != old
    stale = TestClient(app)
    stale.cookies.set(SESSION_COOKIE, old)
    assert stale.get("/", follow_redirects=False).status_code == 303


def test_turning_on_totp_replaces_the_session(tmp_path):
    app = make_app(tmp_path)
    elsewhere = TestClient(app)
    login(elsewhere, "vera")
    c = TestClient(app)
    login(c, "vera")
    old = c.cookies.get(SESSION_COOKIE)
    page = c.get("/account/totp").text
    secret = re.search(r'name="secret" value="([A-Z2-7]+)"', page).group(1)
    data = {
        "secret": secret,
        "code": pyotp.TOTP(secret).now(),
        "password": TEST_PASSWORD,
        "csrf_token": csrf_of(page),
    }
    assert c.post("/account/totp", data=data, follow_redirects=False).status_code == 303
    assert c.cookies.get(SESSION_COOKIE) != old
    stale = TestClient(app)
    stale.cookies.set(SESSION_COOKIE, old)
    assert stale.get("/", follow_redirects=False).status_code == 303
    assert elsewhere.get("/", follow_redirects=False).status_code == 303  # other sessions end too
    assert c.get("/", follow_redirects=False).status_code == 200


def test_cli_user_add_states_the_minimum_before_asking(tmp_path):
    result = CliRunner().invoke(
        cli_app, ["user", "add", "nurlan", "--db", str(tmp_path / "u.db")], input="short\n"
    )
    assert result.exit_code == 1
    before_prompt = result.output.split("Password")[0]
    assert "at least 12 characters" in before_prompt
    assert "password too short" in result.output
    assert "Repeat" not in result.output  # refused before the second entry


def test_license_is_an_spdx_string():
    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert project["project"]["license"] == "AGPL-3.0-or-later"
    assert "setuptools>=77" in project["build-system"]["requires"]


def test_login_tables_of_models_and_migrations_agree(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from casewatch.store.db import open_database
    from casewatch.store.models import Base

    engine = open_database(f"sqlite:///{tmp_path / 'm.db'}")
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    tables = {"web_user", "web_login_throttle", "web_login_attempt"}
    assert [d for d in diffs if tables & set(re.findall(r"'(web_\w+)'", repr(d)))] == []
