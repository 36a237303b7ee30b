"""Reports: the list, and one report with every extracted fact highlighted in its text."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewatch.outputs.claims import claim_dict, claim_hidden_here
from casewatch.outputs.events import event_rows
from casewatch.outputs.history import audit_rows
from casewatch.store import models as m
from casewatch.web.deps import RowId, SessionDep, Viewer, VisibilityDep
from casewatch.web.highlight import segments
from casewatch.web.render import respond
from casewatch.web.visibility import Visibility, WithheldRoute, redact

router = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["documents"], route_class=WithheldRoute)

Page = Annotated[int, Query(ge=1, le=100000)]


def reports_context(db: Session, vis: Visibility, page: int, size: int, all_versions: bool = False) -> dict:
    """Current reports, newest first."""
    query = select(
        m.Document.id,
        m.Document.title,
        m.Document.path,
        m.Document.report_date,
        m.Document.format,
        m.Document.version,
    )
    if not all_versions:
        query = query.where(m.Document.is_current.is_(True))
    query = query.order_by(m.Document.report_date.desc().nulls_last(), m.Document.id.desc())
    rows = db.execute(query.offset((page - 1) * size).limit(size + 1)).all()
    unreviewed: dict[int, int] = {}
    for claim_id, document_id in db.execute(
        select(m.Claim.id, m.Claim.document_id).where(
            m.Claim.status == "unreviewed", m.Claim.document_id.in_([r.id for r in rows])
        )
    ):
        if not vis.claim_hidden(claim_id):
            unreviewed[document_id] = unreviewed.get(document_id, 0) + 1
    return {
        "title": "Reports",
        "page": page,
        "more": len(rows) > size,
        "reports": [
            {
                "id": r.id,
                "title": r.title or r.path,
                "path": r.path,
                "report_date": r.report_date,
                "format": r.format,
                "version": r.version,
                "unreviewed": unreviewed.get(r.id, 0),
            }
            for r in rows[:size]
        ],
    }


def report_context(db: Session, vis: Visibility, document_id: int) -> dict:
    """One report: metadata, highlighted text, claims, persons, events, versions and history."""
    doc = db.get(m.Document, document_id)
    if doc is None:
        raise HTTPException(404, "no such report")
    withheld = vis.redactions(db, doc.id)
    mentions = [
        mn
        for mn in db.scalars(select(m.PersonMention).where(m.PersonMention.document_id == doc.id))
        if not vis.mention_hidden(mn.id)
    ]
    claims = [
        c
        for c in db.scalars(
            select(m.Claim).where(m.Claim.document_id == doc.id).order_by(m.Claim.start, m.Claim.id)
        )
        if not claim_hidden_here(c, vis, withheld)
    ]
    spans = [
        (c.start, c.end, c.id, c.status) for c in claims if c.start is not None and c.status != "rejected"
    ]
    events = list(db.scalars(select(m.Event).where(m.Event.document_id == doc.id).order_by(m.Event.start)))
    versions = db.execute(
        select(m.Document.id, m.Document.version, m.Document.ingested_at)
        .where(m.Document.path == doc.path)
        .order_by(m.Document.version)
    ).all()
    text = redact(doc.text, withheld)
    return {
        "title": doc.title or doc.path,
        "document": {
            "id": doc.id,
            "title": doc.title,
            "path": doc.path,
            "sha256": doc.sha256,
            "format": doc.format,
            "report_date": doc.report_date,
            "language": doc.language,
            "version": doc.version,
            "is_current": doc.is_current,
            "ingested_at": str(doc.ingested_at),
            "extractor_version": doc.extractor_version,
        },
        "text": text,
        "segments": [s.as_dict() for s in segments(doc.text, spans, withheld)],
        "claims": [claim_dict(c, doc.text) for c in claims],
        "persons": [
            {
                "name": mn.name,
                "person_id": None if vis.field_hidden(mn.person_id, "sources") else mn.person_id,
                "side": mn.side,
                "roles": [] if vis.field_hidden(mn.person_id, "roles") else [r.role for r in mn.roles],
            }
            for mn in mentions
        ],
        "events": event_rows(db, events, vis),
        "versions": [{"id": v.id, "version": v.version, "ingested_at": str(v.ingested_at)} for v in versions],
        "history": audit_rows(db, "document", str(doc.id), vis),
    }


@router.get("/reports")
def reports(request: Request, db: SessionDep, user: Viewer, vis: VisibilityDep, page: Page = 1):
    """The reports, newest first."""
    size = request.app.state.settings.page_size
    return respond(request, "reports.html", reports_context(db, vis, page, size))


@router.get("/reports/{document_id}")
def report(request: Request, db: SessionDep, user: Viewer, vis: VisibilityDep, document_id: RowId):
    """One report with its facts highlighted."""
    return respond(request, "report.html", report_context(db, vis, document_id))


@api.get("/documents")
def list_documents(
    db: SessionDep, user: Viewer, vis: VisibilityDep, page: Page = 1, all_versions: bool = False
) -> dict:
    """Reports (current versions unless all_versions), newest first."""
    return reports_context(db, vis, page, 100, all_versions)


@api.get("/documents/{document_id}")
def get_document(db: SessionDep, user: Viewer, vis: VisibilityDep, document_id: RowId) -> dict:
    """One report: text (sensitive parts withheld), claims, persons, events."""
    context = report_context(db, vis, document_id)
    context.pop("segments")
    return context
