"""The OpenAPI schema, served only to logged-in users."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.utils import get_openapi

from casewatch.web.deps import Viewer

api = APIRouter(prefix="/api/v1", tags=["meta"])


@api.get("/openapi.json", include_in_schema=False)
def openapi(request: Request, user: Viewer) -> dict:
    """The OpenAPI schema of /api/v1."""
    app = request.app
    if app.openapi_schema is None:
        app.openapi_schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
    return app.openapi_schema
