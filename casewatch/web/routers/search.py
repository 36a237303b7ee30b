"""Full-text search over reports."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy.orm import Session

from casewatch.store import models as m
from casewatch.web.deps import SessionDep, Viewer, VisibilityDep
from casewatch.web.render import respond
from casewatch.web.search import alternatives, search_documents, snippet, terms
from casewatch.web.visibility import Visibility, WithheldRoute, redact

router = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["documents"], route_class=WithheldRoute)

SearchQuery = Annotated[str, Query(max_length=500)]


def search_context(db: Session, vis: Visibility, q: str) -> dict:
    """Reports containing every word of `q`, with a snippet; withheld text neither shows nor matches."""
    words = terms(q)
    either = alternatives(db, words)  # a name also in other scripts and cases
    results = []
    for document_id in search_documents(db, q):
        doc = db.get(m.Document, document_id)
        body = redact(doc.text, vis.redactions(db, doc.id))
        if not vis.sees_all:  # withheld text, title or path neither shows nor matches
            folded = f"{body} {vis.clean(doc.title or '')} {vis.clean(doc.path)}".casefold()
            if not all(any(w.casefold() in folded for w in alts) for alts in either):
                continue
        before, match, after = snippet(body, [w for alts in either for w in alts])
        results.append(
            {
                "id": doc.id,
                "title": doc.title or doc.path,
                "report_date": doc.report_date,
                "before": before,
                "match": match,
                "after": after,
            }
        )
    return {"title": "Search", "q": q, "results": results}


@router.get("/search")
def search(request: Request, db: SessionDep, user: Viewer, vis: VisibilityDep, q: SearchQuery = ""):
    """Search the reports' text."""
    return respond(request, "search.html", search_context(db, vis, q))


@api.get("/search")
def search_api(db: SessionDep, user: Viewer, vis: VisibilityDep, q: SearchQuery = "") -> dict:
    """Reports containing every word of q."""
    return search_context(db, vis, q)
