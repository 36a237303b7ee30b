"""What a reader of an output may see: the one filter every output of casewatch/outputs applies."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewatch.store.accounts import SensitiveMark
from casewatch.store.models import Claim, MentionName, Person, PersonMention

#: what replaces a withheld name in a quoted sentence
WITHHELD = "[withheld]"

#: review statuses a public output may show: a person has looked at the claim and kept it
CONFIRMED = frozenset({"confirmed", "corrected"})


class View(Protocol):
    """What one reader may see, as the read model asks it (a `Scope` here, or the web's `Visibility`)."""

    @property
    def sees_all(self) -> bool: ...

    def person_hidden(self, person_id: int | None) -> bool: ...

    def mention_hidden(self, mention_id: int | None) -> bool: ...

    def field_hidden(self, person_id: int | None, name: str) -> bool: ...

    def claim_hidden(self, claim_id: str) -> bool: ...

    def names_hidden(self, text: str | None) -> bool: ...

    def clean(self, text: str | None) -> str | None: ...


@dataclass(frozen=True)
class Scope:
    """Persons and claims withheld from one reader, and whether only reviewed facts are shown."""

    hidden_persons: frozenset[int] = field(default_factory=frozenset)
    hidden_claims: frozenset[str] = field(default_factory=frozenset)
    confirmed_only: bool = False
    #: every spelling of the hidden persons, redacted from quoted sentences
    hidden_names: frozenset[str] = field(default_factory=frozenset)
    #: the web app's own name filter (casewatch.web.visibility), applied after the names above
    cleaner: Callable[[str], str | None] | None = None

    @cached_property
    def _redaction(self) -> re.Pattern | None:
        # whole spellings, and each word of them long enough to name someone ("#FreeKuttybayeva")
        words = {w for name in self.hidden_names for w in re.findall(r"\w{4,}", name)}
        parts = sorted({*self.hidden_names, *words}, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, parts)), re.IGNORECASE) if parts else None

    def redact(self, text: str | None) -> str | None:
        """`text` with every hidden person's name, or a word of it, replaced by [withheld]."""
        if text is None:
            return text
        if self._redaction is not None:
            text = self._redaction.sub(WITHHELD, text)
        return self.cleaner(text) if self.cleaner is not None else text

    def shows_person(self, person_id: int | None) -> bool:
        return person_id is None or person_id not in self.hidden_persons

    def shows_claim(self, claim_id: str, status: str) -> bool:
        if status == "rejected" or claim_id in self.hidden_claims:
            return False
        return status in CONFIRMED if self.confirmed_only else True

    # -- the `View` protocol: a scope hides whole persons and claims, never one field -------------

    @property
    def sees_all(self) -> bool:
        return not (self.hidden_persons or self.hidden_claims or self.hidden_names or self.cleaner)

    def person_hidden(self, person_id: int | None) -> bool:
        return not self.shows_person(person_id)

    def mention_hidden(self, mention_id: int | None) -> bool:
        return False

    def field_hidden(self, person_id: int | None, name: str) -> bool:
        return False

    def claim_hidden(self, claim_id: str) -> bool:
        return claim_id in self.hidden_claims

    def names_hidden(self, text: str | None) -> bool:
        return bool(text) and self.redact(text) != text

    def clean(self, text: str | None) -> str | None:
        return self.redact(text)


#: everything not rejected (the local CLI user, who holds the database file)
EVERYTHING = Scope()


def public_scope(session: Session) -> Scope:
    """For a public export: reviewed facts only, and no person or claim that carries any sensitive mark."""
    persons: set[int] = set()
    claims: set[str] = set()
    for mark in session.scalars(select(SensitiveMark)):
        if mark.entity_type == "person" and str(mark.entity_id).isdigit():
            persons.add(int(mark.entity_id))
        elif mark.entity_type == "claim":
            claims.add(str(mark.entity_id))
    return Scope(frozenset(persons), frozenset(claims), True, hidden_spellings(session, persons))


def hidden_spellings(session: Session, person_ids: set[int]) -> frozenset[str]:
    """Every spelling of these persons: canonical names, and the names of their mentions."""
    if not person_ids:
        return frozenset()
    ids = list(person_ids)
    names = set(session.scalars(select(Person.name).where(Person.id.in_(ids))))
    names |= set(session.scalars(select(PersonMention.name).where(PersonMention.person_id.in_(ids))))
    spelled = select(MentionName.name).join(PersonMention, PersonMention.id == MentionName.mention_id)
    names |= set(session.scalars(spelled.where(PersonMention.person_id.in_(ids))))
    return frozenset(n for n in names if n)


def claim_statuses(session: Session, claim_ids: list[str]) -> dict[str, str]:
    """Review status of each claim id."""
    out: dict[str, str] = {}
    for i in range(0, len(claim_ids), 5000):
        chunk = claim_ids[i : i + 5000]
        out.update(
            {
                cid: status
                for cid, status in session.execute(select(Claim.id, Claim.status).where(Claim.id.in_(chunk)))
            }
        )
    return out
