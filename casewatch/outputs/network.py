"""Persons, organisations and the ties between them (family, colleagues, membership, employment), as
the exports read them: canonical persons, live claims the scope shows.

Shape of `network()`:

    {"persons": [{"id", "name", "aliases", "side", "roles", "documents": [{"path", "sha256"}]}],
     "organizations": [{"key", "name", "kind"}],
     "ties": [{"type", "subtype", "a": {"person_id"} | {"organization"}, "b": ..., "document", "quote",
               "claim_id"}]}

An organisation's `key` is its name folded to lower case: the same body named in two reports is
one organisation here.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from casewatch.store import models as m
from casewatch.store.linking import resolve_id

from .case_events import quote
from .scope import Scope


def org_key(name: str) -> str:
    return " ".join(name.lower().split())


def _live_mentions(session: Session, scope: Scope) -> dict[int, tuple[int, m.Document]]:
    """mention id -> (canonical person id, document) for the mentions the scope shows."""
    q = (
        select(
            m.PersonMention.id,
            m.PersonMention.person_id,
            m.PersonMention.claim_id,
            m.Claim.status,
            m.Document,
        )
        .join(m.Claim, m.Claim.id == m.PersonMention.claim_id)
        .join(m.Document, m.Document.id == m.PersonMention.document_id)
        .where(m.Document.is_current, m.PersonMention.person_id.is_not(None))
    )
    resolved: dict[int, int | None] = {}
    out = {}
    for mid, pid, claim_id, status, doc in session.execute(q):
        if pid not in resolved:
            resolved[pid] = resolve_id(session, pid)
        canonical = resolved[pid]
        if canonical is None or not scope.shows_person(canonical) or not scope.shows_claim(claim_id, status):
            continue
        out[mid] = (canonical, doc)
    return out


def _shown(session: Session, scope: Scope, model, mention_ids: list[int], column) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for i in range(0, len(mention_ids), 5000):
        q = (
            select(model.mention_id, column, model.claim_id, m.Claim.status)
            .join(m.Claim, m.Claim.id == model.claim_id)
            .where(model.mention_id.in_(mention_ids[i : i + 5000]))
        )
        for mid, value, claim_id, status in session.execute(q):
            if scope.shows_claim(claim_id, status) and value not in out[mid]:
                out[mid].append(value)
    return out


def network(session: Session, scope: Scope) -> dict:
    """Persons, organisations and ties the scope shows (see the module docstring)."""
    mentions = _live_mentions(session, scope)
    ids = list(mentions)
    spellings = _shown(session, scope, m.MentionName, ids, m.MentionName.name)
    roles = _shown(session, scope, m.MentionRole, ids, m.MentionRole.role)
    by_person: dict[int, list[int]] = defaultdict(list)
    for mid, (pid, _doc) in mentions.items():
        by_person[pid].append(mid)
    rows = {p.id: p for p in session.scalars(select(m.Person).where(m.Person.id.in_(list(by_person))))}
    persons = []
    for pid in sorted(by_person):
        names: list[str] = []
        person_roles: set[str] = set()
        documents: list[dict] = []
        for mid in by_person[pid]:
            names.extend(n for n in spellings.get(mid, []) if n not in names)
            person_roles.update(roles.get(mid, []))
            doc = mentions[mid][1]
            entry = {"path": doc.path, "sha256": doc.sha256}
            if entry not in documents:
                documents.append(entry)
        persons.append(
            {
                "id": pid,
                "name": rows[pid].name,
                "aliases": [n for n in names if n != rows[pid].name],
                "side": rows[pid].side,
                "roles": sorted(person_roles),
                "documents": documents,
            }
        )
    organizations: dict[str, dict] = {}
    ties = []
    a_org, b_org = aliased(m.Organization), aliased(m.Organization)
    q = (
        select(m.Relation, m.Claim.status, m.Document, a_org, b_org)
        .join(m.Claim, m.Claim.id == m.Relation.claim_id)
        .join(m.Document, m.Document.id == m.Relation.document_id)
        .join(a_org, a_org.id == m.Relation.a_organization_id, isouter=True)
        .join(b_org, b_org.id == m.Relation.b_organization_id, isouter=True)
        .where(m.Document.is_current)
    )
    for rel, status, doc, org_a, org_b in session.execute(q):
        if not scope.shows_claim(rel.claim_id, status):
            continue
        ends = []
        for mention_id, org in ((rel.a_mention_id, org_a), (rel.b_mention_id, org_b)):
            if mention_id is not None:
                ends.append({"person_id": mentions[mention_id][0]} if mention_id in mentions else None)
            elif org is not None:
                organizations.setdefault(
                    org_key(org.name), {"key": org_key(org.name), "name": org.name, "kind": org.kind}
                )
                ends.append({"organization": org_key(org.name)})
            else:
                ends.append(None)
        if None in ends or ends[0] == ends[1]:
            continue
        ties.append(
            {
                "type": rel.type,
                "subtype": rel.subtype,
                "a": ends[0],
                "b": ends[1],
                "document": {"path": doc.path, "sha256": doc.sha256},
                "quote": scope.redact(quote(doc.text, rel.start, rel.end)),
                "claim_id": rel.claim_id,
            }
        )
    return {"persons": persons, "organizations": list(organizations.values()), "ties": ties}
