"""Persons list and person dossier as plain dicts (one context for the CLI, JSON and the web app).

Only current document versions and claims not rejected by a reviewer are shown.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from casewatch.errors import CasewatchError
from casewatch.store import models as m
from casewatch.store.linking import resolve_id

NOT_REJECTED = m.Claim.status != "rejected"


def _mentions(session: Session, person_ids: list[int] | None = None) -> list:
    """(mention id, person id, mention name, side, document) rows for live mentions."""
    q = (
        select(
            m.PersonMention.id,
            m.PersonMention.person_id,
            m.PersonMention.name,
            m.PersonMention.side,
            m.Document,
        )
        .join(m.Document, m.Document.id == m.PersonMention.document_id)
        .join(m.Claim, m.Claim.id == m.PersonMention.claim_id)
        .where(m.Document.is_current, NOT_REJECTED, m.PersonMention.person_id.is_not(None))
        .order_by(m.Document.report_date, m.Document.path, m.PersonMention.id)
    )
    if person_ids is not None:
        q = q.where(m.PersonMention.person_id.in_(person_ids))
    return session.execute(q).all()


def _spellings(session: Session, mention_ids: list[int]) -> dict[int, list[str]]:
    q = (
        select(m.MentionName.mention_id, m.MentionName.name)
        .join(m.Claim, m.Claim.id == m.MentionName.claim_id)
        .where(m.MentionName.mention_id.in_(mention_ids), NOT_REJECTED)
        .order_by(m.MentionName.id)
    )
    out: dict[int, list[str]] = defaultdict(list)
    for mid, name in session.execute(q):
        if name not in out[mid]:
            out[mid].append(name)
    return out


def _roles(session: Session, mention_ids: list[int]) -> dict[int, list[str]]:
    q = (
        select(m.MentionRole.mention_id, m.MentionRole.role)
        .join(m.Claim, m.Claim.id == m.MentionRole.claim_id)
        .where(m.MentionRole.mention_id.in_(mention_ids), NOT_REJECTED)
    )
    out: dict[int, list[str]] = defaultdict(list)
    for mid, role in session.execute(q):
        out[mid].append(role)
    return out


def _chunks(ids: list[int], size: int = 5000):
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _persons(session: Session, person_ids: list[int] | None) -> list[dict]:
    rows = _mentions(session, person_ids)
    mids = [r.id for r in rows]
    spellings: dict[int, list[str]] = {}
    roles: dict[int, list[str]] = {}
    for chunk in _chunks(mids):
        spellings.update(_spellings(session, chunk))
        roles.update(_roles(session, chunk))
    by_person: dict[int, list] = defaultdict(list)
    for r in rows:
        by_person[r.person_id].append(r)
    persons = {p.id: p for p in session.scalars(select(m.Person).where(m.Person.id.in_(list(by_person))))}
    out = []
    for pid in sorted(by_person):
        person = persons[pid]
        names: list[str] = []
        person_roles: set[str] = set()
        documents = []
        for r in by_person[pid]:
            used = spellings.get(r.id) or [r.name]
            names.extend(n for n in [r.name, *used] if n not in names)
            person_roles.update(roles.get(r.id, []))
            documents.append({"path": r.Document.path, "sha256": r.Document.sha256, "names": used})
        out.append(
            {
                "id": person.id,
                "name": person.name,
                "aliases": [n for n in names if n != person.name],
                "side": person.side,
                "roles": sorted(person_roles),
                "documents": documents,
            }
        )
    return out


def list_persons(session: Session, query: str | None = None) -> list[dict]:
    """Canonical persons with their spellings, side, roles and documents (the `persons --json` shape)."""
    ids = None
    if query:
        from casewatch.names import latinize
        from casewatch.outputs.name_search import persons_named

        # a Cyrillic query also finds the Latin spellings ("Пазылов" -> "Pazylov")
        likes = [f"%{q}%" for q in dict.fromkeys([query.strip(), latinize(query.strip())]) if q]
        q = (
            select(m.PersonMention.person_id)
            .join(m.MentionName, m.MentionName.mention_id == m.PersonMention.id, isouter=True)
            .where(
                or_(
                    *(col.ilike(like) for like in likes for col in (m.PersonMention.name, m.MentionName.name))
                ),
                m.PersonMention.person_id.is_not(None),
            )
        )
        found = set(session.scalars(q)) | persons_named(session, query)  # any script, any case
        found |= set(
            session.scalars(select(m.Person.id).where(or_(*(m.Person.name.ilike(x) for x in likes))))
        )
        ids = sorted({resolve_id(session, pid) for pid in found})
    return _persons(session, ids)


def find_person(session: Session, ref: str) -> int:
    """A person id from an id or a name (exact, any spelling, case-insensitive)."""
    ref = ref.strip()
    if ref.isdigit():
        pid = resolve_id(session, int(ref))
        if pid is None or session.get(m.Person, pid) is None:
            raise CasewatchError(f"no person with id {ref}")
        return pid
    found = {p["id"]: p for p in list_persons(session, ref)}
    exact = [p for p in found.values() if ref.lower() in {n.lower() for n in [p["name"], *p["aliases"]]}]
    chosen = exact or list(found.values())
    if len(chosen) == 1:
        return chosen[0]["id"]
    if not chosen:
        raise CasewatchError(f"no person named {ref!r}")
    listed = ", ".join(f"{p['id']} {p['name']}" for p in chosen[:10])
    raise CasewatchError(f"{ref!r} matches {len(chosen)} persons: {listed}; give an id")


def _quote(text: str, start: int | None, end: int | None, limit: int = 400) -> str | None:
    if start is None or end is None:
        return None
    quote = " ".join(text[start:end].split())
    return quote if len(quote) <= limit else quote[: limit - 1] + "…"


def _timeline(session: Session, mention_ids: list[int]) -> list[dict]:
    part = m.EventParticipant
    q = (
        select(m.Event, part.role, m.Document, m.Claim.status)
        .join(part, part.event_id == m.Event.id)
        .join(m.Document, m.Document.id == m.Event.document_id)
        .join(m.Claim, m.Claim.id == m.Event.claim_id)
        .where(part.mention_id.in_(mention_ids), NOT_REJECTED)
    )
    rows = session.execute(q).all()
    part_claims = select(part.event_id).join(m.Claim, m.Claim.id == part.claim_id)
    live = set(session.scalars(part_claims.where(part.mention_id.in_(mention_ids), NOT_REJECTED)))
    places = {
        p.id: p.name
        for p in session.scalars(
            select(m.Place).where(m.Place.id.in_([r.Event.place_id for r in rows if r.Event.place_id]))
        )
    }
    arts = defaultdict(list)
    art_q = select(m.EventArticle.event_id, m.EventArticle.key).where(
        m.EventArticle.event_id.in_([r.Event.id for r in rows])
    )
    for eid, key in session.execute(art_q):
        arts[eid].append(key)
    events = []
    for ev, role, doc, status in rows:
        if ev.id not in live:
            continue
        events.append(
            {
                "date": ev.date,
                "date_precision": ev.date_precision,
                "time": ev.time,
                "type": ev.type,
                "role": role,
                "status": ev.status,
                "outcome": ev.outcome,
                "term": ev.term,
                "court": ev.court,
                "place": places.get(ev.place_id),
                "articles": arts[ev.id],
                "document": {"path": doc.path, "sha256": doc.sha256, "report_date": doc.report_date},
                "quote": _quote(doc.text, ev.start, ev.end),
                "span": [ev.start, ev.end] if ev.start is not None else None,
                "claim_id": ev.claim_id,
                "review_status": status,
            }
        )
    events.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["time"] or "", e["document"]["path"]))
    return events


def _relations(session: Session, person_id: int, mention_ids: list[int]) -> list[dict]:
    rel, other = m.Relation, aliased(m.PersonMention)
    out = []
    for mine, theirs, org, reverse in (
        (rel.a_mention_id, rel.b_mention_id, rel.b_organization_id, False),
        (rel.b_mention_id, rel.a_mention_id, rel.a_organization_id, True),
    ):
        q = (
            select(rel, m.Document, other, m.Organization)
            .join(m.Document, m.Document.id == rel.document_id)
            .join(m.Claim, m.Claim.id == rel.claim_id)
            .join(other, other.id == theirs, isouter=True)
            .join(m.Organization, m.Organization.id == org, isouter=True)
            .where(mine.in_(mention_ids), NOT_REJECTED)
        )
        for r, doc, person, orgn in session.execute(q):
            if person is not None and person.person_id == person_id:
                continue
            target = (
                {"person_id": resolve_id(session, person.person_id), "name": person.name}
                if person is not None
                else {"organization": orgn.name if orgn else None}
            )
            out.append(
                {
                    "type": r.type,
                    "subtype": r.subtype,
                    # "a is b's wife": the subtype describes a; `of` says whose relation this is
                    "direction": "of" if reverse else "is",
                    "other": target,
                    "document": {"path": doc.path, "sha256": doc.sha256},
                    "quote": _quote(doc.text, r.start, r.end),
                    "claim_id": r.claim_id,
                }
            )
    return out


def person_dossier(session: Session, ref: str | int) -> dict:
    """Everything known about one person: names, roles, relations and a dated, sourced timeline."""
    pid = find_person(session, str(ref))
    listed = _persons(session, [pid])
    person = session.get(m.Person, pid)
    if not listed:
        base = {
            "id": pid,
            "name": person.name,
            "aliases": [],
            "side": person.side,
            "roles": [],
            "documents": [],
        }
    else:
        base = listed[0]
    mention_ids = [r.id for r in _mentions(session, [pid])]
    merged = session.scalars(select(m.Person.id).where(m.Person.merged_into == pid)).all()
    pending = session.scalars(
        select(m.LinkDecision).where(
            m.LinkDecision.status == "pending",
            or_(m.LinkDecision.person_id == pid, m.LinkDecision.other_person_id == pid),
        )
    ).all()
    return {
        **base,
        "merged_from": sorted(merged),
        "relations": _relations(session, pid, mention_ids),
        "timeline": _timeline(session, mention_ids),
        "pending_links": [
            {"id": d.id, "person_id": d.person_id, "other_person_id": d.other_person_id, "reason": d.reason}
            for d in pending
        ],
    }


def render_dossier(d: dict) -> str:
    """The dossier as terminal text."""
    lines = [f"#{d['id']} {d['name']}  ({d['side'] or 'side unknown'})"]
    if d["aliases"]:
        lines.append("Also written: " + "; ".join(d["aliases"]))
    if d["roles"]:
        lines.append("Roles: " + ", ".join(r.replace("_", " ") for r in d["roles"]))
    if d.get("merged_from"):
        lines.append("Merged from: " + ", ".join(f"#{i}" for i in d["merged_from"]))
    if d["relations"]:
        lines.append("")
        lines.append("Relations:")
        for r in d["relations"]:
            kind = r["subtype"] or r["type"]
            other = r["other"]
            who = f"#{other['person_id']} {other['name']}" if "person_id" in other else other["organization"]
            verb = f"{kind} of" if r["direction"] == "is" else f"has {kind}"
            lines.append(f"  {verb} {who}   [{r['document']['path']}]")
    lines.append("")
    lines.append(f"Timeline ({len(d['timeline'])} events):")
    for e in d["timeline"]:
        when = e["date"] or "date unknown"
        details = ", ".join(
            str(x) for x in (e["status"], e["outcome"], e["term"], e["court"], e["place"]) if x
        )
        arts = f" art. {', '.join(e['articles'])}" if e["articles"] else ""
        lines.append(f"  {when:<12} {e['type']:<15} as {e['role']}{arts}{': ' + details if details else ''}")
        lines.append(f"               source: {e['document']['path']} ({e['document']['sha256'][:12]})")
        if e["quote"]:
            lines.append(f'               "{e["quote"]}"')
    lines.append("")
    lines.append(f"Documents ({len(d['documents'])}):")
    for doc in d["documents"]:
        lines.append(f"  {doc['path']} ({doc['sha256'][:12]}): {'; '.join(doc['names'])}")
    return "\n".join(lines)
