"""Perpetrator dossiers, the sanctions ranking and the check against a FtM sanctions list."""

from __future__ import annotations

import json

from followthemoney import model
from records import Report
from typer.testing import CliRunner

from casewatch.cli import app
from casewatch.outputs.perpetrators import perpetrators
from casewatch.outputs.screening import screen
from casewatch.store.db import open_database, session_scope


def _cases(engine) -> None:
    report = Report("reports/kostanay.txt", "2022-11-02")
    for name in ("Ruslan Ismagulov", "Aliya Temirova", "Erbol Kassymov"):
        report.person(name, "target", ["activist", "defendant"])
    report.person("Askar Zhunusov", "perpetrator", ["judge"])
    report.person("Bauyrzhan Oralov", "perpetrator", ["investigator"])
    report.event(
        "On 2 November 2022 judge Askar Zhunusov sentenced Ruslan Ismagulov to 6 years in prison.",
        "verdict",
        "2022-11-02",
        ["Ruslan Ismagulov"],
        perpetrators=["Askar Zhunusov"],
        outcome="imprisonment",
        term="6 years",
        court="Kostanay city court",
    )
    report.event(
        "The same judge, Askar Zhunusov, gave Aliya Temirova 2 years and 6 months on 3 November 2022.",
        "verdict",
        "2022-11-03",
        ["Aliya Temirova"],
        perpetrators=["Askar Zhunusov"],
        outcome="imprisonment",
        term="2 years and 6 months",
    )
    report.event(
        "Investigator Bauyrzhan Oralov questioned Erbol Kassymov on 1 October 2022.",
        "interrogation",
        "2022-10-01",
        ["Erbol Kassymov"],
        perpetrators=["Bauyrzhan Oralov"],
    )
    report.event(
        "Rights groups call for sanctions against Bauyrzhan Oralov and Askar Zhunusov.",
        "sanction_call",
        "2022-11-05",
        [],
        perpetrators=["Bauyrzhan Oralov", "Askar Zhunusov"],
    )
    assert report.store(engine) == "new"


def test_judge_with_two_prison_sentences_ranks_first_with_every_decision_sourced(engine):
    _cases(engine)
    with session_scope(engine) as session:
        ranked = perpetrators(session)
    assert [p["name"] for p in ranked["perpetrators"]] == ["Askar Zhunusov", "Bauyrzhan Oralov"]
    judge = ranked["perpetrators"][0]
    assert judge["roles"] == ["Judge"]
    assert judge["decisions"] == 2  # the call for sanctions names him, but is no act of his
    assert judge["prison_years"] == 8.5
    assert {t["name"] for t in judge["targets"]} == {"Ruslan Ismagulov", "Aliya Temirova"}
    verdict = judge["record"][0]
    assert verdict["type_label"] == "Verdict" and verdict["outcome_label"] == "Imprisonment"
    assert "sentenced Ruslan Ismagulov to 6 years" in verdict["quote"]
    assert verdict["document"]["path"] == "reports/kostanay.txt"
    assert [r["type"] for r in judge["record"]] == ["verdict", "verdict", "sanction_call"]


def _listed(name: str, entity_id: str) -> object:
    entity = model.make_entity("Person")
    entity.id = entity_id
    entity.add("name", name)
    entity.add("topics", "sanction")
    return entity


def test_screening_finds_a_listed_perpetrator_across_scripts_and_not_a_stranger():
    perps = [
        {"person_id": 1, "name": "Askar Zhunusov"},
        {"person_id": 2, "name": "Bauyrzhan Oralov"},
    ]
    entities = [
        _listed("Аскар Жунусов", "list-1"),
        _listed("Askar Zhunusov", "list-2"),
        _listed("Dmitry Oralov", "list-3"),
    ]
    found = screen(perps, entities)
    assert [f["name"] for f in found] == ["Askar Zhunusov"]
    scores = {m["entity_id"]: m["score"] for m in found[0]["matches"]}
    assert scores["list-2"] >= 0.95 and scores["list-1"] >= 0.8
    assert "list-3" not in scores


def test_cli_perpetrators_check_against_a_list_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'case.db'}"
    _cases(open_database(url))
    listing = tmp_path / "sanctions.jsonl"
    listing.write_text(json.dumps(_listed("ZHUNUSOV Askar", "os-77").to_dict()) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["perpetrators", "--db", url, "--check", str(listing), "--json"])
    assert result.exit_code == 0, result.output
    judge = json.loads(result.output)["perpetrators"][0]
    assert judge["listed_as"][0]["entity_id"] == "os-77"
    broken = tmp_path / "broken.jsonl"
    broken.write_text("not json\n", encoding="utf-8")
    bad = CliRunner().invoke(app, ["perpetrators", "--db", url, "--check", str(broken)])
    assert bad.exit_code == 1 and "line 1 is not a FollowTheMoney entity" in bad.output
