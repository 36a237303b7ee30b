"""Load one extraction record into the store: a Document row, its claims and the derived rows."""

from __future__ import annotations

from collections import defaultdict, deque
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from casewatch.document import Document
from casewatch.extract import confidence as calibrated
from casewatch.store import models as m
from casewatch.store.anchors import Anchor, anchors
from casewatch.store.claims import apply_value, claim_id

Span = tuple[int, int]


class NewClaim:
    """A claim not stored yet (plain attributes: thousands are made per batch, ORM objects cost more)."""

    def __init__(self, **columns: Any) -> None:
        self.__dict__.update(columns)


def _spans(items: Any) -> list[Span]:
    return [(int(s[0]), int(s[1])) for s in items or [] if isinstance(s, list | tuple) and len(s) == 2]


def _entries(record: dict, key: str, required: str) -> list[dict]:
    return [e for e in record.get(key) or [] if isinstance(e, dict) and e.get(required)]


class RecordLoader:
    """Turns one record into claims and rows for one stored document (inside the caller's transaction)."""

    def __init__(
        self,
        session: Session,
        document: m.Document,
        record: dict,
        extractor_version: str,
        fresh: bool = False,
    ) -> None:
        """`fresh`: the document was just added and has no claims yet (spares looking for them)."""
        self.session = session
        self.document = document
        self.record = record
        self.version = extractor_version
        self.text = document.text
        existing = [] if fresh else session.scalars(select(m.Claim).where(m.Claim.document_id == document.id))
        self.existing: dict[str, m.Claim] = {c.id: c for c in existing}
        self.claims: dict[str, m.Claim] = {}
        #: claims not stored yet: inserted in one statement (much faster than one ORM object each)
        self.new_claims: list[m.Claim] = []
        self.mentions: dict[str, m.PersonMention] = {}
        self.organizations: dict[str, m.Organization] = {}
        self.places: dict[str, m.Place] = {}
        #: derived rows, added after the claims they point at are flushed
        self.rows: list[object] = []
        self.local_ids: dict[str, set[str]] = defaultdict(set)
        self.calibration = calibrated.calibration()

    def confidence(self, kind: str, family: str, entry: dict) -> float:
        """The fact's own `confidence` when the record gives one, else its family's calibrated precision."""
        own = entry.get("confidence")
        if isinstance(own, int | float) and not isinstance(own, bool):
            return float(own)
        return self.calibration.confidence(kind, family)

    def claim(self, subject: str, prop: str, value: Any, span: Span | None = None, confidence: float = 1.0):
        """The claim for this fact: the stored one (keeping its review) or a new one."""
        value = None if value is None else str(value)
        cid = claim_id(self.document.sha256, subject, prop, value, span)
        found = self.claims.get(cid) or self.existing.get(cid)
        if found is None:
            found = NewClaim(
                id=cid,
                document_id=self.document.id,
                subject=subject,
                property=prop,
                value=value,
                original_value=value,
                start=span[0] if span else None,
                end=span[1] if span else None,
                extractor_version=self.version,
                confidence=confidence,
                status="unreviewed",
            )
            self.new_claims.append(found)
        elif found.status == "unreviewed":
            found.extractor_version = self.version
            found.confidence = confidence
        self.claims[cid] = found
        return found

    def quote(self, span: Span) -> str:
        return self.text[span[0] : span[1]]

    def load(self) -> None:
        """Store the record; entries missing their key field (a name, a type, an article) are skipped."""
        for p in _entries(self.record, "persons", "name"):
            self.person(p)
        for o in _entries(self.record, "organizations", "name"):
            self.organization(o)
        for loc in _entries(self.record, "locations", "name"):
            self.place(loc)
        articles = {}
        for a in _entries(self.record, "articles", "article"):
            row = self.article(a)
            articles[row.article if not row.part else f"{row.article}.{row.part}"] = row
        for ev in _entries(self.record, "events", "type"):
            self.event(ev, articles)
        for rel in _entries(self.record, "relations", "type"):
            self.relation(rel)
        self.session.flush()
        if self.new_claims:
            now = m.utcnow()
            self.session.execute(
                m.Claim.__table__.insert(),
                [{**c.__dict__, "created_at": now} for c in self.new_claims],
            )
        self.insert_rows()
        self.facts = self.mention_facts()
        self.drop_stale_claims()
        for c in self.claims.values():
            if c.value != c.original_value:  # a human correction, kept across re-extraction
                apply_value(self.session, c)

    def unique(self, kind: str, wanted: str) -> str:
        """A local id not used yet for this kind in this document ("P1", then "P1#2", ...)."""
        local, n = wanted, 1
        while local in self.local_ids[kind]:
            n += 1
            local = f"{wanted}#{n}"
        self.local_ids[kind].add(local)
        return local

    def _insert(self, model: type, objs: list, ids: bool = False) -> None:
        """Insert transient rows in one statement (the ORM unit of work is far slower here)."""
        if not objs:
            return
        columns = {c.key for c in model.__table__.columns} - {"id"}
        rows = [{k: v for k, v in vars(o).items() if k in columns} for o in objs]
        keys = set().union(*rows)
        rows = [{k: r.get(k) for k in keys} for r in rows]
        table = model.__table__
        if not ids:
            self.session.execute(table.insert(), rows)
            return
        # match the new ids back by a column unique in this batch (one multi-row INSERT, no sentinel)
        key = "local_id" if "local_id" in columns else "claim_id"
        waiting: dict[str, deque] = defaultdict(deque)
        for obj in objs:
            waiting[getattr(obj, key)].append(obj)
        stmt = table.insert().returning(table.c.id, table.c[key])
        for new_id, value in self.session.execute(stmt, rows):
            waiting[value].popleft().id = new_id

    def insert_rows(self) -> None:
        """Write the derived rows parents first, filling in each foreign key from its parent's new id."""
        mentions = list(self.mentions.values())
        self._insert(m.PersonMention, mentions, ids=True)
        names, roles = [], []
        for mention in mentions:
            for child in mention.names:
                child.mention_id = mention.id
                names.append(child)
            for child in mention.roles:
                child.mention_id = mention.id
                roles.append(child)
        self._insert(m.MentionName, names)
        self._insert(m.MentionRole, roles)
        self._insert(m.Organization, list(self.organizations.values()), ids=True)
        self._insert(m.Place, list(self.places.values()), ids=True)
        self._insert(m.Article, [r for r in self.rows if isinstance(r, m.Article)], ids=True)
        events = [r for r in self.rows if isinstance(r, m.Event)]
        for ev in events:
            ev.place_id = ev.place.id if ev.place is not None else None
        self._insert(m.Event, events, ids=True)
        parts, arts = [], []
        for ev in events:
            for part in ev.participants:
                part.event_id = ev.id
                part.mention_id = part.mention.id if part.mention is not None else None
                part.organization_id = part.organization.id if part.organization is not None else None
                parts.append(part)
            for art in ev.articles:
                art.event_id = ev.id
                art.article_id = art.article.id if art.article is not None else None
                arts.append(art)
        self._insert(m.EventParticipant, parts)
        self._insert(m.EventArticle, arts)
        relations = [r for r in self.rows if isinstance(r, m.Relation)]
        for rel in relations:
            for end in ("a", "b"):
                person, org = getattr(rel, f"{end}_mention"), getattr(rel, f"{end}_organization")
                setattr(rel, f"{end}_mention_id", person.id if person is not None else None)
                setattr(rel, f"{end}_organization_id", org.id if org is not None else None)
        self._insert(m.Relation, relations)

    def mention_rows(self) -> list[tuple[int, str, str | None]]:
        """(id, name, side) of the stored mentions, in id order (what linking reads of them)."""
        return sorted((x.id, x.name, x.side) for x in self.mentions.values())

    def mention_facts(self) -> dict[int, dict[str, set[str]]]:
        """What the linker compares, per mention id (as linking._facts reads it from the tables)."""
        orgs = {o.name for o in self.organizations.values()}
        facts: dict[int, dict[str, set[str]]] = {}
        for mention in self.mentions.values():
            facts[mention.id] = {
                "names": {mention.name, *(n.name for n in mention.names)},
                "side": {mention.side} if mention.side else set(),
                "roles": {r.role for r in mention.roles},
                "articles": set(),
                "places": set(),
                "organizations": set(orgs),
                "co_persons": {x.name for x in self.mentions.values() if x is not mention},
                "relatives": set(),
            }
        for row in self.rows:
            if isinstance(row, m.Event):
                for part in row.participants:
                    if part.mention is not None:
                        facts[part.mention.id]["articles"].update(a.key for a in row.articles)
                        if row.place is not None:
                            facts[part.mention.id]["places"].add(row.place.name)
            elif isinstance(row, m.Relation) and row.type == "family" and row.a_mention and row.b_mention:
                facts[row.a_mention.id]["relatives"].add(row.b_mention.name)
                facts[row.b_mention.id]["relatives"].add(row.a_mention.name)
        return facts

    def drop_stale_claims(self) -> None:
        """Forget unreviewed claims a re-extraction no longer makes; reviewed ones are kept."""
        for cid, c in self.existing.items():
            if cid not in self.claims and c.status == "unreviewed":
                self.session.delete(c)

    def _lookup(self, ref: Any, table: dict) -> Any:
        """A record reference: an id ("P3") or, as in hand-written records, a name."""
        if ref in table:
            return table[ref]
        for row in table.values():
            if getattr(row, "name", None) == ref:
                return row
        return None

    def person(self, p: dict) -> None:
        name = p["name"]
        subject = f"person:{name}"
        spans = _spans(p.get("mentions"))
        conf = self.confidence("person", calibrated.person_family(p), p)
        main = self.claim(subject, "name", name, spans[0] if spans else None, conf)
        row = m.PersonMention(
            document_id=self.document.id,
            claim_id=main.id,
            local_id=self.unique("person", str(p.get("id") or name)),
            name=name,
            side=p.get("side"),
        )
        if p.get("side"):
            side_conf = self.confidence("side", calibrated.side_family(p, self.record), p)
            self.claim(subject, "side", p["side"], None, side_conf)
        seen: set[str] = set()
        for span in spans:
            text = self.quote(span)
            c = self.claim(subject, "mention", text, span, conf)
            row.names.append(m.MentionName(claim_id=c.id, name=text, start=span[0], end=span[1]))
            seen.add(text)
        for alias in [name, *(p.get("aliases") or [])]:
            if alias in seen:
                continue
            seen.add(alias)
            at = self.text.find(alias)
            span = (at, at + len(alias)) if at >= 0 else None
            if alias == name and span is None and seen - {name}:
                continue  # the normalised name is not a spelling this document uses
            c = main if alias == name else self.claim(subject, "alias", alias, span, conf)
            start, end = span if span else (None, None)
            row.names.append(m.MentionName(claim_id=c.id, name=alias, start=start, end=end))
        for role in dict.fromkeys(p.get("roles") or []):
            c = self.claim(subject, "role", role, None, self.confidence("role", str(role), p))
            row.roles.append(m.MentionRole(claim_id=c.id, role=role))
        self.rows.append(row)
        self.mentions[row.local_id] = row

    def organization(self, o: dict) -> None:
        subject = f"organization:{o['name']}"
        spans = _spans(o.get("mentions"))
        conf = self.confidence("organization", calibrated.entity_family(o), o)
        main = self.claim(subject, "name", o["name"], spans[0] if spans else None, conf)
        for alias in o.get("aliases") or []:
            self.claim(subject, "alias", alias, None, conf)
        if o.get("kind"):
            self.claim(subject, "kind", o["kind"], None, conf)
        row = m.Organization(
            document_id=self.document.id,
            claim_id=main.id,
            local_id=self.unique("organization", str(o.get("id") or o["name"])),
            name=o["name"],
            kind=o.get("kind"),
            aliases=list(o.get("aliases") or []),
        )
        self.rows.append(row)
        self.organizations[row.local_id] = row

    def place(self, loc: dict) -> None:
        subject = f"place:{loc['name']}"
        spans = _spans(loc.get("mentions"))
        conf = self.confidence("location", calibrated.entity_family(loc), loc)
        main = self.claim(subject, "name", loc["name"], spans[0] if spans else None, conf)
        if loc.get("kind"):
            self.claim(subject, "kind", loc["kind"], None, conf)
        row = m.Place(
            document_id=self.document.id,
            claim_id=main.id,
            local_id=self.unique("place", str(loc.get("id") or loc["name"])),
            name=loc["name"],
            kind=loc.get("kind"),
        )
        self.rows.append(row)
        self.places[row.local_id] = row

    def article(self, a: dict) -> m.Article:
        key = f"{a['article']}.{a['part']}" if a.get("part") else str(a["article"])
        subject = f"article:{a.get('code') or ''}:{key}"
        spans = _spans(a.get("mentions"))
        conf = self.confidence("article", calibrated.article_family(a), a)
        main = self.claim(subject, "article", key, spans[0] if spans else None, conf)
        for span in spans[1:]:
            self.claim(subject, "mention", self.quote(span), span, conf)
        row = m.Article(
            document_id=self.document.id,
            claim_id=main.id,
            code=a.get("code"),
            article=str(a["article"]),
            part=None if a.get("part") is None else str(a["part"]),
            title=a.get("title"),
        )
        self.rows.append(row)
        return row

    def event(self, ev: dict, articles: dict[str, m.Article]) -> None:
        spans = _spans(ev.get("evidence"))
        span = spans[0] if spans else None
        where = f"{span[0]}-{span[1]}" if span else str(ev.get("id") or len(self.claims))
        subject = f"event:{ev['type']}:{where}"
        report_date = (self.record.get("source") or {}).get("report_date")
        conf = self.confidence("event", calibrated.event_family(ev, report_date), ev)
        main = self.claim(subject, "type", ev["type"], span, conf)
        fields = ("date", "date_precision", "time", "status", "court", "outcome", "term")
        values = {f: ev.get(f) for f in fields}
        for f, value in values.items():
            if value is not None:
                self.claim(subject, f, value, None, conf)
        place = self._lookup(ev.get("location"), self.places) if ev.get("location") else None
        if place is not None:
            self.claim(subject, "location", place.name, None, conf)
        row = m.Event(
            document_id=self.document.id,
            claim_id=main.id,
            local_id=self.unique("event", str(ev.get("id") or where)),
            type=ev["type"],
            start=span[0] if span else None,
            end=span[1] if span else None,
            place=place,
            **values,
        )
        for key, role in (("persons", "target"), ("perpetrators", "perpetrator"), ("others", "other")):
            for ref in ev.get(key) or []:
                mention = self._lookup(ref, self.mentions)
                if mention is None:
                    continue
                c = self.claim(subject, role, mention.name, None, conf)
                row.participants.append(
                    m.EventParticipant(claim_id=c.id, mention=mention, role=role, side=mention.side)
                )
        for ref in ev.get("organizations") or []:
            org = self._lookup(ref, self.organizations)
            if org is not None:
                c = self.claim(subject, "organization", org.name, None, conf)
                row.participants.append(m.EventParticipant(claim_id=c.id, organization=org, role="other"))
        for key in dict.fromkeys(str(a) for a in ev.get("articles") or []):
            c = self.claim(subject, "article", key, None, conf)
            row.articles.append(m.EventArticle(claim_id=c.id, key=key, article=articles.get(key)))
        self.rows.append(row)

    def relation(self, rel: dict) -> None:
        a_person = self._lookup(rel.get("a"), self.mentions)
        b_person = self._lookup(rel.get("b"), self.mentions)
        a_org = None if a_person else self._lookup(rel.get("a"), self.organizations)
        b_org = None if b_person else self._lookup(rel.get("b"), self.organizations)
        a, b = a_person or a_org, b_person or b_org
        if a is None or b is None:
            return
        kind = f"{rel['type']}/{rel['subtype']}" if rel.get("subtype") else rel["type"]
        spans = _spans(rel.get("evidence"))
        span = spans[0] if spans else None
        conf = self.confidence("relation", calibrated.relation_family(rel), rel)
        c = self.claim(f"relation:{kind}:{a.name}:{b.name}", "relation", kind, span, conf)
        self.rows.append(
            m.Relation(
                document_id=self.document.id,
                claim_id=c.id,
                type=rel["type"],
                subtype=rel.get("subtype"),
                a_mention=a_person,
                a_organization=a_org,
                b_mention=b_person,
                b_organization=b_org,
                start=span[0] if span else None,
                end=span[1] if span else None,
            )
        )


def clear_document(session: Session, document: m.Document) -> list[tuple[Anchor, int]]:
    """Delete the rows derived from a document (claims stay); returns its mentions' anchors and persons."""
    doc_id = document.id
    mentions = select(m.PersonMention.id).where(m.PersonMention.document_id == doc_id)
    linked = dict(
        session.execute(
            select(m.PersonMention.id, m.PersonMention.person_id).where(
                m.PersonMention.document_id == doc_id, m.PersonMention.person_id.is_not(None)
            )
        ).all()
    )
    persons = [(anchor, linked[mid]) for mid, anchor in anchors(session, linked).items()]
    events = select(m.Event.id).where(m.Event.document_id == doc_id)
    session.execute(delete(m.Relation).where(m.Relation.document_id == doc_id))
    session.execute(delete(m.EventParticipant).where(m.EventParticipant.event_id.in_(events)))
    session.execute(delete(m.EventArticle).where(m.EventArticle.event_id.in_(events)))
    session.execute(delete(m.Event).where(m.Event.document_id == doc_id))
    linked = m.LinkDecision.mention_id.in_(mentions)
    session.execute(delete(m.LinkDecision).where(linked, m.LinkDecision.status.in_(["auto", "pending"])))
    session.execute(update(m.LinkDecision).where(linked).values(mention_id=None))
    session.execute(delete(m.MentionName).where(m.MentionName.mention_id.in_(mentions)))
    session.execute(delete(m.MentionRole).where(m.MentionRole.mention_id.in_(mentions)))
    session.execute(delete(m.PersonMention).where(m.PersonMention.document_id == doc_id))
    for model in (m.Organization, m.Place, m.Article):
        session.execute(delete(model).where(model.document_id == doc_id))
    session.expire_all()
    return persons


def add_document(session: Session, doc: Document, extractor_version: str) -> tuple[m.Document, bool]:
    """Store a Document's bytes as a new row (a new version if its path was seen); (row, is_new_version)."""
    previous = session.scalar(select(func.max(m.Document.version)).where(m.Document.path == doc.path))
    if previous is not None:
        session.execute(update(m.Document).where(m.Document.path == doc.path).values(is_current=False))
    row = m.Document(
        sha256=doc.sha256,
        path=doc.path,
        format=doc.format,
        raw=doc.raw,
        text=doc.text,
        report_date=doc.report_date,
        title=doc.title,
        language=doc.language,
        meta=dict(doc.meta),
        version=previous + 1 if previous else 1,
        is_current=True,
        extractor_version=extractor_version,
    )
    session.add(row)
    session.flush()
    return row, previous is not None
