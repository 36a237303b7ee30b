"""A person the linker set apart only until a reviewer decides is no rival of the person it may be."""

from __future__ import annotations

from sqlalchemy import select

from casewatch.document import Document
from casewatch.store import models as m
from casewatch.store.curation import settle_link
from casewatch.store.db import session_scope
from casewatch.store.ingest import store_document
from casewatch.store.linking import provisional_persons

NAME = "Kamila Baimukhanova"


def _report(
    engine, path: str, text: str, person: dict, others: tuple[str, ...] = (), place: str | None = None
):
    """Store `text` with one event of `person` (and `others` named beside her, `place` if given)."""
    entries = [{"id": "P1", "name": NAME, "side": "target", **person}]
    entries += [{"id": f"P{i}", "name": name, "side": "target"} for i, name in enumerate(others, start=2)]
    event = {"type": "arrest", "persons": ["P1"], "evidence": [[0, 10]]}
    record = {"persons": entries, "events": [event]}
    if place:
        record["locations"] = [{"id": "L1", "name": place, "kind": "city"}]
        event["location"] = "L1"
    store_document(engine, Document(path=path, format="txt", raw=text.encode(), text=text), record, "test")


def _persons_of_name(engine) -> list[int]:
    with session_scope(engine) as session:
        return list(session.scalars(select(m.PersonMention.person_id).where(m.PersonMention.name == NAME)))


def test_a_later_mention_with_context_joins_the_person_not_an_ambiguity(engine):
    known = {"roles": ["blogger"], "articles": ["405.2"]}
    _report(
        engine, "a.txt", f"{NAME}, a blogger from Almaty, was detained.", known, ("Ruslan Omarov",), "Almaty"
    )
    _report(engine, "b.txt", f"Since May {NAME} has been under house arrest.", {}, ("Timur Serikov",))
    first, shadow = _persons_of_name(engine)
    assert first != shadow  # nothing in common: a new person, and a question for a reviewer
    with session_scope(engine) as session:
        assert provisional_persons(session, {first, shadow}) == {shadow: first}

    _report(
        engine, "c.txt", f"Blogger {NAME} was detained in Almaty again.", known, ("Ruslan Omarov",), "Almaty"
    )
    assert _persons_of_name(engine)[-1] == first


def test_a_person_kept_apart_by_a_reviewer_is_a_rival_again(engine):
    _report(engine, "a.txt", f"{NAME}, a blogger, was detained.", {"roles": ["blogger"]}, ("Ruslan Omarov",))
    _report(engine, "b.txt", f"Since May {NAME} has been under house arrest.", {}, ("Timur Serikov",))
    first, other = _persons_of_name(engine)
    with session_scope(engine) as session:
        pending = session.scalar(select(m.LinkDecision.id).where(m.LinkDecision.status == "pending"))
        settle_link(session, pending, "keep_apart", "reviewer")
    with session_scope(engine) as session:
        assert provisional_persons(session, {first, other}) == {}
