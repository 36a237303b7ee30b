"""A changed report stored as a new version keeps the reviews of its unchanged claims."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from casewatch.document import Document
from casewatch.errors import CasewatchError
from casewatch.store import models as m
from casewatch.store.curation import review_claim
from casewatch.store.db import session_scope
from casewatch.store.ingest import store_document

REPORT = (
    "Taraz, 2 May 2023. Officers detained the blogger Aidos Kemelbekov at his flat. "
    "His sister Zhanar Kemelbekova said the investigator Ruslan Dosanov threatened her."
)
ADDED = "Update: a hearing in the Taraz city court is set for 9 May 2023. "


def span(text: str, part: str) -> list[int]:
    at = text.index(part)
    return [at, at + len(part)]


def record(text: str, arrest_date: str = "2023-05-02", sister_role: str = "relative") -> dict:
    events = [
        {
            "id": "E1",
            "type": "arrest",
            "date": arrest_date,
            "date_precision": "day",
            "persons": ["P1"],
            "evidence": [span(text, "Officers detained")],
        },
        {
            "id": "E2",
            "type": "pressure",
            "persons": ["P2"],
            "perpetrators": ["P3"],
            "evidence": [span(text, "threatened her")],
        },
    ]
    if ADDED in text:
        events.append(
            {
                "id": "E3",
                "type": "hearing",
                "date": "2023-05-09",
                "status": "scheduled",
                "persons": ["P1"],
                "evidence": [span(text, "a hearing")],
            }
        )
    return {
        "source": {"report_date": "2023-05-02", "language": "en"},
        "persons": [
            {
                "id": "P1",
                "name": "Aidos Kemelbekov",
                "side": "target",
                "roles": ["journalist"],
                "mentions": [span(text, "Aidos Kemelbekov")],
            },
            {
                "id": "P2",
                "name": "Zhanar Kemelbekova",
                "side": "target",
                "roles": [sister_role],
                "mentions": [span(text, "Zhanar Kemelbekova")],
            },
            {
                "id": "P3",
                "name": "Ruslan Dosanov",
                "side": "perpetrator",
                "roles": ["investigator"],
                "mentions": [span(text, "Ruslan Dosanov")],
            },
        ],
        "events": events,
    }


def doc(text: str) -> Document:
    return Document(path="reports/taraz.txt", raw=text.encode(), text=text, format="txt")


def claim_of(session, document_id: int, prop: str, value: str, subject: str = "") -> m.Claim:
    return session.scalar(
        select(m.Claim).where(
            m.Claim.document_id == document_id,
            m.Claim.property == prop,
            m.Claim.original_value == value,
            m.Claim.subject.startswith(subject),
        )
    )


def test_reviews_of_unchanged_claims_are_carried_to_the_new_version(engine):
    assert store_document(engine, doc(REPORT), record(REPORT), "t") == "new"
    with session_scope(engine) as s:
        first = s.scalar(select(m.Document.id))
        review_claim(s, claim_of(s, first, "name", "Aidos Kemelbekov").id, "confirm", "ana")
        review_claim(s, claim_of(s, first, "role", "investigator").id, "reject", "ana")
        review_claim(s, claim_of(s, first, "type", "pressure").id, "correct", "ana", "ill_treatment")
        review_claim(s, claim_of(s, first, "role", "relative").id, "correct", "ana", "colleague")
        review_claim(s, claim_of(s, first, "date", "2023-05-02").id, "correct", "ana", "2023-05-01")
    # a paragraph is put in front (every span moves), the arrest date and the sister's role change
    changed = ADDED + REPORT
    new = record(changed, arrest_date="2023-05-03", sister_role="colleague")
    assert store_document(engine, doc(changed), new, "t") == "version"
    with session_scope(engine) as s:
        second = s.scalar(select(m.Document.id).where(m.Document.version == 2))
        name = claim_of(s, second, "name", "Aidos Kemelbekov")
        assert name.status == "confirmed"
        assert claim_of(s, second, "role", "investigator").status == "rejected"
        pressure = claim_of(s, second, "type", "pressure")
        assert pressure.start == REPORT.index("threatened her") + len(ADDED)
        assert (pressure.status, pressure.value) == ("corrected", "ill_treatment")
        assert s.scalar(select(m.Event.type).where(m.Event.claim_id == pressure.id)) == "ill_treatment"
        # changed claims are new facts: not reviewed
        assert claim_of(s, second, "role", "colleague").status == "unreviewed"
        assert claim_of(s, second, "date", "2023-05-03").status == "unreviewed"
        assert claim_of(s, second, "type", "hearing").status == "unreviewed"
        [carried] = name.reviews
        assert (carried.user, carried.new_status) == ("ana", "confirmed")
        assert "carried from version 1" in carried.note


def test_a_correction_is_checked_against_the_field_type(engine):
    assert store_document(engine, doc(REPORT), record(REPORT), "t") == "new"
    bad = [
        ("date", "2023-05-02", "not-a-date <script>", "date"),
        ("date", "2023-05-02", "2023-02-30", "date"),
        ("date_precision", "day", "week", "day, month, year"),
        ("type", "arrest", "picnic", "event type"),
        ("side", "target", "villain", "side"),
        ("role", "journalist", "astronaut", "role"),
        ("name", "Aidos Kemelbekov", "x" * 400, "too long"),
        ("name", "Aidos Kemelbekov", "two\nlines", "one line"),
    ]
    for prop, value, correction, problem in bad:
        with session_scope(engine) as s:
            claim = claim_of(s, s.scalar(select(m.Document.id)), prop, value)
            with pytest.raises(CasewatchError, match=problem):
                review_claim(s, claim.id, "correct", "ana", correction)
    with session_scope(engine) as s:
        assert s.scalar(select(m.ReviewAction.id)) is None
        assert {c.status for c in s.scalars(select(m.Claim))} == {"unreviewed"}
        first = s.scalar(select(m.Document.id))
        for prop, value, correction in [
            ("date", "2023-05-02", "2023-05"),
            ("date_precision", "day", "month"),
            ("type", "arrest", "search"),
            ("name", "Aidos Kemelbekov", "Aidos Kemelbek"),
        ]:
            assert (
                review_claim(s, claim_of(s, first, prop, value).id, "correct", "ana", correction).value
                == correction
            )


def test_the_review_console_asks_again_after_a_refused_correction(engine, monkeypatch):
    import typer

    from casewatch.console import review_session

    store_document(engine, doc(REPORT), record(REPORT), "t")
    shown: list[str] = []
    typed = iter(["not-a-date <script>", "2023-05"])
    monkeypatch.setattr(typer, "echo", lambda text="", **kw: shown.append(str(text)))
    monkeypatch.setattr(typer, "prompt", lambda *a, **kw: next(typed))

    def correct_the_date(prompt: str, choices: list[str]) -> str:
        return "r" if any(" date = '2023-05-02'" in line for line in shown[-3:]) else "s"

    assert review_session(engine, "ana", None, 100, ask=correct_the_date) == 1
    assert any("not saved" in line and "is not a date" in line for line in shown)
    with session_scope(engine) as s:
        [corrected] = s.scalars(select(m.Claim).where(m.Claim.status != "unreviewed"))
        assert (corrected.property, corrected.value) == ("date", "2023-05")
