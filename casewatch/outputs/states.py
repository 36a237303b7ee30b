"""The prisoner list's derived states: each listed person's status, country and name in the table
`prisoner_states`, so that one page of the list is read without reading every event.

The store queues whose state may have changed (`casewatch/store/states.py`); `refresh_states`
derives those again, in the caller's transaction, before a page is read. A page is read from the
table for what every reader sees alike, and derived live for the persons the reader's scope
changes: persons the reader may not see are left out, and a person with an event or participant
withheld from the reader is derived under the reader's scope.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, union
from sqlalchemy.orm import Session

from casewatch.store import models as m

from .case_events import _chunks, canonical_persons, load_events
from .prisoners import STATE_EVENTS, list_order, person_entries
from .scope import EVERYTHING, Scope

State = m.PrisonerState
Stale = m.PrisonerStateStale

#: more queued persons than this are derived by reading every event once
MANY = 5000


def refresh_states(session: Session) -> int:
    """Derive again the states of the queued persons (in the caller's transaction); how many persons."""
    if session.scalar(select(Stale.id).limit(1)) is None:
        return 0  # nothing queued: read only (a write would wait for a running ingest)
    queued = session.execute(delete(Stale).returning(Stale.person_id, Stale.document_id)).all()
    if not queued:
        return 0
    persons = {pid for pid, _ in queued if pid is not None}
    documents = {did for _, did in queued if did is not None}
    if any(pid is None and did is None for pid, did in queued):
        return _derive_everyone(session)
    for chunk in _chunks(sorted(documents)):
        versions = select(m.Document.id).where(
            m.Document.path.in_(select(m.Document.path).where(m.Document.id.in_(chunk)))
        )
        q = select(m.PersonMention.person_id).where(
            m.PersonMention.document_id.in_(versions), m.PersonMention.person_id.is_not(None)
        )
        persons |= set(session.scalars(q))
    if len(persons) > MANY:
        return _derive_everyone(session)
    return _derive(session, persons)


def _standing_for(session: Session, canonical: set[int]) -> set[int]:
    """These persons and every person merged into them (directly or through another)."""
    out, frontier = set(canonical), set(canonical)
    while frontier:
        found: set[int] = set()
        for chunk in _chunks(sorted(frontier)):
            found |= set(session.scalars(select(m.Person.id).where(m.Person.merged_into.in_(chunk))))
        frontier = found - out
        out |= frontier
    return out


def _rows(entries: list[dict]) -> list[dict]:
    return [
        {
            "person_id": e["person_id"],
            "status": e["status"],
            "sort_country": e["country"] or "~",
            "name": e["name"],
        }
        for e in entries
    ]


def _derive(session: Session, persons: set[int]) -> int:
    canonical = {pid for pid, _ in canonical_persons(session, persons).values()}
    standing = _standing_for(session, canonical)
    for chunk in _chunks(sorted(standing | persons)):
        session.execute(delete(State).where(State.person_id.in_(chunk)))
    events = load_events(session, EVERYTHING, types=STATE_EVENTS, person_ids=sorted(standing))
    rows = _rows(person_entries(events, only=canonical))
    if rows:
        session.execute(State.__table__.insert(), rows)
    return len(canonical)


def _derive_everyone(session: Session) -> int:
    session.execute(delete(State))
    rows = _rows(person_entries(load_events(session, EVERYTHING, types=STATE_EVENTS)))
    for chunk in _chunks(rows):
        session.execute(State.__table__.insert(), chunk)
    return (
        session.scalar(select(func.count()).select_from(m.Person).where(m.Person.merged_into.is_(None))) or 0
    )


def _touched(session: Session, scope: Scope) -> set[int]:
    """Persons (as they stand now) with an event, or a participant in one, withheld by the scope."""
    hidden = sorted(scope.hidden_claims)
    persons: set[int | None] = set()
    for chunk in _chunks(hidden):
        events = union(
            select(m.Event.id).where(m.Event.claim_id.in_(chunk)),
            select(m.EventParticipant.event_id).where(m.EventParticipant.claim_id.in_(chunk)),
        )
        q = (
            select(m.PersonMention.person_id)
            .join(m.EventParticipant, m.EventParticipant.mention_id == m.PersonMention.id)
            .where(m.EventParticipant.event_id.in_(events))
        )
        persons |= set(session.scalars(q))
    return {pid for pid, _ in canonical_persons(session, persons).values()}


def _entries_of(session: Session, scope: Scope, persons: set[int], country: str | None) -> list[dict]:
    """These persons' entries as `scope` shows them, in the list's order."""
    if not persons:
        return []
    events = load_events(
        session, scope, types=STATE_EVENTS, person_ids=sorted(_standing_for(session, persons))
    )
    return person_entries(events, country, only=persons)


def prisoner_page(
    session: Session, scope: Scope, country: str | None, limit: int, offset: int
) -> tuple[list[dict], int]:
    """One page of the list as `scope` shows it (not for reviewed-only scopes), and the list's length."""
    refresh_states(session)
    live = _touched(session, scope) - scope.hidden_persons
    left_out = sorted(scope.hidden_persons | live)
    q = select(State.person_id, State.sort_country, State.name)
    if country:
        q = q.where(State.sort_country == country.upper())
    for chunk in _chunks(left_out):
        q = q.where(State.person_id.not_in(chunk))
    count = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    name = State.name.collate("C") if session.get_bind().dialect.name == "postgresql" else State.name
    ordered = q.order_by(State.sort_country, name, State.person_id)
    live_entries = _entries_of(session, scope, live, country)
    if not live_entries:
        ids = [pid for pid, _, _ in session.execute(ordered.offset(offset).limit(limit))]
    else:  # the persons derived live take their places among the table's
        keys = [(c, n, pid) for pid, c, n in session.execute(ordered.limit(offset + limit))]
        keys += [list_order(e) for e in live_entries]
        ids = [pid for _, _, pid in sorted(keys)[offset : offset + limit]]
        count += len(live_entries)
    by_id = {e["person_id"]: e for e in live_entries}
    rest = set(ids) - set(by_id)
    by_id.update({e["person_id"]: e for e in _entries_of(session, scope, rest, None)})
    return [by_id[pid] for pid in ids if pid in by_id], count
