"""The link review queue: the questions whose answer changes most come first, each with its sentences."""

from __future__ import annotations

from sqlalchemy import select

from casewatch.console import review_session
from casewatch.document import Document
from casewatch.store import models as m
from casewatch.store.curation import mention_sentence, pending_links
from casewatch.store.db import session_scope
from casewatch.store.ingest import store_document


def _report(engine, path: str, text: str, name: str) -> None:
    at = text.index(name)
    record = {"persons": [{"id": "P1", "name": name, "side": "target", "mentions": [[at, at + len(name)]]}]}
    store_document(engine, Document(path=path, format="txt", raw=text.encode(), text=text), record, "test")


def _person(session, path: str) -> tuple[m.PersonMention, int]:
    q = select(m.PersonMention).join(m.Document).where(m.Document.path == path)
    mention = session.scalars(q).one()
    return mention, mention.person_id


def _ask(session, mention: m.PersonMention, candidate: int, score: float) -> int:
    row = m.LinkDecision(
        kind="review", status="pending", mention_id=mention.id, person_id=candidate,
        other_person_id=mention.person_id, mention_name=mention.name, score=score, reason="initials agree",
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row.id


def _stored(engine) -> tuple[int, int]:
    """Two questions: a likely one about two small persons, a less likely one about a large person."""
    for i in range(3):
        _report(
            engine, f"big{i}.txt", f"Blogger Kanat Dosmurzin was fined in Taraz ({i}).", "Kanat Dosmurzin"
        )
    _report(engine, "small.txt", "Activist Aliya Zhetpis was detained at the square.", "Aliya Zhetpis")
    _report(engine, "q1.txt", "On Monday A. Zhetpis was released.", "A. Zhetpis")
    _report(engine, "q2.txt", "The court fined K. Dosmurzin again.", "K. Dosmurzin")
    with session_scope(engine) as session:
        small, small_id = _person(session, "small.txt")
        q1, _ = _person(session, "q1.txt")
        big, big_id = _person(session, "big0.txt")
        q2, _ = _person(session, "q2.txt")
        session.execute(m.LinkDecision.__table__.delete().where(m.LinkDecision.status == "pending"))
        likely = _ask(session, q1, small_id, 0.85)
        large = _ask(session, q2, big_id, 0.7)
    return likely, large


def test_questions_about_more_mentions_come_first(engine):
    likely, large = _stored(engine)
    with session_scope(engine) as session:
        assert [d.id for d in pending_links(session)] == [large, likely]


def test_a_question_shows_the_score_and_both_sentences(engine, capsys):
    _stored(engine)
    with session_scope(engine) as session:
        q2, _ = _person(session, "q2.txt")
        assert mention_sentence(session, q2.id) == "The court fined K. Dosmurzin again."
    review_session(engine, "ana", None, 0, ask=lambda prompt, choices: "q")
    out = capsys.readouterr().out
    assert "score 0.70: initials agree" in out
    assert 'this mention: "The court fined K. Dosmurzin again."' in out
    assert "Blogger Kanat Dosmurzin was fined in Taraz (" in out
