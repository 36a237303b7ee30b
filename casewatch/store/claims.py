"""Claim ids, the one place where a reviewed value is written back into the derived tables, the check
of a corrected value against its field's type, and reviews carried to a report's new version."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewatch.data import load_yaml
from casewatch.errors import CasewatchError
from casewatch.store.models import (
    Claim,
    Document,
    Event,
    MentionName,
    MentionRole,
    Organization,
    PersonMention,
    Place,
    ReviewAction,
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


# --- corrected values: checked against the field's type ------------------------------------------

#: the longest free-text value a correction may set (names, courts, terms)
MAX_TEXT_CHARS = 300

#: (subject kind, property) -> the vocabulary in data/vocabularies.yaml its values come from
VOCABULARY_FIELDS = {
    ("person", "side"): ("sides", "side"),
    ("person", "role"): ("roles", "role"),
    ("event", "type"): ("event_types", "event type"),
    ("event", "outcome"): ("outcomes", "outcome"),
    ("event", "status"): ("hearing_statuses", "hearing status"),
    ("event", "date_precision"): ("date_precisions", "date precision"),
    ("organization", "kind"): ("organization_kinds", "organisation kind"),
    ("place", "kind"): ("location_kinds", "place kind"),
}

_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_TIME = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")


def _choices(vocabulary: str, label: str, value: str) -> None:
    allowed = load_yaml("vocabularies.yaml")[vocabulary]
    if value not in allowed:
        raise CasewatchError(f"{value[:40]!r} is not a {label}; one of: {', '.join(allowed)}")


def _check_date(value: str) -> None:
    problem = f"{value[:40]!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"
    if not _DATE.fullmatch(value):
        raise CasewatchError(problem)
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(*parts[:3])
    except ValueError:
        raise CasewatchError(problem) from None


def _check_relation(value: str) -> None:
    kind, _, subtype = value.partition("/")
    _choices("relation_types", "relation type", kind)
    if subtype:
        if kind != "family":
            raise CasewatchError(f"only a family relation has a subtype, not {kind!r}")
        _choices("family_subtypes", "family relation", subtype)


def check_value(claim: Claim, value: str) -> str:
    """The corrected `value` for `claim` (stripped) if its field's type allows it, else a CasewatchError
    naming the problem: dates are ISO 8601 to a day, month or year, times HH:MM, closed fields take a
    value of their vocabulary, free text is one line of at most MAX_TEXT_CHARS characters."""
    value = value.strip()
    if not value:
        raise CasewatchError("a correction needs the new value")
    field = (subject_kind(claim.subject), claim.property)
    if field in VOCABULARY_FIELDS:
        _choices(*VOCABULARY_FIELDS[field], value)
    elif field == ("event", "date"):
        _check_date(value)
    elif field == ("event", "time"):
        if not _TIME.fullmatch(value):
            raise CasewatchError(f"{value[:40]!r} is not a time: write HH:MM")
    elif claim.property == "relation":
        _check_relation(value)
    elif len(value) > MAX_TEXT_CHARS:
        raise CasewatchError(f"the value is too long: {len(value)} characters, at most {MAX_TEXT_CHARS}")
    elif any(unicodedata.category(ch) == "Cc" for ch in value):
        raise CasewatchError("the value must be one line of text without control characters")
    return value


# --- a new version of a report: reviews of unchanged claims carried over -------------------------

#: the review action that led to each status
_ACTION_OF = {"confirmed": "confirm", "corrected": "correct", "rejected": "reject"}


def _quote(claim: Claim, text: str) -> str | None:
    return None if claim.start is None or claim.end is None else text[claim.start : claim.end]


def content_keys(claims: list[Claim], text: str) -> dict[tuple, Claim]:
    """Each claim under a key of what it says, not where: (subject, property, extracted value, quoted
    text, n-th of that kind). An event's subject names its span's offsets, so events are keyed by
    their type and quoted evidence instead (offsets move when a paragraph is added above)."""
    events: dict[str, str] = {}
    seen: dict[str, int] = defaultdict(int)
    for c in sorted(claims, key=lambda c: (c.start is None, c.start or 0, c.id)):
        if subject_kind(c.subject) == "event" and c.property == "type" and c.start is not None:
            name = f"event:{c.original_value}:{_quote(c, text)}"
            seen[name] += 1
            events[c.subject] = f"{name}#{seen[name]}"
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        key = (events.get(c.subject, c.subject), c.property, c.original_value, _quote(c, text))
        groups[key].append(c)
    return {
        (*key, n): c
        for key, group in groups.items()
        for n, c in enumerate(sorted(group, key=lambda c: (c.start is None, c.start or 0, c.id)))
    }


def carry_reviews(session: Session, document: Document, previous: Document) -> int:
    """Give every unreviewed claim of `document` that says the same as a reviewed claim of its
    `previous` version that claim's review (kept in its history as carried); how many were carried."""
    old = list(session.scalars(select(Claim).where(Claim.document_id == previous.id)))
    if all(c.status == "unreviewed" for c in old):
        return 0
    reviewed = {k: c for k, c in content_keys(old, previous.text).items() if c.status != "unreviewed"}
    reviewers = dict(  # who made each reviewed claim's last review
        session.execute(
            select(ReviewAction.claim_id, ReviewAction.user)
            .where(ReviewAction.claim_id.in_([c.id for c in reviewed.values()]))
            .order_by(ReviewAction.at, ReviewAction.id)
        ).all()
    )
    new = list(session.scalars(select(Claim).where(Claim.document_id == document.id)))
    carried = 0
    for key, claim in content_keys(new, document.text).items():
        before = reviewed.get(key)
        if before is None or claim.status != "unreviewed":
            continue
        claim.status, claim.value = before.status, before.value
        session.add(
            ReviewAction(
                claim_id=claim.id,
                action=_ACTION_OF.get(before.status, "confirm"),
                user=reviewers.get(before.id, "(unknown)"),
                old_status="unreviewed",
                new_status=claim.status,
                old_value=claim.original_value,
                new_value=claim.value,
                note=f"carried from version {previous.version} (claim {before.id[:12]})",
            )
        )
        if claim.value != claim.original_value:
            session.flush()
            apply_value(session, claim)
        carried += 1
    return carried
