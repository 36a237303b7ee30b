"""The hearing calendar: hearings by day, one per session however many reports tell it, and its .ics."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
from records import Report

from casewatch.outputs.hearings import hearings
from casewatch.outputs.ics import hearings_ics
from casewatch.outputs.scope import EVERYTHING
from casewatch.store.db import session_scope


def _schedule(engine) -> None:
    first = Report("reports/aktau-hearings.txt", "2021-04-20")
    first.person("Marat Seitkaliyev", "target", ["activist", "defendant"])
    first.person("Aigerim Nurtazina", "perpetrator", ["judge"])
    first.event(
        "On 22 April 2021 at 15:40 the Aktau city court, judge Aigerim Nurtazina, will hear the case of "
        "Marat Seitkaliyev under Article 405 Part 2.",
        "hearing",
        "2021-04-22",
        ["Marat Seitkaliyev"],
        perpetrators=["Aigerim Nurtazina"],
        time="15:40",
        status="scheduled",
        court="Aktau city court",
        articles=[first.article("KZ-CC", "405", "2")],
    )
    first.person("Olga Sidorenko", "target", ["journalist", "defendant"])
    first.event(
        "The Minsk district court will hear Olga Sidorenko on 23 April 2021.",
        "hearing",
        "2021-04-23",
        ["Olga Sidorenko"],
        status="scheduled",
        court="Minsk district court",
        articles=[first.article("BY-CC", "342")],
    )
    assert first.store(engine) == "new"
    second = Report("reports/aktau-followup.txt", "2021-04-23")
    second.person("Marat Seitkaliyev", "target", ["activist"])
    second.person("Aigerim Nurtazina", "perpetrator", ["judge"])
    second.event(
        "Judge Aigerim Nurtazina heard Marat Seitkaliyev on 22 April 2021 and adjourned the session.",
        "hearing",
        "2021-04-22",
        ["Marat Seitkaliyev"],
        perpetrators=["Aigerim Nurtazina"],
        status="held",
        articles=[second.article("KZ-CC", "405", "2")],
    )
    assert second.store(engine) == "new"


def test_one_session_told_twice_is_one_hearing_with_two_sources(engine):
    _schedule(engine)
    with session_scope(engine) as session:
        calendar = hearings(session, EVERYTHING)
    assert calendar["count"] == 2
    first_day = calendar["days"][0]
    assert first_day["date"] == "2021-04-22"
    (hearing,) = first_day["hearings"]
    assert [d["name"] for d in hearing["defendants"]] == ["Marat Seitkaliyev"]
    assert [j["name"] for j in hearing["judges"]] == ["Aigerim Nurtazina"]
    assert hearing["time"] == "15:40"
    assert hearing["status"] == "held"
    assert hearing["time_zone"] == "Asia/Aqtau"
    assert [a["label"] for a in hearing["articles"]] == ["KZ-CC 405.2"]
    assert {s["document"]["path"] for s in hearing["sources"]} == {
        "reports/aktau-hearings.txt",
        "reports/aktau-followup.txt",
    }


def test_filters_by_date_country_and_court(engine):
    _schedule(engine)
    with session_scope(engine) as session:
        later = hearings(session, EVERYTHING, date_from="2021-04-23")
        belarus = hearings(session, EVERYTHING, country="BY")
        aktau = hearings(session, EVERYTHING, court="aktau")
    assert [d["date"] for d in later["days"]] == ["2021-04-23"]
    assert [h["defendants"][0]["name"] for d in belarus["days"] for h in d["hearings"]] == ["Olga Sidorenko"]
    assert aktau["count"] == 1


def test_ics_parses_with_times_in_the_courts_zone(engine):
    _schedule(engine)
    with session_scope(engine) as session:
        calendar = hearings(session, EVERYTHING)
    ics = hearings_ics(calendar, stamp=datetime(2021, 4, 24, tzinfo=ZoneInfo("UTC")))
    parsed = icalendar.Calendar.from_ical(ics)
    events = {str(e["summary"]): e for e in parsed.walk("VEVENT")}
    assert len(events) == 2
    aktau = next(e for s, e in events.items() if "Seitkaliyev" in s)
    start = aktau.decoded("dtstart")
    assert start == datetime(2021, 4, 22, 15, 40, tzinfo=ZoneInfo("Asia/Aqtau"))
    assert start.utcoffset().total_seconds() == 5 * 3600
    assert aktau["dtstart"].params["TZID"] == "Asia/Aqtau"
    assert {str(tz["tzid"]) for tz in parsed.walk("VTIMEZONE")} == {"Asia/Aqtau"}
    minsk = next(e for s, e in events.items() if "Sidorenko" in s)
    assert minsk.decoded("dtstart").isoformat() == "2021-04-23"  # no time: an all-day event
    assert "BY-CC 342" in str(minsk["description"])
    # the UID stays when the same calendar is built again
    again = icalendar.Calendar.from_ical(hearings_ics(calendar))
    assert {str(e["uid"]) for e in again.walk("VEVENT")} == {str(e["uid"]) for e in parsed.walk("VEVENT")}


def test_cli_hearings_ics_and_list(tmp_path):
    from typer.testing import CliRunner

    from casewatch.cli import app
    from casewatch.store.db import open_database

    url = f"sqlite:///{tmp_path / 'case.db'}"
    _schedule(open_database(url))
    runner = CliRunner()
    ics = runner.invoke(app, ["hearings", "--ics", "--db", url, "--country", "KZ"])
    assert ics.exit_code == 0, ics.output
    parsed = icalendar.Calendar.from_ical(ics.stdout_bytes)
    assert [str(e["summary"]) for e in parsed.walk("VEVENT")] == [
        "Hearing: Marat Seitkaliyev (Aktau city court)"
    ]
    listing = runner.invoke(app, ["hearings", "--db", url, "--person", "Olga Sidorenko"])
    assert listing.exit_code == 0, listing.output
    assert "1. time not given  Minsk district court: Olga Sidorenko" in listing.output
    assert "articles: BY-CC 342" in listing.output
