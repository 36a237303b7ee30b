"""The political prisoner list: a person's state comes from their dated events, with its source."""

from __future__ import annotations

from records import Report

from casewatch.outputs.prisoners import prisoners, term_length
from casewatch.outputs.scope import EVERYTHING
from casewatch.store.db import session_scope


def _sentenced(engine, *, later: tuple[str, str, dict] | None = None) -> None:
    report = Report("reports/orazova.txt", "2022-03-10")
    report.person("Dinara Orazova", "target", ["activist", "defendant"])
    report.person("Yerlan Tulegenov", "perpetrator", ["judge"])
    report.event(
        "On 2 February 2022 Dinara Orazova was charged under Article 174 Part 1 of the Criminal Code.",
        "charge",
        "2022-02-02",
        ["Dinara Orazova"],
        articles=[report.article("KZ-CC", "174", "1")],
    )
    report.event(
        "On 10 March 2022 judge Yerlan Tulegenov sentenced Dinara Orazova to 5 years in a colony.",
        "verdict",
        "2022-03-10",
        ["Dinara Orazova"],
        perpetrators=["Yerlan Tulegenov"],
        outcome="imprisonment",
        term="5 years in a colony",
        location=report.location("Pavlodar"),
    )
    assert report.store(engine) == "new"
    if later:
        follow = Report("reports/orazova-later.txt", "2023-01-20")
        follow.person("Dinara Orazova", "target", ["political_prisoner"])
        sentence, type_, fields = later
        # the same case (article, judge): the linker joins the two reports' Dinara Orazova
        follow.person("Yerlan Tulegenov", "perpetrator", ["judge"])
        follow.event(
            sentence,
            type_,
            "2023-01-20",
            ["Dinara Orazova"],
            perpetrators=["Yerlan Tulegenov"],
            articles=[follow.article("KZ-CC", "174", "1")],
            **fields,
        )
        assert follow.store(engine) == "new"


def test_a_prison_sentence_lists_the_person_with_its_source(engine):
    _sentenced(engine)
    with session_scope(engine) as session:
        listed = prisoners(session, EVERYTHING)
    assert listed["count"] == 1
    entry = listed["prisoners"][0]
    assert entry["name"] == "Dinara Orazova"
    assert entry["status"] == "imprisonment"
    assert entry["status_label"] == "Imprisonment"
    assert entry["since"] == "2022-03-10"
    assert entry["expected_release"] == "2027-03-10"
    assert entry["country"] == "KZ"
    assert entry["place"] == "Pavlodar"
    assert [a["label"] for a in entry["articles"]] == ["KZ-CC 174.1"]
    assert entry["set_by"]["type"] == "verdict"
    assert "sentenced Dinara Orazova to 5 years" in entry["set_by"]["quote"]
    assert entry["set_by"]["document"]["path"] == "reports/orazova.txt"


def test_a_later_pardon_takes_the_person_off_the_list(engine):
    _sentenced(
        engine,
        later=(
            "On 20 January 2023 Dinara Orazova was pardoned and released.",
            "verdict",
            {"outcome": "other", "term": "pardoned and released"},
        ),
    )
    with session_scope(engine) as session:
        assert prisoners(session, EVERYTHING)["count"] == 0


def test_a_later_acquittal_on_appeal_takes_the_person_off_the_list(engine):
    _sentenced(
        engine,
        later=(
            "The appeal court acquitted Dinara Orazova on 20 January 2023.",
            "verdict",
            {"outcome": "acquittal"},
        ),
    )
    with session_scope(engine) as session:
        assert prisoners(session, EVERYTHING)["count"] == 0


def test_an_upheld_verdict_and_a_later_hearing_keep_the_prison_status(engine):
    _sentenced(
        engine,
        later=(
            "The appeal court left the sentence of Dinara Orazova unchanged.",
            "verdict",
            {"outcome": "upheld"},
        ),
    )
    with session_scope(engine) as session:
        entry = prisoners(session, EVERYTHING)["prisoners"][0]
    assert (entry["status"], entry["since"]) == ("imprisonment", "2022-03-10")


def test_house_arrest_then_country_filter(engine):
    report = Report("reports/minsk.txt", "2021-09-01")
    report.person("Ales Karpenka", "target", ["journalist"])
    report.event(
        "On 1 September 2021 a Minsk court put Ales Karpenka under house arrest for two months.",
        "restraint",
        "2021-09-01",
        ["Ales Karpenka"],
        term="house arrest, two months",
        articles=[report.article("BY-CC", "342", "1")],
    )
    report.store(engine)
    _sentenced(engine)
    with session_scope(engine) as session:
        by = prisoners(session, EVERYTHING, country="by")
        everyone = prisoners(session, EVERYTHING)
    assert [(p["name"], p["status"]) for p in by["prisoners"]] == [("Ales Karpenka", "house_arrest")]
    assert by["prisoners"][0]["articles"][0]["label"] == "BY-CC 342.1"
    assert everyone["count"] == 2


def test_an_administrative_charge_alone_is_no_open_case(engine):
    report = Report("reports/picket.txt", "2021-05-12")
    report.person("Gulmira Saparova", "target", ["activist"])
    report.event(
        "Gulmira Saparova was charged on 12 May 2021 under Article 488 of the Administrative Code.",
        "charge",
        "2021-05-12",
        ["Gulmira Saparova"],
        articles=[report.article("KZ-AC", "488")],
    )
    report.store(engine)
    with session_scope(engine) as session:
        assert prisoners(session, EVERYTHING)["count"] == 0


def test_term_lengths_in_both_languages():
    assert term_length("5 years and 6 months of imprisonment") == (5, 6, 0)
    assert term_length("one year of restricted freedom") == (1, 0, 0)
    assert term_length("два года и три месяца колонии") == (2, 3, 0)
    assert term_length("7 лет лишения свободы") == (7, 0, 0)
    assert term_length("a fine") is None


def test_cli_prisoners_csv_and_json(tmp_path):
    import csv
    import io
    import json

    from typer.testing import CliRunner

    from casewatch.cli import app
    from casewatch.store.db import open_database

    url = f"sqlite:///{tmp_path / 'case.db'}"
    _sentenced(open_database(url))
    runner = CliRunner()
    as_csv = runner.invoke(app, ["prisoners", "--csv", "--db", url])
    assert as_csv.exit_code == 0, as_csv.output
    (row,) = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert (row["name"], row["status"], row["expected_release"]) == (
        "Dinara Orazova",
        "Imprisonment",
        "2027-03-10",
    )
    as_json = runner.invoke(app, ["prisoners", "--json", "--country", "BY", "--db", url])
    assert json.loads(as_json.output)["count"] == 0
