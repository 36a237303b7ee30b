"""A record's history from the audit log, as rows for pages, /api/v1 and the dossier."""

from __future__ import annotations

from sqlalchemy.orm import Session

from casewatch.outputs.scope import View
from casewatch.store import accounts

#: audit actions only those who see all see in a record's history (a mark's reason is itself sensitive)
MARK_ACTIONS = ("mark_sensitive", "unmark_sensitive")


def audit_rows(db: Session, entity_type: str, entity_id: str, vis: View) -> list[dict]:
    """A record's changes from the audit log, newest first (reads of it are in the audit log only)."""
    return [
        {"at": str(e.at), "user": e.username, "action": e.action, "before": e.before, "after": e.after}
        for e in accounts.history(db, entity_type, entity_id)
        if e.action != "read" and (vis.sees_all or e.action not in MARK_ACTIONS)
    ]
