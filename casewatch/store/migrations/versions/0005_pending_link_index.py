"""Index link decisions by the person a pending review asks about (see linking.provisional_persons).

Revision ID: 0005_pending_link_index
Revises: 0004_claim_ids_by_document
"""

from __future__ import annotations

from alembic import op

revision = "0005_pending_link_index"
down_revision = "0004_claim_ids_by_document"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_link_decisions_other_person_id", "link_decisions", ["other_person_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_link_decisions_other_person_id", table_name="link_decisions")
