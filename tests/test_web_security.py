"""Web app security: login required everywhere, roles, CSRF, lockout, TOTP, cookies, headers, escaping."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner
from web_support import TEST_PASSWORD, login, make_app, session_csrf

from casewatch.cli import app as cli_app
from casewatch.store import accounts, logins
from casewatch.store.db import session_scope
from casewatch.web.app import iter_routes
from casewatch.web.security import SESSION_COOKIE

#: routes open without a session: the login page, and the calendar feed read with its secret token
PUBLIC = {"/login", "/feeds/{token}/hearings.ics"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    policy = logins.LoginPolicy(per_account=logins.Backoff(3, timedelta(minutes=1)))
    return make_app(tmp_path_factory.mktemp("websec"), login_policy=policy)


@pytest.fixture
def client(app):
    return TestClient(app)


def logged_in(app, name: str) -> tuple[TestClient, str]:
    c = TestClient(app)
    assert login(c, name).status_code == 303
    return c, session_csrf(c)


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def routes(app):
    for route in iter_routes(app.routes):
        for method in route.methods:
            yield method, route.path


def test_every_route_refuses_anonymous_requests(app, client):
    checked = 0
    for method, path in routes(app):
        if path in PUBLIC:
            continue
        response = client.request(method, concrete(path), follow_redirects=False)
        if path.startswith("/api/"):
            assert response.status_code == 401, (method, path)
        else:
            assert response.status_code == 303, (method, path)
            assert response.headers["location"].startswith("/login"), (method, path)
        checked += 1
    assert checked > 30


def test_no_default_docs_or_schema_without_login(client):
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert client.get(path, follow_redirects=False).status_code == 404
    assert client.get("/api/v1/openapi.json").status_code == 401


def test_login_page_and_static_files_are_public(client):
    assert client.get("/login").status_code == 200
    assert client.get("/static/casewatch.css").status_code == 200


def test_security_headers_on_pages_and_static(client):
    for path in ("/login", "/static/casewatch.js", "/"):
        headers = client.get(path, follow_redirects=False).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-content-type-options"] == "nosniff"


def test_no_inline_script_in_pages(app):
    c, _ = logged_in(app, "ada")
    for path in ("/", "/reports/1", "/persons", "/admin", "/review"):
        html = c.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert " on" + "click=" not in html


def test_session_cookie_is_httponly_and_strict(client):
    response = login(client, "vera")
    cookie = response.headers["set-cookie"].split(",")[0]
    assert cookie.startswith(SESSION_COOKIE + "=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_over_https(app):
    c = TestClient(app, base_url="https://testserver")
    response = login(c, "vera")
    assert "Secure" in response.headers["set-cookie"].split(",")[0]
    assert "strict-transport-security" in response.headers


def test_passwords_are_stored_as_argon2id(app):
    with session_scope(app.state.engine) as session:
        user = session.scalar(select(accounts.User).where(accounts.User.name == "vera"))
        assert user.password_hash.startswith("$argon2id$")
        assert TEST_PASSWORD not in user.password_hash


def test_wrong_password_is_refused_without_saying_why(client):
    response = login(client, "vera", "not-the-password")
    assert response.status_code == 401
    assert "wrong user name or password" in response.text
    assert SESSION_COOKIE not in response.headers.get("set-cookie", "")
    assert login(client, "nobody-at-all", "whatever-password").status_code == 401


def test_login_form_needs_its_csrf_token(client):
    response = client.post("/login", data={"name": "vera", "password": TEST_PASSWORD, "csrf_token": "forged"})
    assert response.status_code == 403


def test_repeated_failures_make_the_next_try_wait(app):
    with session_scope(app.state.engine) as session:
        accounts.create_user(session, "locky", TEST_PASSWORD, "viewer")
    c = TestClient(app)
    for _ in range(3):
        assert login(c, "locky", "wrong-password-xx").status_code == 401
    response = login(c, "locky")  # the right password, too early
    assert response.status_code == 429
    assert "try again in 1 minute" in response.text
    assert 0 < int(response.headers["retry-after"]) <= 61
    from casewatch.web.commands import unlock_user

    unlock_user(app.state.engine, "locky")
    assert login(c, "locky").status_code == 303


def test_logout_ends_the_session(app):
    c, token = logged_in(app, "vera")
    assert c.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert c.get("/", follow_redirects=False).status_code == 303


def test_old_session_cookie_is_useless_after_logout(app):
    c, token = logged_in(app, "vera")
    cookie = c.cookies.get(SESSION_COOKIE)
    c.post("/logout", data={"csrf_token": token})
    other = TestClient(app)
    other.cookies.set(SESSION_COOKIE, cookie)
    assert other.get("/", follow_redirects=False).status_code == 303


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/claims/{claim}/review", {"action": "confirm"}),
        ("/persons/1/sensitive", {"reason": "health"}),
        ("/admin/settings", {"require_totp": "1"}),
        ("/logout", {}),
    ],
)
def test_form_posts_without_csrf_token_are_refused(app, path, data):
    c, token = logged_in(app, "ada")
    claim = c.get("/api/v1/claims").json()["claims"][0]["id"]
    url = path.format(claim=claim)
    assert c.post(url, data=data, follow_redirects=False).status_code == 403
    wrong = data | {"csrf_token": token[:-2] + "xx"}
    assert c.post(url, data=wrong, follow_redirects=False).status_code == 403


def test_api_write_needs_csrf_header(app):
    c, token = logged_in(app, "eddie")
    claim = c.get("/api/v1/claims").json()["claims"][0]["id"]
    url = f"/api/v1/claims/{claim}/review"
    assert c.post(url, json={"action": "confirm"}).status_code == 403
    assert c.post(url, json={"action": "confirm"}, headers={"X-CSRF-Token": "nope"}).status_code == 403
    response = c.post(url, json={"action": "confirm"}, headers={"X-CSRF-Token": token})
    assert response.status_code == 200
    assert response.json()["status"] == "confirmed"


def test_cross_site_origin_is_refused(app):
    c, token = logged_in(app, "eddie")
    claim = c.get("/api/v1/claims").json()["claims"][0]["id"]
    response = c.post(
        f"/claims/{claim}/review",
        data={"action": "confirm", "csrf_token": token},
        headers={"Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert response.status_code == 403


def test_viewer_cannot_write(app):
    c, token = logged_in(app, "vera")
    claim = c.get("/api/v1/claims").json()["claims"][0]["id"]
    writes = [
        (f"/claims/{claim}/review", {"action": "confirm"}),
        ("/persons/1/sensitive", {"reason": "health"}),
        ("/review/links/1", {"action": "merge"}),
        ("/admin/users", {"name": "x", "role": "admin", "password": "p" * 12, "repeat": "p" * 12}),
        ("/admin/settings", {"require_totp": "1"}),
        ("/admin/grants", {"user": "vera"}),
    ]
    for url, data in writes:
        assert c.post(url, data=data | {"csrf_token": token}).status_code == 403, url
    response = c.post("/upload", data={"csrf_token": token}, files={"report": ("a.txt", b"text")})
    assert response.status_code == 403
    assert (
        c.post(
            f"/api/v1/claims/{claim}/review", json={"action": "reject"}, headers={"X-CSRF-Token": token}
        ).status_code
        == 403
    )
    for page in ("/upload", "/review", "/audit", "/admin"):
        assert c.get(page).status_code == 403, page


def test_editor_cannot_administer(app):
    c, token = logged_in(app, "eddie")
    assert c.get("/admin").status_code == 403
    assert c.post("/admin/settings", data={"require_totp": "1", "csrf_token": token}).status_code == 403


def test_totp_login_needs_the_code(app):
    secret = pyotp.random_base32()
    with session_scope(app.state.engine) as session:
        accounts.create_user(session, "tom", TEST_PASSWORD, "viewer", totp_secret=secret)
    c = TestClient(app)
    response = login(c, "tom")
    assert response.headers["location"].startswith("/login/totp")
    assert c.get("/", follow_redirects=False).headers["location"] == "/login/totp"
    assert c.get("/api/v1/persons").status_code == 401
    page = c.get("/login/totp")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    assert c.post("/login/totp", data={"code": "000000", "csrf_token": token}).status_code == 401
    code = pyotp.TOTP(secret).now()
    response = c.post("/login/totp", data={"code": code, "csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303
    assert c.get("/").status_code == 200
    again = TestClient(app)  # the same code a second time (replayed) is refused
    login(again, "tom")
    token = re.search(r'name="csrf_token" value="([^"]+)"', again.get("/login/totp").text).group(1)
    assert again.post("/login/totp", data={"code": code, "csrf_token": token}).status_code == 401


def test_admin_can_require_totp_for_everyone(tmp_path):
    app = make_app(tmp_path)
    admin, token = logged_in(app, "ada")
    assert admin.post("/admin/settings", data={"require_totp": "1", "csrf_token": token}).status_code == 200
    c = TestClient(app)
    login(c, "vera")
    assert c.get("/", follow_redirects=False).headers["location"] == "/account/totp"
    setup = c.get("/account/totp").text
    secret = re.search(r'name="secret" value="([A-Z2-7]+)"', setup).group(1)
    token = re.search(r'name="csrf_token" value="([^"]+)"', setup).group(1)
    code = pyotp.TOTP(secret).now()
    data = {"secret": secret, "code": code, "password": TEST_PASSWORD, "csrf_token": token}
    assert c.post("/account/totp", data=data).status_code == 200
    assert c.get("/").status_code == 200
    with session_scope(app.state.engine) as session:
        query = select(accounts.AuditEntry).where(accounts.AuditEntry.entity_id == "require_totp")
        audit = session.scalars(query)
        assert [e.username for e in audit] == ["ada"]


def test_open_redirect_after_login_is_prevented(client):
    from casewatch.web.routers.auth import safe_next

    assert safe_next("//evil.example/") == "/"
    assert safe_next("https://evil.example/") == "/"
    assert safe_next("/persons?q=a") == "/persons?q=a"


XSS = "<script>alert(1)</script>"


def test_script_in_report_name_and_search_is_escaped(app):
    c, _ = logged_in(app, "ada")
    pages = [
        "/reports/2",
        "/persons?q=" + XSS,
        "/persons?q=script",
        "/search?q=" + XSS,
        "/search?q=alert",
        "/persons/5",
        "/persons?side=" + XSS,
        "/audit?by=" + XSS,
        "/login?next=" + XSS,
    ]
    for page in pages:
        html = c.get(page).text
        assert "<script>alert" not in html, page
    assert "&lt;script&gt;alert(&#34;report&#34;)" in c.get("/reports/2").text
    assert "&lt;script&gt;alert(&#34;name&#34;)" in c.get("/persons/5").text


def test_validation_errors_are_not_reflected_raw(app):
    c, _ = logged_in(app, "ada")
    response = c.get("/persons/%3Cscript%3Ealert(1)")
    assert response.status_code == 422
    assert "<script>alert" not in response.text


def test_cli_user_add_asks_for_the_password_twice(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "cli.db")
    result = runner.invoke(
        cli_app, ["user", "add", "root", "--admin", "--db", db], input="long-enough-pass\nlong-enough-pass\n"
    )
    assert result.exit_code == 0, result.output
    assert "added admin root" in result.output
    short = runner.invoke(cli_app, ["user", "add", "bob", "--viewer", "--db", db], input="short\nshort\n")
    assert short.exit_code == 1
    assert "password too short" in short.output
    twice = runner.invoke(
        cli_app, ["user", "add", "root", "--editor", "--db", db], input="long-enough-pass\nlong-enough-pass\n"
    )
    assert twice.exit_code == 1 and "already exists" in twice.output
    roles = runner.invoke(cli_app, ["user", "add", "x", "--admin", "--viewer", "--db", db])
    assert roles.exit_code == 1
    listed = runner.invoke(cli_app, ["user", "list", "--db", db])
    assert "root\tadmin\tactive" in listed.output


def test_cli_user_add_with_totp_prints_the_key(tmp_path):
    result = CliRunner().invoke(
        cli_app,
        ["user", "add", "tina", "--totp", "--db", str(tmp_path / "t.db")],
        input="long-enough-pass\nlong-enough-pass\n",
    )
    assert result.exit_code == 0
    assert "otpauth://totp/" in result.output


def test_serve_refuses_to_start_without_an_admin(tmp_path):
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "empty.db")])
    assert result.exit_code == 1
    assert "no admin yet" in result.output
