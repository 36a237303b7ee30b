"""Secret calendar feed addresses (casewatch/store/feeds.py).

Revision ID: 0009_calendar_feeds
Revises: 0007_login_hardening
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_calendar_feeds"
down_revision = "0007_login_hardening"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_feed",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("web_user.id", ondelete="CASCADE"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_used_at", sa.DateTime, nullable=True),
        sa.Column("revoked_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_calendar_feed_user_id", "calendar_feed", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_calendar_feed_user_id", table_name="calendar_feed")
    op.drop_table("calendar_feed")
