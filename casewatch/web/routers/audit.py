"""The audit log: every write, who made it, when, and the record before and after."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewatch.store.accounts import AuditEntry
from casewatch.web.deps import Editor, SessionDep
from casewatch.web.render import respond

router = APIRouter(tags=["pages"], include_in_schema=False)

#: where the record an entry is about can be seen
LINKS = {"claim": "/claims/{}", "person": "/persons/{}", "document": "/reports/{}", "job": "/jobs/{}"}


def audit_context(db: Session, entity_type: str | None, username: str | None, page: int, size: int) -> dict:
    query = select(AuditEntry)
    if entity_type:
        query = query.where(AuditEntry.entity_type == entity_type)
    if username:
        query = query.where(AuditEntry.username == username)
    rows = list(db.scalars(query.order_by(AuditEntry.id.desc()).offset((page - 1) * size).limit(size + 1)))
    return {
        "title": "Audit log",
        "filters": {"type": entity_type or "", "user": username or ""},
        "page": page,
        "more": len(rows) > size,
        "entries": [
            {
                "id": e.id,
                "at": str(e.at),
                "user": e.username,
                "action": e.action,
                "entity_type": e.entity_type,
                "entity_id": e.entity_id,
                "link": LINKS[e.entity_type].format(e.entity_id) if e.entity_type in LINKS else None,
                "before": e.before,
                "after": e.after,
            }
            for e in rows[:size]
        ],
    }


@router.get("/audit")
def audit(
    request: Request,
    db: SessionDep,
    user: Editor,
    type: Annotated[str | None, Query(max_length=40)] = None,
    by: Annotated[str | None, Query(max_length=80)] = None,
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
):
    """Every write, newest first (editors and admins)."""
    return respond(
        request, "audit.html", audit_context(db, type, by, page, request.app.state.settings.page_size)
    )
