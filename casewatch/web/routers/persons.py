"""Persons: search with filters, and the dossier (timeline, relations, sources, history)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from casewatch.outputs.name_search import persons_named
from casewatch.store import accounts
from casewatch.store import models as m
from casewatch.store.accounts import SENSITIVE_REASONS, SensitiveMark, User
from casewatch.store.linking import resolve_id
from casewatch.store.marks import mark_person, marks_of_person, unmark_person
from casewatch.web.deps import Csrf, Editor, RowId, SessionDep, Viewer, VisibilityDep
from casewatch.web.render import redirect, respond
from casewatch.web.routers.events import event_rows
from casewatch.web.routers.reports import audit_rows
from casewatch.web.visibility import PERSON_FIELDS, Visibility, WithheldRoute

router = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["persons"], route_class=WithheldRoute)

Filter = Annotated[str | None, Query(max_length=200)]
Page = Annotated[int, Query(ge=1, le=100000)]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def person_index(db: Session, vis: Visibility) -> dict[int, dict]:
    """Every current person the user may see with what the filters need: names, sides, roles, articles,
    places, last event (a withheld field neither shows nor filters)."""
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
        if not vis.person_hidden(p.id)
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
        pid = mention.person_id
        if not vis.field_hidden(pid, "aliases"):
            row["names"].add(mention.name)
            row["names"].update(n.name for n in mention.names)
        if not vis.field_hidden(pid, "roles"):
            row["roles"].update(r.role for r in mention.roles)
        if not vis.field_hidden(pid, "sources"):
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
        if row is None or vis.claim_hidden(event.claim_id) or vis.field_hidden(row["id"], "timeline"):
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
    index = list(person_index(db, vis).values())
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
        # "Zheksebayev" also finds "Жексебаев", "Жексебаеву" (its nominative); never by a withheld name
        named = persons_named(db, q) if vis.sees_all or not vis.names_hidden(q) else set()
        found = [
            p for p in found if p["id"] in named or any(needle in _fold(vis.clean(n)) for n in p["names"])
        ]
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


def visible_person(db: Session, vis: Visibility, person_id: int) -> m.Person:
    """The person that stands for `person_id` now; a hidden one is not found, like one that never was."""
    current = resolve_id(db, person_id)
    person = db.get(m.Person, current) if current is not None else None
    if person is None or vis.person_hidden(person.id):
        raise HTTPException(404, "no such person")
    return person


def dossier_context(db: Session, vis: Visibility, person_id: int, user: User) -> dict:
    """A person's dossier: names, roles, timeline, relations, sources, sensitivity marks and history.

    Opening the dossier of a sensitive person, marks and all, is written to the audit log.
    """
    person = visible_person(db, vis, person_id)
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
    no_sources = vis.field_hidden(person.id, "sources")
    for row in timeline:
        doc = docs.get(row["document_id"]) or db.get(m.Document, row["document_id"])
        row["source"] = doc.title or doc.path if doc and not no_sources else None
        if no_sources:
            row["document_id"] = row["claim_id"] = None
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
        if vis.claim_hidden(rel.claim_id) or vis.mention_hidden(other_mention.id if other_mention else None):
            continue
        relations.append(
            {
                "type": rel.type,
                "subtype": rel.subtype,
                "direction": "of" if mine_a else "has",
                "name": other_mention.name if other_mention else other_org.name if other_org else "?",
                "person_id": other_mention.person_id if other_mention is not None else None,
                "document_id": None if no_sources else rel.document_id,
                "claim_id": None if no_sources else rel.claim_id,
            }
        )
    marks = marks_of_person(db, person.id)
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
    if marks and not withheld:  # this user reads a sensitive record in full
        accounts.record_audit(db, user, "read", "person", str(person.id), None, None)
        db.commit()
    editor = user.may("editor")
    return {
        "title": person.name,
        "person": {"id": person.id, "name": person.name, "side": person.side},
        **fields,
        "withheld_fields": withheld,
        "sensitive": [
            {"id": mk.id, "field": mk.field, "reason": mk.reason, "by": mk.created_by}
            for mk in marks
            if vis.sees_all
        ],
        "sensitive_reasons": list(SENSITIVE_REASONS) if editor else [],
        "person_fields": list(PERSON_FIELDS) if editor else [],
        "history": audit_rows(db, "person", str(person.id), vis),
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
    current = visible_person(db, vis, person_id).id
    if current != person_id:
        return redirect(f"/persons/{current}")
    return respond(request, "person.html", dossier_context(db, vis, person_id, user))


@router.post("/persons/{person_id}/sensitive", dependencies=[Csrf])
def mark_sensitive(
    db: SessionDep,
    user: Editor,
    person_id: RowId,
    reason: Annotated[str, Form(max_length=40)],
    field: Annotated[str, Form(max_length=40)] = "",
):
    """Mark the whole person, or one field of their dossier, as sensitive (held by their mentions)."""
    current = resolve_id(db, person_id)
    if current is None or db.get(m.Person, current) is None:
        raise HTTPException(404, "no such person")
    if reason not in SENSITIVE_REASONS or (field and field not in PERSON_FIELDS):
        raise HTTPException(400, "unknown reason or field")
    person_id = current
    mark_person(db, person_id, field or None, reason, user.name)
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
    current = resolve_id(db, person_id) or person_id
    if mark is None or mark not in marks_of_person(db, current):
        raise HTTPException(404, "no such mark")
    before = {"field": mark.field or "(whole record)", "reason": mark.reason}
    unmark_person(db, mark, current)
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
    return dossier_context(db, vis, person_id, user)
