"""Build person profiles for linking from an extraction record or from plain person entries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from casewatch.resolve.linker import PersonProfile


def profiles_from_entries(entries: Sequence[Mapping[str, Any]]) -> list[PersonProfile]:
    """One profile per person entry of one report; the other entries become its co-persons."""
    names = [str(e["name"]) for e in entries]
    out = []
    for i, e in enumerate(entries):
        out.append(
            PersonProfile(
                id=e.get("id"),
                names=[str(e["name"]), *map(str, e.get("aliases") or [])],
                side=e.get("side"),
                roles=set(e.get("roles") or []),
                articles={str(a) for a in e.get("articles") or []},
                places=set(e.get("places") or []),
                organizations=set(e.get("organizations") or []),
                co_persons={n for j, n in enumerate(names) if j != i},
                relatives=set(e.get("relatives") or []),
            )
        )
    return out


def _ref_and_name(item: Mapping[str, Any] | str) -> tuple[str, str]:
    """An entity of a record as (id it is referred to by, name); a bare string is both."""
    if isinstance(item, str):
        return item, item
    return str(item.get("id") or item["name"]), str(item["name"])


def profiles_from_record(record: Mapping[str, Any]) -> list[PersonProfile]:
    """One profile per person of an extraction record (see docs: the extraction record)."""
    persons = list(record.get("persons") or [])
    by_ref: dict[str, int] = {}
    for i, p in enumerate(persons):
        by_ref[str(p.get("id") or p["name"])] = i
        by_ref.setdefault(str(p["name"]), i)
    places = dict(map(_ref_and_name, record.get("locations") or []))
    orgs = dict(map(_ref_and_name, record.get("organizations") or []))
    entries: list[dict[str, Any]] = [
        {
            "id": p.get("id"),
            "name": p["name"],
            "aliases": [a for a in p.get("aliases") or [] if a != p["name"]],
            "side": p.get("side"),
            "roles": p.get("roles") or [],
            "articles": set(),
            "places": set(),
            "organizations": set(),
            "relatives": set(),
        }
        for p in persons
    ]
    for ev in record.get("events") or []:
        for ref in [*(ev.get("persons") or []), *(ev.get("perpetrators") or [])]:
            i = by_ref.get(str(ref))
            if i is None:
                continue
            entries[i]["articles"].update(str(a) for a in ev.get("articles") or [])
            if ev.get("location") in places:
                entries[i]["places"].add(places[ev["location"]])
    for rel in record.get("relations") or []:
        a, b = str(rel.get("a")), str(rel.get("b"))
        ia, ib = by_ref.get(a), by_ref.get(b)
        if rel.get("type") == "family" and ia is not None and ib is not None:
            entries[ia]["relatives"].add(persons[ib]["name"])
            entries[ib]["relatives"].add(persons[ia]["name"])
        elif ia is not None and (b in orgs or rel.get("type") in ("member", "employee", "founder")):
            entries[ia]["organizations"].add(orgs.get(b, b))
    return profiles_from_entries(entries)
