"""The review queue: unconfirmed claims and uncertain person links (merge or keep apart)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewatch.errors import CasewatchError
from casewatch.outputs.claims import claim_dict
from casewatch.services import curation as services
from casewatch.store import curation
from casewatch.store import models as m
from casewatch.web.deps import Csrf, Editor, RowId, SessionDep, VisibilityDep
from casewatch.web.render import redirect, respond
from casewatch.web.visibility import Visibility

router = APIRouter(tags=["pages"], include_in_schema=False)


def _person_label(db: Session, person_id: int | None) -> dict | None:
    if person_id is None:
        return None
    pid = curation.resolve_id(db, person_id)
    person = db.get(m.Person, pid) if pid is not None else None
    if person is None:
        return None
    reports = db.scalar(
        select(func.count(func.distinct(m.PersonMention.document_id))).where(
            m.PersonMention.person_id == person.id
        )
    )
    return {"id": person.id, "name": person.name, "side": person.side, "reports": reports or 0}


def review_context(db: Session, vis: Visibility, limit: int = 50, prop: str | None = None) -> dict:
    """The least confident unreviewed claims and the pending link decisions."""
    query = select(m.Claim).where(m.Claim.status == "unreviewed")
    if prop:
        query = query.where(m.Claim.property == prop)
    query = query.order_by(m.Claim.confidence, m.Claim.document_id, m.Claim.start, m.Claim.id).limit(limit)
    texts: dict[int, str] = {}
    claims = []
    for claim in db.scalars(query):
        if claim.document_id not in texts:
            texts[claim.document_id] = db.scalar(
                select(m.Document.text).where(m.Document.id == claim.document_id)
            )
        claims.append(claim_dict(claim, texts[claim.document_id]))
    links = []
    for decision in curation.pending_links(db)[:limit]:
        mention = db.get(m.PersonMention, decision.mention_id) if decision.mention_id else None
        links.append(
            {
                "id": decision.id,
                "mention": mention.name if mention else decision.mention_name,
                "document_id": mention.document_id if mention else None,
                "current": _person_label(db, mention.person_id if mention else None),
                "candidate": _person_label(db, decision.person_id),
                "score": decision.score,
                "reason": decision.reason,
            }
        )
    return {
        "title": "Review",
        "property": prop or "",
        "properties": sorted(set(db.scalars(select(m.Claim.property).distinct()))),
        "unreviewed_total": db.scalar(select(func.count(m.Claim.id)).where(m.Claim.status == "unreviewed"))
        or 0,
        "claims": claims,
        "links": links,
    }


@router.get("/review")
def review(
    request: Request,
    db: SessionDep,
    user: Editor,
    vis: VisibilityDep,
    property: Annotated[str | None, Query(max_length=32)] = None,
):
    """Claims and links waiting for a person."""
    return respond(request, "review.html", review_context(db, vis, prop=property))


@router.post("/review/links/{decision_id}", dependencies=[Csrf])
def settle(db: SessionDep, user: Editor, decision_id: RowId, action: Annotated[str, Form(max_length=16)]):
    """Merge a mention into the candidate person, or keep them apart."""
    if db.get(m.LinkDecision, decision_id) is None:
        raise HTTPException(404, "no such link decision")
    try:
        services.settle_link(db, user, decision_id, action)
    except CasewatchError as exc:
        raise HTTPException(400, exc.message) from exc
    db.commit()
    return redirect("/review", "merged" if action == "merge" else "kept_apart")
