"""Turn a finished Analysis into the extraction record (plain JSON-ready dict)."""

from __future__ import annotations

from casewatch.extract.analysis import Analysis, Entity, Event, Relation


def _entity(e: Entity, with_people: bool) -> dict:
    out: dict = {"id": e.id, "name": e.name}
    if with_people:
        out["aliases"] = e.aliases
        out["side"] = e.side
        out["roles"] = e.roles
    else:
        out["aliases"] = e.aliases
        out["kind"] = e.kind
    out["mentions"] = [list(m) for m in e.mentions]
    return out


def _event(ev: Event) -> dict:
    return {
        "id": ev.id,
        "type": ev.type,
        "date": ev.date,
        "date_precision": ev.date_precision,
        "time": ev.time,
        "status": ev.status,
        "persons": ev.persons,
        "perpetrators": ev.perpetrators,
        "organizations": ev.organizations,
        "articles": ev.articles,
        "court": ev.court,
        "location": ev.location,
        "outcome": ev.outcome,
        "term": ev.term,
        "evidence": [list(s) for s in ev.evidence],
    }


def _relation(r: Relation) -> dict:
    out: dict = {"type": r.type}
    if r.subtype:
        out["subtype"] = r.subtype
    out.update({"a": r.a, "b": r.b, "evidence": [list(s) for s in r.evidence]})
    return out


def _articles(a: Analysis) -> list[dict]:
    merged: dict[tuple[str, str, str | None], dict] = {}
    for m in a.articles:
        key = (m.code, m.article, m.part)
        if key not in merged:
            merged[key] = {
                "code": m.code,
                "article": m.article,
                "part": m.part,
                "title": m.title,
                "mentions": [],
            }
        if [m.start, m.end] not in merged[key]["mentions"]:
            merged[key]["mentions"].append([m.start, m.end])
    return list(merged.values())


def to_record(a: Analysis) -> dict:
    return {
        "source": {
            "path": a.path,
            "sha256": a.sha256,
            "report_date": a.report_date,
            "language": a.language,
            "title": a.title,
        },
        "persons": [_entity(p, True) for p in a.persons],
        "organizations": [_entity(o, False) for o in a.organizations],
        "locations": [_entity(loc, False) for loc in a.locations],
        "articles": _articles(a),
        "events": [_event(e) for e in a.events],
        "relations": [_relation(r) for r in a.relations],
    }
