"""Calibrated confidence: the table, each fact's rule family, stored claims and the review order."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from web_support import login, make_app

from casewatch.document import Document
from casewatch.errors import CasewatchError
from casewatch.evaluate import score_record
from casewatch.extract import confidence as calibrated
from casewatch.extract.confidence import DEFAULT_CONFIDENCE, KINDS, Calibration, parse_table
from casewatch.store import models as m
from casewatch.store.curation import claims_to_review
from casewatch.store.db import session_scope
from casewatch.store.ingest import store_document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from calibrate import build_table, judge  # noqa: E402

REPORT = (
    "Taraz, 3 March 2022. Police detained the poet Nurlan ZHAKSYBEKOV outside the regional akimat.\n"
    "1. Nurlan Zhaksybekov - fined under Article 488 of the Code of Administrative Offences.\n"
    "Later his nephew Orynbek Tuleuov was threatened by men who did not give their names.\n"
)


def span(part: str, text: str = REPORT) -> list[int]:
    at = text.index(part)
    return [at, at + len(part)]


def record() -> dict:
    return {
        "source": {"report_date": "2022-03-03", "language": "en"},
        "persons": [
            {
                "id": "P1",
                "name": "Nurlan Zhaksybekov",
                "aliases": ["Nurlan ZHAKSYBEKOV"],
                "side": "target",
                "roles": ["activist"],
                "mentions": [span("Nurlan ZHAKSYBEKOV"), span("Nurlan Zhaksybekov")],
            },
            {
                "id": "P2",
                "name": "Orynbek Tuleuov",
                "aliases": [],
                "side": "target",
                "roles": [],
                "mentions": [span("Orynbek Tuleuov")],
            },
        ],
        "organizations": [],
        "locations": [{"id": "L1", "name": "Taraz", "kind": "city", "mentions": [span("Taraz")]}],
        "articles": [{"code": "KZ-AC", "article": "488", "part": None, "mentions": [span("Article 488")]}],
        "events": [
            {
                "id": "E1",
                "type": "arrest",
                "date": "2022-03-03",
                "date_precision": "day",
                "persons": ["P1"],
                "evidence": [span("Police detained the poet")],
            },
            {
                "id": "E2",
                "type": "verdict",
                "date": "2022-03-03",
                "persons": ["P1"],
                "outcome": "fine",
                "evidence": [span("1. Nurlan Zhaksybekov - fined")],
            },
            {"id": "E3", "type": "pressure", "persons": ["P2"], "evidence": [span("was threatened")]},
        ],
        "relations": [{"type": "family", "subtype": "relative", "a": "P2", "b": "P1", "evidence": []}],
    }


def stored_claims(engine, rec: dict, text: str = REPORT) -> dict[tuple[str, str], float]:
    doc = Document(path="reports/taraz.txt", raw=text.encode("utf-8"), text=text, format="txt")
    assert store_document(engine, doc, rec, "test-1") == "new"
    with session_scope(engine) as session:
        return {(c.subject, c.property): c.confidence for c in session.scalars(select(m.Claim))}


# --- the table --------------------------------------------------------------------------------


def test_shipped_table_is_checked_and_calibrates_every_kind():
    table = calibrated.calibration()
    assert set(table.precision) == set(KINDS)
    for families in table.precision.values():
        assert "*" in families
        assert all(0.0 < value < 1.0 for value in families.values())


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({}, "needs a `kinds` mapping"),
        ({"kinds": {"rumour": {"*": {"precision": 0.5, "count": 3}}}}, "unknown fact kind 'rumour'"),
        ({"kinds": {"event": {"*": {"precision": 1.5, "count": 3}}}}, "event/*: precision must be"),
        ({"kinds": {"event": {"*": {"precision": 0.5}}}}, "event/*: count must be"),
        ({"kinds": {"event": ["*"]}}, "event: families must be a mapping"),
    ],
)
def test_a_malformed_table_is_refused_naming_file_and_entry(data, problem):
    with pytest.raises(CasewatchError) as err:
        parse_table(data, "data/confidence.yaml")
    assert problem in str(err.value) and str(err.value).startswith("data/confidence.yaml: ")


def test_a_fact_takes_its_longest_known_family_then_the_kind_then_the_default():
    table = Calibration({"event": {"*": 0.8, "own_date": 0.9, "own_date/person/arrest": 0.95}})
    assert table.confidence("event", "own_date/person/arrest") == 0.95
    assert table.confidence("event", "own_date/no_person/ban") == 0.9
    assert table.confidence("event", "no_date/person/search") == 0.8
    assert table.confidence("relation", "family/wife") == DEFAULT_CONFIDENCE


# --- families ---------------------------------------------------------------------------------


def test_families_read_what_the_record_holds():
    rec = record()
    rec["events"][0]["date"] = "2022-03-01"
    families = {(kind, family) for kind, family, _ in calibrated.record_facts(rec)}
    assert ("person", "given/roles/target") in families
    assert ("side", "no_roles/event/target") in families and ("role", "activist") in families
    assert ("side", "roles/event/target") in families
    assert ("event", "own_date/person/arrest") in families
    assert ("event", "report_date/person/verdict") in families
    assert ("event", "no_date/person/pressure") in families
    assert ("article", "no_part/KZ-AC") in families and ("relation", "family/relative") in families
    assert calibrated.person_family({"name": "Q. Zhorabekov", "side": None}) == "no_given/no_roles/no_side"
    assert calibrated.event_family({"type": "ban", "date": "2021"}) == "own_date/no_person/ban"


# --- stored claims ----------------------------------------------------------------------------


def test_stored_claims_carry_their_familys_measured_precision(engine):
    table = calibrated.calibration()
    claims = stored_claims(engine, record())
    start, end = span("Police detained the poet")
    arrest = claims[(f"event:arrest:{start}-{end}", "type")]
    assert arrest == table.confidence("event", "report_date/person/arrest")
    pressure = next(v for (s, p), v in claims.items() if s.startswith("event:pressure") and p == "type")
    assert pressure == table.confidence("event", "no_date/person/pressure") < arrest
    assert claims[("person:Nurlan Zhaksybekov", "name")] == table.confidence("person", "given/roles/target")
    assert claims[("person:Orynbek Tuleuov", "side")] == table.confidence("side", "no_roles/event/target")
    assert claims[("person:Nurlan Zhaksybekov", "role")] == table.confidence("role", "activist")
    assert claims[("article:KZ-AC:488", "article")] == table.confidence("article", "no_part/KZ-AC")
    assert len(set(claims.values())) > 4 and 1.0 not in claims.values()


def test_a_fact_of_an_unknown_family_gets_its_kinds_precision(engine):
    rec = record()
    rec["relations"] = [{"type": "sponsor", "a": "P1", "b": "P2", "evidence": []}]
    rec["persons"][1]["roles"] = ["beekeeper"]
    claims = stored_claims(engine, rec)
    table = calibrated.calibration()
    relation = next(v for (s, p), v in claims.items() if p == "relation")
    assert relation == table.precision["relation"]["*"]
    assert claims[("person:Orynbek Tuleuov", "role")] == table.precision["role"]["*"]


def test_a_records_own_confidence_wins(engine):
    rec = record()
    rec["events"][0]["confidence"] = 0.25
    claims = stored_claims(engine, rec)
    assert {v for (s, p), v in claims.items() if s.startswith("event:arrest")} == {0.25}


# --- the review queue -------------------------------------------------------------------------


def test_review_queue_starts_with_the_least_confident_claim(engine):
    stored_claims(engine, record())
    with session_scope(engine) as session:
        queue = claims_to_review(session, limit=500)
        lowest = min(c.confidence for c in queue)
        assert [c.confidence for c in queue] == sorted(c.confidence for c in queue)
        assert queue[0].subject.startswith("event:pressure") and queue[0].confidence == lowest


def test_web_review_queue_is_least_confident_first(tmp_path):
    app = make_app(tmp_path)
    client = TestClient(app)
    assert login(client, "eddie").status_code == 303
    claims = client.get("/review?format=json").json()["claims"]
    values = [c["confidence"] for c in claims]
    assert len(set(values)) > 1 and values == sorted(values)
    assert f"{round(values[0] * 100)}% likely right" in client.get("/review").text


# --- the calibration judges facts as the scorer does -----------------------------------------


def test_calibration_confirms_exactly_the_facts_the_scorer_counts_right():
    gold = {
        "persons": [
            {"name": "Nurlan Zhaksybekov", "side": "target", "roles": ["activist"]},
            {"name": "Orynbek Tuleuov", "side": "target", "roles": ["relative"]},
        ],
        "articles": [{"code": "KZ-AC", "article": "488", "part": None}],
        "events": [
            {"type": "arrest", "date": "2022-03-03", "persons": ["Nurlan Zhaksybekov"]},
            {"type": "pressure", "date": "2022-03-04", "persons": ["Orynbek Tuleuov"]},
        ],
        "relations": [
            {"type": "family", "subtype": "nephew", "a": "Orynbek Tuleuov", "b": "Nurlan Zhaksybekov"}
        ],
    }
    pred = record()
    pred["persons"].append({"id": "P3", "name": "Gulnar Sadykova", "side": "perpetrator", "mentions": []})
    judged = judge(gold, pred)
    tallies = score_record(gold, pred)
    for kind, metric in (
        ("person", "persons"),
        ("event", "events"),
        ("article", "articles"),
        ("relation", "relations"),
    ):
        outcomes = [ok for k, _, ok in judged if k == kind]
        assert sum(outcomes) == tallies[metric].tp and len(outcomes) - sum(outcomes) == tallies[metric].fp
    table = build_table(judged * 12)
    # the arrest is right; the verdict is not in the gold record, the undated pressure misses its date
    assert table["kinds"]["event"]["*"]["observed"] == pytest.approx(1 / 3, abs=0.001)


def test_calibration_is_measured_on_development_reports_only():
    from calibrate import HELD_OUT_FROM, REAL_CORPUS, REAL_SOURCES, reports
    from real_corpus import report_splits

    splits = report_splits(REAL_CORPUS, REAL_SOURCES)
    dev = {gold.stem for gold, _ in reports("dev")}
    held_out = {gold.stem for gold, _ in reports("held-out")}
    assert dev and held_out and not dev & held_out
    for stem in dev:
        assert splits.get(stem) == "dev" if stem.startswith("r") else int(stem[:3]) < HELD_OUT_FROM
