"""Events (arrests, hearings, verdicts, ...) as rows for lists: one shape for pages, /api/v1 and the dossier.

An event row: `id`, `type`, `date`, `time`, `status`, `court`, `place`, `outcome`, `term`,
`articles` (article keys, "405.2"), `article_labels` (with their code, "KZ-CC 405.2"),
`participants` (`name`, `person_id`, `role`), `document_id`, `claim_id`.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from casewatch.outputs.labels import article_label
from casewatch.outputs.scope import View
from casewatch.store import models as m


def event_rows(db: Session, events: Iterable[m.Event], vis: View) -> list[dict]:
    """Plain dicts for events, with participants linked to their persons.

    Withheld events are left out; a hidden person is left out of an event's participants.
    """
    out = []
    for ev in events:
        if vis.claim_hidden(ev.claim_id):
            continue
        participants = []
        for p in ev.participants:
            if p.mention is not None:
                if vis.mention_hidden(p.mention_id) or vis.claim_hidden(p.claim_id):
                    continue
                pid = p.mention.person_id
                participants.append({"name": p.mention.name, "person_id": pid, "role": p.role})
            elif p.organization is not None:
                participants.append({"name": p.organization.name, "person_id": None, "role": p.role})
        out.append(
            {
                "id": ev.id,
                "type": ev.type,
                "date": ev.date,
                "time": ev.time,
                "status": ev.status,
                "court": ev.court,
                "place": ev.place.name if ev.place else None,
                "outcome": ev.outcome,
                "term": ev.term,
                "articles": [a.key for a in ev.articles],
                "article_labels": [
                    article_label(a.key, a.article.code if a.article else None) for a in ev.articles
                ],
                "participants": participants,
                "document_id": ev.document_id,
                "claim_id": ev.claim_id,
            }
        )
    return out


def events_context(
    db: Session, vis: View, type: str | None, since: str | None, until: str | None, page: int, size: int
) -> dict:
    """Events filtered by type and date range, by date."""
    query = select(m.Event).options(
        selectinload(m.Event.participants).selectinload(m.EventParticipant.mention),
        selectinload(m.Event.participants).selectinload(m.EventParticipant.organization),
        selectinload(m.Event.articles).selectinload(m.EventArticle.article),
        selectinload(m.Event.place),
    )
    if type:
        query = query.where(m.Event.type == type)
    if since:
        query = query.where(m.Event.date >= since)
    if until:
        query = query.where(m.Event.date <= until)
    if vis.hidden_claims:
        query = query.where(m.Event.claim_id.not_in(vis.hidden_claims))
    query = (
        query.order_by(m.Event.date.desc().nulls_last(), m.Event.id).offset((page - 1) * size).limit(size + 1)
    )
    rows = list(db.scalars(query))
    return {"page": page, "more": len(rows) > size, "events": event_rows(db, rows[:size], vis)}
