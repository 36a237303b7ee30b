"""Claim ids and the one place where a reviewed value is written back into the derived tables."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewatch.store.models import (
    Claim,
    Event,
    MentionName,
    MentionRole,
    Organization,
    PersonMention,
    Place,
)

#: how many hex digits of the document's hash begin each of its claim ids
DOCUMENT_PREFIX = 6


def claim_id(sha256: str, subject: str, prop: str, value: str | None, span: tuple[int, int] | None) -> str:
    """A stable id from the claim's key fields (like followthemoney Statement.make_key).

    It begins with the document's hash, so that a document's claims sit side by side in the
    id index: storing a report writes a page or two of it, not one page per claim.
    """
    return sha256[:DOCUMENT_PREFIX] + claim_key_digest(sha256, subject, prop, value, span)[DOCUMENT_PREFIX:]


def claim_key_digest(sha256: str, subject: str, prop: str, value: str | None, span: tuple | None) -> str:
    """SHA-1 of a claim's key fields (ids before migration 0004 were this alone)."""
    start, end = span if span else ("", "")
    key = "\x1f".join([sha256, subject, prop, value or "", str(start), str(end)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


#: (subject kind, property) -> (model whose row holds the value, column); the row is found by the
#: claim of the subject's main property (`name` / `type`) unless the model points at the claim itself
FIELDS: dict[tuple[str, str], tuple[type, str, bool]] = {
    ("person", "name"): (PersonMention, "name", True),
    ("person", "side"): (PersonMention, "side", False),
    ("person", "alias"): (MentionName, "name", True),
    ("person", "mention"): (MentionName, "name", True),
    ("person", "role"): (MentionRole, "role", True),
    ("organization", "name"): (Organization, "name", True),
    ("organization", "kind"): (Organization, "kind", False),
    ("place", "name"): (Place, "name", True),
    ("place", "kind"): (Place, "kind", False),
    **{
        ("event", prop): (Event, prop, prop == "type")
        for prop in ("type", "date", "date_precision", "time", "status", "court", "outcome", "term")
    },
}

#: the property whose claim a derived row points at, by subject kind
MAIN_PROPERTY = {"person": "name", "organization": "name", "place": "name", "event": "type"}


def subject_kind(subject: str) -> str:
    return subject.split(":", 1)[0]


def apply_value(session: Session, claim: Claim) -> None:
    """Write the claim's value in force into the derived row that shows it (if any)."""
    kind = subject_kind(claim.subject)
    target = FIELDS.get((kind, claim.property))
    if target is None:
        return
    model, column, own = target
    if own:
        rows = session.scalars(select(model).where(model.claim_id == claim.id))
    else:
        main = select(Claim.id).where(
            Claim.document_id == claim.document_id,
            Claim.subject == claim.subject,
            Claim.property == MAIN_PROPERTY[kind],
        )
        rows = session.scalars(select(model).where(model.claim_id.in_(main)))
    for row in rows:
        setattr(row, column, claim.value)
