"""Web app pages: dashboard, reports, review, persons, dossier, upload, search, audit, sensitive data."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from web_support import REPORT_UPLOAD, client_for, login, make_app, person_id

from casewatch.store import accounts
from casewatch.store import models as m
from casewatch.store.db import session_scope
from casewatch.web.highlight import segments
from casewatch.web.search import terms
from casewatch.web.visibility import WITHHELD, redact


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


def test_dashboard_counts_latest_reports_and_upcoming_hearings(app):
    c, _ = client_for(app, "vera")
    data = c.get("/?format=json").json()
    assert data["counts"]["reports"] == 2
    assert data["counts"]["persons"] == 5
    assert [r["title"] for r in data["latest_reports"]] == ["Weekly update", "Almaty bulletin"]
    [hearing] = data["upcoming_hearings"]
    assert hearing["date"] == "2030-04-15" and hearing["court"] == "Medeu district court"
    html = c.get("/").text
    assert "Upcoming hearings" in html and "2030-04-15" in html


def test_report_view_highlights_every_fact_with_a_link_to_its_claim(app):
    c, _ = client_for(app, "vera")
    data = c.get("/reports/1?format=json").json()
    spanned = {cl["id"] for cl in data["claims"] if cl["start"] is not None}
    highlighted = {s["claims"][0] for s in data["segments"] if s["claims"]}
    assert highlighted and highlighted <= spanned
    assert "".join(s["text"] for s in data["segments"]) == data["text"]
    html = c.get("/reports/1").text
    links = re.findall(
        r'<a class="fact status-unreviewed" href="#claim-(\w+)" data-claim="\w+">([^<]+)</a>', html
    )
    assert "Marat Zhanuzakov" in {text for _id, text in links}
    for claim_id, _text in links:
        assert f'id="claim-{claim_id}"' in html


def test_claim_page_shows_quote_in_context(app):
    c, _ = client_for(app, "vera")
    claim = next(cl for cl in c.get("/reports/1?format=json").json()["claims"] if cl["property"] == "type")
    data = c.get(f"/claims/{claim['id']}?format=json").json()
    assert data["context"]["quote"] == claim["quote"]
    assert data["document"]["id"] == 1
    assert "Confirm" not in c.get(f"/claims/{claim['id']}").text  # viewers get no review form


def test_editor_confirms_corrects_and_rejects_claims_with_audit_and_history(app):
    c, token = client_for(app, "eddie")
    claims = c.get("/reports/1?format=json").json()["claims"]
    first, second, third = claims[0]["id"], claims[1]["id"], claims[2]["id"]
    response = c.post(
        f"/claims/{first}/review",
        data={"action": "confirm", "back": "report", "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"].endswith(f"#claim-{first}")
    c.post(f"/claims/{second}/review", data={"action": "correct", "value": "other", "csrf_token": token})
    c.post(f"/claims/{third}/review", data={"action": "reject", "csrf_token": token})
    statuses = {cl["id"]: cl for cl in c.get("/api/v1/claims?document_id=1").json()["claims"]}
    assert statuses[first]["status"] == "confirmed"
    assert statuses[second]["status"] == "corrected" and statuses[second]["value"] == "other"
    assert statuses[third]["status"] == "rejected"
    page = c.get(f"/claims/{second}?format=json").json()
    assert page["reviews"][0]["user"] == "eddie"
    [entry] = page["history"]
    assert entry["before"]["status"] == "unreviewed" and entry["after"]["value"] == "other"
    assert "eddie" in c.get(f"/claims/{second}").text
    audit = c.get("/audit?format=json").json()["entries"]
    assert {e["action"] for e in audit} >= {"confirm", "correct", "reject"}


def test_review_queue_lists_claims_and_settles_uncertain_links(app):
    saule, dana = person_id(app, "Saule Zhanuzakova"), person_id(app, "Dana Kenzhebayeva")
    with session_scope(app.state.engine) as session:
        mention = session.scalar(select(m.PersonMention).where(m.PersonMention.person_id == saule))
        decision = m.LinkDecision(
            kind="review",
            status="pending",
            mention_id=mention.id,
            person_id=dana,
            mention_name=mention.name,
            score=0.6,
            reason="similar surname",
        )
        session.add(decision)
        session.flush()
        decision_id = decision.id
    c, token = client_for(app, "eddie")
    data = c.get("/review?format=json").json()
    assert data["unreviewed_total"] > 10
    [link] = data["links"]
    assert link["current"]["id"] == saule and link["candidate"]["id"] == dana
    assert "Same person: merge" in c.get("/review").text
    response = c.post(f"/review/links/{decision_id}", data={"action": "keep_apart", "csrf_token": token})
    assert response.status_code == 200
    assert c.get("/review?format=json").json()["links"] == []
    history = c.get(f"/persons/{dana}?format=json").json()["history"]
    assert history[0]["action"] == "keep_apart" and history[0]["user"] == "eddie"


def test_persons_search_and_filters(app):
    c, _ = client_for(app, "vera")

    def names(query: str) -> list[str]:
        return [p["name"] for p in c.get("/persons?format=json&" + query).json()["persons"]]

    assert names("q=zhanuzak") == ["Marat Zhanuzakov", "Saule Zhanuzakova"]
    assert names("q=ZHANUZAKOV&side=target") == ["Marat Zhanuzakov", "Saule Zhanuzakova"]
    assert names("role=judge") == ["Aigerim Sadykova"]
    assert names("article=405") == ["Marat Zhanuzakov"]
    assert names("article=405.2") == ["Marat Zhanuzakov"]
    assert sorted(names("place=Almaty")) == ["Aigerim Sadykova", "Marat Zhanuzakov"]
    assert names("status=hearing&side=target") == ["Marat Zhanuzakov"]
    assert names("q=nobody-like-this") == []
    options = c.get("/persons?format=json").json()["options"]
    assert "judge" in options["role"] and "405.2" in options["article"]
    assert "Marat Zhanuzakov" in c.get("/persons?q=Marat").text


def test_dossier_has_timeline_relations_and_sources(app):
    c, _ = client_for(app, "vera")
    marat = person_id(app, "Marat Zhanuzakov")
    data = c.get(f"/persons/{marat}?format=json").json()
    assert [e["type"] for e in data["timeline"]] == ["arrest", "charge", "hearing", "hearing"]
    assert [e["date"] for e in data["timeline"]][:2] == ["2024-03-02", "2024-03-02"]
    [relation] = data["relations"]
    assert relation["subtype"] == "wife" and relation["name"] == "Saule Zhanuzakova"
    assert [s["title"] for s in data["sources"]] == ["Almaty bulletin", "Weekly update"]
    html = c.get(f"/persons/{marat}").text
    assert "Timeline" in html and "Medeu district court" in html
    assert c.get("/persons/999").status_code == 404


def test_merged_person_redirects_to_the_kept_one(app):
    saule, dana = person_id(app, "Saule Zhanuzakova"), person_id(app, "Dana Kenzhebayeva")
    from casewatch.store.curation import merge_persons

    with session_scope(app.state.engine) as session:
        merge_persons(session, saule, dana, "test")
    c, _ = client_for(app, "vera")
    response = c.get(f"/persons/{dana}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/persons/{saule}"


def test_upload_runs_an_ingest_job_and_shows_its_progress(app):
    c, token = client_for(app, "eddie")
    response = c.post(
        "/upload",
        data={"csrf_token": token},
        files={"report": ("../../etc/bulletin 20.03.txt", REPORT_UPLOAD.encode())},
        follow_redirects=False,
    )
    assert response.status_code == 303
    job_url = response.headers["location"].split("?")[0]
    job = c.get(job_url + "?format=json").json()["job"]
    assert job["status"] == "done" and job["filename"] == "bulletin_20.03.txt"
    [document_id] = job["documents"]
    report = c.get(f"/reports/{document_id}?format=json").json()
    assert report["document"]["path"] == "upload/bulletin_20.03.txt"
    assert {p["name"] for p in report["persons"]} == {"Yerlan Tulegenov", "Gulnara Abenova"}
    assert 'http-equiv="refresh"' not in c.get(job_url).text
    assert c.get("/persons?format=json&q=Tulegenov").json()["total"] == 1


def test_a_running_job_page_refreshes_itself(app):
    c, token = client_for(app, "eddie")
    app.state.settings.ingest_runner = lambda engine, job_id: None  # the job stays queued
    response = c.post("/upload", data={"csrf_token": token}, files={"report": ("a.txt", b"some text")})
    assert 'http-equiv="refresh"' in response.text
    assert "queued" in response.text


def test_upload_of_an_unreadable_file_fails_with_a_message(app):
    c, token = client_for(app, "eddie")
    response = c.post(
        "/upload", data={"csrf_token": token}, files={"report": ("scan.pdf", b"not a pdf at all")}
    )
    job = c.get(response.url.path + "?format=json").json()["job"]
    assert job["status"] == "failed"
    assert "scan.pdf" in job["error"]
    assert c.post("/upload", data={"csrf_token": token}, files={"report": ("e.txt", b"")}).status_code == 400


def test_full_text_search(app):
    c, _ = client_for(app, "vera")
    data = c.get("/search?format=json&q=pre-trial detention").json()
    assert [r["title"] for r in data["results"]] == ["Almaty bulletin"]
    assert data["results"][0]["match"].casefold() in {"pre", "trial", "detention"}
    medeu = c.get("/search?format=json&q=Medeu").json()["results"]
    assert sorted(r["title"] for r in medeu) == ["Almaty bulletin", "Weekly update"]
    for odd in ['"', "NEAR(", "a*", "-", "AND OR", "Zhanuzakov)"]:
        assert c.get("/search", params={"q": odd}).status_code == 200
    assert "Weekly update" in c.get("/search?q=bail").text


def test_persons_and_report_search_find_a_name_in_cyrillic(app):
    c, _ = client_for(app, "vera")
    found = c.get("/persons", params={"format": "json", "q": "Жанузакову"}).json()
    assert "Marat Zhanuzakov" in {p["name"] for p in found["persons"]}
    reports = c.get("/search", params={"format": "json", "q": "Жанузаков"}).json()["results"]
    assert sorted(r["title"] for r in reports) == ["Almaty bulletin", "Weekly update"]


def test_search_terms_drop_query_syntax():
    assert terms('"Marat" AND (bail*)') == ["Marat", "AND", "bail"]


def test_sensitive_person_is_withheld_from_viewers_until_granted(app):
    saule = person_id(app, "Saule Zhanuzakova")
    editor, token = client_for(app, "eddie")
    assert (
        editor.post(
            f"/persons/{saule}/sensitive", data={"reason": "address", "csrf_token": token}
        ).status_code
        == 200
    )
    viewer, _ = client_for(app, "vera")
    assert viewer.get(f"/persons/{saule}").status_code == 404
    assert viewer.get("/persons?format=json&q=Saule").json()["total"] == 0
    report = viewer.get("/reports/1?format=json").json()
    assert "Saule" not in report["text"] and WITHHELD in report["text"]
    assert all("Saule" not in (cl["value"] or "") + cl["subject"] for cl in report["claims"])
    assert "Saule" not in viewer.get("/reports/1").text
    assert viewer.get("/search?format=json&q=Saule").json()["results"] == []
    marat = person_id(app, "Marat Zhanuzakov")
    assert viewer.get(f"/persons/{marat}?format=json").json()["relations"] == []  # not even "[withheld]"
    assert "Saule" in editor.get("/reports/1").text  # editors see everything
    admin, admin_token = client_for(app, "ada")
    admin.post("/admin/grants", data={"user": "vera", "person_id": str(saule), "csrf_token": admin_token})
    assert viewer.get(f"/persons/{saule}").status_code == 200
    assert "Saule" in viewer.get("/reports/1?format=json").json()["text"]


def test_sensitive_field_is_withheld_but_the_person_stays(app):
    marat = person_id(app, "Marat Zhanuzakov")
    editor, token = client_for(app, "eddie")
    editor.post(
        f"/persons/{marat}/sensitive", data={"reason": "health", "field": "relations", "csrf_token": token}
    )
    viewer, _ = client_for(app, "vera")
    data = viewer.get(f"/persons/{marat}?format=json").json()
    assert data["relations"] == [] and data["withheld_fields"] == ["relations"]
    assert data["timeline"]
    assert editor.get(f"/persons/{marat}?format=json").json()["relations"]
    history = editor.get(f"/persons/{marat}?format=json").json()["history"]
    assert history[0]["action"] == "mark_sensitive"


def test_admin_adds_a_user_who_can_log_in(app):
    admin, token = client_for(app, "ada")
    form = {
        "name": "newbie",
        "role": "editor",
        "password": "a-fine-password",
        "repeat": "a-fine-password",
        "csrf_token": token,
    }
    assert admin.post("/admin/users", data=form).status_code == 200
    assert admin.post("/admin/users", data=form | {"name": "other", "repeat": "different"}).status_code == 400
    c = TestClient(app)
    assert login(c, "newbie", "a-fine-password").status_code == 303
    assert c.get("/upload").status_code == 200


def test_deactivated_user_is_logged_out(app):
    viewer, _ = client_for(app, "vera")
    admin, token = client_for(app, "ada")
    with session_scope(app.state.engine) as session:
        vera = session.scalar(select(accounts.User.id).where(accounts.User.name == "vera"))
    admin.post(f"/admin/users/{vera}", data={"action": "deactivate", "csrf_token": token})
    assert viewer.get("/", follow_redirects=False).status_code == 303
    assert login(TestClient(app), "vera").status_code == 401


def test_password_change_needs_the_current_one(app):
    c, token = client_for(app, "vera")
    bad = {
        "current": "wrong-password-1",
        "new": "new-password-123",
        "repeat": "new-password-123",
        "csrf_token": token,
    }
    assert c.post("/account/password", data=bad).status_code == 400
    good = bad | {"current": "test-password-0123"}
    assert c.post("/account/password", data=good, follow_redirects=False).status_code == 303
    assert login(TestClient(app), "vera", "new-password-123").status_code == 303


def test_pages_and_json_share_one_context(app):
    c, _ = client_for(app, "vera")
    assert c.get("/persons?format=json").json()["persons"] == c.get("/api/v1/persons").json()["persons"]
    assert (
        c.get("/reports", headers={"Accept": "application/json"}).json()["reports"][0]["title"]
        == "Weekly update"
    )


def test_highlight_segments_handle_nesting_and_withheld_text():
    text = "Marat Zhanuzakov was detained in Almaty."
    spans = [(0, 16, "name", "unreviewed"), (0, 39, "event", "confirmed"), (33, 39, "place", "unreviewed")]
    parts = segments(text, spans, withheld=[(6, 16)])
    assert "".join(p.text for p in parts) == redact(text, [(6, 16)])
    assert parts[0].claims == ["name", "event"]
    assert parts[1].withheld and parts[1].text == WITHHELD
    assert parts[-2].claims == ["place", "event"]
    assert parts[-1].text == "." and parts[-1].claims == []
