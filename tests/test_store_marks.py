"""Sensitive marks hold on mentions: merge, split, relink, re-extraction and new versions carry them."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from web_support import P, document, make_record

from casewatch.store import models as m
from casewatch.store.accounts import SensitiveMark, SensitiveMarkAnchor
from casewatch.store.curation import merge_persons, split_person
from casewatch.store.db import session_scope
from casewatch.store.ingest import reextract_document, store_document
from casewatch.store.linking import relink_all
from casewatch.store.marks import mark_person, marked_persons, marks_of_person, unmark_person

FIRST = "Kostanay, 2 July 2024. Police detained the poet Ruslan Abenov at the railway station.\n"
SECOND = "Kostanay, 9 July 2024. The court fined Ruslan Abenov and the poet Dilnaz Omarova.\n"


def first(text: str = FIRST) -> dict:
    return make_record(text, [P("P1", "Ruslan Abenov", ["Ruslan Abenov"], "target", ["poet"])])


def second(text: str = SECOND) -> dict:
    return make_record(
        text,
        [
            P("P1", "Ruslan Abenov", ["Ruslan Abenov"], "target", ["poet"]),
            P("P2", "Dilnaz Omarova", ["Dilnaz Omarova"], "target", ["poet"]),
        ],
    )


def load(engine) -> None:
    store_document(engine, document(FIRST, "r/first.txt", "2024-07-02", "First"), first(), "t1")
    store_document(engine, document(SECOND, "r/second.txt", "2024-07-09", "Second"), second(), "t1")


def person(session, name: str) -> int:
    return session.scalar(select(m.Person.id).where(m.Person.name == name, m.Person.merged_into.is_(None)))


def hidden(session) -> set[str]:
    """Names of the persons a whole-record mark holds on."""
    ids = {pid for mark, pids in marked_persons(session) if mark.field is None for pid in pids}
    return set(session.scalars(select(m.Person.name).where(m.Person.id.in_(ids))))


@pytest.fixture
def marked(engine):
    load(engine)
    with session_scope(engine) as s:
        mark_person(s, person(s, "Ruslan Abenov"), None, "health", "ana")
        assert len(s.scalars(select(SensitiveMarkAnchor)).all()) == 2  # one per mention
    return engine


def test_a_mark_holds_on_every_mention_of_the_person(marked):
    with session_scope(marked) as s:
        assert hidden(s) == {"Ruslan Abenov"}
        assert [mk.reason for mk in marks_of_person(s, person(s, "Ruslan Abenov"))] == ["health"]
        assert marks_of_person(s, person(s, "Dilnaz Omarova")) == []


def test_merge_brings_the_mark_into_the_kept_person(marked):
    with session_scope(marked) as s:
        merge_persons(s, person(s, "Dilnaz Omarova"), person(s, "Ruslan Abenov"), "ana")
    with session_scope(marked) as s:
        kept = person(s, "Dilnaz Omarova") or person(s, "Ruslan Abenov")
        assert {pid for mk, pids in marked_persons(s) for pid in pids} == {kept}


def test_split_takes_the_mark_along(marked):
    with session_scope(marked) as s:
        sha = s.scalar(select(m.Document.sha256).where(m.Document.path == "r/second.txt"))
        new = split_person(s, person(s, "Ruslan Abenov"), sha, "ana").id
    with session_scope(marked) as s:
        [(_, pids)] = marked_persons(s)
        assert new in pids and len(pids) == 2


def test_relink_and_reextraction_keep_the_mark(marked):
    with session_scope(marked) as s:
        relink_all(s)
    reextract_document(marked, document(SECOND, "r/second.txt", "2024-07-09", "Second"), second(), "t2")
    with session_scope(marked) as s:
        assert hidden(s) == {"Ruslan Abenov"}
        anchors = s.scalars(select(SensitiveMarkAnchor)).all()
        assert len(anchors) == 2 and all(a.mention_id is not None for a in anchors)


def test_a_new_version_of_the_report_is_marked_too(marked):
    changed = SECOND.replace("fined", "again fined")
    store_document(marked, document(changed, "r/second.txt", "2024-07-09", "Second"), second(changed), "t1")
    with session_scope(marked) as s:
        relink_all(s)  # even were the linker to put the new mention elsewhere, its own mark holds
        current = s.scalar(
            select(m.Document.id).where(m.Document.path == "r/second.txt", m.Document.is_current)
        )
        mine = s.scalars(
            select(SensitiveMarkAnchor.mention_id)
            .join(m.PersonMention, m.PersonMention.id == SensitiveMarkAnchor.mention_id)
            .where(m.PersonMention.document_id == current)
        ).all()
        assert len(mine) == 1 and hidden(s) == {"Ruslan Abenov"}


def test_removing_a_mark_removes_its_anchors(marked):
    with session_scope(marked) as s:
        s.delete(s.scalars(select(SensitiveMark)).one())
    with session_scope(marked) as s:
        assert s.scalars(select(SensitiveMarkAnchor)).all() == [] and hidden(s) == set()


def test_unmarking_one_person_after_a_split_leaves_the_other_marked(marked):
    with session_scope(marked) as s:
        sha = s.scalar(select(m.Document.sha256).where(m.Document.path == "r/second.txt"))
        ruslan = person(s, "Ruslan Abenov")
        new = split_person(s, ruslan, sha, "ana").id
        unmark_person(s, s.scalars(select(SensitiveMark)).one(), new)
    with session_scope(marked) as s:
        [(_, pids)] = marked_persons(s)
        assert pids == {ruslan}
        unmark_person(s, s.scalars(select(SensitiveMark)).one(), ruslan)
    with session_scope(marked) as s:
        assert s.scalars(select(SensitiveMark)).all() == [] and marked_persons(s) == []
