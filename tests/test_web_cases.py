"""Pages, API and downloads of the prisoner list, the hearing calendar with its secret feeds, and
the perpetrators; what a viewer may not see stays out of each."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from web_support import client_for, make_app, person_id

from casewatch.store import accounts
from casewatch.store.db import session_scope


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


def test_prisoner_list_page_csv_and_api_agree(app):
    viewer, _ = client_for(app, "vera")
    listed = viewer.get("/api/v1/prisoners").json()
    assert [(p["name"], p["status"]) for p in listed["prisoners"]] == [("Marat Zhanuzakov", "open_case")]
    page = viewer.get("/prisoners")
    assert page.status_code == 200
    assert "Marat Zhanuzakov" in page.text and "Open case" in page.text and "open_case" not in page.text
    csv_text = viewer.get("/prisoners.csv").text
    assert csv_text.splitlines()[0].startswith("person_id,name,status")
    assert "Marat Zhanuzakov,Open case" in csv_text
    assert viewer.get("/api/v1/prisoners?country=BY").json()["count"] == 0


def test_hearing_calendar_page_api_and_ics_in_the_courts_zone(app):
    viewer, _ = client_for(app, "vera")
    calendar = viewer.get("/api/v1/hearings?from=2030-01-01").json()
    (day,) = calendar["days"]
    (hearing,) = day["hearings"]
    assert (day["date"], hearing["time"], hearing["time_zone"]) == ("2030-04-15", "10:00", "Asia/Almaty")
    assert [j["name"] for j in hearing["judges"]] == ["Aigerim Sadykova"]
    page = viewer.get("/hearings")
    assert "Medeu district court" in page.text and "Aigerim Sadykova" in page.text
    ics = viewer.get("/hearings.ics?from=2030-01-01")
    assert ics.headers["content-type"].startswith("text/calendar")
    (event,) = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2030, 4, 15, 10, 0, tzinfo=ZoneInfo("Asia/Almaty"))


def test_secret_feed_reads_without_login_until_revoked(app):
    viewer, token = client_for(app, "vera")
    made = viewer.post("/hearings/feeds", data={"csrf_token": token})
    assert made.status_code == 200
    address = made.text.split('<code class="secret">')[1].split("</code>")[0]
    path = address[address.index("/feeds/") :]
    anonymous = TestClient(app)
    feed = anonymous.get(path)
    assert feed.status_code == 200
    assert "Zhanuzakov" in feed.text
    assert anonymous.get("/feeds/not-a-real-token/hearings.ics").status_code == 404
    with session_scope(app.state.engine) as session:
        audit = session.scalars(select(accounts.AuditEntry.action)).all()
        feed_id = session.scalar(
            select(accounts.AuditEntry.entity_id).where(accounts.AuditEntry.action == "create_feed")
        )
    assert "create_feed" in audit
    assert token not in feed.text
    other, other_token = client_for(app, "eddie")
    assert (
        other.post(f"/hearings/feeds/{feed_id}/revoke", data={"csrf_token": other_token}).status_code == 404
    )
    assert (
        viewer.post(
            f"/hearings/feeds/{feed_id}/revoke", data={"csrf_token": token}, follow_redirects=False
        ).status_code
        == 303
    )
    assert anonymous.get(path).status_code == 404


def test_feed_shows_only_what_its_owner_may_see(app):
    marat = person_id(app, "Marat Zhanuzakov")
    editor, editor_token = client_for(app, "eddie")
    editor.post(f"/persons/{marat}/sensitive", data={"reason": "address", "csrf_token": editor_token})
    viewer, token = client_for(app, "vera")
    made = viewer.post("/hearings/feeds", data={"csrf_token": token})
    address = made.text.split('<code class="secret">')[1].split("</code>")[0]
    feed = TestClient(app).get(address[address.index("/feeds/") :])
    assert feed.status_code == 200 and "Zhanuzakov" not in feed.text
    for url in (
        "/prisoners",
        "/api/v1/prisoners",
        "/hearings",
        "/api/v1/hearings",
        "/hearings.ics",
        "/prisoners.csv",
    ):
        assert "Zhanuzakov" not in viewer.get(url).text, url
    assert "Zhanuzakov" in editor.get("/prisoners").text


def test_perpetrator_pages(app):
    viewer, _ = client_for(app, "vera")
    ranked = viewer.get("/api/v1/perpetrators").json()
    assert [p["name"] for p in ranked["perpetrators"]] == ["Aigerim Sadykova"]
    judge = ranked["perpetrators"][0]["person_id"]
    page = viewer.get(f"/perpetrators/{judge}")
    assert page.status_code == 200 and "Medeu district court" in page.text and "Hearing" in page.text
    assert viewer.get("/perpetrators").status_code == 200
    assert viewer.get(f"/perpetrators/{person_id(app, 'Marat Zhanuzakov')}").status_code == 404


def test_exports_download_as_the_user_sees_and_are_audited(app):
    marat = person_id(app, "Marat Zhanuzakov")
    editor, token = client_for(app, "eddie")
    editor.post(f"/persons/{marat}/sensitive", data={"reason": "address", "csrf_token": token})
    viewer, _ = client_for(app, "vera")
    for fmt in ("csv", "json", "ftm", "graphml"):
        response = viewer.get(f"/exports/{fmt}")
        assert response.status_code == 200, fmt
        assert "attachment" in response.headers["content-disposition"]
        assert "Marat Zhanuzakov" not in response.text, fmt
    assert "Marat Zhanuzakov" in editor.get("/exports/json").text
    assert "Marat Zhanuzakov" not in editor.get("/exports/json?public=1").text
    assert viewer.get("/exports/xlsx").status_code == 422
    with session_scope(app.state.engine) as session:
        actions = session.scalars(
            select(accounts.AuditEntry.action).where(accounts.AuditEntry.action == "export")
        )
        assert len(list(actions)) == 6
