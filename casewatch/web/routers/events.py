"""Events (arrests, hearings, verdicts, ...) as rows for lists, and the events API."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from casewatch.outputs.events import events_context
from casewatch.web.deps import SessionDep, Viewer, VisibilityDep
from casewatch.web.visibility import WithheldRoute

api = APIRouter(prefix="/api/v1", tags=["events"], route_class=WithheldRoute)


@api.get("/events")
def list_events(
    db: SessionDep,
    user: Viewer,
    vis: VisibilityDep,
    type: Annotated[str | None, Query(max_length=32)] = None,
    since: Annotated[str | None, Query(max_length=10, description="ISO date")] = None,
    until: Annotated[str | None, Query(max_length=10, description="ISO date")] = None,
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
) -> dict:
    """Events, newest first, optionally of one type and in a date range."""
    return events_context(db, vis, type, since, until, page, 100)
