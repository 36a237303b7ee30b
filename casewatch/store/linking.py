"""Link each document's person mentions to canonical persons, human decisions first.

Candidates come from the `person_name_keys` blocking table; `casewatch.resolve.linker.decide`
chooses among them. A human decision (link, merge, split, keep apart) recorded in
`link_decisions` for the same report and spelling is consulted before `decide` and always wins.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session, aliased

from casewatch.resolve.linker import PersonProfile, decide
from casewatch.resolve.names import latinize, name_keys
from casewatch.store import models as m

#: candidates beyond this many (the best-connected by shared keys) are not compared
MAX_CANDIDATES = 25


def resolve_id(session: Session, person_id: int | None) -> int | None:
    """Follow `merged_into` to the person that stands for `person_id` now."""
    seen: set[int] = set()
    while person_id is not None and person_id not in seen:
        seen.add(person_id)
        target = session.scalar(select(m.Person.merged_into).where(m.Person.id == person_id))
        if target is None:
            return person_id
        person_id = target
    return person_id


def human_rules(session: Session, document: m.Document, name: str) -> tuple[int | None, set[int]]:
    """(person this mention is pinned to, persons it must be kept apart from), latest decision first."""
    rows = session.scalars(
        select(m.LinkDecision)
        .where(
            m.LinkDecision.status == "human",
            m.LinkDecision.mention_name == name,
            or_(
                m.LinkDecision.document_path == document.path,
                m.LinkDecision.document_sha256 == document.sha256,
            ),
        )
        .order_by(m.LinkDecision.id.desc())
    ).all()
    pin: int | None = None
    apart: set[int] = set()
    for row in rows:  # newest first: a later decision about the same person overrides an earlier one
        pid = resolve_id(session, row.person_id)
        if row.kind == "keep_apart":
            if pid != pin:
                apart.add(pid)
        elif pin is None and pid not in apart:
            pin = pid
    return pin, apart


def _facts(session: Session, mention_ids: Iterable[int]) -> dict[int, dict[str, set[str]]]:
    """What each mention's document says around it: names, roles, articles, places, companions."""
    ids = list(mention_ids)
    facts: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    if not ids:
        return facts
    pm, other = m.PersonMention, aliased(m.PersonMention)
    for mid, name, side in session.execute(select(pm.id, pm.name, pm.side).where(pm.id.in_(ids))):
        facts[mid]["names"].add(name)
        if side:
            facts[mid]["side"].add(side)
    q = select(m.MentionName.mention_id, m.MentionName.name).where(m.MentionName.mention_id.in_(ids))
    for mid, name in session.execute(q):
        facts[mid]["names"].add(name)
    q = select(m.MentionRole.mention_id, m.MentionRole.role).where(m.MentionRole.mention_id.in_(ids))
    for mid, role in session.execute(q):
        facts[mid]["roles"].add(role)
    part = m.EventParticipant
    q = (
        select(part.mention_id, m.EventArticle.key)
        .join(m.EventArticle, m.EventArticle.event_id == part.event_id)
        .where(part.mention_id.in_(ids))
    )
    for mid, key in session.execute(q):
        facts[mid]["articles"].add(key)
    q = (
        select(part.mention_id, m.Place.name)
        .join(m.Event, m.Event.id == part.event_id)
        .join(m.Place, m.Place.id == m.Event.place_id)
        .where(part.mention_id.in_(ids))
    )
    for mid, name in session.execute(q):
        facts[mid]["places"].add(name)
    q = (
        select(pm.id, m.Organization.name)
        .join(m.Organization, m.Organization.document_id == pm.document_id)
        .where(pm.id.in_(ids))
    )
    for mid, name in session.execute(q):
        facts[mid]["organizations"].add(name)
    q = (
        select(pm.id, other.name)
        .join(other, (other.document_id == pm.document_id) & (other.id != pm.id))
        .where(pm.id.in_(ids))
    )
    for mid, name in session.execute(q):
        facts[mid]["co_persons"].add(name)
    rel = m.Relation
    for mine, theirs in ((rel.a_mention_id, rel.b_mention_id), (rel.b_mention_id, rel.a_mention_id)):
        q = (
            select(mine, other.name)
            .join(other, other.id == theirs)
            .where(mine.in_(ids), rel.type == "family")
        )
        for mid, name in session.execute(q):
            facts[mid]["relatives"].add(name)
    return facts


def _profile(pid: object, facts: Iterable[dict[str, set[str]]]) -> PersonProfile:
    merged: dict[str, set[str]] = defaultdict(set)
    sides: Counter[str] = Counter()
    for f in facts:
        for key, values in f.items():
            if key == "side":
                sides.update(values)
            else:
                merged[key] |= values
    return PersonProfile(
        id=pid,
        names=sorted(merged["names"]),
        side=sides.most_common(1)[0][0] if sides else None,
        roles=set(merged["roles"]),
        articles=set(merged["articles"]),
        places=set(merged["places"]),
        organizations=set(merged["organizations"]),
        co_persons=set(merged["co_persons"]),
        relatives=set(merged["relatives"]),
    )


def person_profiles(session: Session, person_ids: Iterable[int]) -> dict[int, PersonProfile]:
    """Profiles of canonical persons, gathered from their mentions in current documents."""
    ids = list(person_ids)
    if not ids:
        return {}
    q = (
        select(m.PersonMention.id, m.PersonMention.person_id)
        .join(m.Document, m.Document.id == m.PersonMention.document_id)
        .where(m.PersonMention.person_id.in_(ids), m.Document.is_current)
    )
    owner = dict(session.execute(q).all())
    facts = _facts(session, owner)
    by_person: dict[int, list] = defaultdict(list)
    for mid, pid in owner.items():
        by_person[pid].append(facts[mid])
    return {pid: _profile(str(pid), by_person[pid]) for pid in ids}


def mention_keys(names: Iterable[str]) -> set[str]:
    keys: set[str] = set()
    for name in names:
        keys |= set(name_keys(name))
    return keys


def candidates(session: Session, keys: set[str], exclude: set[int]) -> list[int]:
    """Persons sharing at least one blocking key, most shared keys first."""
    if not keys:
        return []
    q = (
        select(m.PersonNameKey.person_id)
        .join(m.Person, m.Person.id == m.PersonNameKey.person_id)
        .where(m.PersonNameKey.key.in_(keys), m.Person.merged_into.is_(None))
    )
    counts = Counter(pid for pid in session.scalars(q) if pid not in exclude)
    return [pid for pid, _ in counts.most_common(MAX_CANDIDATES)]


def _latin_score(name: str) -> tuple[int, int, int]:
    return (int(latinize(name) == name), len(name.split()), len(name))


def refresh_person(session: Session, person: m.Person) -> None:
    """Recompute a canonical person's name, side and blocking keys from its mentions."""
    rows = session.execute(
        select(m.PersonMention.id, m.PersonMention.name, m.PersonMention.side, m.Document.is_current)
        .join(m.Document, m.Document.id == m.PersonMention.document_id)
        .where(m.PersonMention.person_id == person.id)
    ).all()
    live = [r for r in rows if r.is_current] or rows
    if not live:
        session.execute(delete(m.PersonNameKey).where(m.PersonNameKey.person_id == person.id))
        return
    person.name = max((r.name for r in live), key=_latin_score)
    sides = Counter(r.side for r in live if r.side)
    person.side = sides.most_common(1)[0][0] if sides else None
    names = {r.name for r in live}
    names |= set(
        session.scalars(select(m.MentionName.name).where(m.MentionName.mention_id.in_([r.id for r in live])))
    )
    wanted = mention_keys(names)
    have = set(session.scalars(select(m.PersonNameKey.key).where(m.PersonNameKey.person_id == person.id)))
    if have - wanted:
        session.execute(
            delete(m.PersonNameKey).where(
                m.PersonNameKey.person_id == person.id, m.PersonNameKey.key.in_(have - wanted)
            )
        )
    session.add_all(m.PersonNameKey(person_id=person.id, key=k) for k in sorted(wanted - have))


def _decision(kind: str, status: str, mention: m.PersonMention, document: m.Document, **kw) -> m.LinkDecision:
    return m.LinkDecision(
        kind=kind,
        status=status,
        mention_id=mention.id,
        document_sha256=document.sha256,
        document_path=document.path,
        mention_name=mention.name,
        **kw,
    )


def link_document(session: Session, document: m.Document, previous: dict[str, int] | None = None) -> None:
    """Give every person mention of `document` a canonical person (inside the caller's transaction).

    `previous` maps names to the persons they were linked to before a re-extraction: such a
    mention keeps its person unless a human decided otherwise.
    """
    mentions = session.scalars(
        select(m.PersonMention).where(m.PersonMention.document_id == document.id).order_by(m.PersonMention.id)
    ).all()
    session.execute(
        delete(m.LinkDecision).where(
            m.LinkDecision.mention_id.in_([x.id for x in mentions]), m.LinkDecision.status != "human"
        )
    )
    facts = _facts(session, [x.id for x in mentions])
    used: set[int] = set()
    touched: dict[int, m.Person] = {}
    for mention in mentions:
        pin, apart = human_rules(session, document, mention.name)
        before = resolve_id(session, (previous or {}).get(mention.name))
        if pin is not None and pin not in used:
            mention.person_id = pin
        elif before is not None and before not in used and before not in apart:
            mention.person_id = before
            session.add(
                _decision("link", "auto", mention, document, person_id=before, reason="kept on re-extraction")
            )
        else:
            keys = mention_keys(facts[mention.id]["names"])
            found = candidates(session, keys, apart | used)
            profiles = person_profiles(session, found)
            verdict = decide(_profile(None, [facts[mention.id]]), [profiles[p] for p in found])
            target = int(verdict.target_id) if verdict.target_id is not None else None
            if verdict.action == "link" and target in profiles:
                mention.person_id = target
                session.add(
                    _decision(
                        "link",
                        "auto",
                        mention,
                        document,
                        person_id=target,
                        score=verdict.score,
                        reason=verdict.reason,
                    )
                )
            else:
                person = m.Person(name=mention.name, side=mention.side)
                session.add(person)
                session.flush()
                mention.person_id = person.id
                session.add(
                    _decision(
                        "new",
                        "auto",
                        mention,
                        document,
                        person_id=person.id,
                        score=verdict.score,
                        reason=verdict.reason,
                    )
                )
                if verdict.action == "review" and target in profiles:
                    session.add(
                        _decision(
                            "review",
                            "pending",
                            mention,
                            document,
                            person_id=target,
                            other_person_id=person.id,
                            score=verdict.score,
                            reason=verdict.reason,
                        )
                    )
        used.add(mention.person_id)
        touched[mention.person_id] = session.get(m.Person, mention.person_id)
    session.flush()
    for person in touched.values():
        refresh_person(session, person)
    session.flush()
