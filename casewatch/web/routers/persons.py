"""Persons: search with filters, and the dossier (timeline, relations, sources, history)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from casewatch.outputs.name_search import persons_named
from casewatch.store import accounts
from casewatch.store import models as m
from casewatch.store.accounts import SENSITIVE_REASONS, SensitiveMark
from casewatch.store.linking import resolve_id
from casewatch.web.deps import Csrf, Editor, RowId, SessionDep, Viewer, VisibilityDep
from casewatch.web.render import redirect, respond
from casewatch.web.routers.events import event_rows
from casewatch.web.routers.reports import audit_rows
from casewatch.web.visibility import PERSON_FIELDS, WITHHELD, Visibility

router = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["persons"])

Filter = Annotated[str | None, Query(max_length=200)]
Page = Annotated[int, Query(ge=1, le=100000)]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def person_index(db: Session) -> dict[int, dict]:
    """Every current person with what the filters need: names, sides, roles, articles, places, last event."""
    persons = {
        p.id: {
            "id": p.id,
            "name": p.name,
            "side": p.side,
            "names": {p.name},
            "roles": set(),
            "articles": set(),
            "places": set(),
            "reports": set(),
            "last_event": None,
            "last_date": "",
        }
        for p in db.scalars(select(m.Person).where(m.Person.merged_into.is_(None)))
    }
    mention_person: dict[int, int] = {}
    live = (
        select(m.PersonMention)
        .join(m.Document, m.Document.id == m.PersonMention.document_id)
        .join(m.Claim, m.Claim.id == m.PersonMention.claim_id)
        .where(m.Document.is_current.is_(True), m.Claim.status != "rejected")
        .options(selectinload(m.PersonMention.names), selectinload(m.PersonMention.roles))
    )
    for mention in db.scalars(live):
        row = persons.get(mention.person_id)
        if row is None:
            continue
        mention_person[mention.id] = mention.person_id
        row["names"].add(mention.name)
        row["names"].update(n.name for n in mention.names)
        row["roles"].update(r.role for r in mention.roles)
        row["reports"].add(mention.document_id)
    query = (
        select(m.EventParticipant.mention_id, m.Event)
        .join(m.Event, m.Event.id == m.EventParticipant.event_id)
        .join(m.Claim, m.Claim.id == m.Event.claim_id)
        .where(m.EventParticipant.mention_id.is_not(None), m.Claim.status != "rejected")
        .options(selectinload(m.Event.articles), selectinload(m.Event.place))
    )
    for mention_id, event in db.execute(query):
        row = persons.get(mention_person.get(mention_id, -1))
        if row is None:
            continue
        row["articles"].update(a.key for a in event.articles)
        if event.place is not None:
            row["places"].add(event.place.name)
        if (event.date or "") >= row["last_date"]:
            row["last_date"], row["last_event"] = event.date or "", event.type
    return persons


def persons_context(
    db: Session,
    vis: Visibility,
    q: str | None,
    side: str | None,
    role: str | None,
    article: str | None,
    place: str | None,
    status: str | None,
    page: int,
    size: int,
) -> dict:
    """Persons matching a name search and filters, with the values each filter can take."""
    index = [p for p in person_index(db).values() if not vis.person_hidden(p["id"])]
    options = {
        "side": sorted({p["side"] for p in index if p["side"]}),
        "role": sorted({r for p in index for r in p["roles"]}),
        "article": sorted({a for p in index for a in p["articles"]}),
        "place": sorted({x for p in index for x in p["places"]}),
        "status": sorted({p["last_event"] for p in index if p["last_event"]}),
    }
    found = index
    if q:
        needle = _fold(q)
        named = persons_named(db, q)  # "Zheksebayev" also finds "Жексебаев", "Жексебаеву" its nominative
        found = [p for p in found if p["id"] in named or any(needle in _fold(n) for n in p["names"])]
    if side:
        found = [p for p in found if p["side"] == side]
    if role:
        found = [p for p in found if role in p["roles"]]
    if article:
        found = [
            p
            for p in found
            if article in p["articles"] or any(a.split(".")[0] == article for a in p["articles"])
        ]
    if place:
        found = [p for p in found if place in p["places"]]
    if status:
        found = [p for p in found if p["last_event"] == status]
    found.sort(key=lambda p: (-len(p["reports"]), p["name"]))
    chunk = found[(page - 1) * size : page * size]
    return {
        "title": "Persons",
        "filters": {
            "q": q or "",
            "side": side or "",
            "role": role or "",
            "article": article or "",
            "place": place or "",
            "status": status or "",
        },
        "options": options,
        "total": len(found),
        "page": page,
        "more": len(found) > page * size,
        "persons": [
            {
                "id": p["id"],
                "name": p["name"],
                "side": p["side"],
                "roles": [] if vis.field_hidden(p["id"], "roles") else sorted(p["roles"]),
                "articles": sorted(p["articles"]),
                "places": sorted(p["places"]),
                "status": p["last_event"],
                "reports": len(p["reports"]),
            }
            for p in chunk
        ],
    }


def dossier_context(db: Session, vis: Visibility, person_id: int) -> dict:
    """A person's dossier: names, roles, timeline, relations, sources, sensitivity marks and history."""
    current = resolve_id(db, person_id)
    person = db.get(m.Person, current) if current is not None else None
    if person is None or vis.person_hidden(person.id):
        raise HTTPException(404, "no such person")
    mentions = list(
        db.scalars(
            select(m.PersonMention)
            .join(m.Document, m.Document.id == m.PersonMention.document_id)
            .join(m.Claim, m.Claim.id == m.PersonMention.claim_id)
            .where(m.PersonMention.person_id == person.id, m.Document.is_current.is_(True))
            .where(m.Claim.status != "rejected")
            .options(selectinload(m.PersonMention.names), selectinload(m.PersonMention.roles))
        )
    )
    mention_ids = [mn.id for mn in mentions]
    docs = {
        d.id: d
        for d in db.scalars(select(m.Document).where(m.Document.id.in_({mn.document_id for mn in mentions})))
    }
    events = list(
        db.scalars(
            select(m.Event)
            .join(m.EventParticipant, m.EventParticipant.event_id == m.Event.id)
            .join(m.Claim, m.Claim.id == m.Event.claim_id)
            .where(m.EventParticipant.mention_id.in_(mention_ids), m.Claim.status != "rejected")
            .order_by(m.Event.date.nulls_last(), m.Event.time, m.Event.id)
            .distinct()
        )
    )
    timeline = event_rows(db, events, vis)
    for row in timeline:
        doc = docs.get(row["document_id"]) or db.get(m.Document, row["document_id"])
        row["source"] = doc.title or doc.path if doc else None
    relations = []
    for rel in db.scalars(
        select(m.Relation)
        .join(m.Claim, m.Claim.id == m.Relation.claim_id)
        .where(
            (m.Relation.a_mention_id.in_(mention_ids)) | (m.Relation.b_mention_id.in_(mention_ids)),
            m.Claim.status != "rejected",
        )
    ):
        mine_a = rel.a_mention_id in mention_ids
        other_mention = rel.b_mention if mine_a else rel.a_mention
        other_org = rel.b_organization if mine_a else rel.a_organization
        other_pid = other_mention.person_id if other_mention is not None else None
        hidden = vis.person_hidden(other_pid)
        relations.append(
            {
                "type": rel.type,
                "subtype": rel.subtype,
                "direction": "of" if mine_a else "has",
                "name": WITHHELD
                if hidden
                else (other_mention.name if other_mention else other_org.name if other_org else "?"),
                "person_id": None if hidden else other_pid,
                "document_id": rel.document_id,
                "claim_id": rel.claim_id,
            }
        )
    marks = accounts.sensitive_marks(db, "person", str(person.id))
    aliases = sorted(
        {n.name for mn in mentions for n in mn.names} | {mn.name for mn in mentions} - {person.name}
    )
    fields = {
        "aliases": aliases,
        "roles": sorted({r.role for mn in mentions for r in mn.roles}),
        "timeline": timeline,
        "relations": relations,
        "sources": [
            {"id": d.id, "title": d.title or d.path, "report_date": d.report_date, "sha256": d.sha256}
            for d in sorted(docs.values(), key=lambda d: (d.report_date or "", d.id))
        ],
    }
    withheld = [name for name in PERSON_FIELDS if vis.field_hidden(person.id, name)]
    for name in withheld:
        fields[name] = []
    return {
        "title": person.name,
        "person": {"id": person.id, "name": person.name, "side": person.side},
        **fields,
        "withheld_fields": withheld,
        "sensitive": [
            {"id": mk.id, "field": mk.field, "reason": mk.reason, "by": mk.created_by} for mk in marks
        ],
        "sensitive_reasons": list(SENSITIVE_REASONS),
        "person_fields": list(PERSON_FIELDS),
        "history": audit_rows(db, "person", str(person.id)),
    }


@router.get("/persons")
def persons(
    request: Request,
    db: SessionDep,
    user: Viewer,
    vis: VisibilityDep,
    q: Filter = None,
    side: Filter = None,
    role: Filter = None,
    article: Filter = None,
    place: Filter = None,
    status: Filter = None,
    page: Page = 1,
):
    """Search persons by name and filter by side, role, article, place and status."""
    size = request.app.state.settings.page_size
    return respond(
        request, "persons.html", persons_context(db, vis, q, side, role, article, place, status, page, size)
    )


@router.get("/persons/{person_id}")
def person(request: Request, db: SessionDep, user: Viewer, vis: VisibilityDep, person_id: RowId):
    """A person's dossier."""
    current = resolve_id(db, person_id)
    if current is not None and current != person_id:
        return redirect(f"/persons/{current}")
    return respond(request, "person.html", dossier_context(db, vis, person_id))


@router.post("/persons/{person_id}/sensitive", dependencies=[Csrf])
def mark_sensitive(
    db: SessionDep,
    user: Editor,
    person_id: RowId,
    reason: Annotated[str, Form(max_length=40)],
    field: Annotated[str, Form(max_length=40)] = "",
):
    """Mark the whole person, or one field of their dossier, as sensitive."""
    if db.get(m.Person, person_id) is None:
        raise HTTPException(404, "no such person")
    if reason not in SENSITIVE_REASONS or (field and field not in PERSON_FIELDS):
        raise HTTPException(400, "unknown reason or field")
    mark = SensitiveMark(
        entity_type="person",
        entity_id=str(person_id),
        field=field or None,
        reason=reason,
        created_by=user.name,
    )
    db.add(mark)
    accounts.record_audit(
        db,
        user,
        "mark_sensitive",
        "person",
        str(person_id),
        None,
        {"field": field or "(whole record)", "reason": reason},
    )
    db.commit()
    return redirect(f"/persons/{person_id}", "marked")


@router.post("/persons/{person_id}/sensitive/{mark_id}/remove", dependencies=[Csrf])
def unmark_sensitive(db: SessionDep, user: Editor, person_id: RowId, mark_id: RowId):
    """Remove a sensitivity mark."""
    mark = db.get(SensitiveMark, mark_id)
    if mark is None or mark.entity_type != "person" or mark.entity_id != str(person_id):
        raise HTTPException(404, "no such mark")
    before = {"field": mark.field or "(whole record)", "reason": mark.reason}
    db.delete(mark)
    accounts.record_audit(db, user, "unmark_sensitive", "person", str(person_id), before, None)
    db.commit()
    return redirect(f"/persons/{person_id}", "unmarked")


@api.get("/persons")
def list_persons(
    db: SessionDep,
    user: Viewer,
    vis: VisibilityDep,
    q: Filter = None,
    side: Filter = None,
    role: Filter = None,
    article: Filter = None,
    place: Filter = None,
    status: Filter = None,
    page: Page = 1,
) -> dict:
    """Persons matching a name search and filters."""
    return persons_context(db, vis, q, side, role, article, place, status, page, 100)


@api.get("/persons/{person_id}")
def get_person(db: SessionDep, user: Viewer, vis: VisibilityDep, person_id: RowId) -> dict:
    """A person's dossier (merged ids answer for the person they were merged into)."""
    return dossier_context(db, vis, person_id)
