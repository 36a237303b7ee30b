"""The case store schema: documents, claims with review history, and the tables derived from them.

Every fact is a `Claim` (one subject, property and value, with its source span). The structured
tables (mentions, events, participants, relations, ...) are derived from claims and point back to
the claim that supports each row, so a rejected claim hides its row and a correction changes it.
The schema itself is created by the Alembic migrations in `casewatch/store/migrations/`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

#: review status of a claim
CLAIM_STATUSES = ("unreviewed", "confirmed", "corrected", "rejected")
#: role of a participant in an event
PARTICIPANT_ROLES = ("target", "perpetrator", "other")
#: link decision status: made by the linker, by a person, or waiting for a person
LINK_STATUSES = ("auto", "human", "pending")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base of every casewatch table (accounts included)."""


class Document(Base):
    """One report version: its original bytes, hash and the text as read."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str] = mapped_column(Text, index=True)
    format: Mapped[str] = mapped_column(String(16))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    text: Mapped[str] = mapped_column(Text)
    report_date: Mapped[str | None] = mapped_column(String(10), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8))
    meta: Mapped[dict] = mapped_column(JSON, default=dict)
    #: 1 for the first bytes seen at this path, then 2, 3, ...
    version: Mapped[int] = mapped_column(Integer, default=1)
    #: False once a newer version of the same path was ingested
    is_current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    extractor_version: Mapped[str] = mapped_column(String(64))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Claim(Base):
    """One extracted fact with provenance and review status (cf. followthemoney Statement)."""

    __tablename__ = "claims"
    __table_args__ = (Index("ix_claims_subject", "document_id", "subject"),)

    #: hashed from document, subject, property, original value and span: see `claim_id`
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    #: what the claim is about inside its document, e.g. "person:Bolat Pazylov", "event:hearing:120-300"
    subject: Mapped[str] = mapped_column(Text)
    property: Mapped[str] = mapped_column(String(32), index=True)
    #: the value in force: the extracted one, or the reviewer's correction
    value: Mapped[str | None] = mapped_column(Text)
    #: the value as extracted (part of the id, never changed by review)
    original_value: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(64))
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    status: Mapped[str] = mapped_column(String(16), default="unreviewed", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    reviews: Mapped[list[ReviewAction]] = relationship(
        back_populates="claim", order_by="ReviewAction.id", cascade="all, delete-orphan"
    )


class ReviewAction(Base):
    """One review of one claim: who, when, what it was and what it became."""

    __tablename__ = "review_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(16))  # confirm, correct, reject
    user: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    old_status: Mapped[str] = mapped_column(String(16))
    new_status: Mapped[str] = mapped_column(String(16))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    claim: Mapped[Claim] = relationship(back_populates="reviews")


class Person(Base):
    """A canonical person: every mention linked to it is the same human being."""

    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: the most complete Latin spelling among its mentions
    name: Mapped[str] = mapped_column(Text, index=True)
    side: Mapped[str | None] = mapped_column(String(16))
    #: set when a human merged this person into another; its id then redirects there
    merged_into: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    #: the linker's summary of its mentions (names, roles, articles, places, companions, side
    #: counts): a cache derived from the tables below, rebuilt by linking.refresh_person
    profile: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    mentions: Mapped[list[PersonMention]] = relationship(back_populates="person")


class PersonNameKey(Base):
    """Blocking keys of a canonical person's names: candidates for linking are fetched by key."""

    __tablename__ = "person_name_keys"
    #: (key, person_id) covers the candidate query: shared keys are counted from the index alone
    __table_args__ = (
        UniqueConstraint("person_id", "key"),
        Index("ix_person_name_keys_key_person", "key", "person_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(255))


class PersonMention(Base):
    """One person as one document presents them (one row per person per document)."""

    __tablename__ = "person_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), index=True)
    #: the record's id inside its document ("P3")
    local_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text, index=True)
    side: Mapped[str | None] = mapped_column(String(16))

    person: Mapped[Person | None] = relationship(back_populates="mentions")
    names: Mapped[list[MentionName]] = relationship(cascade="all, delete-orphan", order_by="MentionName.id")
    roles: Mapped[list[MentionRole]] = relationship(cascade="all, delete-orphan", order_by="MentionRole.id")


class MentionName(Base):
    """A spelling of a person used in a document, with its span when the text contains it."""

    __tablename__ = "mention_names"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("person_mentions.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), index=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)


class MentionRole(Base):
    """A role a document gives a person (activist, judge, ...)."""

    __tablename__ = "mention_roles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("person_mentions.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), index=True)
    role: Mapped[str] = mapped_column(String(32), index=True)


class Organization(Base):
    """An organisation named in a document."""

    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), index=True)
    local_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text, index=True)
    kind: Mapped[str | None] = mapped_column(String(32))
    aliases: Mapped[list] = mapped_column(JSON, default=list)


class Place(Base):
    """A place (city, region, detention facility, ...) named in a document."""

    __tablename__ = "places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), index=True)
    local_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text, index=True)
    kind: Mapped[str | None] = mapped_column(String(32))


class Article(Base):
    """A code article cited in a document ("KZ-CC 405.2")."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), index=True)
    code: Mapped[str | None] = mapped_column(String(16), index=True)
    article: Mapped[str] = mapped_column(String(32), index=True)
    part: Mapped[str | None] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(Text)


class Event(Base):
    """Something that happened (or is scheduled) to someone: arrest, hearing, verdict, ..."""

    __tablename__ = "events"
    #: the hearing calendar asks for one type in a date range
    __table_args__ = (Index("ix_events_type_date", "type", "date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), index=True)
    local_id: Mapped[str] = mapped_column(String(32))
    type: Mapped[str] = mapped_column(String(32), index=True)
    date: Mapped[str | None] = mapped_column(String(10), index=True)
    date_precision: Mapped[str | None] = mapped_column(String(8))
    time: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str | None] = mapped_column(String(16))
    court: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="SET NULL"))
    outcome: Mapped[str | None] = mapped_column(String(32))
    term: Mapped[str | None] = mapped_column(Text)
    #: the first evidence span
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)

    place: Mapped[Place | None] = relationship()
    participants: Mapped[list[EventParticipant]] = relationship(cascade="all, delete-orphan")
    articles: Mapped[list[EventArticle]] = relationship(cascade="all, delete-orphan")


class EventParticipant(Base):
    """A person (or organisation) taking part in an event as target, perpetrator or other."""

    __tablename__ = "event_participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), index=True)
    mention_id: Mapped[int | None] = mapped_column(
        ForeignKey("person_mentions.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    #: target, perpetrator or other
    role: Mapped[str] = mapped_column(String(16))
    #: the person's side as the document presents them
    side: Mapped[str | None] = mapped_column(String(16))

    mention: Mapped[PersonMention | None] = relationship()
    organization: Mapped[Organization | None] = relationship()


class EventArticle(Base):
    """An article an event is about ("405.2")."""

    __tablename__ = "event_articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), index=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    key: Mapped[str] = mapped_column(String(48), index=True)

    article: Mapped[Article | None] = relationship()


class Relation(Base):
    """A family, colleague or membership relation between two persons or a person and an organisation."""

    __tablename__ = "relations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), index=True)
    type: Mapped[str] = mapped_column(String(16), index=True)
    subtype: Mapped[str | None] = mapped_column(String(16))
    a_mention_id: Mapped[int | None] = mapped_column(
        ForeignKey("person_mentions.id", ondelete="CASCADE"), index=True
    )
    a_organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    b_mention_id: Mapped[int | None] = mapped_column(
        ForeignKey("person_mentions.id", ondelete="CASCADE"), index=True
    )
    b_organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)

    a_mention: Mapped[PersonMention | None] = relationship(foreign_keys=[a_mention_id])
    a_organization: Mapped[Organization | None] = relationship(foreign_keys=[a_organization_id])
    b_mention: Mapped[PersonMention | None] = relationship(foreign_keys=[b_mention_id])
    b_organization: Mapped[Organization | None] = relationship(foreign_keys=[b_organization_id])


class LinkDecision(Base):
    """Why a mention belongs to a person: the linker's choice, a human's, or a pending question.

    Human decisions are keyed by document (path or hash) and the mention's anchor (name and
    character spans, see casewatch.store.anchors), not by row ids, so they survive re-extraction,
    a newer extractor's spelling and new versions of the same report. kind:
    `link` (mention belongs to person_id), `new` (mention got a new person),
    `review` (pending: is the mention the same as candidate person_id?),
    `keep_apart` (mention is not person_id), `merge` (other_person_id was merged into person_id),
    `split` (mention moved out of other_person_id into person_id).
    """

    __tablename__ = "link_decisions"
    __table_args__ = (Index("ix_link_decisions_key", "document_path", "mention_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    #: auto, human or pending
    status: Mapped[str] = mapped_column(String(16), index=True)
    mention_id: Mapped[int | None] = mapped_column(
        ForeignKey("person_mentions.id", ondelete="SET NULL"), index=True
    )
    document_sha256: Mapped[str | None] = mapped_column(String(64))
    document_path: Mapped[str | None] = mapped_column(Text)
    mention_name: Mapped[str | None] = mapped_column(Text)
    #: [[start, end], ...] of the mention's names in the document (human decisions only)
    mention_spans: Mapped[list | None] = mapped_column(JSON)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    other_person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    score: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str | None] = mapped_column(Text)
    user: Mapped[str | None] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PrisonerState(Base):
    """A canonical person on the political prisoner list: their status, country and name, derived
    from their events by casewatch.outputs.states so a page of the list is read without reading
    every event. Only listed persons have a row."""

    __tablename__ = "prisoner_states"
    #: the list's order, (country, name), with persons of no known country last
    __table_args__ = (Index("ix_prisoner_states_order", "sort_country", "name", "person_id"),)

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(32))
    #: the person's country code, "~" when none is known (sorts after every code)
    sort_country: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(Text)


class PrisonerStateStale(Base):
    """Whose prisoner state must be derived again: a person, the persons of a document (and of its
    other versions), or everyone (both empty). Written by the store when those rows change."""

    __tablename__ = "prisoner_states_stale"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int | None] = mapped_column(Integer)
    document_id: Mapped[int | None] = mapped_column(Integer)
