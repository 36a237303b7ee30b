"""Events as the outputs read them: live (current report version, claim not rejected), with their
participants resolved to canonical persons, articles with their code, place, court and source quote.

The prisoner list, the hearing calendar and the exports are all built on `load_events`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewatch.data import load_yaml
from casewatch.store import models as m

from .scope import Scope


@dataclass
class Participant:
    person_id: int | None
    name: str
    role: str  # target, perpetrator or other
    #: the roles the report gives this person (judge, prosecutor, activist ...)
    person_roles: list[str] = field(default_factory=list)


@dataclass
class CaseEvent:
    """One live event with everything an output shows of it."""

    id: int
    claim_id: str
    type: str
    date: str | None
    date_precision: str | None
    time: str | None
    status: str | None
    outcome: str | None
    term: str | None
    court: str | None
    place: str | None
    articles: list[dict]
    participants: list[Participant]
    document: dict
    quote: str | None
    span: list[int] | None
    review_status: str

    @property
    def targets(self) -> list[Participant]:
        return [p for p in self.participants if p.role == "target"]

    @property
    def perpetrators(self) -> list[Participant]:
        return [p for p in self.participants if p.role == "perpetrator"]


def quote(text: str, start: int | None, end: int | None, limit: int = 400) -> str | None:
    """The source sentence of a span, whitespace folded, cut at `limit` characters."""
    if start is None or end is None:
        return None
    said = " ".join(text[start:end].split())
    return said if len(said) <= limit else said[: limit - 1] + "…"


@cache
def _codes() -> dict[str, dict]:
    return load_yaml("codes.yaml")["codes"]


@cache
def _place_countries() -> dict[str, str | None]:
    """place name -> its country (the first entry of a name, as the gazetteer lists them)."""
    out: dict[str, str | None] = {}
    for place in load_yaml("places.yaml")["places"]:
        out.setdefault(place["name"], place.get("country"))
    return out


def code_country(code: str | None) -> str | None:
    """The country of an article code ("KZ-CC" -> "KZ")."""
    if not code:
        return None
    entry = _codes().get(code)
    return entry["country"] if entry else None


def code_kind(code: str | None) -> str | None:
    """criminal or administrative."""
    entry = _codes().get(code or "")
    return entry["kind"] if entry else None


def place_country(name: str | None) -> str | None:
    if not name:
        return None
    return _place_countries().get(name)


def article_label(article: dict) -> str:
    """ "KZ-CC 405.2": an article always with its code (a Belarus 342 is not a Kazakhstan 342)."""
    ref = article["key"]
    return f"{article['code']} {ref}" if article.get("code") else ref


def load_events(
    session: Session,
    scope: Scope,
    *,
    types: tuple[str, ...] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    person_ids: list[int] | None = None,
) -> list[CaseEvent]:
    """Live events the scope shows, oldest first, optionally of some types, dates and persons."""
    ev, doc = m.Event, m.Document
    q = (
        select(
            *(ev.id, ev.claim_id, ev.type, ev.date, ev.date_precision, ev.time, ev.status, ev.outcome),
            *(ev.term, ev.court, ev.place_id, ev.start, ev.end),
            *(doc.id.label("doc_id"), doc.path, doc.sha256, doc.report_date),
            m.Claim.status.label("review_status"),
        )
        .join(m.Document, m.Document.id == m.Event.document_id)
        .join(m.Claim, m.Claim.id == m.Event.claim_id)
        .where(m.Document.is_current, m.Claim.status != "rejected")
    )
    if types:
        q = q.where(m.Event.type.in_(types))
    if date_from:
        q = q.where(m.Event.date >= date_from)
    if date_to:
        # "2021-05" and "2021-05-31" both sort before "2021-05-31~"
        q = q.where(m.Event.date <= date_to + "~")
    if person_ids is not None:
        wanted = select(m.EventParticipant.event_id).join(
            m.PersonMention, m.PersonMention.id == m.EventParticipant.mention_id
        )
        q = q.where(m.Event.id.in_(wanted.where(m.PersonMention.person_id.in_(person_ids))))
    rows = [r for r in session.execute(q).all() if scope.shows_claim(r.claim_id, r.review_status)]
    event_ids = [r.id for r in rows]
    participants = _participants(session, scope, event_ids)
    articles = _articles(session, event_ids)
    places = _places(session, [r.place_id for r in rows if r.place_id])
    texts = _texts(session, sorted({r.doc_id for r in rows}))
    out = []
    for ev in rows:
        hidden_target = any(p.person_id in scope.hidden_persons for p in participants.get(("all", ev.id), []))
        if hidden_target and not any(p.role == "target" for p in participants.get(ev.id, [])):
            continue  # an event about hidden persons only would tell that they exist
        out.append(
            CaseEvent(
                id=ev.id,
                claim_id=ev.claim_id,
                type=ev.type,
                date=ev.date,
                date_precision=ev.date_precision,
                time=ev.time,
                status=ev.status,
                outcome=ev.outcome,
                term=ev.term,
                court=ev.court,
                place=places.get(ev.place_id),
                articles=articles.get(ev.id, []),
                participants=participants.get(ev.id, []),
                document={
                    "id": ev.doc_id,
                    "path": ev.path,
                    "sha256": ev.sha256,
                    "report_date": ev.report_date,
                },
                quote=scope.redact(quote(texts[ev.doc_id], ev.start, ev.end)),
                span=[ev.start, ev.end] if ev.start is not None else None,
                review_status=ev.review_status,
            )
        )
    out.sort(key=lambda e: (e.date is None, e.date or "", e.time or "", e.document["path"], e.id))
    return out


def _chunks(ids: list, size: int = 5000):
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _texts(session: Session, document_ids: list[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for chunk in _chunks(document_ids):
        out.update(
            session.execute(select(m.Document.id, m.Document.text).where(m.Document.id.in_(chunk))).all()
        )
    return out


def _participants(session: Session, scope: Scope, event_ids: list[int]) -> dict:
    """event id -> its shown participants; ("all", event id) -> its withheld target participants."""
    part = m.EventParticipant
    out: dict = defaultdict(list)
    rows = []
    for chunk in _chunks(event_ids):
        q = (
            select(part.event_id, part.role, part.claim_id, m.Claim.status)
            .add_columns(m.PersonMention.id, m.PersonMention.person_id, m.PersonMention.name)
            .add_columns(m.Organization.id.label("org_id"), m.Organization.name.label("org_name"))
            .join(m.Claim, m.Claim.id == part.claim_id)
            .join(m.PersonMention, m.PersonMention.id == part.mention_id, isouter=True)
            .join(m.Organization, m.Organization.id == part.organization_id, isouter=True)
            .where(part.event_id.in_(chunk))
            .order_by(part.id)
        )
        rows += session.execute(q).all()
    mention_ids = [r.id for r in rows if r.id is not None]
    roles: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(mention_ids):
        q = (
            select(m.MentionRole.mention_id, m.MentionRole.role)
            .join(m.Claim, m.Claim.id == m.MentionRole.claim_id)
            .where(m.MentionRole.mention_id.in_(chunk), m.Claim.status != "rejected")
        )
        for mid, role in session.execute(q):
            roles[mid].append(role)
    persons = canonical_persons(session, {r.person_id for r in rows if r.id is not None})
    for event_id, role, claim_id, status, mention_id, person_id, mention_name, org_id, org_name in rows:
        if not scope.shows_claim(claim_id, status):
            continue
        if mention_id is not None:
            pid, name = persons.get(person_id, (None, None))
            if not scope.shows_person(pid):
                if role == "target":
                    out[("all", event_id)].append(Participant(pid, "", role))
                continue
            name = name if name is not None else mention_name
            out[event_id].append(Participant(pid, name, role, sorted(set(roles.get(mention_id, [])))))
        elif org_id is not None:
            out[event_id].append(Participant(None, org_name, role))
    return out


def canonical_persons(session: Session, person_ids: set[int | None]) -> dict[int, tuple[int, str | None]]:
    """person id -> (the person it stands for now, following `merged_into`, and that person's name),
    in a few queries (as `linking.resolve_id` one by one; the name is None for an unknown id)."""
    known: dict[int, tuple[int | None, str]] = {}
    asked: set[int] = set()
    todo = {pid for pid in person_ids if pid is not None}
    while todo:
        asked |= todo
        for chunk in _chunks(sorted(todo)):
            q = select(m.Person.id, m.Person.merged_into, m.Person.name).where(m.Person.id.in_(chunk))
            known.update({pid: (into, name) for pid, into, name in session.execute(q)})
        todo = {into for into, _ in known.values() if into is not None and into not in asked}
    out: dict[int, tuple[int, str | None]] = {}
    for start in person_ids:
        if start is None:
            continue
        pid, seen = start, set()
        while pid not in seen and pid in known and known[pid][0] is not None:
            seen.add(pid)
            pid = known[pid][0]
        out[start] = (pid, known[pid][1] if pid in known else None)
    return out


def _articles(session: Session, event_ids: list[int]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = defaultdict(list)
    for chunk in _chunks(event_ids):
        q = (
            select(m.EventArticle.event_id, m.EventArticle.key, m.Article.code, m.Article.title)
            .join(m.Article, m.Article.id == m.EventArticle.article_id, isouter=True)
            .where(m.EventArticle.event_id.in_(chunk))
            .order_by(m.EventArticle.id)
        )
        for event_id, key, code, title in session.execute(q):
            entry = {"key": key, "code": code, "title": title}
            entry["label"] = article_label(entry)
            if entry not in out[event_id]:
                out[event_id].append(entry)
    return out


def _places(session: Session, place_ids: list[int]) -> dict[int, str]:
    if not place_ids:
        return {}
    rows = session.execute(select(m.Place.id, m.Place.name).where(m.Place.id.in_(place_ids)))
    return {pid: name for pid, name in rows}
