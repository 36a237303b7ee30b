"""Claims: one fact with its source span, and its review (confirm, correct, reject)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, HTTPException, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewatch.errors import CasewatchError
from casewatch.outputs.claims import claim_dict, claim_hidden_here
from casewatch.outputs.history import audit_rows
from casewatch.services import curation as services
from casewatch.store import curation
from casewatch.store import models as m
from casewatch.store.accounts import User
from casewatch.web.deps import Csrf, Editor, SessionDep, Viewer, VisibilityDep
from casewatch.web.render import page, redirect, respond
from casewatch.web.visibility import Visibility, WithheldRoute, redact

router = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["claims"], route_class=WithheldRoute)

#: characters of text shown on each side of a claim's span
CONTEXT_CHARS = 240


def _visible_claim(db: Session, vis: Visibility, claim_id: str) -> m.Claim:
    claim = db.get(m.Claim, claim_id)
    if claim is None:
        raise HTTPException(404, "no such claim")
    if not vis.sees_all and claim_hidden_here(claim, vis, vis.redactions(db, claim.document_id)):
        raise HTTPException(404, "no such claim")
    return claim


def claim_context(db: Session, vis: Visibility, claim_id: str) -> dict:
    """A claim, its quote in context, its review history and its audit history."""
    claim = _visible_claim(db, vis, claim_id)
    doc = db.get(m.Document, claim.document_id)
    context: dict = {"before": "", "quote": "", "after": ""}
    if claim.start is not None and claim.end is not None:
        withheld = vis.redactions(db, doc.id)
        a, b = max(0, claim.start - CONTEXT_CHARS), min(len(doc.text), claim.end + CONTEXT_CHARS)
        context = {
            "before": redact(
                doc.text[a : claim.start], [(s - a, e - a) for s, e in withheld if s < claim.start]
            ),
            "quote": doc.text[claim.start : claim.end],
            "after": redact(
                doc.text[claim.end : b],
                [(s - claim.end, e - claim.end) for s, e in withheld if e > claim.end],
            ),
        }
    return {
        "title": f"Claim: {claim.property}",
        "claim": claim_dict(claim, doc.text),
        "document": {"id": doc.id, "title": doc.title or doc.path, "report_date": doc.report_date},
        "context": context,
        "reviews": [
            {
                "at": str(r.at),
                "user": r.user,
                "action": r.action,
                "old_status": r.old_status,
                "new_status": r.new_status,
                "old_value": r.old_value,
                "new_value": r.new_value,
                "note": r.note,
            }
            for r in claim.reviews
        ],
        "history": audit_rows(db, "claim", claim.id, vis),
    }


def claims_context(
    db: Session,
    vis: Visibility,
    status: str | None,
    document_id: int | None,
    prop: str | None,
    page: int,
    size: int,
) -> dict:
    """Claims filtered by status, document and property."""
    query = select(m.Claim)
    if status:
        query = query.where(m.Claim.status == status)
    if document_id is not None:
        query = query.where(m.Claim.document_id == document_id)
    if prop:
        query = query.where(m.Claim.property == prop)
    if vis.hidden_claims:
        query = query.where(m.Claim.id.not_in(vis.hidden_claims))
    query = query.order_by(m.Claim.document_id.desc(), m.Claim.start, m.Claim.id)
    if vis.sees_all or not (vis.matcher or vis.hidden_claims):
        rows = list(db.scalars(query.offset((page - 1) * size).limit(size + 1)))
    else:  # what the text search withholds is filtered here, so pages are counted after it
        rows, withheld = [], {}
        for claim in db.scalars(query):
            if claim.document_id not in withheld:
                withheld[claim.document_id] = vis.redactions(db, claim.document_id)
            if not claim_hidden_here(claim, vis, withheld[claim.document_id]):
                rows.append(claim)
                if len(rows) > page * size:
                    break
        rows = rows[(page - 1) * size :]
    return {"page": page, "more": len(rows) > size, "claims": [claim_dict(c) for c in rows[:size]]}


def apply_review(
    db: Session, user: User, claim_id: str, action: str, value: str | None, note: str | None
) -> m.Claim:
    """Review one claim and write the change to the audit log."""
    claim = db.get(m.Claim, claim_id)
    if claim is None:
        raise HTTPException(404, "no such claim")
    try:
        claim = services.review_claim(db, user, claim.id, action, value=value or None, note=note or None)
    except CasewatchError as exc:
        raise HTTPException(400, exc.message) from exc
    db.commit()
    return claim


@router.get("/claims/{claim_id}")
def claim_page(request: Request, db: SessionDep, user: Viewer, vis: VisibilityDep, claim_id: str):
    """One claim with its source text and history; editors review it here."""
    return respond(request, "claim.html", claim_context(db, vis, claim_id))


@router.post("/claims/{claim_id}/review", dependencies=[Csrf])
def review_form(
    request: Request,
    db: SessionDep,
    user: Editor,
    vis: VisibilityDep,
    claim_id: str,
    action: Annotated[str, Form(max_length=16)],
    value: Annotated[str, Form(max_length=2000)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
    back: Annotated[str, Form(max_length=20)] = "claim",
):
    """Confirm, correct or reject a claim from a form."""
    if action not in curation.REVIEW_ACTIONS:
        return page(request, "error.html", {"title": "Not saved", "error": "unknown action"}, status_code=400)
    try:
        claim = apply_review(db, user, claim_id, action, value, note)
    except HTTPException as exc:
        if exc.status_code != 400:
            raise
        db.rollback()  # nothing of a refused review is stored
        context = claim_context(db, vis, claim_id) | {"error": f"Not saved: {exc.detail}", "tried": value}
        return page(request, "claim.html", context, status_code=400)
    msg = curation.REVIEW_ACTIONS[action]
    if back == "report":
        return redirect(f"/reports/{claim.document_id}?msg={msg}#claim-{claim.id}")
    if back == "review":
        return redirect("/review", msg)
    return redirect(f"/claims/{claim.id}", msg)


@api.get("/claims")
def list_claims(
    db: SessionDep,
    user: Viewer,
    vis: VisibilityDep,
    status: Annotated[Literal["unreviewed", "confirmed", "corrected", "rejected"] | None, Query()] = None,
    document_id: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    property: Annotated[str | None, Query(max_length=32)] = None,
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
) -> dict:
    """Claims, optionally by review status, document and property."""
    return claims_context(db, vis, status, document_id, property, page, 100)


@api.get("/claims/{claim_id}")
def get_claim(db: SessionDep, user: Viewer, vis: VisibilityDep, claim_id: str) -> dict:
    """One claim with its quote in context and its review history."""
    return claim_context(db, vis, claim_id)


class ReviewIn(BaseModel):
    """A review of one claim."""

    action: Literal["confirm", "correct", "reject"]
    value: str | None = Field(default=None, max_length=2000)
    note: str | None = Field(default=None, max_length=2000)


@api.post("/claims/{claim_id}/review", dependencies=[Csrf])
def review_api(db: SessionDep, user: Editor, claim_id: str, review: ReviewIn) -> dict:
    """Confirm, correct or reject a claim (editors; send the X-CSRF-Token header)."""
    claim = apply_review(db, user, claim_id, review.action, review.value, review.note)
    return claim_dict(claim)
