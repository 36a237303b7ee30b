"""The hearing calendar's index on events (type, date), and the prisoner list's derived states
(casewatch/outputs/states.py) with their queue of persons to derive again. Every person is queued:
the first reader of the prisoner list derives the states of the existing database.

Revision ID: 0010_output_indexes
Revises: 0009_calendar_feeds
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_output_indexes"
down_revision = "0009_calendar_feeds"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_type_date", "events", ["type", "date"], unique=False)
    op.create_table(
        "prisoner_states",
        sa.Column("person_id", sa.Integer, sa.ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("sort_country", sa.String(8), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
    )
    op.create_index(
        "ix_prisoner_states_order", "prisoner_states", ["sort_country", "name", "person_id"], unique=False
    )
    stale = op.create_table(
        "prisoner_states_stale",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, nullable=True),
        sa.Column("document_id", sa.Integer, nullable=True),
    )
    op.bulk_insert(stale, [{"person_id": None, "document_id": None}])


def downgrade() -> None:
    op.drop_table("prisoner_states_stale")
    op.drop_index("ix_prisoner_states_order", table_name="prisoner_states")
    op.drop_table("prisoner_states")
    op.drop_index("ix_events_type_date", table_name="events")
