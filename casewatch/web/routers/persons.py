"""Persons: search with filters, and the dossier (timeline, relations, sources, history)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from sqlalchemy.orm import Session

from casewatch.outputs.dossier import (
    PERSON_FIELDS,
    PersonNotFound,
    current_person,
    person_dossier,
    persons_page,
)
from casewatch.store import accounts
from casewatch.store import models as m
from casewatch.store.accounts import SENSITIVE_REASONS, SensitiveMark, User
from casewatch.store.linking import resolve_id
from casewatch.store.marks import mark_person, marks_of_person, unmark_person
from casewatch.web.deps import Csrf, Editor, RowId, SessionDep, Viewer, VisibilityDep
from casewatch.web.render import redirect, respond
from casewatch.web.visibility import Visibility, WithheldRoute

router = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["persons"], route_class=WithheldRoute)

Filter = Annotated[str | None, Query(max_length=200)]
Page = Annotated[int, Query(ge=1, le=100000)]


def _filters(q, side, role, article, place, status) -> dict[str, str | None]:
    return {"q": q, "side": side, "role": role, "article": article, "place": place, "status": status}


def visible_person(db: Session, vis: Visibility, person_id: int) -> m.Person:
    """The person that stands for `person_id` now; a hidden one is not found, like one that never was."""
    try:
        return current_person(db, vis, person_id)
    except PersonNotFound:
        raise HTTPException(404, "no such person") from None


def read_dossier(db: Session, vis: Visibility, person_id: int, user: User) -> dict:
    """The person's dossier (casewatch.outputs.dossier); reading a sensitive record in full is audited."""
    dossier = person_dossier(db, vis, visible_person(db, vis, person_id).id)
    pid = dossier["person"]["id"]
    if not dossier["withheld_fields"] and marks_of_person(db, pid):
        accounts.record_audit(db, user, "read", "person", str(pid), None, None)
        db.commit()
    return dossier


def dossier_context(db: Session, vis: Visibility, person_id: int, user: User) -> dict:
    """The dossier page: the dossier, and the editor's controls for sensitivity marks."""
    dossier = read_dossier(db, vis, person_id, user)
    editor = user.may("editor")
    return {
        "title": dossier["person"]["name"],
        **dossier,
        "sensitive_reasons": list(SENSITIVE_REASONS) if editor else [],
        "person_fields": list(PERSON_FIELDS) if editor else [],
    }


def persons_context(
    db: Session, vis: Visibility, filters: dict[str, str | None], page: int, size: int
) -> dict:
    """The persons page: one page of the persons list with its filters."""
    return {"title": "Persons", **persons_page(db, vis, filters, page, size)}


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
        request,
        "persons.html",
        persons_context(db, vis, _filters(q, side, role, article, place, status), page, size),
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
    return persons_page(db, vis, _filters(q, side, role, article, place, status), page, 100)


@api.get("/persons/{person_id}")
def get_person(db: SessionDep, user: Viewer, vis: VisibilityDep, person_id: RowId) -> dict:
    """A person's dossier (merged ids answer for the person they were merged into)."""
    return read_dossier(db, vis, person_id, user)
