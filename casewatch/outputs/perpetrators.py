"""Perpetrator dossiers and the sanctions candidates list.

A perpetrator is anyone an event names on the state's side (a judge who sentenced, an investigator
who questioned, an official who refused an assembly). Their dossier lists every decision they took
part in, with the quoted sentence and its report; the candidates list ranks them by documented
decisions. Shape of `perpetrators()`:

    {"count": int,
     "perpetrators": [{"person_id", "name", "roles": [label], "score", "decisions": int,
                       "targets": [{"person_id", "name"}], "prison_years": float,
                       "record": [{"event_id", "type", "type_label", "date", "court", "outcome",
                                   "term", "targets": [names], "articles": [labels], "document",
                                   "quote"}]}]}
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from casewatch.data import load_yaml

from .case_events import CaseEvent, load_events
from .prisoners import term_length
from .scope import EVERYTHING, Scope

#: how much one documented act weighs in the sanctions ranking: decisions that deprive of liberty most
WEIGHTS = {
    "verdict": 3.0,
    "restraint": 2.0,
    "ill_treatment": 3.0,
    "charge": 1.5,
    "search": 1.0,
    "interrogation": 1.0,
    "pressure": 1.0,
    "assembly_denied": 1.0,
    "ban": 1.5,
    "arrest": 1.5,
    "hearing": 0.5,
}


def _label(vocabulary: str, key: str | None) -> str | None:
    entry = load_yaml("vocabularies.yaml")[vocabulary].get(key or "")
    return entry["label"] if entry else key


def _prison_years(event: CaseEvent) -> float:
    if event.type != "verdict" or event.outcome != "imprisonment":
        return 0.0
    length = term_length(event.term)
    return length[0] + length[1] / 12 + length[2] / 365 if length else 0.0


def perpetrators(session: Session, scope: Scope = EVERYTHING, person_id: int | None = None) -> dict:
    """Everyone named on the state's side of an event, ranked by documented decisions."""
    events = load_events(session, scope, person_ids=[person_id] if person_id is not None else None)
    by_person: dict[int, dict] = {}
    for event in events:
        for p in event.perpetrators:
            if p.person_id is None or (person_id is not None and p.person_id != person_id):
                continue
            entry = by_person.setdefault(
                p.person_id,
                {
                    "person_id": p.person_id,
                    "name": p.name,
                    "roles": set(),
                    "score": 0.0,
                    "decisions": 0,
                    "targets": [],
                    "prison_years": 0.0,
                    "record": [],
                },
            )
            entry["roles"].update(p.person_roles)
            # a call for sanctions or a letter names them, but is no act of theirs
            entry["score"] += WEIGHTS.get(event.type, 0.0)
            entry["decisions"] += event.type in WEIGHTS
            entry["prison_years"] += _prison_years(event)
            for t in event.targets:
                target = {"person_id": t.person_id, "name": t.name}
                if t.person_id is not None and target not in entry["targets"]:
                    entry["targets"].append(target)
            entry["record"].append(
                {
                    "event_id": event.id,
                    "type": event.type,
                    "type_label": _label("event_types", event.type),
                    "date": event.date,
                    "court": event.court,
                    "outcome": event.outcome,
                    "outcome_label": _label("outcomes", event.outcome) if event.outcome else None,
                    "term": event.term,
                    "targets": [t.name for t in event.targets],
                    "articles": [a["label"] for a in event.articles],
                    "document": event.document,
                    "quote": event.quote,
                }
            )
    out = []
    for entry in by_person.values():
        entry["roles"] = sorted(_label("roles", r) for r in entry["roles"])
        entry["score"] = round(entry["score"] + len(entry["targets"]), 2)
        entry["prison_years"] = round(entry["prison_years"], 2)
        out.append(entry)
    out.sort(key=lambda e: (-e["score"], e["name"]))
    return {"count": len(out), "perpetrators": out}


def render_perpetrators(listed: dict, checked_file: str | None = None) -> str:
    """The sanctions candidates as terminal text, highest score first, and who a list names."""
    lines = [f"{listed['count']} perpetrators, ranked by documented decisions"]
    for n, p in enumerate(listed["perpetrators"], 1):
        lines.append("")
        roles = f" ({', '.join(p['roles'])})" if p["roles"] else ""
        lines.append(
            f"{n}. #{p['person_id']} {p['name']}{roles}: score {p['score']}; "
            f"documented acts: {p['decisions']}, persons: {len(p['targets'])}, "
            f"years of prison handed down: {p['prison_years']}"
        )
        for r in p["record"]:
            detail = ", ".join(x for x in (r["outcome_label"], r["term"], r["court"]) if x)
            lines.append(
                f"   {r['date'] or 'undated':<10} {r['type_label']}: {', '.join(r['targets']) or '-'}"
                + (f" [{detail}]" if detail else "")
            )
            lines.append(f"              {r['document']['path']}")
    if checked_file is not None:
        hits = [p for p in listed["perpetrators"] if p.get("listed_as")]
        lines += ["", f"{len(hits)} found in {checked_file}:"]
        for p in hits:
            best = p["listed_as"][0]
            lines.append(
                f"  #{p['person_id']} {p['name']} ~ {best['caption']} ({best['entity_id']}): {best['score']}"
            )
    return "\n".join(lines)
