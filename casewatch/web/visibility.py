"""What the current user may see: one policy for every response that leaves the database.

Marks hold on person mentions (casewatch.store.marks), so they follow a person through merge,
split, relink and re-extraction. For a user who may not see a marked person, `load_visibility`
turns the marks into what every page and API call applies:

- `hidden_persons` / `hidden_mentions`: the person is left out of lists, counts and dossiers
  (a hidden id answers 404 like one that never existed); their mentions are cut from events,
  relations and report person lists;
- `hidden_fields`: one field of a visible person (roles, timeline, aliases, relations, sources)
  is left out wherever it shows, not only on the dossier;
- `hidden_claims`: claims that would tell the above (the person's own claims, events where a
  hidden person is the target or a hidden timeline's events, relations, roles, aliases); their
  spans are withheld from report text;
- `matcher`: the hidden person's spellings (all scripts), surnames and hidden aliases, withheld
  from every string of every response (`scrub`): titles, paths, text, hashtags, e-mail addresses.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from casewatch.store import accounts
from casewatch.store import models as m
from casewatch.store.accounts import SensitiveGrant, SensitiveMark, User
from casewatch.store.linking import resolve_id
from casewatch.store.marks import marked_persons
from casewatch.web.withhold import NameMatcher, name_terms

MentionName, PersonMention = m.MentionName, m.PersonMention

#: what replaces withheld text
WITHHELD = "[withheld]"
#: context keys that echo the user's own input: never rewritten (a rewritten echo would tell the
#: user that what they typed is a hidden name)
ECHO_KEYS = frozenset({"q", "filters"})
#: claim properties that spell a person's name
NAME_PROPERTIES = ("name", "alias", "mention")


@dataclass
class Visibility:
    """The sensitive marks that apply to one user, loaded once per request."""

    sees_all: bool
    hidden_persons: set[int] = field(default_factory=set)
    hidden_fields: dict[int, set[str]] = field(default_factory=dict)
    hidden_claims: set[str] = field(default_factory=set)
    hidden_mentions: set[int] = field(default_factory=set)
    matcher: NameMatcher = field(default_factory=lambda: NameMatcher(()))

    def person_hidden(self, person_id: int | None) -> bool:
        return person_id is not None and person_id in self.hidden_persons

    def mention_hidden(self, mention_id: int | None) -> bool:
        return mention_id is not None and mention_id in self.hidden_mentions

    def field_hidden(self, person_id: int | None, name: str) -> bool:
        return person_id is not None and name in self.hidden_fields.get(person_id, set())

    def claim_hidden(self, claim_id: str) -> bool:
        return claim_id in self.hidden_claims

    def names_hidden(self, text: str | None) -> bool:
        """True when `text` names a hidden person or a hidden alias."""
        return bool(text) and bool(self.matcher.spans(text))

    def clean(self, text: str | None) -> str | None:
        """`text` with every hidden name withheld."""
        if self.sees_all or not text or not self.matcher:
            return text
        return redact(text, self.matcher.spans(text))

    def scrub(self, value: Any, key: str | None = None) -> Any:
        """Every string inside `value` (dicts, lists) cleaned, except the user's own input."""
        if self.sees_all or not self.matcher or key in ECHO_KEYS:
            return value
        if isinstance(value, str):
            return self.clean(value)
        if isinstance(value, dict):
            return {k: self.scrub(v, k) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.scrub(v) for v in value]
        return value

    def redactions(self, session: Session, document_id: int) -> list[tuple[int, int]]:
        """Spans of one document's text to withhold: hidden persons' mentions, hidden claims, hidden names."""
        if self.sees_all:
            return []
        spans: list[tuple[int, int]] = []
        if self.hidden_mentions:
            query = (
                select(MentionName.start, MentionName.end)
                .join(PersonMention, PersonMention.id == MentionName.mention_id)
                .where(PersonMention.document_id == document_id, PersonMention.id.in_(self.hidden_mentions))
            )
            spans += [(s, e) for s, e in session.execute(query) if s is not None and e is not None]
        if self.hidden_claims:
            query = select(m.Claim.id, m.Claim.start, m.Claim.end).where(
                m.Claim.document_id == document_id, m.Claim.start.is_not(None)
            )
            spans += [
                (s, e) for cid, s, e in session.execute(query) if cid in self.hidden_claims and e is not None
            ]
        if self.matcher:
            spans += self.matcher.spans(
                session.scalar(select(m.Document.text).where(m.Document.id == document_id))
            )
        return merge_spans(spans)


def _granted_persons(session: Session, user: User) -> set[int]:
    ids = session.scalars(
        select(SensitiveGrant.entity_id).where(
            SensitiveGrant.user_id == user.id, SensitiveGrant.entity_type == "person"
        )
    )
    return {resolve_id(session, int(e)) for e in ids if e and e.isdigit()}


def load_visibility(session: Session, user: User) -> Visibility:
    """The marks hiding something from `user` (nothing for editors, admins and viewers granted everything)."""
    if accounts.may_see_sensitive(session, user):
        return Visibility(sees_all=True)
    granted = _granted_persons(session, user)
    vis = Visibility(sees_all=False)
    for mark, persons in marked_persons(session):
        for pid in persons - granted:
            if mark.field is None:
                vis.hidden_persons.add(pid)
            else:
                vis.hidden_fields.setdefault(pid, set()).add(mark.field)
    vis.hidden_claims |= set(
        session.scalars(select(SensitiveMark.entity_id).where(SensitiveMark.entity_type == "claim"))
    )
    if vis.hidden_persons or vis.hidden_fields:
        _derive(session, vis)
    return vis


def _derive(session: Session, vis: Visibility) -> None:
    """Fill in the mentions, claims and names that would tell what the marks hide."""
    pids = vis.hidden_persons | set(vis.hidden_fields)
    canonical = dict(session.execute(select(m.Person.id, m.Person.name).where(m.Person.id.in_(pids))).all())
    mentions = session.execute(
        select(
            PersonMention.id, PersonMention.document_id, PersonMention.name, PersonMention.person_id
        ).where(PersonMention.person_id.in_(pids))
    ).all()
    spellings: dict[int, set[str]] = {mid: {name} for mid, _, name, _ in mentions}
    for mid, name in session.execute(
        select(MentionName.mention_id, MentionName.name).where(MentionName.mention_id.in_(spellings))
    ):
        spellings[mid].add(name)
    person_of = {mid: pid for mid, _, _, pid in mentions}
    whole: set[tuple[int, str]] = set()  # (document, subject) whose every claim is hidden
    roles: set[tuple[int, str]] = set()
    aliases: dict[tuple[int, str], set[str]] = defaultdict(set)
    hidden_names: set[str] = set()
    alias_names: set[str] = set()
    for mid, doc, name, pid in mentions:
        subject = (doc, f"person:{name}")
        if pid in vis.hidden_persons:
            vis.hidden_mentions.add(mid)
            hidden_names |= spellings[mid]
            whole.add(subject)
            continue
        if vis.field_hidden(pid, "roles"):
            roles.add(subject)
        if vis.field_hidden(pid, "aliases"):
            extra = spellings[mid] - {canonical.get(pid)}
            aliases[subject] |= extra
            alias_names |= extra

    def hides(mid: int | None, name: str) -> bool:
        return vis.mention_hidden(mid) or vis.field_hidden(person_of.get(mid), name)

    events: set[int] = set()
    part, ev = m.EventParticipant, m.Event
    for mid, claim_id, role, event_id in session.execute(
        select(part.mention_id, part.claim_id, part.role, part.event_id).where(part.mention_id.in_(person_of))
    ):
        if vis.mention_hidden(mid):
            vis.hidden_claims.add(claim_id)
        if (vis.mention_hidden(mid) and role == "target") or vis.field_hidden(person_of.get(mid), "timeline"):
            events.add(event_id)
    if events:
        rows = session.execute(
            select(ev.document_id, m.Claim.subject)
            .join(m.Claim, m.Claim.id == ev.claim_id)
            .where(ev.id.in_(events))
        )
        whole |= {(doc, subject) for doc, subject in rows}
    rel = m.Relation
    for claim_id, a, b in session.execute(
        select(rel.claim_id, rel.a_mention_id, rel.b_mention_id).where(
            or_(rel.a_mention_id.in_(person_of), rel.b_mention_id.in_(person_of))
        )
    ):
        if hides(a, "relations") or hides(b, "relations"):
            vis.hidden_claims.add(claim_id)
    docs = {doc for doc, _ in whole | roles | set(aliases)}
    if docs:
        claims = session.execute(
            select(m.Claim.id, m.Claim.document_id, m.Claim.subject, m.Claim.property, m.Claim.value).where(
                m.Claim.document_id.in_(docs)
            )
        )
        for cid, doc, subject, prop, value in claims:
            key = (doc, subject)
            if (
                key in whole
                or (key in roles and prop == "role")
                or (prop in NAME_PROPERTIES and value in aliases.get(key, ()))
            ):
                vis.hidden_claims.add(cid)
    vis.matcher = NameMatcher(name_terms(hidden_names) | name_terms(alias_names, surnames=False))


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def redact(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with every span replaced by WITHHELD."""
    out, pos = [], 0
    for start, end in merge_spans(spans):
        if end <= pos:
            continue
        start = max(start, pos)
        out.append(text[pos:start])
        out.append(WITHHELD)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def request_visibility(request: Request) -> Visibility | None:
    """The visibility of the request's user (loaded once per request), or None before login."""
    vis = getattr(request.state, "visibility", None)
    if vis is not None:
        return vis
    user = getattr(request.state, "user", None)
    if user is None:
        return None
    with request.app.state.sessionmaker() as session:
        vis = load_visibility(session, session.get(User, user.id))
    request.state.visibility = vis
    return vis


class WithheldRoute(APIRoute):
    """An API route whose JSON answer goes through the visibility policy before it leaves."""

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def withheld(request: Request):
            response = await handler(request)
            if response.media_type != "application/json":
                return response
            vis = request_visibility(request)
            if vis is None or vis.sees_all:
                return response
            headers = {
                k: v
                for k, v in response.headers.items()
                if k.lower() not in ("content-length", "content-type")
            }
            body = vis.scrub(json.loads(response.body))
            return JSONResponse(
                body, status_code=response.status_code, headers=headers, background=response.background
            )

        return withheld
