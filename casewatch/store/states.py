"""Mark whose political prisoner state must be derived again (casewatch.outputs.states derives it).

The store calls `mark_stale` wherever a person's events can change: a report stored, a new
version or re-extraction (its document), a review (its claim's document), a person's mentions
moved (`linking.refresh_person`), everything relinked. Marking is one insert; the work is done
by the next reader of the prisoner list.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from casewatch.store.models import PrisonerStateStale


def mark_stale(
    session: Session,
    *,
    persons: Iterable[int | None] = (),
    documents: Iterable[int | None] = (),
    everyone: bool = False,
) -> None:
    """Queue these persons, the persons of these documents (all versions), or everyone."""
    rows = [{"person_id": None, "document_id": None}] if everyone else []
    rows += [{"person_id": pid, "document_id": None} for pid in set(persons) if pid is not None]
    rows += [{"person_id": None, "document_id": did} for did in set(documents) if did is not None]
    if rows:
        session.execute(PrisonerStateStale.__table__.insert(), rows)
