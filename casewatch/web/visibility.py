"""What the current user may see: sensitive persons, person fields and claims are withheld from viewers."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewatch.store import accounts
from casewatch.store.accounts import SensitiveGrant, SensitiveMark, User
from casewatch.store.models import Claim, MentionName, PersonMention

#: what replaces withheld text
WITHHELD = "[withheld]"
#: person fields that can be marked sensitive one by one
PERSON_FIELDS = ("aliases", "roles", "timeline", "relations", "sources")


@dataclass
class Visibility:
    """The sensitive marks that apply to one user, loaded once per request."""

    sees_all: bool
    hidden_persons: set[int] = field(default_factory=set)
    hidden_fields: dict[int, set[str]] = field(default_factory=dict)
    hidden_claims: set[str] = field(default_factory=set)

    def person_hidden(self, person_id: int | None) -> bool:
        return person_id is not None and person_id in self.hidden_persons

    def field_hidden(self, person_id: int, name: str) -> bool:
        return name in self.hidden_fields.get(person_id, set())

    def claim_hidden(self, claim_id: str) -> bool:
        return claim_id in self.hidden_claims

    def redactions(self, session: Session, document_id: int) -> list[tuple[int, int]]:
        """Spans of one document's text to withhold: mentions of hidden persons and hidden claims."""
        if self.sees_all:
            return []
        spans: list[tuple[int, int]] = []
        if self.hidden_persons:
            query = (
                select(MentionName.start, MentionName.end)
                .join(PersonMention, PersonMention.id == MentionName.mention_id)
                .where(
                    PersonMention.document_id == document_id, PersonMention.person_id.in_(self.hidden_persons)
                )
            )
            spans += [(s, e) for s, e in session.execute(query) if s is not None and e is not None]
        if self.hidden_claims:
            query = select(Claim.start, Claim.end).where(
                Claim.document_id == document_id, Claim.id.in_(self.hidden_claims)
            )
            spans += [(s, e) for s, e in session.execute(query) if s is not None and e is not None]
        return sorted(spans)


def load_visibility(session: Session, user: User) -> Visibility:
    """The marks hiding something from `user` (nothing for editors, admins and viewers granted everything)."""
    if accounts.may_see_sensitive(session, user):
        return Visibility(sees_all=True)
    granted = set(
        session.scalars(
            select(SensitiveGrant.entity_id).where(
                SensitiveGrant.user_id == user.id, SensitiveGrant.entity_type == "person"
            )
        )
    )
    vis = Visibility(sees_all=False)
    for mark in session.scalars(select(SensitiveMark)):
        if mark.entity_type == "person":
            if mark.entity_id in granted or not mark.entity_id.isdigit():
                continue
            pid = int(mark.entity_id)
            if mark.field is None:
                vis.hidden_persons.add(pid)
            else:
                vis.hidden_fields.setdefault(pid, set()).add(mark.field)
        elif mark.entity_type == "claim":
            vis.hidden_claims.add(mark.entity_id)
    return vis


def redact(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with every span replaced by WITHHELD."""
    out, pos = [], 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        start = max(start, pos)
        out.append(text[pos:start])
        out.append(WITHHELD)
        pos = end
    out.append(text[pos:])
    return "".join(out)
