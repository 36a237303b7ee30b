"""Claim ids begin with their document's hash (see casewatch.store.claims.claim_id).

A document's claims then sit side by side in the id index, and storing a report writes a page
or two of it instead of one page per claim. Every reference to a claim id moves with it:
the tables that point at claims, and the sensitive marks, grants and audit entries about one.

Revision ID: 0004_claim_ids_by_document
Revises: 0003_decision_spans
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0004_claim_ids_by_document"
down_revision = "0003_decision_spans"
branch_labels = None
depends_on = None

#: tables with a claim_id column pointing at claims.id
CLAIM_CHILDREN = (
    "review_actions",
    "person_mentions",
    "mention_names",
    "mention_roles",
    "organizations",
    "places",
    "articles",
    "events",
    "event_participants",
    "event_articles",
    "relations",
)
#: tables naming a claim by (entity_type, entity_id)
CLAIM_NAMERS = ("sensitive_mark", "sensitive_grant", "audit_entry")
PREFIX = 6  # casewatch.store.claims.DOCUMENT_PREFIX when this migration was written
CLAIM_COLUMNS = (
    'document_id, subject, property, value, original_value, start, "end", extractor_version, '
    "confidence, status, created_at"
)


def _rename(pairs_sql: str) -> None:
    """Give every claim the id `pairs_sql` (SELECT old, new) maps it to, references included.

    New rows are written before the old ones go, so no foreign key is ever left dangling and no
    constraint needs deferring (PostgreSQL's are not deferrable).
    """
    op.execute("CREATE TABLE claim_id_map (old VARCHAR(40) PRIMARY KEY, new VARCHAR(40) NOT NULL)")
    op.execute(f"INSERT INTO claim_id_map (old, new) {pairs_sql}")
    op.execute("DELETE FROM claim_id_map WHERE old = new")
    op.execute(
        f"INSERT INTO claims (id, {CLAIM_COLUMNS}) "
        f"SELECT claim_id_map.new, {CLAIM_COLUMNS} "
        "FROM claims JOIN claim_id_map ON claim_id_map.old = claims.id"
    )
    new_id = "(SELECT new FROM claim_id_map WHERE claim_id_map.old = {column})"
    for table in CLAIM_CHILDREN:
        column = f"{table}.claim_id"
        op.execute(
            f"UPDATE {table} SET claim_id = {new_id.format(column=column)} "
            f"WHERE claim_id IN (SELECT old FROM claim_id_map)"
        )
    for table in CLAIM_NAMERS:
        column = f"{table}.entity_id"
        op.execute(
            f"UPDATE {table} SET entity_id = {new_id.format(column=column)} "
            f"WHERE entity_type = 'claim' AND entity_id IN (SELECT old FROM claim_id_map)"
        )
    op.execute("DELETE FROM claims WHERE id IN (SELECT old FROM claim_id_map)")
    op.execute("DROP TABLE claim_id_map")


def upgrade() -> None:
    _rename(
        f"SELECT claims.id, substr(documents.sha256, 1, {PREFIX}) || substr(claims.id, {PREFIX + 1}) "
        "FROM claims JOIN documents ON documents.id = claims.document_id"
    )


def _old_id(
    sha256: str, subject: str, prop: str, value: str | None, start: int | None, end: int | None
) -> str:
    """The id a claim had before this revision: SHA-1 of its key fields as extracted."""
    span = (start, end) if start is not None and end is not None else ("", "")
    key = "\x1f".join([sha256, subject, prop, value or "", str(span[0]), str(span[1])])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def downgrade() -> None:
    rows = op.get_bind().execute(
        sa.text(
            'SELECT claims.id, documents.sha256, subject, property, original_value, start, "end" '
            "FROM claims JOIN documents ON documents.id = claims.document_id"
        )
    )
    pairs = [(row[0], _old_id(*row[1:])) for row in rows]
    op.execute("CREATE TABLE claim_id_pairs (old VARCHAR(40) PRIMARY KEY, new VARCHAR(40) NOT NULL)")
    if pairs:
        table = sa.table("claim_id_pairs", sa.column("old"), sa.column("new"))
        op.bulk_insert(table, [{"old": old, "new": new} for old, new in pairs])
    _rename("SELECT old, new FROM claim_id_pairs")
    op.execute("DROP TABLE claim_id_pairs")
