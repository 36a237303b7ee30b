"""Sensitive marks on persons, held by their mentions so that curation and re-linking carry them.

A mark on a person (or on one field of their dossier) is stored once (`SensitiveMark`) with one
`SensitiveMarkAnchor` per mention the person had when it was marked. A person is marked while
any of its mentions is: a merge brings the marked mentions (and so the mark) into the kept
person, a split takes the mark along with the mentions it moves, and relink moves mentions,
not marks. When a report is extracted again, or a new version of it comes in, `carry_marks`
finds each marked mention again by its document path or hash and its anchor (the same rules
as human link decisions, casewatch.store.anchors).
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from casewatch.store import models as m
from casewatch.store.accounts import SensitiveMark, SensitiveMarkAnchor
from casewatch.store.anchors import Anchor, anchors, pair_up
from casewatch.store.linking import resolve_id


def _anchor_row(mark_id: int, mention_id: int, document: m.Document, anchor: Anchor, name: str) -> dict:
    return {
        "mark_id": mark_id,
        "mention_id": mention_id,
        "document_sha256": document.sha256,
        "document_path": document.path,
        "mention_name": name,
        "mention_spans": anchor.as_json(),
    }


def mark_person(session: Session, person_id: int, field: str | None, reason: str, user: str) -> SensitiveMark:
    """Mark a person (field None) or one field of their dossier; anchored on all their mentions."""
    mark = SensitiveMark(
        entity_type="person", entity_id=str(person_id), field=field, reason=reason, created_by=user
    )
    session.add(mark)
    session.flush()
    mentions = session.execute(
        select(m.PersonMention.id, m.PersonMention.name, m.PersonMention.document_id).where(
            m.PersonMention.person_id == person_id
        )
    ).all()
    found = anchors(session, [mid for mid, _, _ in mentions])
    docs = {
        d.id: d
        for d in session.scalars(select(m.Document).where(m.Document.id.in_({d for *_, d in mentions})))
    }
    rows = [
        _anchor_row(mark.id, mid, docs[doc], found.get(mid, Anchor(frozenset({name}))), name)
        for mid, name, doc in mentions
    ]
    if rows:
        session.execute(SensitiveMarkAnchor.__table__.insert(), rows)
    return mark


def marks_of_person(session: Session, person_id: int) -> list[SensitiveMark]:
    """The marks holding on this person's mentions (or, never anchored, naming the person's id)."""
    anchored = (
        select(SensitiveMarkAnchor.mark_id)
        .join(m.PersonMention, m.PersonMention.id == SensitiveMarkAnchor.mention_id)
        .where(m.PersonMention.person_id == person_id)
    )
    unanchored = select(SensitiveMarkAnchor.mark_id)
    query = select(SensitiveMark).where(
        SensitiveMark.entity_type == "person",
        or_(
            SensitiveMark.id.in_(anchored),
            (SensitiveMark.entity_id == str(person_id)) & SensitiveMark.id.not_in(unanchored),
        ),
    )
    return list(session.scalars(query.order_by(SensitiveMark.id)))


def unmark_person(session: Session, mark: SensitiveMark, person_id: int) -> None:
    """Take a mark off one person: its anchors on their mentions go; the mark goes with its last anchor
    (after a split, the other person keeps it)."""
    mine = select(m.PersonMention.id).where(m.PersonMention.person_id == person_id)
    session.execute(
        delete(SensitiveMarkAnchor).where(
            SensitiveMarkAnchor.mark_id == mark.id, SensitiveMarkAnchor.mention_id.in_(mine)
        )
    )
    left = session.scalar(
        select(SensitiveMarkAnchor.id).where(
            SensitiveMarkAnchor.mark_id == mark.id, SensitiveMarkAnchor.mention_id.is_not(None)
        )
    )
    if left is None:
        session.delete(mark)
    session.flush()


def marked_persons(session: Session) -> list[tuple[SensitiveMark, set[int]]]:
    """Every person mark with the persons it holds on now."""
    held: dict[int, set[int]] = defaultdict(set)
    anchored: set[int] = set()
    rows = session.execute(
        select(SensitiveMarkAnchor.mark_id, m.PersonMention.person_id).outerjoin(
            m.PersonMention, m.PersonMention.id == SensitiveMarkAnchor.mention_id
        )
    )
    for mark_id, pid in rows:
        anchored.add(mark_id)
        if pid is not None:
            held[mark_id].add(pid)
    out = []
    for mark in session.scalars(select(SensitiveMark).where(SensitiveMark.entity_type == "person")):
        if mark.id in anchored:
            out.append((mark, held[mark.id]))
        elif mark.entity_id.isdigit():  # a mark on a person without mentions keeps its id
            pid = resolve_id(session, int(mark.entity_id))
            out.append((mark, {pid} if pid is not None else set()))
    return out


def carry_marks(session: Session, document: m.Document) -> None:
    """Give this document's mentions the marks that held on them before re-extraction, or on the
    same mention in an earlier version of the report."""
    rows = session.scalars(
        select(SensitiveMarkAnchor).where(
            or_(
                SensitiveMarkAnchor.document_path == document.path,
                SensitiveMarkAnchor.document_sha256 == document.sha256,
            )
        )
    ).all()
    if not rows:
        return
    mention_ids = session.scalars(
        select(m.PersonMention.id).where(m.PersonMention.document_id == document.id)
    ).all()
    mine = anchors(session, mention_ids)
    names = dict(
        session.execute(
            select(m.PersonMention.id, m.PersonMention.name).where(m.PersonMention.id.in_(mention_ids))
        ).all()
    )
    by_mark: dict[int, list[SensitiveMarkAnchor]] = defaultdict(list)
    for row in rows:
        by_mark[row.mark_id].append(row)
    new_rows = []
    for mark_id, group in by_mark.items():
        if any(r.mention_id in mine for r in group):
            continue  # the mark already holds here
        remembered = [
            (Anchor(frozenset({r.mention_name}), tuple(tuple(s) for s in r.mention_spans or ())), r)
            for r in group
        ]
        for mid, row in pair_up(mine, remembered).items():
            if row.mention_id is None and row.document_sha256 == document.sha256:
                row.mention_id, row.mention_name = mid, names[mid]
                row.mention_spans = mine[mid].as_json()
            else:
                new_rows.append(_anchor_row(mark_id, mid, document, mine[mid], names[mid]))
    if new_rows:
        session.execute(SensitiveMarkAnchor.__table__.insert(), new_rows)
    session.flush()
