"""Exports of the case database: CSV tables, one JSON document, FollowTheMoney entities and GraphML.

Every export is built from the read model (`network`, `load_events`, `hearings`, `prisoners`) under
one `Scope`: the local user's export shows all but rejected claims; `--public` (`public_scope`)
shows reviewed facts only and nothing about a person who carries any sensitive mark.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import networkx as nx
from followthemoney import model
from sqlalchemy.orm import Session

from casewatch.data import load_yaml

from .case_events import load_events
from .hearings import hearings
from .network import network
from .prisoners import prisoners
from .scope import Scope

#: the tables `casewatch export csv --table` writes
TABLES = ("persons", "events", "hearings", "prisoners")
#: FtM schema of each tie type: (schema, property of a, property of b)
FTM_TIES = {
    "family": ("Family", "relative", "person"),
    "colleague": ("Associate", "associate", "person"),
    "member": ("Membership", "member", "organization"),
    "founder": ("Membership", "member", "organization"),
    "employee": ("Employment", "employee", "employer"),
}


def _join(values) -> str:
    return "; ".join(str(v) for v in values if v)


def _label(vocabulary: str, key: str | None) -> str | None:
    if key is None:
        return None
    entry = load_yaml("vocabularies.yaml")[vocabulary].get(key)
    return entry["label"] if entry else key


def tables(session: Session, scope: Scope) -> dict[str, list[dict]]:
    """Flat rows of persons, events, hearings and prisoners (what the CSV and JSON exports hold)."""
    net = network(session, scope)
    persons = [
        {
            "id": p["id"],
            "name": p["name"],
            "aliases": _join(p["aliases"]),
            "side": _label("sides", p["side"]),
            "roles": _join(_label("roles", r) for r in p["roles"]),
            "reports": _join(d["path"] for d in p["documents"]),
        }
        for p in net["persons"]
    ]
    events = [
        {
            "id": e.id,
            "type": _label("event_types", e.type),
            "date": e.date,
            "time": e.time,
            "status": e.status,
            "outcome": _label("outcomes", e.outcome),
            "term": e.term,
            "court": e.court,
            "place": e.place,
            "targets": _join(p.name for p in e.targets),
            "perpetrators": _join(p.name for p in e.perpetrators),
            "articles": _join(a["label"] for a in e.articles),
            "report": e.document["path"],
            "quote": e.quote,
        }
        for e in load_events(session, scope)
    ]
    calendar = hearings(session, scope)
    hearing_rows = [
        {
            "date": h["date"],
            "time": h["time"],
            "time_zone": h["time_zone"],
            "court": h["court"],
            "status": h["status"],
            "defendants": _join(d["name"] for d in h["defendants"]),
            "judges": _join(j["name"] for j in h["judges"]),
            "articles": _join(a["label"] for a in h["articles"]),
            "reports": _join(s["document"]["path"] for s in h["sources"]),
        }
        for day in calendar["days"]
        for h in day["hearings"]
    ]
    prisoner_rows = [
        {
            "person_id": p["person_id"],
            "name": p["name"],
            "status": p["status_label"],
            "since": p["since"],
            "articles": _join(a["label"] for a in p["articles"]),
            "term": p["term"],
            "expected_release": p["expected_release"],
            "place": p["place"],
            "country": p["country"],
            "report": p["set_by"]["document"]["path"],
            "quote": p["set_by"]["quote"],
        }
        for p in prisoners(session, scope)["prisoners"]
    ]
    return {"persons": persons, "events": events, "hearings": hearing_rows, "prisoners": prisoner_rows}


def to_csv(rows: list[dict]) -> str:
    """One table as CSV with a header line (empty when there are no rows)."""
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def to_json(session: Session, scope: Scope) -> str:
    return json.dumps(tables(session, scope), ensure_ascii=False, indent=2)


def ftm_entities(session: Session, scope: Scope) -> Iterator[dict]:
    """FollowTheMoney entities: persons, organisations, reports, their ties, events and sourcing."""
    net = network(session, scope)

    def make(schema: str, *key) -> object:
        entity = model.make_entity(schema)
        entity.make_id("casewatch", schema, *key)
        return entity

    person_ids: dict[int, str] = {}
    documents: dict[str, object] = {}
    for p in net["persons"]:
        person = make("Person", p["id"])
        person.add("name", p["name"])
        person.add("alias", p["aliases"])
        person.add(
            "description", _join([_label("sides", p["side"]), *(_label("roles", r) for r in p["roles"])])
        )
        person_ids[p["id"]] = person.id
        yield person.to_dict()
        for d in p["documents"]:
            if d["sha256"] not in documents:
                doc = make("Document", d["sha256"])
                doc.add("title", d["path"])
                doc.add("fileName", d["path"].rsplit("/", 1)[-1])
                doc.add("description", f"SHA-256 {d['sha256']}")  # FtM contentHash is SHA-1
                documents[d["sha256"]] = doc
                yield doc.to_dict()
            link = make("Documentation", d["sha256"], p["id"])
            link.add("document", documents[d["sha256"]].id)
            link.add("entity", person.id)
            link.add("role", "mentioned")
            yield link.to_dict()
    org_ids: dict[str, str] = {}
    for o in net["organizations"]:
        org = make("Organization", o["key"])
        org.add("name", o["name"])
        org.add("classification", _label("organization_kinds", o["kind"]))
        org_ids[o["key"]] = org.id
        yield org.to_dict()

    def ref(end: dict) -> str:
        return person_ids[end["person_id"]] if "person_id" in end else org_ids[end["organization"]]

    for tie in net["ties"]:
        schema, a_prop, b_prop = FTM_TIES[tie["type"]]
        entity = make(schema, tie["claim_id"])
        entity.add(a_prop, ref(tie["a"]))
        entity.add(b_prop, ref(tie["b"]))
        if schema == "Family":
            entity.add("relationship", tie["subtype"])
        elif schema == "Associate":
            entity.add("relationship", "colleague")
        elif tie["type"] == "founder":
            entity.add("role", "founder")
        entity.add("summary", tie["quote"])
        yield entity.to_dict()
    for e in load_events(session, scope):
        involved = [person_ids[p.person_id] for p in e.participants if p.person_id in person_ids]
        if not involved:
            continue
        event = make("Event", e.claim_id)
        event.add("name", f"{_label('event_types', e.type)}: {_join(p.name for p in e.targets) or '-'}")
        event.add("date", e.date)
        event.add("involved", involved)
        event.add("summary", e.quote)
        event.add("description", _join([e.court, e.term, _join(a["label"] for a in e.articles)]))
        yield event.to_dict()


def to_graphml(session: Session, scope: Scope) -> str:
    """The network of persons and organisations as GraphML (nodes carry name, side and roles)."""
    net = network(session, scope)
    graph = nx.MultiGraph()
    for p in net["persons"]:
        graph.add_node(
            f"person:{p['id']}", kind="person", name=p["name"], side=p["side"] or "", roles=_join(p["roles"])
        )
    for o in net["organizations"]:
        graph.add_node(f"organization:{o['key']}", kind="organization", name=o["name"], side="", roles="")
    for tie in net["ties"]:
        ends = [
            f"person:{end['person_id']}" if "person_id" in end else f"organization:{end['organization']}"
            for end in (tie["a"], tie["b"])
        ]
        graph.add_edge(*ends, type=tie["type"], subtype=tie["subtype"] or "", report=tie["document"]["path"])
    return "\n".join(nx.generate_graphml(graph))
