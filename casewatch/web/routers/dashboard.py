"""The dashboard: counts, latest reports, upcoming hearings."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from casewatch.outputs.events import event_rows
from casewatch.store import models as m
from casewatch.web.deps import SessionDep, Viewer, VisibilityDep
from casewatch.web.render import respond
from casewatch.web.visibility import Visibility

router = APIRouter(tags=["pages"], include_in_schema=False)


def dashboard_context(db: Session, vis: Visibility, today: str | None = None) -> dict:
    """Counts, the ten latest reports and the next hearings."""
    today = today or date.today().isoformat()
    count = lambda q: db.scalar(q) or 0  # noqa: E731
    persons = select(func.count(m.Person.id)).where(m.Person.merged_into.is_(None))
    events = select(func.count(m.Event.id))
    claims = select(func.count(m.Claim.id)).where(m.Claim.status == "unreviewed")
    links = select(func.count(m.LinkDecision.id)).where(m.LinkDecision.status == "pending")
    if vis.hidden_persons:  # counts leave out what the user may not see
        persons = persons.where(m.Person.id.not_in(vis.hidden_persons))
    if vis.hidden_claims:
        events = events.where(m.Event.claim_id.not_in(vis.hidden_claims))
        claims = claims.where(m.Claim.id.not_in(vis.hidden_claims))
    if vis.hidden_mentions:
        links = links.where(
            m.LinkDecision.mention_id.is_(None) | m.LinkDecision.mention_id.not_in(vis.hidden_mentions)
        )
    counts = {
        "reports": count(select(func.count(m.Document.id)).where(m.Document.is_current.is_(True))),
        "persons": count(persons),
        "events": count(events),
        "unreviewed_claims": count(claims),
        "pending_links": count(links),
    }
    latest = db.execute(
        select(m.Document.id, m.Document.title, m.Document.path, m.Document.report_date)
        .where(m.Document.is_current.is_(True))
        .order_by(m.Document.report_date.desc().nulls_last(), m.Document.id.desc())
        .limit(10)
    ).all()
    hearings = db.scalars(
        select(m.Event)
        .where(m.Event.type == "hearing", m.Event.date >= today)
        .where(m.Event.claim_id.not_in(vis.hidden_claims) if vis.hidden_claims else true())
        .order_by(m.Event.date, m.Event.time)
        .limit(10)
    ).all()
    return {
        "title": "Dashboard",
        "today": today,
        "counts": counts,
        "latest_reports": [
            {"id": d.id, "title": d.title or d.path, "report_date": d.report_date} for d in latest
        ],
        "upcoming_hearings": event_rows(db, hearings, vis),
    }


@router.get("/")
def dashboard(request: Request, db: SessionDep, user: Viewer, vis: VisibilityDep):
    """Counts, latest reports and upcoming hearings."""
    return respond(request, "dashboard.html", dashboard_context(db, vis))
