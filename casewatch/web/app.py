"""The web application factory: `create_app(database_url, settings)`."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from sqlalchemy.orm import sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import HTTPConnection
from starlette.types import Scope

from casewatch.web.config import WebSettings
from casewatch.web.deps import Forbidden, NeedsTotp, NotAuthenticated
from casewatch.web.render import page
from casewatch.web.security import SESSION_COOKIE, BodyLimitMiddleware, SecurityHeadersMiddleware

STATIC_DIR = Path(__file__).parent / "static"
#: the routes that take a report file (the upload limit applies only there, and only for editors)
UPLOAD_PATHS = frozenset({"/upload"})
#: room for the form fields and multipart boundaries around an uploaded file
UPLOAD_OVERHEAD = 64 * 1024


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotAuthenticated)
    async def not_authenticated(request: Request, exc: NotAuthenticated):
        if _is_api(request):
            return JSONResponse({"error": "not logged in"}, status_code=401)
        target = "/login"
        if request.method == "GET" and request.url.path not in ("/", "/logout"):
            target += "?next=" + quote(request.url.path, safe="/")
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(NeedsTotp)
    async def needs_totp(request: Request, exc: NeedsTotp):
        if _is_api(request):
            return JSONResponse({"error": "second factor needed"}, status_code=401)
        return RedirectResponse("/account/totp" if exc.setup else "/login/totp", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden):
        if _is_api(request):
            return JSONResponse({"error": exc.message}, status_code=403)
        return page(request, "error.html", {"title": "Not allowed", "error": exc.message}, status_code=403)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        if _is_api(request):
            return JSONResponse({"error": detail}, status_code=exc.status_code, headers=exc.headers)
        return page(
            request,
            "error.html",
            {"title": f"Error {exc.status_code}", "error": detail},
            status_code=exc.status_code,
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = [
            {"loc": [str(part) for part in err.get("loc", ())], "msg": str(err.get("msg", ""))}
            for err in exc.errors()
        ]
        if _is_api(request):
            return JSONResponse({"error": "invalid request", "problems": problems}, status_code=422)
        text = "; ".join(f"{'.'.join(p['loc'][1:])}: {p['msg']}" for p in problems)
        return page(request, "error.html", {"title": "Invalid request", "error": text}, status_code=422)


def _editor_session(app: FastAPI, token: str) -> bool:
    """True when the cookie token names a live, fully logged-in session of an editor or admin."""
    from casewatch.store import accounts

    settings: WebSettings = app.state.settings
    with app.state.sessionmaker() as db:
        found = accounts.live_session(db, token, settings.session_lifetime, settings.session_idle)
        if found is None:
            return False
        row, user = found
        second_factor_done = user.totp_secret is not None or not accounts.totp_required(db)
        return not row.pending_totp and second_factor_done and user.may("editor")


def _upload_check(app: FastAPI):
    """`may_upload(scope)` for the body limit: looks the session up in a worker thread."""
    import anyio.to_thread

    async def may_upload(scope: Scope) -> bool:
        token = HTTPConnection(scope).cookies.get(SESSION_COOKIE)
        if not token:
            return False
        return await anyio.to_thread.run_sync(partial(_editor_session, app, token))

    return may_upload


def create_app(database_url: str | None = None, settings: WebSettings | None = None) -> FastAPI:
    """The casewatch web app over the database at `database_url` (migrated to the newest schema)."""
    from casewatch.store import accounts
    from casewatch.store.db import open_database
    from casewatch.web.routers import ROUTERS

    settings = settings or WebSettings()
    app = FastAPI(
        title="casewatch",
        version="1",
        description="Case database of political persecution: persons, events, documents and claims.",
        openapi_url=None,  # served behind login by routers/meta.py
        docs_url=None,  # the bundled Swagger UI loads from a CDN; nothing here may
        redoc_url=None,
    )
    engine = open_database(database_url)
    app.state.engine = engine
    app.state.sessionmaker = sessionmaker(engine, expire_on_commit=False)
    app.state.settings = settings
    #: keys client addresses in login records and throttling; lives only in memory (see store/logins.py)
    app.state.address_key = secrets.token_bytes(32)
    with app.state.sessionmaker() as db:
        app.state.device_key = accounts.app_secret(db, "device_cookie_key")
    # the last added runs first: headers around everything, then the Host check, then the body limit
    app.add_middleware(
        BodyLimitMiddleware,
        form_limit=settings.max_form_bytes,
        upload_limit=settings.max_upload_bytes + UPLOAD_OVERHEAD,
        upload_paths=UPLOAD_PATHS,
        may_upload=_upload_check(app),
    )
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts, www_redirect=False)
    app.add_middleware(SecurityHeadersMiddleware, force_https=settings.force_https)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    for router in ROUTERS:
        app.include_router(router)
    _install_error_handlers(app)
    return app


def app_from_environment() -> FastAPI:
    """The app for `uvicorn --factory casewatch.web.app:app_from_environment` (CASEWATCH_DATABASE_URL)."""
    return create_app()


def iter_routes(routes) -> Iterator[APIRoute]:
    """Every endpoint route, looking inside included routers (newer FastAPI keeps them nested)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from iter_routes(inner.routes)
        elif isinstance(route, APIRoute):
            yield route
