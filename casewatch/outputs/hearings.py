"""The hearing calendar: court sessions held or scheduled, by day, with court, judge, defendants and
articles, and each hearing's sources.

The same session told by several reports is one hearing with several sources (same day, same
defendants). Shape of `hearings()`:

    {"from": str | None, "to": str | None, "count": int,
     "days": [{"date": "YYYY-MM-DD", "hearings": [HEARING, ...]}],
     "undated_or_partial": [HEARING, ...]}

    HEARING = {"uid", "date", "date_precision", "time", "time_zone", "status", "court", "place",
               "country", "defendants": [{"person_id", "name"}], "judges": [...],
               "prosecutors": [...], "articles": [{"key", "code", "title", "label"}],
               "sources": [{"event_id", "claim_id", "document", "quote"}]}
"""

from __future__ import annotations

import hashlib
from functools import cache, lru_cache

from sqlalchemy.orm import Session

from casewatch.data import load_yaml

from .case_events import CaseEvent, code_country, load_events
from .scope import EVERYTHING, Scope


@cache
def _place_index() -> list[tuple[str, str, str | None]]:
    """(spelling lowercased, place name, country) for every place spelling, longest first."""
    out = []
    for place in load_yaml("places.yaml")["places"]:
        for spelling in [place["name"], *place.get("aliases", [])]:
            out.append((spelling.lower(), place["name"], place.get("country")))
    return sorted(out, key=lambda x: -len(x[0]))


@lru_cache(maxsize=4096)
def _named_place(place: str | None, court: str | None) -> tuple[str, str | None] | None:
    """(place name, country) of the gazetteer's place spelled `place`, else named in `court`."""
    index = _place_index()
    if place:
        for spelling, name, country in index:
            if spelling == place.lower():
                return name, country
    court = (court or "").lower()
    for spelling, name, country in index:
        if len(spelling) > 3 and spelling in court:
            return name, country
    return None


def _place_of(event: CaseEvent) -> tuple[str | None, str | None]:
    """(place name, country) of a hearing: its place, else a place named in its court's name."""
    if found := _named_place(event.place, event.court):
        return found
    for article in event.articles:
        if country := code_country(article.get("code")):
            return event.place, country
    return event.place, None


@cache
def _zones() -> dict:
    return load_yaml("time_zones.yaml")


def time_zone(place: str | None, country: str | None) -> str | None:
    """The IANA zone of a court in `place` / `country` (casewatch/data/time_zones.yaml)."""
    zones = _zones()
    if place and place in zones["places"]:
        return zones["places"][place]
    return zones["countries"].get(country or "")


def _people(event: CaseEvent, role: str, person_role: str | None = None) -> list[dict]:
    return [
        {"person_id": p.person_id, "name": p.name}
        for p in event.participants
        if p.role == role
        and p.person_id is not None
        and (person_role is None or person_role in p.person_roles)
    ]


def hearing_uid(date: str | None, court: str | None, defendant_ids: list[int], event_id: int) -> str:
    """A UID that stays the same across re-extraction, new report versions and more sources."""
    if defendant_ids:
        key = f"{date}|{' '.join((court or '').lower().split())}|{sorted(defendant_ids)}"
    else:
        key = f"event:{event_id}"
    return hashlib.sha1(key.encode()).hexdigest()[:20] + "@casewatch"


def _hearing(event: CaseEvent) -> dict:
    place, country = _place_of(event)
    defendants = _people(event, "target")
    perpetrators = [p for p in event.participants if p.role == "perpetrator" and p.person_id is not None]
    judges = [{"person_id": p.person_id, "name": p.name} for p in perpetrators if "judge" in p.person_roles]
    prosecutors = [
        {"person_id": p.person_id, "name": p.name} for p in perpetrators if "prosecutor" in p.person_roles
    ]
    return {
        "uid": hearing_uid(event.date, event.court, [d["person_id"] for d in defendants], event.id),
        "date": event.date,
        "date_precision": event.date_precision,
        "time": event.time,
        "time_zone": time_zone(place, country),
        "status": event.status,
        "court": event.court,
        "place": place,
        "country": country,
        "defendants": defendants,
        "judges": judges,
        "prosecutors": prosecutors,
        "articles": list(event.articles),
        "sources": [
            {
                "event_id": event.id,
                "claim_id": event.claim_id,
                "document": event.document,
                "quote": event.quote,
            }
        ],
    }


def _absorb(into: dict, other: dict) -> None:
    """One session told twice: keep what either report says."""
    into["time"] = into["time"] or other["time"]
    if not into["court"] and other["court"]:
        # where the session is held comes with the court that says it
        for key in ("court", "place", "country", "time_zone"):
            into[key] = other[key]
    if other["status"] == "held":
        into["status"] = "held"
    for key in ("judges", "prosecutors", "articles", "sources"):
        into[key].extend(x for x in other[key] if x not in into[key])


def hearings(
    session: Session,
    scope: Scope = EVERYTHING,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    country: str | None = None,
    court: str | None = None,
    person_id: int | None = None,
) -> dict:
    """Hearings by day (see the module docstring for the shape)."""
    events = load_events(
        session,
        scope,
        types=("hearing",),
        date_from=date_from,
        date_to=date_to,
        person_ids=[person_id] if person_id is not None else None,
    )
    merged: dict[tuple, dict] = {}
    partial: list[dict] = []
    for event in events:
        hearing = _hearing(event)
        if country and hearing["country"] != country.upper():
            continue
        if court and court.lower() not in (hearing["court"] or "").lower():
            continue
        if event.date_precision != "day":
            partial.append(hearing)
            continue
        key = (event.date, tuple(sorted(d["person_id"] for d in hearing["defendants"])) or event.id)
        if key in merged:
            _absorb(merged[key], hearing)
        else:
            merged[key] = hearing
    days: dict[str, list[dict]] = {}
    for hearing in merged.values():
        days.setdefault(hearing["date"], []).append(hearing)
    return {
        "from": date_from,
        "to": date_to,
        "count": len(merged),
        "days": [
            {"date": day, "hearings": sorted(items, key=lambda h: (h["time"] or "99", h["court"] or ""))}
            for day, items in sorted(days.items())
        ],
        "undated_or_partial": partial,
    }
