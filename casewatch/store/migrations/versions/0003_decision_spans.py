"""Link decisions remember the mention's character spans, to find it again after re-extraction.

Revision ID: 0003_decision_spans
Revises: 0002_accounts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_decision_spans"
down_revision = "0002_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("link_decisions") as batch:
        batch.add_column(sa.Column("mention_spans", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("link_decisions") as batch:
        batch.drop_column("mention_spans")
