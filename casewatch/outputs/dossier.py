"""The persons list and a person's dossier: the one read model behind `casewatch persons/person --json`,
the /persons pages and /api/v1/persons alike (they only render it).

Every function takes the reader's `View` (`casewatch.outputs.scope`): the local CLI passes
`EVERYTHING`, the web app the user's `Visibility`, so hidden persons are not found, hidden fields
are empty (and named in `withheld_fields`), hidden claims and mentions are left out and hidden names
are withheld from quotes. Only current document versions and claims not rejected by a reviewer
count.

A person in the list (`list_persons`, and `persons_page()["persons"]`)::

    {"id", "name", "side", "aliases": [str], "roles": [role key], "articles": [article key],
     "article_labels": ["KZ-CC 405.2"], "places": [str], "status": last event type | None, "reports": int,
     "documents": [{"id", "path", "sha256", "names": [spellings used there]}]}

A dossier (`person_dossier`)::

    {"person": {"id", "name", "side"}, "aliases", "roles", "merged_from": [old ids],
     "timeline": [event row (casewatch.outputs.events) + "role": this person's part, "quote",
                  "review_status", "document": {"id", "path", "title", "sha256", "report_date"}],
     "relations": [{"type", "subtype", "direction", "name", "person_id", "quote",
                    "document_id", "claim_id"}],
     "sources": [{"id", "title", "path", "report_date", "sha256", "names"}],
     "pending_links": [{"id", "person_id", "other_person_id", "reason"}],
     "withheld_fields": [field], "sensitive": [{"id", "field", "reason", "by"}],
     "history": [audit row (casewatch.outputs.history)]}

A relation's `direction` has one meaning everywhere: the stored relation reads "a is b's <subtype>";
"of" when this person is a ("wife of Saule": the subtype describes this person), "has" when this
person is b ("has wife Saule": the subtype describes the other).
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from casewatch.errors import CasewatchError
from casewatch.outputs.events import event_rows
from casewatch.outputs.history import audit_rows
from casewatch.outputs.labels import article_label
from casewatch.outputs.name_search import persons_named
from casewatch.outputs.scope import View
from casewatch.store import models as m
from casewatch.store.linking import resolve_id
from casewatch.store.marks import marks_of_person

#: dossier fields that can be marked sensitive one by one
PERSON_FIELDS = ("aliases", "roles", "timeline", "relations", "sources")

NOT_REJECTED = m.Claim.status != "rejected"


class PersonNotFound(CasewatchError):
    """No person with this id, or one the reader may not see (the two answer alike)."""


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _quote(text: str | None, start: int | None, end: int | None, limit: int = 400) -> str | None:
    if text is None or start is None or end is None:
        return None
    quote = " ".join(text[start:end].split())
    return quote if len(quote) <= limit else quote[: limit - 1] + "…"


def _live_mentions(session: Session, person_ids: list[int] | None = None):
    query = (
        select(m.PersonMention)
        .join(m.Document, m.Document.id == m.PersonMention.document_id)
        .join(m.Claim, m.Claim.id == m.PersonMention.claim_id)
        .where(m.Document.is_current.is_(True), NOT_REJECTED)
        .options(selectinload(m.PersonMention.names), selectinload(m.PersonMention.roles))
        .order_by(m.Document.report_date, m.Document.path, m.PersonMention.id)
    )
    if person_ids is not None:
        query = query.where(m.PersonMention.person_id.in_(person_ids))
    return list(session.scalars(query))


def _rejected(session: Session, mentions: list[m.PersonMention]) -> set[str]:
    """Ids of rejected claims among these mentions' spellings and roles."""
    ids = [x.claim_id for mn in mentions for x in (*mn.names, *mn.roles) if x.claim_id]
    out: set[str] = set()
    for i in range(0, len(ids), 5000):
        chunk = ids[i : i + 5000]
        out |= set(
            session.scalars(select(m.Claim.id).where(m.Claim.id.in_(chunk), m.Claim.status == "rejected"))
        )
    return out


def _spellings(mention: m.PersonMention, rejected: set[str]) -> list[str]:
    names = [n.name for n in mention.names if n.claim_id not in rejected]
    return list(dict.fromkeys(names or [mention.name]))


def _index(session: Session, view: View, person_ids: list[int] | None = None) -> dict[int, dict]:
    """Every current person the reader may see, with what the list and its filters need."""
    query = select(m.Person).where(m.Person.merged_into.is_(None))
    if person_ids is not None:
        query = query.where(m.Person.id.in_(person_ids))
    persons = {
        p.id: {
            "id": p.id,
            "name": p.name,
            "side": p.side,
            "names": [p.name],
            "roles": set(),
            "articles": set(),
            "article_labels": {},
            "places": set(),
            "status": None,
            "last_date": "",
            "documents": {},
        }
        for p in session.scalars(query.order_by(m.Person.id))
        if not view.person_hidden(p.id)
    }
    paths = {}
    mention_person: dict[int, int] = {}
    mentions = _live_mentions(session, list(persons) if person_ids is not None else None)
    rejected = _rejected(session, mentions)
    for mention in mentions:
        row = persons.get(mention.person_id)
        if row is None:
            continue
        pid = mention.person_id
        mention_person[mention.id] = pid
        spellings = _spellings(mention, rejected)
        if not view.field_hidden(pid, "aliases"):
            row["names"].extend(n for n in [mention.name, *spellings] if n not in row["names"])
        if not view.field_hidden(pid, "roles"):
            row["roles"].update(r.role for r in mention.roles if r.claim_id not in rejected)
        if not view.field_hidden(pid, "sources"):
            doc = row["documents"].setdefault(mention.document_id, {"id": mention.document_id, "names": []})
            shown = spellings if not view.field_hidden(pid, "aliases") else [row["name"]]
            doc["names"].extend(n for n in shown if n not in doc["names"])
            paths[mention.document_id] = None
    # the whole list reads every current row: no IN list of thousands of ids (SQLite caps them)
    docs = select(m.Document.id, m.Document.path, m.Document.sha256)
    docs = docs.where(
        m.Document.is_current.is_(True) if person_ids is None else m.Document.id.in_(list(paths))
    )
    for doc_id, path, sha in session.execute(docs):
        if doc_id in paths:
            paths[doc_id] = (path, sha)
    mine = (
        m.EventParticipant.mention_id.is_not(None)
        if person_ids is None
        else m.EventParticipant.mention_id.in_(list(mention_person))
    )
    events = (
        select(m.EventParticipant.mention_id, m.Event)
        .join(m.Event, m.Event.id == m.EventParticipant.event_id)
        .join(m.Claim, m.Claim.id == m.Event.claim_id)
        .where(mine, NOT_REJECTED)
        .options(
            selectinload(m.Event.articles).selectinload(m.EventArticle.article), selectinload(m.Event.place)
        )
    )
    for mention_id, event in session.execute(events):
        row = persons.get(mention_person.get(mention_id, -1))
        if row is None or view.claim_hidden(event.claim_id) or view.field_hidden(row["id"], "timeline"):
            continue
        for a in event.articles:
            row["articles"].add(a.key)
            row["article_labels"].setdefault(a.key, set()).add(
                article_label(a.key, a.article.code if a.article else None)
            )
        if event.place is not None:
            row["places"].add(event.place.name)
        if (event.date or "") >= row["last_date"]:
            row["last_date"], row["status"] = event.date or "", event.type
    for row in persons.values():
        for doc in row["documents"].values():
            doc["path"], doc["sha256"] = paths[doc["id"]]
    return persons


def _listed(row: dict) -> dict:
    """An index row in the documented list shape."""
    documents = [
        {"id": d["id"], "path": d["path"], "sha256": d["sha256"], "names": d["names"]}
        for d in row["documents"].values()
    ]
    return {
        "id": row["id"],
        "name": row["name"],
        "side": row["side"],
        "aliases": [n for n in row["names"] if n != row["name"]],
        "roles": sorted(row["roles"]),
        "articles": sorted(row["articles"]),
        "article_labels": sorted({x for labels in row["article_labels"].values() for x in labels}),
        "places": sorted(row["places"]),
        "status": row["status"],
        "reports": len(documents),
        "documents": documents,
    }


def _matches(view: View, row: dict, query: str, named: set[int]) -> bool:
    from casewatch.names import latinize

    if row["id"] in named:
        return True
    # a Cyrillic query also finds the Latin spellings ("Пазылов" -> "Pazylov")
    needles = {_fold(q) for q in (query, latinize(query)) if q.strip()}
    return any(needle in _fold(view.clean(n) or "") for n in row["names"] for needle in needles)


def _named(session: Session, view: View, query: str | None) -> set[int]:
    """Persons one of whose spellings the query is, in any script or case ("Zheksebayev" finds
    "Жексебаеву"), never through a name withheld from the reader."""
    if not query or not (view.sees_all or not view.names_hidden(query)):
        return set()
    return persons_named(session, query)


def _filtered(
    rows: list[dict],
    view: View,
    q: str | None = None,
    named: set[int] = frozenset(),
    side: str | None = None,
    role: str | None = None,
    article: str | None = None,
    place: str | None = None,
    status: str | None = None,
) -> list[dict]:
    found = rows
    if q:
        found = [p for p in found if _matches(view, p, q, named)]
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
        found = [p for p in found if p["status"] == status]
    return found


def list_persons(session: Session, view: View, query: str | None = None, **filters: str | None) -> list[dict]:
    """Persons the reader may see matching a name search (any spelling, either script) and filters, by id.

    Filters: side, role, article (a key or its article without the part), place, status (last event).
    """
    rows = list(_index(session, view).values())
    return [_listed(p) for p in _filtered(rows, view, query, _named(session, view, query), **filters)]


def persons_page(
    session: Session, view: View, filters: dict[str, str | None], page: int = 1, size: int = 100
) -> dict:
    """One page of `list_persons`, most reported first, with the values each filter can take."""
    index = list(_index(session, view).values())
    options = {
        "side": sorted({p["side"] for p in index if p["side"]}),
        "role": sorted({r for p in index for r in p["roles"]}),
        "article": sorted({a for p in index for a in p["articles"]}),
        "place": sorted({x for p in index for x in p["places"]}),
        "status": sorted({p["status"] for p in index if p["status"]}),
    }
    article_names = {}
    for p in index:
        for key, labels in p["article_labels"].items():
            article_names.setdefault(key, set()).update(labels)
    q = filters.get("q")
    rest = {k: v for k, v in filters.items() if k != "q"}
    found = _filtered(index, view, q, _named(session, view, q), **rest)
    found.sort(key=lambda p: (-len(p["documents"]), p["name"]))
    return {
        "filters": {k: v or "" for k, v in filters.items()},
        "options": options,
        "article_names": {key: ", ".join(sorted(labels)) for key, labels in article_names.items()},
        "total": len(found),
        "page": page,
        "more": len(found) > page * size,
        "persons": [_listed(p) for p in found[(page - 1) * size : page * size]],
    }


def current_person(session: Session, view: View, person_id: int) -> m.Person:
    """The person that stands for `person_id` now (merged ids answer for the person they went into)."""
    current = resolve_id(session, person_id)
    person = session.get(m.Person, current) if current is not None else None
    if person is None or view.person_hidden(person.id):
        raise PersonNotFound(f"no person with id {person_id}")
    return person


def find_person(session: Session, view: View, ref: str) -> int:
    """A person id from an id or a name (exact, any spelling, case-insensitive)."""
    ref = ref.strip()
    if ref.isdigit():
        return current_person(session, view, int(ref)).id
    found = list_persons(session, view, ref)
    exact = [p for p in found if ref.lower() in {n.lower() for n in [p["name"], *p["aliases"]]}]
    chosen = exact or found
    if len(chosen) == 1:
        return chosen[0]["id"]
    if not chosen:
        raise PersonNotFound(f"no person named {ref!r}")
    listed = ", ".join(f"{p['id']} {p['name']}" for p in chosen[:10])
    raise CasewatchError(f"{ref!r} matches {len(chosen)} persons: {listed}; give an id")


def _timeline(
    session: Session, view: View, mention_ids: list[int], docs: dict[int, m.Document]
) -> list[dict]:
    part = m.EventParticipant
    roles: dict[int, str] = {}
    for event_id, role in session.execute(
        select(part.event_id, part.role)
        .join(m.Claim, m.Claim.id == part.claim_id)
        .where(part.mention_id.in_(mention_ids), NOT_REJECTED)
    ):
        roles.setdefault(event_id, role)
    events = list(
        session.scalars(
            select(m.Event)
            .join(m.Claim, m.Claim.id == m.Event.claim_id)
            .where(m.Event.id.in_(list(roles)), NOT_REJECTED)
            .order_by(m.Event.date.nulls_last(), m.Event.time, m.Event.id)
            .options(
                selectinload(m.Event.participants).selectinload(part.mention),
                selectinload(m.Event.participants).selectinload(part.organization),
                selectinload(m.Event.articles).selectinload(m.EventArticle.article),
                selectinload(m.Event.place),
            )
        )
    )
    by_id = {ev.id: ev for ev in events}
    query = select(m.Claim.id, m.Claim.status).where(m.Claim.id.in_([ev.claim_id for ev in events]))
    statuses = {claim_id: status for claim_id, status in session.execute(query)}
    rows = event_rows(session, events, view)
    for row in rows:
        ev = by_id[row["id"]]
        doc = docs.get(ev.document_id) or session.get(m.Document, ev.document_id)
        row["role"] = roles[ev.id]
        row["date_precision"] = ev.date_precision
        row["review_status"] = statuses.get(ev.claim_id)
        row["quote"] = view.clean(_quote(doc.text, ev.start, ev.end))
        row["document"] = _document(view, doc)
    return rows


def _document(view: View, doc: m.Document) -> dict:
    return {
        "id": doc.id,
        "path": view.clean(doc.path),
        "title": view.clean(doc.title or doc.path),
        "sha256": doc.sha256,
        "report_date": doc.report_date,
    }


def _relations(session: Session, view: View, person_id: int, mention_ids: list[int]) -> list[dict]:
    rel = m.Relation
    out = []
    query = (
        select(rel)
        .join(m.Claim, m.Claim.id == rel.claim_id)
        .where(or_(rel.a_mention_id.in_(mention_ids), rel.b_mention_id.in_(mention_ids)), NOT_REJECTED)
        .order_by(rel.id)
    )
    for r in session.scalars(query):
        mine_a = r.a_mention_id in mention_ids
        other = r.b_mention if mine_a else r.a_mention
        org = r.b_organization if mine_a else r.a_organization
        if view.claim_hidden(r.claim_id) or view.mention_hidden(other.id if other else None):
            continue
        if other is not None and (other.person_id == person_id or view.person_hidden(other.person_id)):
            continue
        doc = session.get(m.Document, r.document_id)
        out.append(
            {
                "type": r.type,
                "subtype": r.subtype,
                "direction": "of" if mine_a else "has",
                "name": other.name if other is not None else org.name if org is not None else "?",
                "person_id": other.person_id if other is not None else None,
                "quote": view.clean(_quote(doc.text if doc else None, r.start, r.end)),
                "document_id": r.document_id,
                "claim_id": r.claim_id,
            }
        )
    return out


def person_dossier(session: Session, view: View, person_id: int) -> dict:
    """Everything the reader may know about one person: names, roles, a dated and sourced timeline,
    relations, sources, pending link decisions, sensitivity marks and the record's history."""
    person = current_person(session, view, person_id)
    pid = person.id
    mentions = _live_mentions(session, [pid])
    mention_ids = [mn.id for mn in mentions]
    docs = {
        d.id: d
        for d in session.scalars(
            select(m.Document).where(m.Document.id.in_({mn.document_id for mn in mentions}))
        )
    }
    withheld = [name for name in PERSON_FIELDS if view.field_hidden(pid, name)]
    no_sources = "sources" in withheld
    listed = _listed(_index(session, view, [pid])[pid])
    timeline = _timeline(session, view, mention_ids, docs)
    if no_sources:
        for row in timeline:
            row["document_id"] = row["claim_id"] = row["document"] = row["quote"] = None
    relations = _relations(session, view, pid, mention_ids)
    if no_sources:
        for row in relations:
            row["document_id"] = row["claim_id"] = row["quote"] = None
    names_in = {d["id"]: d["names"] for d in listed["documents"]}
    fields = {
        "aliases": sorted(listed["aliases"]),
        "roles": listed["roles"],
        "timeline": timeline,
        "relations": relations,
        "sources": [
            {**_document(view, d), "names": names_in.get(d.id, [])}
            for d in sorted(docs.values(), key=lambda d: (d.report_date or "", d.id))
        ],
    }
    for name in withheld:
        fields[name] = []
    merged = session.scalars(select(m.Person.id).where(m.Person.merged_into == pid).order_by(m.Person.id))
    pending = session.scalars(
        select(m.LinkDecision)
        .where(
            m.LinkDecision.status == "pending",
            or_(m.LinkDecision.person_id == pid, m.LinkDecision.other_person_id == pid),
        )
        .order_by(m.LinkDecision.id)
    )
    return {
        "person": {"id": pid, "name": person.name, "side": person.side},
        **fields,
        "merged_from": list(merged),
        "pending_links": [
            {"id": d.id, "person_id": d.person_id, "other_person_id": d.other_person_id, "reason": d.reason}
            for d in pending
            if view.sees_all or not (view.person_hidden(d.person_id) or view.person_hidden(d.other_person_id))
        ],
        "withheld_fields": withheld,
        "sensitive": [
            {"id": mk.id, "field": mk.field, "reason": mk.reason, "by": mk.created_by}
            for mk in marks_of_person(session, pid)
            if view.sees_all
        ],
        "history": audit_rows(session, "person", str(pid), view),
    }


def render_dossier(d: dict) -> str:
    """The dossier as terminal text."""
    person = d["person"]
    lines = [f"#{person['id']} {person['name']}  ({person['side'] or 'side unknown'})"]
    if d["aliases"]:
        lines.append("Also written: " + "; ".join(d["aliases"]))
    if d["roles"]:
        lines.append("Roles: " + ", ".join(r.replace("_", " ") for r in d["roles"]))
    if d.get("merged_from"):
        lines.append("Merged from: " + ", ".join(f"#{i}" for i in d["merged_from"]))
    paths = {s["id"]: s["path"] for s in d["sources"]}
    if d["relations"]:
        lines.append("")
        lines.append("Relations:")
        for r in d["relations"]:
            kind = r["subtype"] or r["type"]
            who = f"#{r['person_id']} {r['name']}" if r["person_id"] else r["name"]
            verb = f"{kind} of" if r["direction"] == "of" else f"has {kind}"
            lines.append(f"  {verb} {who}   [{paths.get(r['document_id'], '')}]")
    lines.append("")
    lines.append(f"Timeline ({len(d['timeline'])} events):")
    for e in d["timeline"]:
        when = e["date"] or "date unknown"
        details = ", ".join(
            str(x) for x in (e["status"], e["outcome"], e["term"], e["court"], e["place"]) if x
        )
        arts = f" art. {', '.join(e['articles'])}" if e["articles"] else ""
        lines.append(f"  {when:<12} {e['type']:<15} as {e['role']}{arts}{': ' + details if details else ''}")
        if e["document"]:
            lines.append(f"               source: {e['document']['path']} ({e['document']['sha256'][:12]})")
        if e["quote"]:
            lines.append(f'               "{e["quote"]}"')
    lines.append("")
    lines.append(f"Documents ({len(d['sources'])}):")
    for doc in d["sources"]:
        lines.append(f"  {doc['path']} ({doc['sha256'][:12]}): {'; '.join(doc['names'])}")
    return "\n".join(lines)
