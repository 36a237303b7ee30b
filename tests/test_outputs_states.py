"""The prisoner list by pages: read from the derived states, kept up to date by every write, and the
same as the whole list computed from every event."""

from __future__ import annotations

from records import Report
from sqlalchemy import select

from casewatch.outputs.prisoners import prisoners
from casewatch.outputs.scope import EVERYTHING, Scope
from casewatch.store import models as m
from casewatch.store.curation import merge_persons, review_claim
from casewatch.store.db import session_scope

#: (name, article code, what happened to them): invented persons
CASES = [
    ("Aruzhan Temirbekova", "KZ-CC", "charge"),
    ("Bakhyt Serikbayev", "KZ-CC", "verdict"),
    ("Ales Kavalenka", "BY-CC", "verdict"),
    ("Yanina Zhukouskaya", "BY-CC", "charge"),
    ("Zarina Mukhtarova", "KZ-CC", "charge"),
]


def _cases(engine, cases=CASES, path: str = "reports/many.txt") -> None:
    report = Report(path, "2024-04-02")
    for i, (name, code, kind) in enumerate(cases):
        report.person(name, "target", ["activist"])
        day = f"2024-03-{10 + i:02d}"
        number = {"KZ-CC": "130", "BY-CC": "342"}[code]
        if kind == "charge":
            report.event(
                f"On {10 + i} March 2024 {name} was charged under Article {number} of the Criminal Code.",
                "charge",
                day,
                [name],
                articles=[report.article(code, number)],
            )
        else:
            report.event(
                f"On {10 + i} March 2024 {name} was sentenced to 4 years under Article {number}.",
                "verdict",
                day,
                [name],
                outcome="imprisonment",
                term="4 years",
                articles=[report.article(code, number)],
            )
    assert report.store(engine) == "new"


def _names(listed: dict) -> list[str]:
    return [p["name"] for p in listed["prisoners"]]


def test_every_page_is_a_slice_of_the_whole_list(engine):
    _cases(engine)
    with session_scope(engine) as session:
        whole = prisoners(session, EVERYTHING)
        assert whole["count"] == 5
        for limit in (1, 2, 5):
            for offset in range(0, 6):
                page = prisoners(session, EVERYTHING, limit=limit, offset=offset)
                assert page["count"] == 5
                assert page["prisoners"] == whole["prisoners"][offset : offset + limit]
        belarus = prisoners(session, EVERYTHING, "by", limit=10)
    assert _names(belarus) == ["Ales Kavalenka", "Yanina Zhukouskaya"]
    assert belarus["count"] == 2
    assert [p["country"] for p in whole["prisoners"]] == ["BY", "BY", "KZ", "KZ", "KZ"]


def test_a_rejected_verdict_changes_the_page_at_once(engine):
    _cases(engine)
    with session_scope(engine) as session:
        before = prisoners(session, EVERYTHING, limit=10)
        assert {p["name"]: p["status"] for p in before["prisoners"]}["Ales Kavalenka"] == "imprisonment"
        verdict = session.scalar(select(m.Event).where(m.Event.type == "verdict").order_by(m.Event.id))
        review_claim(session, verdict.claim_id, "reject", "reviewer")
    with session_scope(engine) as session:
        after = prisoners(session, EVERYTHING, limit=10)
        whole = prisoners(session, EVERYTHING)
    assert after["prisoners"] == whole["prisoners"]
    assert after["count"] == 4


def test_a_later_report_and_a_merge_are_on_the_page(engine):
    _cases(engine, CASES[:2])
    with session_scope(engine) as session:
        assert prisoners(session, EVERYTHING, limit=10)["count"] == 2
    _cases(engine, [("Daulet Orynbasarov", "KZ-CC", "charge")], path="reports/another.txt")
    with session_scope(engine) as session:
        assert _names(prisoners(session, EVERYTHING, limit=10)) == [
            "Aruzhan Temirbekova",
            "Bakhyt Serikbayev",
            "Daulet Orynbasarov",
        ]
        ids = dict(session.execute(select(m.Person.name, m.Person.id)).all())
        merge_persons(session, ids["Aruzhan Temirbekova"], ids["Daulet Orynbasarov"], "editor")
    with session_scope(engine) as session:
        page = prisoners(session, EVERYTHING, limit=10)
        whole = prisoners(session, EVERYTHING)
    assert page["prisoners"] == whole["prisoners"]
    assert page["count"] == 2
    assert [p["person_id"] for p in page["prisoners"]].count(ids["Aruzhan Temirbekova"]) == 1


def test_a_page_shows_what_the_readers_scope_shows(engine):
    _cases(engine)
    with session_scope(engine) as session:
        ids = dict(session.execute(select(m.Person.name, m.Person.id)).all())
        verdict = session.scalar(
            select(m.Event.claim_id).where(m.Event.type == "verdict").order_by(m.Event.id).limit(1)
        )
        scopes = [
            Scope(hidden_persons=frozenset({ids["Zarina Mukhtarova"]})),
            Scope(hidden_claims=frozenset({verdict})),
        ]
        for scope in scopes:
            whole = prisoners(session, scope)
            for offset in range(0, 5):
                page = prisoners(session, scope, limit=2, offset=offset)
                assert page["prisoners"] == whole["prisoners"][offset : offset + 2]
                assert page["count"] == whole["count"] == 4
