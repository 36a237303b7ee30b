"""Exports: CSV that round-trips, FollowTheMoney entities valid under its schema, GraphML, and a
public export from which nothing sensitive or unreviewed leaks, in every format."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
from followthemoney import model
from records import Report
from sqlalchemy import select
from typer.testing import CliRunner

from casewatch.cli import app
from casewatch.outputs.exports import ftm_entities, tables, to_csv, to_graphml, to_json
from casewatch.outputs.scope import EVERYTHING, public_scope
from casewatch.store import models as m
from casewatch.store.accounts import SensitiveMark
from casewatch.store.db import open_database, session_scope

#: the hidden witness's name, and the unreviewed fact's words, must never appear in a public export
SECRET_NAME = "Zhanar Kuttybayeva"
UNREVIEWED = "questioned for nine hours"


def _case(engine) -> None:
    report = Report("reports/taraz.txt", "2022-05-04")
    report.person("Nurlan Abishev", "target", ["activist", "defendant"])
    report.person("Saule Abisheva", "target", ["relative"])
    report.person("Timur Bekov", "perpetrator", ["judge"])
    report.person(SECRET_NAME, "target", ["colleague"])
    report.event(
        "On 4 May 2022 judge Timur Bekov sentenced Nurlan Abishev to 4 years under Article 405 Part 2.",
        "verdict",
        "2022-05-04",
        ["Nurlan Abishev"],
        perpetrators=["Timur Bekov"],
        outcome="imprisonment",
        term="4 years",
        articles=[report.article("KZ-CC", "405", "2")],
    )
    report.event(
        f"Earlier his colleague {SECRET_NAME} was {UNREVIEWED} by the police.",
        "interrogation",
        "2022-04-20",
        [SECRET_NAME],
    )
    warned = report.event(
        f"His wife, Saule Abisheva, and {SECRET_NAME} were warned; friends wrote #FreeKuttybayeva.",
        "pressure",
        "2022-05-05",
        ["Saule Abisheva", SECRET_NAME],
    )
    report.record["relations"].append(
        {"type": "family", "subtype": "wife", "a": "P2", "b": "P1", "evidence": warned["evidence"]}
    )
    assert report.store(engine) == "new"
    with session_scope(engine) as session:
        secret = session.scalar(select(m.PersonMention.person_id).where(m.PersonMention.name == SECRET_NAME))
        session.add(
            SensitiveMark(entity_type="person", entity_id=str(secret), reason="witness", created_by="admin")
        )
        # a reviewer confirms everything but the interrogation
        for claim in session.scalars(select(m.Claim)):
            if "interrogation" not in claim.subject:
                claim.status = "confirmed"


def test_csv_round_trips(engine):
    _case(engine)
    with session_scope(engine) as session:
        rows = tables(session, EVERYTHING)
    for name, table in rows.items():
        back = list(csv.DictReader(io.StringIO(to_csv(table))))
        assert back == [{k: "" if v is None else str(v) for k, v in row.items()} for row in table], name
    assert [p["name"] for p in rows["prisoners"]] == ["Nurlan Abishev"]
    assert rows["prisoners"][0]["articles"] == "KZ-CC 405.2"


def test_ftm_entities_validate_and_refer_to_each_other(engine):
    _case(engine)
    with session_scope(engine) as session:
        entities = list(ftm_entities(session, EVERYTHING))
    ids = {e["id"] for e in entities}
    schemata = {e["schema"] for e in entities}
    assert {"Person", "Document", "Documentation", "Family", "Event"} <= schemata
    for entity in entities:
        proxy = model.get_proxy(entity)
        proxy.schema.validate(entity)  # raises InvalidData when a value does not fit its type
        for prop, values in proxy.properties.items():
            if proxy.schema.get(prop).type.name == "entity":
                assert set(values) <= ids, (prop, values)
    family = next(e for e in entities if e["schema"] == "Family")
    person = {e["id"]: e["properties"]["name"][0] for e in entities if e["schema"] == "Person"}
    assert person[family["properties"]["person"][0]] == "Nurlan Abishev"
    assert person[family["properties"]["relative"][0]] == "Saule Abisheva"
    assert family["properties"]["relationship"] == ["wife"]


def test_graphml_holds_the_family_tie(engine):
    _case(engine)
    with session_scope(engine) as session:
        graph = nx.parse_graphml(to_graphml(session, EVERYTHING))
    names = nx.get_node_attributes(graph, "name")
    edges = [(names[a], names[b], d["subtype"]) for a, b, d in graph.edges(data=True)]
    assert edges == [("Saule Abisheva", "Nurlan Abishev", "wife")] or edges == [
        ("Nurlan Abishev", "Saule Abisheva", "wife")
    ]


def test_public_export_leaks_nothing_hidden_or_unreviewed(engine):
    _case(engine)
    with session_scope(engine) as session:
        everything = to_json(session, EVERYTHING)
        scope = public_scope(session)
        outputs = {
            "json": to_json(session, scope),
            "ftm": json.dumps(list(ftm_entities(session, scope)), ensure_ascii=False),
            "graphml": to_graphml(session, scope),
            **{f"csv {name}": to_csv(rows) for name, rows in tables(session, scope).items()},
        }
    assert SECRET_NAME in everything and UNREVIEWED in everything  # the fixture holds both
    for name, text in outputs.items():
        assert SECRET_NAME not in text, name
        assert "Kuttybayev" not in text, name
        assert UNREVIEWED not in text, name
    assert "Nurlan Abishev" in outputs["json"]
    assert "Saule Abisheva, and [withheld] were warned" in outputs["json"]


def test_cli_public_export_to_a_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'case.db'}"
    _case(open_database(url))
    out = tmp_path / "public.jsonl"
    result = CliRunner().invoke(app, ["export", "ftm", "--public", "--db", url, "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(line)["schema"] for line in lines)
    assert SECRET_NAME not in out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(app, ["export", "xlsx", "--db", url])
    assert bad.exit_code == 1 and "unknown export format" in bad.output
