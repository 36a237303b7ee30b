"""Claim ids begin with their document's hash; migration 0004 moves older ids and every reference."""

from __future__ import annotations

from alembic import command
from sqlalchemy import select, text

from casewatch.document import Document
from casewatch.store import models as m
from casewatch.store.accounts import SensitiveMark
from casewatch.store.claims import DOCUMENT_PREFIX, claim_key_digest
from casewatch.store.curation import review_claim
from casewatch.store.db import alembic_config, session_scope, upgrade
from casewatch.store.ingest import store_document

TEXT = "Taraz, 3 March 2023. Police detained the blogger Dana Abisheva; judge Yerlan Tursunov fined her."


def _span(part: str) -> list[int]:
    return [TEXT.index(part), TEXT.index(part) + len(part)]


RECORD = {
    "persons": [
        {
            "id": "P1",
            "name": "Dana Abisheva",
            "side": "target",
            "roles": ["blogger"],
            "mentions": [_span("Dana")],
        },
        {"id": "P2", "name": "Yerlan Tursunov", "side": "perpetrator", "roles": ["judge"]},
    ],
    "events": [{"type": "arrest", "date": "2023-03-03", "persons": ["P1"], "evidence": [_span("Police")]}],
}


def _downgrade(engine, revision: str) -> None:
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def _store(engine) -> Document:
    doc = Document(path="taraz.txt", format="txt", raw=TEXT.encode(), text=TEXT)
    store_document(engine, doc, RECORD, "test")
    return doc


def _references(engine) -> dict[str, set[str]]:
    """Every claim id the tables point at, by table."""
    with engine.connect() as conn:
        found = {
            table: set(conn.execute(text(f"SELECT claim_id FROM {table}")).scalars())
            for table in ("person_mentions", "mention_names", "mention_roles", "events", "event_participants")
        }
        found["review_actions"] = set(conn.execute(text("SELECT claim_id FROM review_actions")).scalars())
        found["sensitive_mark"] = set(conn.execute(text("SELECT entity_id FROM sensitive_mark")).scalars())
    return found


def test_a_documents_claims_share_its_hash_prefix(engine):
    doc = _store(engine)
    with session_scope(engine) as session:
        ids = session.scalars(select(m.Claim.id)).all()
    assert ids and all(cid.startswith(doc.sha256[:DOCUMENT_PREFIX]) for cid in ids)
    assert len(set(ids)) == len(ids) and {len(cid) for cid in ids} == {40}


def test_migration_moves_ids_and_every_reference_both_ways(engine):
    doc = _store(engine)
    with session_scope(engine) as session:
        judge = session.scalar(select(m.Claim).where(m.Claim.value == "Yerlan Tursunov"))
        review_claim(session, judge.id, "correct", "lawyer", value="Yerlan Tursunbekov")
        session.add(
            SensitiveMark(entity_type="claim", entity_id=judge.id, reason="unpublished", created_by="x")
        )
        claims = {
            c.id: (c.subject, c.property, c.original_value, c.start, c.end)
            for c in session.scalars(select(m.Claim))
        }
    before = _references(engine)
    assert judge.id in before["review_actions"] and judge.id in before["sensitive_mark"]

    _downgrade(engine, "0003_decision_spans")
    old = {
        cid: claim_key_digest(doc.sha256, s, p, v, (a, b) if a is not None else None)
        for cid, (s, p, v, a, b) in claims.items()
    }
    with engine.connect() as conn:
        assert set(conn.execute(text("SELECT id FROM claims")).scalars()) == set(old.values())
        status = conn.execute(
            text("SELECT status, value FROM claims WHERE id = :i"), {"i": old[judge.id]}
        ).one()
    assert tuple(status) == ("corrected", "Yerlan Tursunbekov")
    assert _references(engine) == {t: {old[c] for c in ids} for t, ids in before.items()}

    upgrade(engine)
    assert _references(engine) == before
    with session_scope(engine) as session:
        assert set(session.scalars(select(m.Claim.id))) == set(claims)
        assert session.get(m.Claim, judge.id).reviews[0].user == "lawyer"
