"""Sensitive marks hold on person mentions (by document and anchor), not on a person id.

Existing person marks are anchored on every mention their person (followed through merges) has.

Revision ID: 0006_visibility_marks
Revises: 0005_pending_link_index
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_visibility_marks"
down_revision = "0005_pending_link_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sensitive_mark_anchor",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "mark_id",
            sa.Integer,
            sa.ForeignKey("sensitive_mark.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column(
            "mention_id",
            sa.Integer,
            sa.ForeignKey("person_mentions.id", ondelete="SET NULL"),
            nullable=True,
            index=True,
        ),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("document_path", sa.Text, nullable=False, index=True),
        sa.Column("mention_name", sa.Text, nullable=False),
        sa.Column("mention_spans", sa.JSON, nullable=True),
    )
    _anchor_existing_marks(op.get_bind())


def _anchor_existing_marks(conn) -> None:
    marks = conn.execute(
        sa.text("SELECT id, entity_id FROM sensitive_mark WHERE entity_type = 'person'")
    ).all()
    merged = dict(conn.execute(sa.text("SELECT id, merged_into FROM persons")).all())
    anchor = sa.table(
        "sensitive_mark_anchor",
        sa.column("mark_id"),
        sa.column("mention_id"),
        sa.column("document_sha256"),
        sa.column("document_path"),
        sa.column("mention_name"),
        sa.column("mention_spans", sa.JSON),
    )
    for mark_id, entity_id in marks:
        if not str(entity_id).isdigit():
            continue
        pid, seen = int(entity_id), set()
        while merged.get(pid) is not None and pid not in seen:
            seen.add(pid)
            pid = merged[pid]
        mentions = conn.execute(
            sa.text(
                "SELECT pm.id, pm.name, d.sha256, d.path FROM person_mentions pm "
                "JOIN documents d ON d.id = pm.document_id WHERE pm.person_id = :pid"
            ),
            {"pid": pid},
        ).all()
        rows = []
        for mention_id, name, sha256, path in mentions:
            spans = conn.execute(
                sa.text(
                    'SELECT start, "end" FROM mention_names WHERE mention_id = :mid '
                    'AND start IS NOT NULL AND "end" IS NOT NULL ORDER BY start'
                ),
                {"mid": mention_id},
            ).all()
            rows.append(
                {
                    "mark_id": mark_id,
                    "mention_id": mention_id,
                    "document_sha256": sha256,
                    "document_path": path,
                    "mention_name": name,
                    "mention_spans": [[s, e] for s, e in sorted(set(spans))],
                }
            )
        if rows:
            conn.execute(anchor.insert(), rows)


def downgrade() -> None:
    op.drop_table("sensitive_mark_anchor")
