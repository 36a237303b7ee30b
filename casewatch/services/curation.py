"""Human decisions on persons, links and claims, each written to the audit log.

`user` is the web user, or the name of whoever runs the CLI (`--user` or $USER). The caller
commits: a decision and its audit entry are stored together or not at all.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from casewatch.errors import CasewatchError
from casewatch.store import curation
from casewatch.store import models as m
from casewatch.store.accounts import User, record_audit
from casewatch.store.linking import RelinkSummary, relink_all

Who = User | str


def _name(user: Who) -> str:
    return user.name if isinstance(user, User) else user


def merge(session: Session, user: Who, keep_id: int, other_id: int) -> m.Person:
    """Merge person `other_id` into `keep_id`."""
    kept = curation.merge_persons(session, keep_id, other_id, _name(user))
    record_audit(session, user, "merge", "person", str(kept.id), None, {"merged": other_id})
    record_audit(session, user, "merge", "person", str(other_id), None, {"merged_into": kept.id})
    return kept


def split(session: Session, user: Who, person_id: int, sha256: str) -> m.Person:
    """Move a person's mentions in one document to a new person."""
    new = curation.split_person(session, person_id, sha256, _name(user))
    after = {"document": sha256, "new_person": new.id}
    record_audit(session, user, "split", "person", str(person_id), None, after)
    record_audit(
        session, user, "split", "person", str(new.id), None, {"split_from": person_id, "document": sha256}
    )
    return new


def settle_link(session: Session, user: Who, decision_id: int, action: str) -> m.LinkDecision:
    """Decide a pending link: "merge" the mention into the candidate person, or "keep_apart"."""
    decision = session.get(m.LinkDecision, decision_id)
    if decision is None:
        raise CasewatchError(f"no link decision {decision_id}")
    before = {"status": decision.status, "mention_id": decision.mention_id, "candidate": decision.person_id}
    curation.settle_link(session, decision_id, action, _name(user))
    after = {"status": "resolved", "action": action}
    record_audit(session, user, action, "link", str(decision_id), before, after)
    if decision.person_id is not None:
        after = {"mention": decision.mention_name, "decision": decision_id}
        record_audit(session, user, action, "person", str(decision.person_id), None, after)
    return decision


def review_claim(
    session: Session, user: Who, claim_id: str, action: str, value: str | None = None, note: str | None = None
) -> m.Claim:
    """Confirm, correct (with a new value) or reject one claim."""
    claim = curation.find_claim(session, claim_id)
    before = {"status": claim.status, "value": claim.value}
    claim = curation.review_claim(session, claim.id, action, _name(user), value=value, note=note)
    after = {"status": claim.status, "value": claim.value}
    record_audit(session, user, action, "claim", claim.id, before, after)
    return claim


def relink(session: Session, user: Who) -> RelinkSummary:
    """Link every mention again (human decisions are applied again, not undone)."""
    summary = relink_all(session)
    record_audit(session, user, "relink", "database", "persons", None, {"summary": str(summary)})
    return summary
