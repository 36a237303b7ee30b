"""Link each document's person mentions to canonical persons, human decisions first.

Candidates come from the `person_name_keys` blocking table; `casewatch.resolve.linker.decide`
chooses among them. A human decision (link, merge, split, keep apart) recorded in
`link_decisions` for the same report and mention (found again by its anchor, see
casewatch.store.anchors) is consulted before `decide` and always wins.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import TextClause, bindparam, delete, func, or_, select, text
from sqlalchemy.orm import Session, aliased

from casewatch.names import latinize, name_keys
from casewatch.resolve.linker import PersonProfile, decide, has_full_name
from casewatch.store import models as m
from casewatch.store.anchors import Anchor, anchors, pair_up
from casewatch.store.states import mark_stale

#: what human decisions say of one mention: (person it is pinned to, persons it is kept apart from)
Rule = tuple[int | None, set[int]]

#: candidates beyond this many (the best-connected by shared keys) are not compared
MAX_CANDIDATES = 12


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


def human_rules(session: Session, document: m.Document) -> list[tuple[Anchor, Rule]]:
    """What human decisions about this document say, one rule per mention they were taken on."""
    rows = session.scalars(
        select(m.LinkDecision)
        .where(
            m.LinkDecision.status == "human",
            or_(
                m.LinkDecision.document_path == document.path,
                m.LinkDecision.document_sha256 == document.sha256,
            ),
        )
        .order_by(m.LinkDecision.id.desc())
    ).all()
    by_name: dict[str, list[m.LinkDecision]] = defaultdict(list)
    for row in rows:
        by_name[row.mention_name].append(row)
    rules = []
    for name, decisions in by_name.items():
        pin: int | None = None
        apart: set[int] = set()
        spans: set[tuple[int, int]] = set()
        for row in decisions:  # newest first: a later decision about the same person overrides
            spans.update(tuple(x) for x in row.mention_spans or [])
            pid = resolve_id(session, row.person_id)
            if row.kind == "keep_apart":
                if pid != pin:
                    apart.add(pid)
            elif pin is None and pid not in apart:
                pin = pid
        rules.append((Anchor(frozenset({name}), tuple(sorted(spans))), (pin, apart)))
    return rules


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


#: the set-valued parts of a profile
PROFILE_SETS = ("names", "roles", "articles", "places", "organizations", "co_persons", "relatives")


def summarize(facts: Iterable[dict[str, set[str]]], into: dict | None = None) -> dict:
    """Add mention facts to a person's profile summary (JSON-ready: sorted lists, side counts)."""
    out = {key: set((into or {}).get(key, [])) for key in PROFILE_SETS}
    sides = Counter((into or {}).get("sides", {}))
    for f in facts:
        for key in PROFILE_SETS:
            out[key] |= f.get(key, set())
        sides.update(f.get("side", set()))
    summary: dict = {key: sorted(values) for key, values in out.items()}
    summary["sides"] = dict(sides)
    return summary


def to_profile(pid: str | None, summary: dict) -> PersonProfile:
    sides = Counter(summary.get("sides", {}))
    return PersonProfile(
        id=pid,
        names=list(summary.get("names", [])),
        side=sides.most_common(1)[0][0] if sides else None,
        **{key: set(summary.get(key, [])) for key in PROFILE_SETS if key != "names"},
    )


def person_profiles(session: Session, person_ids: Iterable[int]) -> dict[int, PersonProfile]:
    """Profiles of canonical persons, from their cached summaries."""
    ids = list(person_ids)
    if not ids:
        return {}
    rows = session.execute(select(m.Person.id, m.Person.profile).where(m.Person.id.in_(ids)))
    return {pid: to_profile(str(pid), summary or {}) for pid, summary in rows}


def mention_keys(names: Iterable[str]) -> set[str]:
    """The blocking keys stored for a person with these names.

    Given-name keys ("g:...") match very many persons; a one-word name (a given name alone)
    also gets a "G:" copy, so that a full name can find it without fetching everyone who
    shares the given name (see `query_keys`).
    """
    keys: set[str] = set()
    for name in names:
        found = set(name_keys(name))
        keys |= found
        if len(name.split()) == 1:
            keys |= {"G:" + k[2:] for k in found if k.startswith("g:")}
    return keys


def query_keys(names: Iterable[str]) -> set[str]:
    """The keys to fetch candidates with: a full name skips the broad given-name keys."""
    names = list(names)
    keys = mention_keys(names)
    if not any(len(n.split()) > 1 for n in names):
        return keys
    return {k for k in keys if not k.startswith("g:")} | {"G:" + k[2:] for k in keys if k.startswith("g:")}


#: person id -> (profile summary, name, PersonProfile): one ingest batch's view of the persons it
#: compares against, kept in step by `absorb`; a batch is the only writer of these profiles
Cache = dict[int, tuple[dict, str, PersonProfile]]


def cached(session: Session, ids: Iterable[int], cache: Cache) -> Cache:
    """Summaries of these persons, read from the database only when not in the cache."""
    ids = list(ids)
    missing = [pid for pid in ids if pid not in cache]
    if missing:
        q = select(m.Person.id, m.Person.profile, m.Person.name).where(m.Person.id.in_(missing))
        for pid, summary, name in session.execute(q):
            cache[pid] = (summary or {}, name, to_profile(str(pid), summary or {}))
    return {pid: cache[pid] for pid in ids if pid in cache}


#: persons sharing the most of mention i's keys (persons merged away have no keys left)
_RANKING_PART = (
    "SELECT CAST(:mid_{i} AS INTEGER) AS mid, person_id, n FROM ("
    'SELECT person_id, count(*) AS n FROM person_name_keys WHERE "key" IN :keys_{i} '
    "GROUP BY person_id ORDER BY n DESC, person_id LIMIT :limit) AS shared_{i}"
)


@lru_cache(maxsize=64)
def _ranking_query(mentions: int) -> TextClause:
    """Built once per mention count: for mention i (bind :mid_i, :keys_i), up to :limit persons
    sharing the most of its keys, in one statement (plain SQL: this runs once per document)."""
    sql = " UNION ALL ".join(_RANKING_PART.format(i=i) for i in range(mentions))
    return text(sql).bindparams(*(bindparam(f"keys_{i}", expanding=True) for i in range(mentions)))


def ranked_candidates(
    session: Session, keys_by_mention: dict[int, set[str]], limit: int
) -> dict[int, list[int]]:
    """Per mention, up to `limit` persons sharing its blocking keys, most shared keys first (one query)."""
    ranked: dict[int, list[int]] = {mid: [] for mid in keys_by_mention}
    asking = [(mid, keys) for mid, keys in keys_by_mention.items() if keys]
    if not asking:
        return ranked
    params: dict = {"limit": limit}
    for i, (mid, keys) in enumerate(asking):
        params[f"mid_{i}"], params[f"keys_{i}"] = mid, sorted(keys)
    rows = session.execute(_ranking_query(len(asking)), params).all()
    for mid, pid, _ in sorted(rows, key=lambda r: (r[0], -r[2], r[1])):
        ranked[mid].append(pid)
    return ranked


def _latin_score(name: str) -> tuple[int, int, int]:
    return (int(latinize(name) == name), len(name.split()), len(name))


def _sync_keys(session: Session, person_id: int, names: Iterable[str], drop: bool) -> None:
    wanted = mention_keys(names)
    keys = m.PersonNameKey.__table__
    have = set(session.execute(select(keys.c.key).where(keys.c.person_id == person_id)).scalars())
    if drop and have - wanted:
        session.execute(
            delete(m.PersonNameKey).where(
                m.PersonNameKey.person_id == person_id, m.PersonNameKey.key.in_(have - wanted)
            )
        )
    _add_keys(session, person_id, wanted - have)


def _add_keys(session: Session, person_id: int, keys: Iterable[str]) -> None:
    rows = [{"person_id": person_id, "key": k} for k in sorted(keys)]
    if rows:
        session.execute(m.PersonNameKey.__table__.insert(), rows)


def refresh_person(session: Session, person: m.Person) -> None:
    """Recompute a canonical person's name, side, profile and blocking keys from all its mentions."""
    mark_stale(session, persons=[person.id])
    rows = session.execute(
        select(m.PersonMention.id, m.PersonMention.name, m.Document.is_current)
        .join(m.Document, m.Document.id == m.PersonMention.document_id)
        .where(m.PersonMention.person_id == person.id)
    ).all()
    live = [r for r in rows if r.is_current] or rows
    if not live:
        person.profile = {}
        session.execute(delete(m.PersonNameKey).where(m.PersonNameKey.person_id == person.id))
        return
    person.name = max((r.name for r in live), key=_latin_score)
    facts = _facts(session, [r.id for r in live])
    person.profile = summarize(facts[r.id] for r in live)
    person.side = to_profile(None, person.profile).side
    _sync_keys(session, person.id, person.profile["names"], drop=True)


def _absorb(pid: int, mention: Mention, facts: dict, new: bool, cache: Cache) -> None:
    """Add one newly linked mention to its person's cached name and profile (no full recount)."""
    summary, name = ({}, mention.name) if new else cache[pid][:2]
    summary = summarize([facts], into=summary)
    if _latin_score(mention.name) > _latin_score(name):
        name = mention.name
    cache[pid] = (summary, name, to_profile(str(pid), summary))


def _write_persons(session: Session, linked: dict[int, set[str]], new: set[int], cache: Cache) -> None:
    """Store the cached name, side and profile of the persons just linked to, and their new name keys.

    `linked` maps each person to the names its new mention brought; persons in `new` have no keys yet.
    """
    persons = m.Person.__table__  # Core statements: the ORM's bulk-update bookkeeping costs more here
    session.execute(
        persons.update()
        .where(persons.c.id == bindparam("pid"))
        .values(profile=bindparam("profile"), side=bindparam("side"), name=bindparam("name")),
        [
            {"pid": pid, "profile": cache[pid][0], "side": cache[pid][2].side, "name": cache[pid][1]}
            for pid in linked
        ],
    )
    have: dict[int, set[str]] = defaultdict(set)
    old = [pid for pid in linked if pid not in new]
    if old:
        keys = m.PersonNameKey.__table__
        for pid, key in session.execute(
            select(keys.c.person_id, keys.c.key).where(keys.c.person_id.in_(old))
        ):
            have[pid].add(key)
    rows = [
        {"person_id": pid, "key": key}
        for pid, names in linked.items()
        for key in sorted(mention_keys(names) - have[pid])
    ]
    if rows:
        session.execute(m.PersonNameKey.__table__.insert(), rows)


def _decision(kind: str, status: str, mention: Mention, document: m.Document, **kw) -> dict:
    """A link_decisions row."""
    row = {
        "kind": kind,
        "status": status,
        "mention_id": mention.id,
        "document_sha256": document.sha256,
        "document_path": document.path,
        "mention_name": mention.name,
        "person_id": None,
        "other_person_id": None,
        "score": None,
        "reason": None,
        "user": None,
        "at": m.utcnow(),
    }
    row.update(kw)
    return row


def link_document(
    session: Session,
    document: m.Document,
    previous: list[tuple[Anchor, int]] | None = None,
    facts: dict[int, dict[str, set[str]]] | None = None,
    cache: Cache | None = None,
    reuse: Reuse | None = None,
    rows: list[tuple[int, str, str | None]] | None = None,
    new_path: bool = False,
) -> None:
    """Give every person mention of `document` a canonical person (inside the caller's transaction).

    `previous` holds the mentions of the document before a re-extraction with the persons they
    were linked to: such a mention keeps its person unless a human decided otherwise. `facts`
    (by mention id) spares reading back what the loader just wrote; `cache` (see `Cache`) spares
    decoding profiles again. `reuse` (see `Reuse`) gives a mention that needs a new person the
    id its person had before, when that id is still free. `rows` are the document's mentions as
    (id, name, side) when the caller has them at hand; `new_path` says the document is the first
    at its path, so no human decision can be about it yet.
    """
    table = m.PersonMention.__table__
    if rows is None:
        rows = session.execute(
            select(table.c.id, table.c.name, table.c.side)
            .where(table.c.document_id == document.id)
            .order_by(table.c.id)
        ).all()
    mentions = [Mention(*row) for row in rows]
    if not mentions:
        return
    if facts is None or any(x.id not in facts for x in mentions):
        facts = _facts(session, [x.id for x in mentions])
    remembered = [] if new_path else human_rules(session, document)
    found = anchors(session, [x.id for x in mentions]) if remembered or previous else {}
    rules = pair_up(found, remembered)
    before = pair_up(found, previous or [])
    with session.no_autoflush:
        _decide_mentions(session, mentions, facts, rules, before, {} if cache is None else cache, reuse)
        _create_persons(session, [x for x in mentions if x.person_id is None])
    cache = {} if cache is None else cache
    cached(session, {x.person_id for x in mentions if x.kind != "new"}, cache)
    for x in mentions:
        _absorb(x.person_id, x, facts[x.id], x.kind == "new", cache)
    _write_persons(
        session,
        {x.person_id: facts[x.id]["names"] for x in mentions},
        {x.person_id for x in mentions if x.kind == "new"},
        cache,
    )
    session.execute(
        table.update().where(table.c.id == bindparam("mid")).values(person_id=bindparam("pid")),
        [{"mid": x.id, "pid": x.person_id} for x in mentions],
    )
    decisions = [row for x in mentions for row in _decision_rows(x, document)]
    if decisions:
        session.execute(m.LinkDecision.__table__.insert(), decisions)
    session.expire_all()  # ORM objects loaded before must see the new links


def _decision_rows(x: Mention, document: m.Document) -> list[dict]:
    """The link_decisions rows telling why a mention got its person (none when a human pinned it)."""
    if x.kind is None:
        return []
    rows = [_decision(x.kind, "auto", x, document, person_id=x.person_id, **x.why)]
    if x.review is not None:
        rows.append(
            _decision(
                "review", "pending", x, document, person_id=x.review, other_person_id=x.person_id, **x.why
            )
        )
    return rows


def _create_persons(session: Session, mentions: list[Mention]) -> None:
    """Insert one new person per mention (one statement) and give each mention its id."""
    if not mentions:
        return
    persons = m.Person.__table__
    rows = [{"name": x.name, "side": x.side, "profile": {}, "created_at": m.utcnow()} for x in mentions]
    new_ids = session.scalars(persons.insert().returning(persons.c.id, sort_by_parameter_order=True), rows)
    for x, pid in zip(mentions, new_ids, strict=True):
        x.person_id = pid


@dataclass
class Mention:
    """The parts of a person mention that linking reads and sets."""

    id: int
    name: str
    side: str | None
    person_id: int | None = None
    #: what the linker did: "link" (to a known person), "new", or None (a human pinned it)
    kind: str | None = None
    why: dict = field(default_factory=dict)
    #: a known person a human should compare the mention with
    review: int | None = None


@dataclass
class Reuse:
    """Person ids to give again when re-linking: each mention's former person, while still unused."""

    former: dict[int, int]  # mention id -> person id it had
    free: set[int]  # person ids no mention has been given yet

    def take(self, mention_id: int) -> int | None:
        pid = self.former.get(mention_id)
        if pid in self.free:
            self.free.discard(pid)
            return pid
        return None


def provisional_persons(session: Session, person_ids: set[int], cache: Cache) -> dict[int, int]:
    """Of `person_ids`, those the linker set apart only until a reviewer decides whether they are
    another person, mapped to that person (followed while it is itself such a person).

    Such a person is no rival of the one it may be: were it one, every later mention of the name
    would be ambiguous between the two, and one person would split further with each report. Only
    a person known by a full name stands in for one known by a full name: initials ("R. Nurpeisov")
    stand in for no "Ruslan Nurpeisov".
    """
    ld = m.LinkDecision.__table__
    edges: dict[int, int] = {}
    asking = set(person_ids)
    while asking:
        # by other_person_id alone: its index is the selective one (status would match every pending row)
        rows = session.execute(
            select(ld.c.other_person_id, ld.c.person_id, ld.c.status, ld.c.kind).where(
                ld.c.other_person_id.in_(asking)
            )
        ).all()
        asking = set()
        for shadow, target, status, kind in rows:
            if (status, kind) == ("pending", "review") and shadow not in edges and target is not None:
                edges[shadow] = target
                asking.add(target)
        asking -= set(edges)
    if not edges:
        return {}
    q = select(m.Person.id).where(m.Person.id.in_(set(edges.values())), m.Person.merged_into.is_not(None))
    merged = set(session.scalars(q))
    edges = {pid: resolve_id(session, other) if other in merged else other for pid, other in edges.items()}
    known = cached(session, set(edges) | set(edges.values()), cache)
    edges = {
        pid: other
        for pid, other in edges.items()
        if pid != other
        and pid in known
        and other in known
        and has_full_name(known[other][2]) >= has_full_name(known[pid][2])
    }
    stand_in: dict[int, int] = {}
    for shadow, target in edges.items():
        seen = {shadow}
        while target in edges and target not in seen:
            seen.add(target)
            target = edges[target]
        stand_in[shadow] = target
    return {pid: other for pid, other in stand_in.items() if pid != other}


def _decide_mentions(session, mentions, facts, rules, previous, cache, reuse) -> None:
    """Set each mention's person (None: a new one is needed) and what the linker did."""
    apart = max((len(rule[1]) for rule in rules.values()), default=0)
    limit = MAX_CANDIDATES + len(mentions) + apart  # enough to leave MAX_CANDIDATES after exclusions
    ranked = ranked_candidates(session, {x.id: query_keys(facts[x.id]["names"]) for x in mentions}, limit)
    stand_in = provisional_persons(session, {pid for ids in ranked.values() for pid in ids}, cache)
    ranked = {mid: list(dict.fromkeys(stand_in.get(pid, pid) for pid in ids)) for mid, ids in ranked.items()}
    cached(session, {pid for ids in ranked.values() for pid in ids}, cache)
    used: set[int] = set()
    for mention in mentions:
        mine = facts[mention.id]
        pin, apart = rules.get(mention.id, (None, set()))
        before = resolve_id(session, previous.get(mention.id))
        if pin is not None and pin not in used:
            mention.person_id = pin
        elif before is not None and before not in used and before not in apart:
            mention.person_id, mention.kind = before, "link"
            mention.why = {"reason": "kept on re-extraction"}
        else:
            ids = [pid for pid in ranked[mention.id] if pid not in apart and pid not in used][:MAX_CANDIDATES]
            profiles = {pid: entry[2] for pid, entry in cached(session, ids, cache).items()}
            verdict = decide(to_profile(None, summarize([mine])), list(profiles.values()))
            target = int(verdict.target_id) if verdict.target_id is not None else None
            mention.why = {"score": verdict.score, "reason": verdict.reason}
            if verdict.action == "link" and target in profiles:
                mention.person_id, mention.kind = target, "link"
            else:
                mention.kind = "new"
                mention.person_id = reuse.take(mention.id) if reuse else None
                if verdict.action == "review" and target in profiles:
                    mention.review = target
        if mention.person_id is not None:
            used.add(mention.person_id)
            if reuse:
                reuse.free.discard(mention.person_id)


@dataclass
class RelinkSummary:
    """What re-linking the whole database changed."""

    documents: int
    mentions: int
    moved: int  # mentions now with another person than before
    persons_before: int
    persons_after: int
    reviews: int  # uncertain links waiting for a human

    def __str__(self) -> str:
        return (
            f"{self.mentions} mentions in {self.documents} documents linked again: "
            f"{self.persons_before} -> {self.persons_after} persons, {self.moved} mentions moved, "
            f"{self.reviews} links to review"
        )


def _live_persons(session: Session) -> int:
    q = select(func.count(func.distinct(m.PersonMention.person_id))).where(
        m.PersonMention.person_id.is_not(None)
    )
    return session.scalar(q) or 0


def relink_all(session: Session) -> RelinkSummary:
    """Link every mention again with the current linker, documents in the order they came in.

    Human decisions are applied as on ingest. A person keeps its id when its mentions still
    form one person; a person left without mentions redirects (`merged_into`) to the person
    most of its mentions went to. Runs in the caller's transaction: all or nothing.
    """
    former = dict(session.execute(select(m.PersonMention.id, m.PersonMention.person_id)).all())
    persons_before = _live_persons(session)
    former_ids = {pid for pid in former.values() if pid is not None}
    session.execute(delete(m.LinkDecision).where(m.LinkDecision.status.in_(["auto", "pending"])))
    session.execute(m.PersonMention.__table__.update().values(person_id=None))
    session.execute(delete(m.PersonNameKey))
    session.execute(m.Person.__table__.update().where(m.Person.merged_into.is_(None)).values(profile={}))
    free = set(
        session.scalars(
            select(m.Person.id).where(m.Person.merged_into.is_(None), m.Person.id.in_(former_ids))
        )
    )
    reuse = Reuse({mid: pid for mid, pid in former.items() if pid is not None}, free)
    cache: Cache = {}
    documents = list(session.scalars(select(m.Document).order_by(m.Document.id)))
    for document in documents:
        link_document(session, document, cache=cache, reuse=reuse)
    now = dict(session.execute(select(m.PersonMention.id, m.PersonMention.person_id)).all())
    went: dict[int, Counter[int]] = defaultdict(Counter)
    for mid, pid in former.items():
        if pid is not None and now.get(mid) is not None:
            went[pid][now[mid]] += 1
    for pid in reuse.free:  # persons no mention was given back
        if went[pid]:
            target = went[pid].most_common(1)[0][0]
            session.execute(
                m.Person.__table__.update().where(m.Person.id == pid).values(merged_into=target, profile={})
            )
    reviews = session.scalar(select(func.count()).where(m.LinkDecision.status == "pending")) or 0
    mark_stale(session, everyone=True)
    return RelinkSummary(
        documents=len(documents),
        mentions=len(now),
        moved=sum(1 for mid, pid in now.items() if former.get(mid) != pid),
        persons_before=persons_before,
        persons_after=_live_persons(session),
        reviews=reviews,
    )
