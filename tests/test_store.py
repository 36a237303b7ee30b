"""The case store with hand-written extraction records: versions, claims, review, merge, split, dossier."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, inspect, select, text

from casewatch.document import Document
from casewatch.outputs.dossier import find_person, list_persons, person_dossier
from casewatch.outputs.scope import EVERYTHING
from casewatch.store import models as m
from casewatch.store.curation import merge_persons, review_claim, settle_link, split_person
from casewatch.store.db import open_database, session_scope
from casewatch.store.ingest import reextract_document, store_document
from casewatch.store.linking import refresh_person


def span(text_: str, part: str) -> list[int]:
    at = text_.index(part)
    return [at, at + len(part)]


REPORT_1 = (
    "Aktau, 5 June 2021. The city court placed activist Bekizhan MENDYGAZIYEV in pre-trial detention "
    "for two months under Article 296 Part 2. His brother, the human rights defender "
    "Barlyk Mendygaziyev, was questioned for six hours by investigator Serik Omarov."
)

REPORT_2 = (
    "On 17 June 2021 the appeal court upheld the detention of Bekizhan Mendygaziyev. "
    "Investigator Serik Omarov again summoned relatives of the activist."
)


def record_1(text_: str = REPORT_1) -> dict:
    return {
        "source": {"report_date": "2021-06-05", "language": "en", "title": "Aktau, 5 June"},
        "persons": [
            {
                "id": "P1",
                "name": "Bekizhan Mendygaziyev",
                "aliases": ["Bekizhan MENDYGAZIYEV"],
                "side": "target",
                "roles": ["activist", "defendant"],
                "mentions": [span(text_, "Bekizhan MENDYGAZIYEV")],
            },
            {
                "id": "P2",
                "name": "Barlyk Mendygaziyev",
                "aliases": [],
                "side": "target",
                "roles": ["human_rights_defender", "relative"],
                "mentions": [span(text_, "Barlyk Mendygaziyev")],
            },
            {
                "id": "P3",
                "name": "Serik Omarov",
                "aliases": [],
                "side": "perpetrator",
                "roles": ["investigator"],
                "mentions": [span(text_, "Serik Omarov")],
            },
        ],
        "organizations": [],
        "locations": [{"id": "L1", "name": "Aktau", "kind": "city", "mentions": [span(text_, "Aktau")]}],
        "articles": [
            {"code": "KZ-CC", "article": "296", "part": "2", "mentions": [span(text_, "Article 296 Part 2")]}
        ],
        "events": [
            {
                "id": "E1",
                "type": "restraint",
                "date": "2021-06-05",
                "date_precision": "day",
                "persons": ["P1"],
                "articles": ["296.2"],
                "location": "L1",
                "term": "pre-trial detention, 2 months",
                "evidence": [span(text_, "The city court placed")],
            },
            {
                "id": "E2",
                "type": "interrogation",
                "date": None,
                "persons": ["P2"],
                "perpetrators": ["P3"],
                "evidence": [span(text_, "was questioned for")],
            },
        ],
        "relations": [
            {
                "type": "family",
                "subtype": "brother",
                "a": "P2",
                "b": "P1",
                "evidence": [span(text_, "His brother")],
            }
        ],
    }


def record_2() -> dict:
    t = REPORT_2
    return {
        "source": {"report_date": "2021-06-17", "language": "en"},
        "persons": [
            {
                "id": "P1",
                "name": "Bekizhan Mendygaziyev",
                "side": "target",
                "roles": ["political_prisoner"],
                "mentions": [span(t, "Bekizhan Mendygaziyev")],
            },
            {
                "id": "P2",
                "name": "Serik Omarov",
                "side": "perpetrator",
                "roles": ["investigator"],
                "mentions": [span(t, "Serik Omarov")],
            },
        ],
        "events": [
            {
                "id": "E1",
                "type": "verdict",
                "date": "2021-06-17",
                "date_precision": "day",
                "outcome": "upheld",
                "persons": ["P1"],
                "evidence": [span(t, "the appeal court upheld the detention")],
            },
            {
                "id": "E2",
                "type": "pressure",
                "date": None,
                "persons": [],
                "perpetrators": ["P2"],
                "evidence": [span(t, "again summoned relatives")],
            },
        ],
        "relations": [],
    }


def doc(path: str, text_: str) -> Document:
    return Document(path=path, raw=text_.encode("utf-8"), text=text_, format="txt")


def load_both(engine) -> None:
    assert store_document(engine, doc("/reports/a.txt", REPORT_1), record_1(), "test-1") == "new"
    assert store_document(engine, doc("/reports/b.txt", REPORT_2), record_2(), "test-1") == "new"


def bekizhan_in_report_b(session) -> m.PersonMention:
    """The mention of Bekizhan Mendygaziyev in the second report."""
    return session.scalar(
        select(m.PersonMention)
        .join(m.Document)
        .where(m.Document.path == "/reports/b.txt", m.PersonMention.name == "Bekizhan Mendygaziyev")
    )


def ask_review(session, mention: m.PersonMention, candidate: int, current: int) -> int:
    """Stand in for an uncertain link the linker left to a human; the pending decision's id."""
    pending = m.LinkDecision(
        kind="review",
        status="pending",
        mention_id=mention.id,
        person_id=candidate,
        other_person_id=current,
        document_path="/reports/b.txt",
        mention_name=mention.name,
    )
    session.add(pending)
    session.flush()
    return pending.id


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def by_name(persons: list[dict], name: str) -> dict:
    (found,) = [p for p in persons if p["name"] == name]
    return found


def test_schema_comes_from_migrations(engine):
    tables = set(inspect(engine).get_table_names())
    assert {"documents", "claims", "review_actions", "persons", "person_mentions", "events"} <= tables
    assert {"event_participants", "relations", "link_decisions", "person_name_keys", "places"} <= tables
    with engine.connect() as conn:
        heads = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    assert heads and all(h.startswith("00") for h in heads)


def test_same_bytes_stored_once(engine):
    load_both(engine)
    assert store_document(engine, doc("/reports/a.txt", REPORT_1), record_1(), "test-1") == "unchanged"
    with session_scope(engine) as s:
        assert count(s, m.Document) == 2
        stored = s.scalar(select(m.Document).where(m.Document.path == "/reports/a.txt"))
        assert stored.raw == REPORT_1.encode() and stored.report_date == "2021-06-05"
        assert stored.sha256 == doc("x", REPORT_1).sha256


def test_same_person_linked_across_reports(engine):
    load_both(engine)
    with session_scope(engine) as s:
        persons = list_persons(s, EVERYTHING)
    assert len(persons) == 3
    bek = by_name(persons, "Bekizhan Mendygaziyev")
    assert [d["path"] for d in bek["documents"]] == ["/reports/a.txt", "/reports/b.txt"]
    assert bek["documents"][0]["names"] == ["Bekizhan MENDYGAZIYEV"]
    assert bek["aliases"] == ["Bekizhan MENDYGAZIYEV"]
    assert bek["roles"] == ["activist", "defendant", "political_prisoner"]
    assert len(by_name(persons, "Serik Omarov")["documents"]) == 2


def test_changed_file_is_a_new_version(engine):
    load_both(engine)
    edited = REPORT_1.replace("six hours", "seven hours")
    assert store_document(engine, doc("/reports/a.txt", edited), record_1(edited), "test-1") == "version"
    with session_scope(engine) as s:
        versions = s.execute(
            select(m.Document.version, m.Document.is_current)
            .where(m.Document.path == "/reports/a.txt")
            .order_by(m.Document.version)
        ).all()
        assert [tuple(v) for v in versions] == [(1, False), (2, True)]
        persons = list_persons(s, EVERYTHING)
    bek = by_name(persons, "Bekizhan Mendygaziyev")
    shas = [d["sha256"] for d in bek["documents"]]
    assert doc("x", edited).sha256 in shas and doc("x", REPORT_1).sha256 not in shas


def test_claims_carry_provenance(engine):
    load_both(engine)
    with session_scope(engine) as s:
        claim = s.scalar(
            select(m.Claim).where(m.Claim.property == "mention", m.Claim.value == "Bekizhan MENDYGAZIYEV")
        )
        assert REPORT_1[claim.start : claim.end] == "Bekizhan MENDYGAZIYEV"
        assert claim.extractor_version == "test-1" and claim.status == "unreviewed"
        assert len(claim.id) == 40
        participants = s.execute(
            select(m.EventParticipant.role, m.PersonMention.name, m.Event.type)
            .join(m.PersonMention, m.PersonMention.id == m.EventParticipant.mention_id)
            .join(m.Event, m.Event.id == m.EventParticipant.event_id)
            .order_by(m.Event.id, m.EventParticipant.role)
        ).all()
    assert ("perpetrator", "Serik Omarov", "interrogation") in [tuple(p) for p in participants]
    assert ("target", "Barlyk Mendygaziyev", "interrogation") in [tuple(p) for p in participants]


def test_dossier_timeline_is_dated_and_sourced(engine):
    load_both(engine)
    with session_scope(engine) as s:
        d = dossier(s, "bekizhan mendygaziyev")
    assert [(e["date"], e["type"]) for e in d["timeline"]] == [
        ("2021-06-05", "restraint"),
        ("2021-06-17", "verdict"),
    ]
    first = d["timeline"][0]
    assert first["place"] == "Aktau" and first["articles"] == ["296.2"]
    assert first["quote"] == "The city court placed" and first["document"]["path"] == "/reports/a.txt"
    (rel,) = d["relations"]
    assert rel["subtype"] == "brother" and rel["name"] == "Barlyk Mendygaziyev"


def test_review_is_kept_across_reextraction(engine):
    load_both(engine)
    with session_scope(engine) as s:
        role = s.scalar(select(m.Claim).where(m.Claim.property == "role", m.Claim.value == "defendant"))
        date = s.scalar(select(m.Claim).where(m.Claim.property == "date", m.Claim.value == "2021-06-05"))
        review_claim(s, role.id, "reject", "ana")
        review_claim(s, date.id, "correct", "ana", "2021-06-04", note="date of the hearing")
    for _ in range(2):
        with session_scope(engine) as s:
            bek = by_name(list_persons(s, EVERYTHING), "Bekizhan Mendygaziyev")
            assert "defendant" not in bek["roles"]
            timeline = dossier(s, bek["id"])["timeline"]
            assert timeline[0]["date"] == "2021-06-04"
            history = s.scalars(select(m.ReviewAction).order_by(m.ReviewAction.id)).all()
            assert [(h.action, h.user, h.old_value, h.new_value) for h in history] == [
                ("reject", "ana", "defendant", "defendant"),
                ("correct", "ana", "2021-06-05", "2021-06-04"),
            ]
        # a later extractor run over the same document must not undo the review
        assert (
            reextract_document(engine, doc("/reports/a.txt", REPORT_1), record_1(), "test-2") == "reextracted"
        )
    with session_scope(engine) as s:
        assert s.get(m.Claim, date.id).status == "corrected"
        assert s.get(m.Claim, date.id).original_value == "2021-06-05"


def test_merge_survives_reextraction(engine):
    load_both(engine)
    store_document(
        engine,
        doc("/reports/c.txt", "Lawyer Aigul Nurmagambetova visited Bekizhan in prison."),
        {
            "persons": [
                {
                    "id": "P1",
                    "name": "Aigul Nurmagambetova",
                    "side": "other",
                    "roles": ["lawyer"],
                    "mentions": [],
                },
                {"id": "P2", "name": "Bekizhan", "side": "target", "roles": [], "mentions": [[36, 44]]},
            ]
        },
        "test-1",
    )
    with session_scope(engine) as s:
        persons = list_persons(s, EVERYTHING)
        bek = by_name(persons, "Bekizhan Mendygaziyev")["id"]
        short = by_name(persons, "Bekizhan")["id"]  # a given name alone: the linker keeps it apart
    with session_scope(engine) as s:
        merge_persons(s, bek, short, "ana")
    reextract_document(engine, doc("/reports/a.txt", REPORT_1), record_1(), "test-2")
    reextract_document(
        engine,
        doc("/reports/c.txt", "Lawyer Aigul Nurmagambetova visited Bekizhan in prison."),
        {"persons": [{"id": "P2", "name": "Bekizhan", "side": "target", "mentions": [[36, 44]]}]},
        "test-2",
    )
    with session_scope(engine) as s:
        found = by_name(list_persons(s, EVERYTHING), "Bekizhan Mendygaziyev")
        assert found["id"] == bek
        assert {d["path"] for d in found["documents"]} == {
            "/reports/a.txt",
            "/reports/b.txt",
            "/reports/c.txt",
        }
        assert dossier(s, str(short))["person"]["id"] == bek  # the merged id redirects
        decision = s.scalar(select(m.LinkDecision).where(m.LinkDecision.kind == "merge"))
        assert decision.user == "ana" and decision.status == "human" and decision.at is not None


def test_split_survives_reextraction(engine):
    load_both(engine)
    sha_b = doc("x", REPORT_2).sha256
    with session_scope(engine) as s:
        omarov = by_name(list_persons(s, EVERYTHING), "Serik Omarov")["id"]
        new = split_person(s, omarov, sha_b[:16], "ben").id
    for version in ("test-2", "test-3"):
        reextract_document(engine, doc("/reports/b.txt", REPORT_2), record_2(), version)
        reextract_document(engine, doc("/reports/a.txt", REPORT_1), record_1(), version)
        with session_scope(engine) as s:
            two = [p for p in list_persons(s, EVERYTHING) if p["name"] == "Serik Omarov"]
            assert sorted(p["id"] for p in two) == sorted([omarov, new])
            docs = {p["id"]: [d["sha256"] for d in p["documents"]] for p in two}
            assert docs[new] == [sha_b]


def test_split_needs_another_document(engine):
    from casewatch.errors import CasewatchError

    load_both(engine)
    with session_scope(engine) as s:
        barlyk = by_name(list_persons(s, EVERYTHING), "Barlyk Mendygaziyev")["id"]
        with pytest.raises(CasewatchError, match="only mentioned"):
            split_person(s, barlyk, doc("x", REPORT_1).sha256, "ana")
        with pytest.raises(CasewatchError, match="not mentioned"):
            split_person(s, barlyk, doc("x", REPORT_2).sha256, "ana")


def test_pending_link_keep_apart_is_respected(engine):
    load_both(engine)
    with session_scope(engine) as s:
        bek = by_name(list_persons(s, EVERYTHING), "Bekizhan Mendygaziyev")["id"]
        mention = bekizhan_in_report_b(s)
        # stand in for an uncertain link the linker left to a human
        split = split_person(s, bek, doc("x", REPORT_2).sha256, "ana")
        settle_link(s, ask_review(s, mention, bek, split.id), "merge", "ana")
    reextract_document(engine, doc("/reports/b.txt", REPORT_2), record_2(), "test-2")
    with session_scope(engine) as s:
        found = by_name(list_persons(s, EVERYTHING), "Bekizhan Mendygaziyev")
        assert len(found["documents"]) == 2 and found["id"] == bek


def test_split_applies_to_a_new_version_of_the_report(engine):
    load_both(engine)
    with session_scope(engine) as s:
        omarov = by_name(list_persons(s, EVERYTHING), "Serik Omarov")["id"]
        new = split_person(s, omarov, doc("x", REPORT_2).sha256, "ben").id
    edited = REPORT_2 + " The family filed a complaint."
    store_document(engine, doc("/reports/b.txt", edited), record_2(), "test-1")
    with session_scope(engine) as s:
        split_off = next(p for p in list_persons(s, EVERYTHING) if p["id"] == new)
        assert [d["sha256"] for d in split_off["documents"]] == [doc("x", edited).sha256]


def test_keep_apart_stops_the_linker(engine):
    load_both(engine)
    with session_scope(engine) as s:
        bek = by_name(list_persons(s, EVERYTHING), "Bekizhan Mendygaziyev")["id"]
        mention = bekizhan_in_report_b(s)
        # as if the linker had been unsure: the mention got its own person, a human is asked
        alone = m.Person(name=mention.name, profile={})
        s.add(alone)
        s.flush()
        mention.person_id = alone.id
        pending = ask_review(s, mention, bek, alone.id)
        refresh_person(s, alone)
        refresh_person(s, s.get(m.Person, bek))
        settle_link(s, pending, "keep_apart", "ana")
        alone_id = alone.id
    # a new version of the report is linked afresh: only the human decision keeps them apart
    store_document(engine, doc("/reports/b.txt", REPORT_2 + " Updated."), record_2(), "test-2")
    with session_scope(engine) as s:
        two = {p["id"]: p for p in list_persons(s, EVERYTHING) if p["name"] == "Bekizhan Mendygaziyev"}
        assert sorted(two) == sorted([bek, alone_id])
        assert [d["path"] for d in two[alone_id]["documents"]] == ["/reports/b.txt"]


def test_persons_json_shape_is_exact(engine):
    from typer.testing import CliRunner

    from casewatch.cli import app

    load_both(engine)
    url = engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["persons", "--json", "--db", url, "--query", "mendygaziyev"])
    assert result.exit_code == 0, result.output
    sha_a, sha_b = doc("x", REPORT_1).sha256, doc("x", REPORT_2).sha256
    assert json.loads(result.stdout) == [
        {
            "id": 1,
            "name": "Bekizhan Mendygaziyev",
            "side": "target",
            "aliases": ["Bekizhan MENDYGAZIYEV"],
            "roles": ["activist", "defendant", "political_prisoner"],
            "articles": ["296.2"],
            "article_labels": ["KZ-CC 296.2"],
            "places": ["Aktau"],
            "status": "verdict",
            "reports": 2,
            "documents": [
                {"id": 1, "path": "/reports/a.txt", "sha256": sha_a, "names": ["Bekizhan MENDYGAZIYEV"]},
                {"id": 2, "path": "/reports/b.txt", "sha256": sha_b, "names": ["Bekizhan Mendygaziyev"]},
            ],
        },
        {
            "id": 2,
            "name": "Barlyk Mendygaziyev",
            "side": "target",
            "aliases": [],
            "roles": ["human_rights_defender", "relative"],
            "articles": [],
            "article_labels": [],
            "places": [],
            "status": "interrogation",
            "reports": 1,
            "documents": [
                {"id": 1, "path": "/reports/a.txt", "sha256": sha_a, "names": ["Barlyk Mendygaziyev"]}
            ],
        },
    ]


def test_persons_query_matches_spellings_and_cyrillic(engine):
    load_both(engine)
    with session_scope(engine) as s:
        assert [p["name"] for p in list_persons(s, EVERYTHING, "MENDYGAZ")] == [
            "Bekizhan Mendygaziyev",
            "Barlyk Mendygaziyev",
        ]
        assert [p["name"] for p in list_persons(s, EVERYTHING, "Бекижан")] == ["Bekizhan Mendygaziyev"]
        assert list_persons(s, EVERYTHING, "Nobody") == []


def test_incomplete_entries_are_skipped(engine):
    text_ = "Activist Asel Bekova was fined."
    record = {
        "persons": [
            {"id": "P1", "name": "Asel Bekova", "mentions": [[9, 20]]},
            {"id": "P2", "roles": ["judge"]},
        ],
        "events": [
            {"id": "E1", "persons": ["P1"]},
            {"id": "E2", "type": "verdict", "persons": ["P1"], "outcome": "fine"},
        ],
        "articles": [{"code": "KZ-AC"}],
        "relations": [{"a": "P1", "b": "P2"}],
    }
    assert store_document(engine, doc("/reports/d.txt", text_), record, "test-1") == "new"
    with session_scope(engine) as s:
        (person,) = list_persons(s, EVERYTHING)
        (event,) = dossier(s, person["id"])["timeline"]
    assert person["name"] == "Asel Bekova" and event["outcome"] == "fine"


def test_split_survives_an_extractor_that_reads_the_name_anew(engine):
    text_b = "On 17 June 2021 investigator OMAROV Serik Bolatovich again summoned the activist's relatives."
    old = {
        "persons": [  # an older extractor missed the patronymic
            {"id": "P1", "name": "Serik Omarov", "side": "perpetrator", "roles": ["investigator"],
             "mentions": [span(text_b, "OMAROV Serik")]},
            {"id": "P2", "name": "Bekizhan Mendygaziyev", "side": "target", "mentions": []},
        ]
    }  # fmt: skip
    load_both(engine)
    store_document(engine, doc("/reports/b2.txt", text_b), old, "test-1")
    sha_b = doc("x", text_b).sha256
    with session_scope(engine) as s:
        omarov = by_name(list_persons(s, EVERYTHING), "Serik Omarov")["id"]
        new = split_person(s, omarov, sha_b, "ben").id
    full = json.loads(json.dumps(old))
    full["persons"][0].update(
        name="Serik Bolatovich Omarov", mentions=[span(text_b, "OMAROV Serik Bolatovich")]
    )
    reextract_document(engine, doc("/reports/b2.txt", text_b), full, "test-2")
    with session_scope(engine) as s:
        docs = {p["id"]: [d["sha256"] for d in p["documents"]] for p in list_persons(s, EVERYTHING)}
        assert docs[new] == [sha_b]
        assert sha_b not in docs[omarov]


def test_keep_apart_survives_an_extractor_that_reads_the_name_anew(engine):
    text_c = "Barlyk Mendygaziyev met Bekizhan Mendygaziyev, a namesake of his brother, in Aktau."
    barlyk = {"id": "P2", "name": "Barlyk Mendygaziyev", "side": "target", "mentions": [[0, 19]]}
    load_both(engine)
    old = {"persons": [{"id": "P1", "name": "Bekizhan Mendygaziyev", "side": "target", "roles": ["relative"],
                        "mentions": [span(text_c, "Bekizhan Mendygaziyev")]}, barlyk]}  # fmt: skip
    store_document(engine, doc("/reports/c.txt", text_c), old, "test-1")
    sha_c = doc("x", text_c).sha256
    with session_scope(engine) as s:
        bek = by_name(list_persons(s, EVERYTHING), "Bekizhan Mendygaziyev")["id"]
        namesake = split_person(s, bek, sha_c, "ana").id
    # a newer extractor cuts the span differently and spells the name in Cyrillic-derived form
    new = {"persons": [{"id": "P1", "name": "Bekizhan Mendygazyev", "side": "target", "roles": ["relative"],
                        "mentions": [span(text_c, "Bekizhan")]}, barlyk]}  # fmt: skip
    reextract_document(engine, doc("/reports/c.txt", text_c), new, "test-2")
    with session_scope(engine) as s:
        docs = {p["id"]: [d["sha256"] for d in p["documents"]] for p in list_persons(s, EVERYTHING)}
        assert docs[namesake] == [sha_c]
        assert sha_c not in docs[bek]


def mention_persons(session) -> dict[int, int]:
    return dict(session.execute(select(m.PersonMention.id, m.PersonMention.person_id)).all())


def test_relink_of_a_linked_database_changes_nothing(engine):
    from casewatch.store.linking import relink_all

    load_both(engine)
    with session_scope(engine) as s:
        before = mention_persons(s)
        listed = list_persons(s, EVERYTHING)
    with session_scope(engine) as s:
        summary = relink_all(s)
        assert (summary.moved, summary.documents, summary.mentions) == (0, 2, 5)
        assert summary.persons_before == summary.persons_after == 3
    with session_scope(engine) as s:
        assert mention_persons(s) == before
        assert list_persons(s, EVERYTHING) == listed


def test_relink_joins_what_an_older_linker_left_apart(engine):
    from casewatch.store.linking import relink_all

    load_both(engine)
    with session_scope(engine) as s:
        bek = by_name(list_persons(s, EVERYTHING), "Bekizhan Mendygaziyev")["id"]
        mention = bekizhan_in_report_b(s)
        alone = m.Person(name=mention.name, profile={})  # as an older linker might have left it
        s.add(alone)
        s.flush()
        mention.person_id, alone_id = alone.id, alone.id
        refresh_person(s, alone)
        refresh_person(s, s.get(m.Person, bek))
    with session_scope(engine) as s:
        summary = relink_all(s)
        assert (summary.moved, summary.persons_before, summary.persons_after) == (1, 4, 3)
    with session_scope(engine) as s:
        found = by_name(list_persons(s, EVERYTHING), "Bekizhan Mendygaziyev")
        assert found["id"] == bek and len(found["documents"]) == 2
        assert dossier(s, str(alone_id))["person"]["id"] == bek  # the old id redirects


def test_relink_keeps_human_decisions(engine):
    from casewatch.store.linking import relink_all

    load_both(engine)
    sha_b = doc("x", REPORT_2).sha256
    with session_scope(engine) as s:
        omarov = by_name(list_persons(s, EVERYTHING), "Serik Omarov")["id"]
        new = split_person(s, omarov, sha_b, "ben").id
        before = mention_persons(s)
    with session_scope(engine) as s:
        assert relink_all(s).moved == 0
    with session_scope(engine) as s:
        assert mention_persons(s) == before
        docs = {p["id"]: [d["sha256"] for d in p["documents"]] for p in list_persons(s, EVERYTHING)}
        assert docs[new] == [sha_b] and sha_b not in docs[omarov]
        assert s.scalar(select(func.count()).where(m.LinkDecision.status == "human")) == 2


def test_relink_command_prints_a_summary(tmp_path):
    from typer.testing import CliRunner

    from casewatch.cli import app

    db = tmp_path / "case.db"
    load_both(open_database(f"sqlite:///{db}"))
    result = CliRunner().invoke(app, ["relink", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "5 mentions in 2 documents linked again: 3 -> 3 persons, 0 mentions moved" in result.output


def dossier(session, ref) -> dict:
    """The dossier of a person given by id or name, as the local CLI user sees it."""
    return person_dossier(session, EVERYTHING, find_person(session, EVERYTHING, str(ref)))
