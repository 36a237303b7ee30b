"""Login throttling that never locks an account for good; old login records, keyed reversibly, go.

Adds web_login_throttle (failures per key, see store/logins.py), drops web_user.locked_until (no
hard lock any more) and deletes the login records made before, whose client column was a plain
hash of the address (reversible by trying every IPv4 address).

Revision ID: 0007_login_hardening
Revises: 0006_visibility_marks
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_login_hardening"
down_revision = "0006_visibility_marks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_login_throttle",
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("account", sa.String(64), nullable=True, index=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_failure_at", sa.DateTime, nullable=True),
        sa.Column("blocked_until", sa.DateTime, nullable=True),
    )
    # a plain ALTER TABLE (SQLite 3.35+), not a batch copy: dropping web_user would cascade to sessions
    op.drop_column("web_user", "locked_until")
    op.execute("DELETE FROM web_login_attempt")


def downgrade() -> None:
    op.add_column("web_user", sa.Column("locked_until", sa.DateTime, nullable=True))
    op.drop_table("web_login_throttle")
