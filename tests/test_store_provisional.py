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
    known = {"roles": ["blogger", "activist"], "articles": ["405.2"]}
    _report(
        engine, "a.txt", f"{NAME}, a blogger from Almaty, was detained.", known, ("Ruslan Omarov",), "Almaty"
    )
    official = {"roles": ["official"]}
    _report(engine, "b.txt", f"Deputy akim {NAME} opened the school.", official, ("Timur Serikov",))
    first, shadow = _persons_of_name(engine)
    assert first != shadow  # nothing in common, roles opposed: a new person, and a question for a reviewer
    with session_scope(engine) as session:
        assert provisional_persons(session, {first, shadow}, {}) == {shadow: first}

    _report(
        engine, "c.txt", f"Blogger {NAME} was detained in Almaty again.", known, ("Ruslan Omarov",), "Almaty"
    )
    assert _persons_of_name(engine)[-1] == first


def test_a_person_kept_apart_by_a_reviewer_is_a_rival_again(engine):
    _report(engine, "a.txt", f"{NAME}, a blogger, was detained.", {"roles": ["activist"]}, ("Ruslan Omarov",))
    official = {"roles": ["official"]}
    _report(engine, "b.txt", f"Deputy akim {NAME} opened the school.", official, ("Timur Serikov",))
    first, other = _persons_of_name(engine)
    with session_scope(engine) as session:
        pending = session.scalar(select(m.LinkDecision.id).where(m.LinkDecision.status == "pending"))
        settle_link(session, pending, "keep_apart", "reviewer")
    with session_scope(engine) as session:
        assert provisional_persons(session, {first, other}, {}) == {}


def test_a_full_name_is_no_stand_in_for_initials(engine):
    """A person known by initials and a later full name, pending review, do not both stand for one."""
    initials = {"id": "P1", "name": "R. Nurpeisov", "side": "target", "roles": ["activist"]}
    full = {"id": "P1", "name": "Ruslan Nurpeisov", "side": "target", "roles": ["journalist"]}
    for path, text, entry in [
        ("a.txt", "Activist R. Nurpeisov was fined.", initials),
        ("b.txt", "Journalist Ruslan Nurpeisov was detained.", full),
        ("c.txt", "Journalist Ruslan Nurpeisov was detained again.", full),
    ]:
        doc = Document(path=path, format="txt", raw=text.encode(), text=text)
        store_document(engine, doc, {"persons": [entry]}, "test")
    with session_scope(engine) as session:
        a, b, c = session.scalars(select(m.PersonMention.person_id).order_by(m.PersonMention.id))
    assert a != b and c == b


GIVEN = [
    "Aidos",
    "Arman",
    "Bolat",
    "Daulet",
    "Dias",
    "Kanat",
    "Marat",
    "Medet",
    "Nurlan",
    "Olzhas",
    "Serik",
    "Timur",
]


def _store(engine, path: str, text: str, entry: dict) -> None:
    store_document(
        engine, Document(path=path, format="txt", raw=text.encode(), text=text), {"persons": [entry]}, "t"
    )


def test_a_large_family_does_not_crowd_out_the_person_named(engine):
    """More persons of one surname than candidates compared: the one of the same given name is still met."""
    for i, given in enumerate(GIVEN * 2):
        entry = {"id": "P1", "name": f"{given} Nurpeisov", "side": "target", "roles": ["activist"]}
        _store(engine, f"{i}.txt", f"Report {i}: {given} Nurpeisov.", entry)
    ruslan = {"id": "P1", "name": "Ruslan Nurpeisov", "side": "target", "roles": ["journalist"]}
    _store(engine, "r.txt", "Ruslan Nurpeisov, a journalist, was fined.", ruslan)
    _store(engine, "z.txt", "Journalist Ruslan Nurpeisov was fined again.", ruslan)
    with session_scope(engine) as session:
        q = select(m.PersonMention.person_id).where(m.PersonMention.name == "Ruslan Nurpeisov")
        first, again = session.scalars(q.order_by(m.PersonMention.id))
    assert first == again
