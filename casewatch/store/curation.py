"""Human decisions: merge and split persons, settle uncertain links, review claims.

Every decision is stored with who and when, keyed so that re-extraction and re-linking
(see linking.human_rules) apply it again instead of undoing it.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, object_session

from casewatch.errors import CasewatchError
from casewatch.store import models as m
from casewatch.store.anchors import anchors
from casewatch.store.claims import apply_value, check_value
from casewatch.store.linking import refresh_person, resolve_id
from casewatch.store.states import mark_stale

REVIEW_ACTIONS = {"confirm": "confirmed", "correct": "corrected", "reject": "rejected"}


def get_person(session: Session, person_id: int) -> m.Person:
    """The person that stands for `person_id` now (following merges), or a CasewatchError."""
    found = resolve_id(session, person_id)
    person = session.get(m.Person, found) if found is not None else None
    if person is None:
        raise CasewatchError(f"no person with id {person_id}")
    return person


def _pin(kind: str, mention: m.PersonMention, person_id: int, user: str, **kw) -> m.LinkDecision:
    doc = mention_document(mention)
    anchor = anchors(object_session(mention), [mention.id]).get(mention.id)
    return m.LinkDecision(
        kind=kind,
        status="human",
        mention_id=mention.id,
        document_sha256=doc.sha256,
        document_path=doc.path,
        mention_name=mention.name,
        mention_spans=anchor.as_json() if anchor else None,
        person_id=person_id,
        user=user,
        **kw,
    )


def mention_document(mention: m.PersonMention) -> m.Document:
    return object_session(mention).get(m.Document, mention.document_id)


def _move(session: Session, mention: m.PersonMention, person: m.Person) -> None:
    mention.person_id = person.id
    session.flush()


def _pin_own(session: Session, person: m.Person, user: str) -> None:
    """Pin a person's own mentions to it before others join it: else relink could link them
    elsewhere and undo the human decision."""
    for mention in session.scalars(select(m.PersonMention).where(m.PersonMention.person_id == person.id)):
        session.add(_pin("link", mention, person.id, user))


def merge_persons(session: Session, keep_id: int, other_id: int, user: str) -> m.Person:
    """Merge person `other_id` into `keep_id`: every mention of the other now belongs to the first."""
    keep, other = get_person(session, keep_id), get_person(session, other_id)
    if keep.id == other.id:
        raise CasewatchError(f"persons {keep_id} and {other_id} are already the same person")
    _pin_own(session, keep, user)
    for mention in session.scalars(select(m.PersonMention).where(m.PersonMention.person_id == other.id)):
        session.add(_pin("merge", mention, keep.id, user, other_person_id=other.id))
        _move(session, mention, keep)
    # earlier pins to the merged person now lead to the kept one through merged_into
    other.merged_into = keep.id
    session.execute(delete(m.PersonNameKey).where(m.PersonNameKey.person_id == other.id))
    pair = {keep.id, other.id}
    for pending in session.scalars(select(m.LinkDecision).where(m.LinkDecision.status == "pending")):
        if {pending.person_id, pending.other_person_id} == pair:
            pending.status = "resolved"
    session.flush()
    refresh_person(session, keep)
    return keep


def split_person(session: Session, person_id: int, sha256: str, user: str) -> m.Person:
    """Move the person's mentions in document `sha256` (or a unique prefix) to a new person."""
    person = get_person(session, person_id)
    docs = session.scalars(select(m.Document).where(m.Document.sha256.startswith(sha256.lower()))).all()
    if len(docs) != 1:
        raise CasewatchError(f"{'no' if not docs else 'more than one'} document with SHA-256 {sha256}")
    doc = docs[0]
    mentions = session.scalars(
        select(m.PersonMention).where(
            m.PersonMention.person_id == person.id, m.PersonMention.document_id == doc.id
        )
    ).all()
    if not mentions:
        raise CasewatchError(f"person {person.id} is not mentioned in document {doc.sha256[:12]}")
    rest = session.scalar(
        select(m.PersonMention.id).where(
            m.PersonMention.person_id == person.id, m.PersonMention.document_id != doc.id
        )
    )
    if rest is None:
        raise CasewatchError(f"person {person.id} is only mentioned in document {doc.sha256[:12]}")
    new = m.Person(name=mentions[0].name, side=mentions[0].side)
    session.add(new)
    session.flush()
    for mention in mentions:
        session.add(_pin("split", mention, new.id, user, other_person_id=person.id))
        session.add(_pin("keep_apart", mention, person.id, user))
        _move(session, mention, new)
    refresh_person(session, new)
    refresh_person(session, person)
    return new


def pending_links(session: Session) -> list[m.LinkDecision]:
    """Uncertain links waiting for a human, those whose answer changes most first: the two persons
    with the most mentions between them, then the likelier link, then the oldest."""
    q = select(m.LinkDecision).where(m.LinkDecision.status == "pending").order_by(m.LinkDecision.id)
    pending = list(session.scalars(q))
    persons = {pid for d in pending for pid in (d.person_id, d.other_person_id) if pid is not None}
    counts = dict(
        session.execute(
            select(m.PersonMention.person_id, func.count())
            .where(m.PersonMention.person_id.in_(persons))
            .group_by(m.PersonMention.person_id)
        ).all()
    )
    at_stake = {d.id: counts.get(d.person_id, 0) + counts.get(d.other_person_id, 0) for d in pending}
    return sorted(pending, key=lambda d: (-at_stake[d.id], -(d.score or 0.0), d.id))


def mention_sentence(session: Session, mention_id: int | None, width: int = 90) -> str | None:
    """The text around a mention's first spelling in its report, on one line."""
    if mention_id is None:
        return None
    row = session.execute(
        select(m.Document.text, m.MentionName.start, m.MentionName.end)
        .join(m.PersonMention, m.PersonMention.id == m.MentionName.mention_id)
        .join(m.Document, m.Document.id == m.PersonMention.document_id)
        .where(m.MentionName.mention_id == mention_id, m.MentionName.start.is_not(None))
        .order_by(m.MentionName.start)
        .limit(1)
    ).first()
    if row is None:
        return None
    text, start, end = row
    return " ".join(text[max(0, start - width) : end + width].split())


def person_sentence(session: Session, person_id: int | None) -> str | None:
    """The text around a person's first spelled mention, on one line."""
    if person_id is None:
        return None
    q = select(m.PersonMention.id).where(m.PersonMention.person_id == person_id).order_by(m.PersonMention.id)
    for mention_id in session.scalars(q):
        found = mention_sentence(session, mention_id)
        if found:
            return found
    return None


def settle_link(session: Session, decision_id: int, action: str, user: str) -> None:
    """Decide a pending link: "merge" (the mention is the candidate) or "keep_apart"."""
    pending = session.get(m.LinkDecision, decision_id)
    if pending is None or pending.status != "pending":
        raise CasewatchError(f"no pending link decision {decision_id}")
    mention = session.get(m.PersonMention, pending.mention_id) if pending.mention_id else None
    if mention is None:
        pending.status = "resolved"
        return
    candidate = get_person(session, pending.person_id)
    current = get_person(session, mention.person_id)
    if action == "merge":
        if candidate.id != current.id:
            _pin_own(session, candidate, user)
            session.add(_pin("link", mention, candidate.id, user, other_person_id=current.id))
            _move(session, mention, candidate)
            left = session.scalar(select(m.PersonMention.id).where(m.PersonMention.person_id == current.id))
            if left is None:
                current.merged_into = candidate.id
            refresh_person(session, current)
            refresh_person(session, candidate)
    elif action == "keep_apart":
        session.add(_pin("keep_apart", mention, candidate.id, user))
        session.add(_pin("link", mention, current.id, user))
    else:
        raise CasewatchError(f"unknown link action {action!r} (merge, keep_apart)")
    pending.status = "resolved"
    pending.user = user


def find_claim(session: Session, claim_id: str) -> m.Claim:
    """The claim with this id, or with this unique id prefix; else a CasewatchError."""
    claim = session.get(m.Claim, claim_id)
    if claim is None:
        matches = session.scalars(select(m.Claim).where(m.Claim.id.startswith(claim_id)).limit(2)).all()
        claim = matches[0] if len(matches) == 1 else None
    if claim is None:
        raise CasewatchError(f"no claim {claim_id}")
    return claim


def review_claim(
    session: Session, claim_id: str, action: str, user: str, value: str | None = None, note: str | None = None
) -> m.Claim:
    """Confirm, correct (with a new value) or reject one claim; the action is kept in its history."""
    claim = find_claim(session, claim_id)
    if action not in REVIEW_ACTIONS:
        raise CasewatchError(f"unknown review action {action!r} (confirm, correct, reject)")
    if action == "correct":
        value = check_value(claim, value or "")
    old_status, old_value = claim.status, claim.value
    claim.status = REVIEW_ACTIONS[action]
    if action == "correct":
        claim.value = value
    session.add(
        m.ReviewAction(
            claim_id=claim.id,
            action=action,
            user=user,
            old_status=old_status,
            new_status=claim.status,
            old_value=old_value,
            new_value=claim.value,
            note=note,
        )
    )
    if action == "correct":
        apply_value(session, claim)
    mark_stale(session, documents=[claim.document_id])
    return claim


def claims_to_review(session: Session, sha256: str | None = None, limit: int = 50) -> list[m.Claim]:
    """Unreviewed claims, the least confident first; optionally of one document."""
    q = select(m.Claim).where(m.Claim.status == "unreviewed")
    if sha256:
        q = q.join(m.Document, m.Document.id == m.Claim.document_id).where(
            m.Document.sha256.startswith(sha256.lower())
        )
    q = q.order_by(m.Claim.confidence, m.Claim.document_id, m.Claim.start, m.Claim.id).limit(limit)
    return list(session.scalars(q))
