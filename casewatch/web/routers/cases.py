"""The outputs advocates take away, as pages, /api/v1 JSON and downloads: the political prisoner
list, the hearing calendar (with secret feed addresses for calendar apps) and the perpetrators
ranked as sanctions candidates. Each renders one `casewatch.outputs` document."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from casewatch.outputs import exports
from casewatch.outputs.exports import tables, to_csv
from casewatch.outputs.hearings import hearings
from casewatch.outputs.ics import hearings_ics
from casewatch.outputs.perpetrators import perpetrators
from casewatch.outputs.prisoners import prisoners
from casewatch.outputs.scope import Scope, hidden_spellings, public_scope
from casewatch.store import accounts
from casewatch.store.feeds import CalendarFeed, create_feed, feed_user, user_feeds
from casewatch.store.linking import resolve_id
from casewatch.web.deps import Csrf, RowId, SessionDep, Viewer, VisibilityDep
from casewatch.web.render import page, redirect, respond
from casewatch.web.visibility import Visibility, WithheldRoute, load_visibility

router = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["cases"], route_class=WithheldRoute)

Country = Annotated[str | None, Query(max_length=2, pattern="^[A-Za-z]{2}$")]
IsoDate = Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}(-\d{2}){0,2}$")]
Text = Annotated[str | None, Query(max_length=200)]
#: persons on one page of the prisoner list (the page, and the API unless it asks for another limit)
PAGE_SIZE = 100
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=10**7)]
PageNumber = Annotated[int, Query(ge=1, le=10**5)]


def scope_of(db: Session, vis: Visibility) -> Scope:
    """The outputs' scope for a user's visibility: hidden persons (or their timeline) and claims."""
    if vis.sees_all:
        return Scope()
    hidden = set(vis.hidden_persons) | {
        pid for pid, fields in vis.hidden_fields.items() if {"timeline", "sources"} & fields
    }
    names = hidden_spellings(db, hidden)
    return Scope(frozenset(hidden), frozenset(vis.hidden_claims), False, names, cleaner=vis.clean)


def _clean(vis: Visibility, value):
    """A document about to leave as a file (CSV, .ics, export) through the name filter."""
    return vis.scrub(value)


def _csv_response(text: str, name: str) -> Response:
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _ics_response(data: bytes) -> Response:
    return Response(data, media_type="text/calendar; charset=utf-8")


# -- prisoners --------------------------------------------------------------------------------


def _listed(db: Session, vis: Visibility, country: str | None, limit: int, offset: int) -> dict:
    """One page of the prisoner list; the states it brought up to date are kept (committed)."""
    listed = prisoners(db, scope_of(db, vis), country, limit=limit, offset=offset)
    db.commit()
    return listed


@router.get("/prisoners")
def prisoners_page(
    request: Request,
    db: SessionDep,
    user: Viewer,
    vis: VisibilityDep,
    country: Country = None,
    page: PageNumber = 1,
):
    """The political prisoner list (printable), a hundred persons a page."""
    listed = _listed(db, vis, country, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    pages = max(1, -(-listed["count"] // PAGE_SIZE))
    return respond(
        request,
        "prisoners.html",
        {"title": "Political prisoners", **listed, "page": page, "pages": pages},
    )


@router.get("/prisoners.csv")
def prisoners_csv(db: SessionDep, user: Viewer, vis: VisibilityDep, country: Country = None):
    """The prisoner list as CSV."""
    scope = scope_of(db, vis)
    ids = {p["person_id"] for p in prisoners(db, scope, country)["prisoners"]}
    rows = [r for r in tables(db, scope)["prisoners"] if r["person_id"] in ids]
    return _csv_response(to_csv(_clean(vis, rows)), "prisoners.csv")


@api.get("/prisoners")
def prisoners_api(
    db: SessionDep,
    user: Viewer,
    vis: VisibilityDep,
    country: Country = None,
    limit: Limit = PAGE_SIZE,
    offset: Offset = 0,
) -> dict:
    """The political prisoner list, one page (`count` is the whole list's): status from dated
    events, since when, articles, term, source."""
    return _listed(db, vis, country, limit, offset)


# -- hearings ---------------------------------------------------------------------------------


@dataclass
class HearingFilters:
    """The hearing calendar's filters, as the page, the .ics download and the API take them."""

    date_from: str | None
    date_to: str | None
    country: str | None
    court: str | None
    person: int | None


def hearing_filters(
    date_from: Annotated[IsoDate, Query(alias="from")] = None,
    date_to: Annotated[IsoDate, Query(alias="to")] = None,
    country: Country = None,
    court: Text = None,
    person: Annotated[int | None, Query(ge=1, le=2**62)] = None,
) -> HearingFilters:
    return HearingFilters(date_from, date_to, country, court, person)


HearingFiltersDep = Annotated[HearingFilters, Depends(hearing_filters)]


def _calendar(db: Session, vis: Visibility, f: HearingFilters) -> dict:
    person_id = resolve_id(db, f.person) if f.person is not None else None
    return hearings(
        db,
        scope_of(db, vis),
        date_from=f.date_from,
        date_to=f.date_to,
        country=f.country,
        court=f.court,
        person_id=person_id,
    )


@router.get("/hearings")
def hearings_page(
    request: Request,
    db: SessionDep,
    user: Viewer,
    vis: VisibilityDep,
    filters: HearingFiltersDep,
):
    """Hearings by day, with filters, the .ics download and the user's secret feed addresses."""
    calendar = _calendar(db, vis, filters)
    feeds = [
        {"id": f.id, "created_at": f.created_at.isoformat(timespec="minutes")} for f in user_feeds(db, user)
    ]
    shown = {
        "from": filters.date_from or "",
        "to": filters.date_to or "",
        "country": filters.country or "",
        "court": filters.court or "",
    }
    return respond(
        request,
        "hearings.html",
        {"title": "Hearing calendar", **calendar, "filters": shown, "feeds": feeds},
    )


@router.get("/hearings.ics")
def hearings_download(
    db: SessionDep,
    user: Viewer,
    vis: VisibilityDep,
    filters: HearingFiltersDep,
):
    """The (filtered) hearing calendar as an .ics file."""
    calendar = _calendar(db, vis, filters)
    return _ics_response(hearings_ics(_clean(vis, calendar)))


@api.get("/hearings")
def hearings_api(
    db: SessionDep,
    user: Viewer,
    vis: VisibilityDep,
    filters: HearingFiltersDep,
) -> dict:
    """Hearings by day: time, zone, court, judge, defendants, articles and sources."""
    return _calendar(db, vis, filters)


@router.post("/hearings/feeds", dependencies=[Csrf])
def create_calendar_feed(request: Request, db: SessionDep, user: Viewer):
    """A new secret feed address, shown once on this page and never again."""
    token, feed = create_feed(db, user)
    accounts.record_audit(db, user, "create_feed", "calendar_feed", str(feed.id))
    db.commit()
    address = str(request.base_url).rstrip("/") + f"/feeds/{token}/hearings.ics"
    return page(request, "feed_created.html", {"title": "Calendar feed", "address": address})


@router.post("/hearings/feeds/{feed_id}/revoke", dependencies=[Csrf])
def revoke_calendar_feed(feed_id: RowId, db: SessionDep, user: Viewer):
    """Revoke a feed address: calendar apps using it get nothing more."""
    feed = db.get(CalendarFeed, feed_id)
    if feed is None or (feed.user_id != user.id and not user.may("admin")) or feed.revoked_at is not None:
        raise HTTPException(404, "no such feed")
    feed.revoked_at = accounts.utcnow()
    accounts.record_audit(db, user, "revoke_feed", "calendar_feed", str(feed.id))
    db.commit()
    return redirect("/hearings", "revoked")


@router.get("/feeds/{token}/hearings.ics")
def calendar_feed(token: Annotated[str, Path(max_length=64)], db: SessionDep):
    """The hearing calendar for a calendar app, as the feed's owner may see it (no login)."""
    user = feed_user(db, token)
    if user is None:
        raise HTTPException(404, "no such feed")
    vis = load_visibility(db, user)
    data = hearings_ics(_clean(vis, hearings(db, scope_of(db, vis))))
    db.commit()
    return _ics_response(data)


# -- perpetrators -----------------------------------------------------------------------------


@router.get("/perpetrators")
def perpetrators_page(request: Request, db: SessionDep, user: Viewer, vis: VisibilityDep):
    """Judges, prosecutors, investigators, officers and officials ranked as sanctions candidates."""
    listed = perpetrators(db, scope_of(db, vis))
    return respond(request, "perpetrators.html", {"title": "Perpetrators", **listed})


@router.get("/perpetrators/{person_id}")
def perpetrator_page(person_id: RowId, request: Request, db: SessionDep, user: Viewer, vis: VisibilityDep):
    """One perpetrator's dossier: every act, with its quoted sentence and report."""
    scope = scope_of(db, vis)
    pid = resolve_id(db, person_id)
    listed = perpetrators(db, scope, person_id=pid) if pid is not None and scope.shows_person(pid) else None
    if not listed or not listed["perpetrators"]:
        raise HTTPException(404, "no such perpetrator")
    entry = listed["perpetrators"][0]
    return respond(request, "perpetrator.html", {"title": entry["name"], "perpetrator": entry})


@api.get("/perpetrators")
def perpetrators_api(db: SessionDep, user: Viewer, vis: VisibilityDep) -> dict:
    """Perpetrators ranked by documented acts, each act sourced."""
    return perpetrators(db, scope_of(db, vis))


# -- exports ----------------------------------------------------------------------------------

#: export format -> (media type, file name)
EXPORTS = {
    "csv": ("text/csv; charset=utf-8", "casewatch-{table}.csv"),
    "json": ("application/json", "casewatch.json"),
    "ftm": ("application/x-ndjson", "casewatch-ftm.jsonl"),
    "graphml": ("application/graphml+xml", "casewatch.graphml"),
}


@router.get("/exports/{fmt}")
def export_download(
    fmt: Annotated[str, Path(pattern="^(csv|json|ftm|graphml)$")],
    db: SessionDep,
    user: Viewer,
    vis: VisibilityDep,
    table: Annotated[str, Query(pattern="^(persons|events|hearings|prisoners)$")] = "persons",
    public: bool = False,
):
    """The case database as CSV, JSON, FollowTheMoney or GraphML: as this user may see it, or the
    public export (reviewed facts only, nothing about a person with a sensitive mark)."""
    scope = public_scope(db) if public else scope_of(db, vis)
    if fmt == "csv":
        body = to_csv(_clean(vis, tables(db, scope)[table]))
    elif fmt == "json":
        body = json.dumps(_clean(vis, tables(db, scope)), ensure_ascii=False, indent=2)
    elif fmt == "ftm":
        entities = (_clean(vis, e) for e in exports.ftm_entities(db, scope))
        body = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entities)
    else:
        body = vis.clean(exports.to_graphml(db, scope)) or ""
    media, name = EXPORTS[fmt]
    accounts.record_audit(db, user, "export", "database", fmt, None, {"table": table, "public": public})
    db.commit()
    disposition = f'attachment; filename="{name.format(table=table)}"'
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})
