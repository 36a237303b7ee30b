"""Sensitive records stay hidden from viewers without a grant: everywhere, and through merge, split,
relink and re-extraction (issue 9, findings 1-3)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from web_support import (
    TEST_HOSTS,
    TEST_PASSWORD,
    USERS,
    P,
    client_for,
    document,
    make_record,
)

from casewatch.store import accounts
from casewatch.store import models as m
from casewatch.store.db import open_database, session_scope
from casewatch.store.ingest import reextract_document, store_document
from casewatch.web.app import create_app, iter_routes
from casewatch.web.config import WebSettings

REPORT_ORAL = """Bulletin, 4 May 2024

On 3 May 2024 police in Oral detained the blogger Pavel Korneyev (Павел Корнеев) after a protest.
Supporters posted under #FreeKorneyev and wrote to free.korneyev@example.org for news.
Lawyer Timur Essenov called the detention unlawful. Korneyev's sister Irina Volkova, whom friends
call Ira Volkova, was questioned as a witness on 4 May 2024.
"""

REPORT_DIGEST = """Digest, 11 May 2024

Lawyer Timur Essenov visited the detention centre in Oral. Readers shared #СвободуКорнееву.
The court set a hearing for Pavel Korneyev on 20 June 2031.
"""

REPORT_BELOVA = """Note, 12 May 2024

In Uralsk the teacher Anna Belova was fined for a post.
"""

REPORT_SMIRNOVA = """Note, 13 May 2024

In Aktobe the teacher Anna Smirnova was warned by the prosecutor.
"""

#: what a viewer without a grant must never read: the hidden person's spellings, hashtags and
#: e-mail built from them, the field-marked person's alias and role, and the marks' reasons
SECRETS = [
    "Korneyev",
    "Корнеев",
    "FreeKorneyev",
    "free.korneyev",
    "СвободуКорнееву",
    "Ira Volkova",
    "witness",
    "unpublished",
]


def record_oral(text: str = REPORT_ORAL) -> dict:
    return make_record(
        text,
        [
            P("P1", "Pavel Korneyev", ["Pavel Korneyev", "Павел Корнеев"], "target", ["blogger"]),
            P("P2", "Timur Essenov", ["Timur Essenov"], "other", ["lawyer"]),
            P("P3", "Irina Volkova", ["Irina Volkova", "Ira Volkova"], "target", ["witness"]),
        ],
        events=[
            {
                "id": "E1",
                "type": "arrest",
                "date": "2024-05-03",
                "date_precision": "day",
                "persons": ["P1"],
                "others": ["P2"],
                "location": "L1",
                "quote": "police in Oral detained the blogger Pavel Korneyev",
            },
            {
                "id": "E2",
                "type": "interrogation",
                "date": "2024-05-04",
                "date_precision": "day",
                "persons": ["P3"],
                "quote": "was questioned as a witness on 4 May 2024",
            },
        ],
        relations=[
            {"type": "family", "subtype": "sister", "a": "P3", "b": "P1", "quote": "Korneyev's sister"}
        ],
        locations=[("L1", "Oral")],
    )


def record_digest(text: str = REPORT_DIGEST) -> dict:
    return make_record(
        text,
        [
            P("P1", "Pavel Korneyev", ["Pavel Korneyev"], "target", ["blogger"]),
            P("P2", "Timur Essenov", ["Timur Essenov"], "other", ["lawyer"]),
        ],
        events=[
            {
                "id": "E1",
                "type": "hearing",
                "date": "2031-06-20",
                "date_precision": "day",
                "status": "scheduled",
                "persons": ["P1"],
                "quote": "The court set a hearing for Pavel Korneyev on 20 June 2031",
            }
        ],
        locations=[("L1", "Oral")],
    )


def teacher(text: str, name: str) -> dict:
    return make_record(text, [P("P1", name, [name], "target", ["teacher"])])


DOCS = {
    "oral": (
        REPORT_ORAL,
        "reports/free-korneyev/oral.txt",
        "2024-05-04",
        "Pavel Korneyev detained",
        record_oral,
    ),
    "digest": (REPORT_DIGEST, "reports/digest.txt", "2024-05-11", "Digest: Корнеев hearing", record_digest),
    "belova": (
        REPORT_BELOVA,
        "reports/belova.txt",
        "2024-05-12",
        "Uralsk note",
        lambda t: teacher(t, "Anna Belova"),
    ),
    "smirnova": (
        REPORT_SMIRNOVA,
        "reports/smirnova.txt",
        "2024-05-13",
        "Aktobe note",
        lambda t: teacher(t, "Anna Smirnova"),
    ),
}


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    """The reports and users, stored once; each test gets a copy."""
    path = tmp_path_factory.mktemp("visibility") / "vis.db"
    engine = open_database(f"sqlite:///{path}")
    for text, report, date, title, build in DOCS.values():
        store_document(engine, document(text, report, date, title), build(text), "test-records")
    with session_scope(engine) as session:
        for name, role in USERS.items():
            accounts.create_user(session, name, TEST_PASSWORD, role)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def app(filled, tmp_path):
    shutil.copy(filled, tmp_path / "vis.db")
    settings = WebSettings(background_jobs=False, allowed_hosts=TEST_HOSTS)
    return create_app(f"sqlite:///{tmp_path / 'vis.db'}", settings)


def person_id(app, name: str) -> int:
    with session_scope(app.state.engine) as session:
        return session.scalar(
            select(m.Person.id).where(m.Person.name == name, m.Person.merged_into.is_(None))
        )


def doc_id(app, key: str) -> int:
    with session_scope(app.state.engine) as session:
        return session.scalar(select(m.Document.id).where(m.Document.path == DOCS[key][1]))


def mark(app, person: int, field: str = "", reason: str = "unpublished_witness", editor=None) -> None:
    editor, token = editor or client_for(app, "eddie")
    response = editor.post(
        f"/persons/{person}/sensitive", data={"reason": reason, "field": field, "csrf_token": token}
    )
    assert response.status_code == 200


@pytest.fixture
def marked(app):
    """Pavel Korneyev hidden as a whole; Irina Volkova's roles, timeline, aliases, relations and sources."""
    pavel, irina = person_id(app, "Pavel Korneyev"), person_id(app, "Irina Volkova")
    assert pavel and irina and person_id(app, "Timur Essenov")
    editor = client_for(app, "eddie")
    mark(app, pavel, editor=editor)
    for field in ("roles", "timeline", "aliases", "relations", "sources"):
        mark(app, irina, field, "unpublished_witness", editor)
    return app


def leaks(text: str, also: tuple[str, ...] = ()) -> list[str]:
    folded = text.casefold()
    return [s for s in [*SECRETS, *also] if s.casefold() in folded]


def visible_names(viewer: TestClient) -> set[str]:
    return {p["name"] for p in viewer.get("/api/v1/persons").json()["persons"]}


# --- finding 1: titles and paths, sources of a co-mentioned person, search ----------------------


def test_hidden_name_in_a_report_title_or_path_is_withheld(marked):
    viewer, _ = client_for(marked, "vera")
    oral = doc_id(marked, "oral")
    reports = viewer.get("/reports?format=json").json()["reports"]
    assert not leaks(repr(reports))
    assert not leaks(viewer.get("/reports").text)
    page = viewer.get(f"/reports/{oral}").text
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "[withheld]" in title and not leaks(title)
    assert not leaks(repr(viewer.get("/api/v1/documents").json()))
    timur = person_id(marked, "Timur Essenov")
    sources = viewer.get(f"/api/v1/persons/{timur}").json()["sources"]
    assert len(sources) == 2 and not leaks(repr(sources))
    for q in ("Korneyev", "korneyev", "FreeKorneyev", "Корнеев", "Pavel Korneyev"):
        assert viewer.get("/api/v1/search", params={"q": q}).json()["results"] == [], q
    assert viewer.get("/api/v1/search", params={"q": "Essenov"}).json()["results"]
    # an editor still reads everything
    editor, _ = client_for(marked, "eddie")
    assert "Pavel Korneyev detained" in editor.get("/reports").text


# --- finding 2: marks follow mentions through merge, split, relink and re-extraction ---------------


def test_a_mark_survives_a_merge_into_a_visible_person(marked):
    from casewatch.store.curation import merge_persons

    pavel, timur = person_id(marked, "Pavel Korneyev"), person_id(marked, "Timur Essenov")
    with session_scope(marked.state.engine) as session:
        merge_persons(session, timur, pavel, "test")
    viewer, _ = client_for(marked, "vera")
    assert not leaks(viewer.get("/api/v1/persons").text)
    assert viewer.get(f"/api/v1/persons/{timur}").status_code == 404
    # the merged id does not redirect: it answers like an id that never existed
    for pid in (pavel, timur):
        response = viewer.get(f"/persons/{pid}", follow_redirects=False)
        assert response.status_code == 404 and response.text == viewer.get("/persons/99999").text


def test_a_merged_hidden_person_is_not_found_rather_than_redirected(marked):
    from casewatch.store.curation import merge_persons

    pavel = person_id(marked, "Pavel Korneyev")
    with session_scope(marked.state.engine) as session:
        belova = session.scalar(select(m.Person.id).where(m.Person.name == "Anna Belova"))
        merge_persons(session, pavel, belova, "test")
    viewer, _ = client_for(marked, "vera")
    assert viewer.get(f"/persons/{belova}", follow_redirects=False).status_code == 404
    assert viewer.get(f"/api/v1/persons/{belova}").status_code == 404
    assert "Anna Belova" not in visible_names(viewer)


def test_a_mark_survives_a_split(marked):
    from casewatch.store.curation import split_person

    pavel = person_id(marked, "Pavel Korneyev")
    with session_scope(marked.state.engine) as session:
        sha = session.get(m.Document, doc_id(marked, "digest")).sha256
        new = split_person(session, pavel, sha, "test").id
    viewer, _ = client_for(marked, "vera")
    assert viewer.get(f"/api/v1/persons/{new}").status_code == 404
    assert not leaks(viewer.get("/api/v1/persons").text)
    assert viewer.get("/?format=json").json()["counts"]["persons"] == len(visible_names(viewer))


def test_a_mark_and_a_merge_survive_relink(app):
    from casewatch.store.curation import merge_persons
    from casewatch.store.linking import relink_all

    belova, smirnova = person_id(app, "Anna Belova"), person_id(app, "Anna Smirnova")
    with session_scope(app.state.engine) as session:
        merge_persons(session, smirnova, belova, "test")  # the same teacher, married since
    mark(app, smirnova)
    with session_scope(app.state.engine) as session:
        relink_all(session)
    assert len(teachers(app)) == 1  # relink does not undo the human merge
    viewer, _ = client_for(app, "vera")
    names = visible_names(viewer)
    assert "Anna Smirnova" not in names and "Anna Belova" not in names


def teachers(app) -> set[int]:
    """The persons the two teacher notes' mentions belong to."""
    with session_scope(app.state.engine) as session:
        return set(
            session.scalars(
                select(m.PersonMention.person_id)
                .join(m.Document, m.Document.id == m.PersonMention.document_id)
                .where(m.Document.path.in_([DOCS["belova"][1], DOCS["smirnova"][1]]))
            )
        )


def test_a_same_person_decision_from_the_review_queue_survives_relink(app):
    from casewatch.store.curation import settle_link
    from casewatch.store.linking import relink_all

    belova, smirnova = person_id(app, "Anna Belova"), person_id(app, "Anna Smirnova")
    with session_scope(app.state.engine) as session:
        mention = session.scalar(select(m.PersonMention.id).where(m.PersonMention.person_id == belova))
        pending = m.LinkDecision(
            kind="review", status="pending", mention_id=mention, person_id=smirnova, other_person_id=belova
        )
        session.add(pending)
        session.flush()
        settle_link(session, pending.id, "merge", "test")
    assert teachers(app) == {smirnova}
    with session_scope(app.state.engine) as session:
        relink_all(session)
    assert teachers(app) == {smirnova}


def test_a_mark_survives_reextraction(marked):
    engine = marked.state.engine
    for key in ("oral", "digest"):
        text, path, date, title, build = DOCS[key]
        assert (
            reextract_document(engine, document(text, path, date, title), build(text), "v2") == "reextracted"
        )
    viewer, _ = client_for(marked, "vera")
    assert not leaks(viewer.get("/api/v1/persons").text)
    irina = person_id(marked, "Irina Volkova")
    data = viewer.get(f"/api/v1/persons/{irina}").json()
    assert data["roles"] == [] and data["timeline"] == [] and data["aliases"] == []
    assert not leaks(viewer.get(f"/api/v1/documents/{doc_id(marked, 'oral')}").text)


def test_a_mark_reaches_a_new_version_of_the_report(marked):
    engine = marked.state.engine
    text, path, date, title, build = DOCS["oral"]
    changed = text.replace("after a protest", "after a peaceful protest")
    assert store_document(engine, document(changed, path, date, title), build(changed), "v2") == "version"
    from casewatch.store.linking import relink_all

    with session_scope(engine) as session:
        relink_all(session)
    viewer, _ = client_for(marked, "vera")
    assert not leaks(viewer.get("/api/v1/persons").text)
    with session_scope(engine) as session:
        new = session.scalar(select(m.Document.id).where(m.Document.path == path, m.Document.is_current))
    assert not leaks(viewer.get(f"/api/v1/documents/{new}").text)


# --- finding 3: field marks hold everywhere; reasons, hashtags and e-mails ------------------------


def test_a_field_mark_holds_in_every_list_and_api(marked):
    viewer, _ = client_for(marked, "vera")
    irina = person_id(marked, "Irina Volkova")
    oral = viewer.get(f"/api/v1/documents/{doc_id(marked, 'oral')}").json()
    mine = [p for p in oral["persons"] if p["name"] == "Irina Volkova"]
    assert mine and all(p["roles"] == [] and p["person_id"] is None for p in mine)
    assert viewer.get("/api/v1/persons", params={"role": "witness"}).json()["total"] == 0
    listed = [p for p in viewer.get("/api/v1/persons").json()["persons"] if p["id"] == irina]
    assert listed and listed[0]["roles"] == [] and listed[0]["reports"] == 0
    claims = viewer.get("/api/v1/claims").json()["claims"]
    assert not [c for c in claims if c["property"] in ("role", "relation") and "Volkova" in c["subject"]]
    assert not [c for c in claims if c["value"] == "Ira Volkova"]
    events = viewer.get("/api/v1/events").json()["events"]
    assert "interrogation" not in {e["type"] for e in events}
    dossier = viewer.get(f"/api/v1/persons/{irina}").json()
    assert dossier["sensitive"] == [] and not leaks(repr(dossier))
    assert "witness" not in viewer.get("/persons").text


def test_hashtags_and_email_built_from_a_hidden_name_are_withheld(marked):
    viewer, _ = client_for(marked, "vera")
    for key in ("oral", "digest"):
        data = viewer.get(f"/api/v1/documents/{doc_id(marked, key)}").json()
        assert not leaks(data["text"]), data["text"]
        assert "[withheld]" in data["text"]
    text = viewer.get(f"/api/v1/documents/{doc_id(marked, 'oral')}").json()["text"]
    assert "Timur Essenov" in text and "Irina Volkova" in text and "@example.org" not in text


def test_a_reasoned_mark_is_shown_only_to_editors(marked):
    irina = person_id(marked, "Irina Volkova")
    editor, _ = client_for(marked, "eddie")
    assert {s["reason"] for s in editor.get(f"/api/v1/persons/{irina}").json()["sensitive"]} == {
        "unpublished_witness"
    }
    viewer, _ = client_for(marked, "vera")
    assert "unpublished" not in viewer.get(f"/persons/{irina}").text


# --- smaller findings: grants, audited reads ------------------------------------------------------


def test_a_grant_to_a_person_that_does_not_exist_is_refused(marked):
    admin, token = client_for(marked, "ada")
    response = admin.post("/admin/grants", data={"user": "vera", "person_id": "99999", "csrf_token": token})
    assert response.status_code == 404
    with session_scope(marked.state.engine) as session:
        assert session.scalars(select(accounts.SensitiveGrant)).all() == []


def test_a_grant_lets_a_viewer_see_the_person_and_the_read_is_audited(marked):
    pavel = person_id(marked, "Pavel Korneyev")
    admin, token = client_for(marked, "ada")
    assert (
        admin.post(
            "/admin/grants", data={"user": "vera", "person_id": str(pavel), "csrf_token": token}
        ).status_code
        == 200
    )
    viewer, _ = client_for(marked, "vera")
    assert viewer.get(f"/api/v1/persons/{pavel}").json()["person"]["name"] == "Pavel Korneyev"
    editor, _ = client_for(marked, "eddie")
    editor.get(f"/persons/{pavel}")
    with session_scope(marked.state.engine) as session:
        reads = session.scalars(
            select(accounts.AuditEntry).where(
                accounts.AuditEntry.action == "read", accounts.AuditEntry.entity_id == str(pavel)
            )
        ).all()
        assert {e.username for e in reads} == {"vera", "eddie"}
    timur = person_id(marked, "Timur Essenov")
    editor.get(f"/persons/{timur}")  # reading a person who is not sensitive is not logged
    with session_scope(marked.state.engine) as session:
        assert not session.scalars(
            select(accounts.AuditEntry).where(
                accounts.AuditEntry.action == "read", accounts.AuditEntry.entity_id == str(timur)
            )
        ).all()


# --- the leak test: every route of the app, as a viewer without a grant ----------------------------


def _fill(path: str, ids: dict[str, list[str]]) -> list[str]:
    """Every way of filling the path's parameters with the fixture's ids."""
    names = re.findall(r"{(\w+)(?::\w+)?}", path)
    urls = [path]
    for name in names:
        values = ids.get(name)
        assert values, f"the leak test has no ids for {{{name}}} in {path}: add some"
        urls = [re.sub(r"{" + name + r"(?::\w+)?}", v, u, count=1) for u in urls for v in values]
    return urls


def test_no_route_tells_a_viewer_without_a_grant_about_hidden_records(marked):
    from casewatch.store.curation import merge_persons

    engine = marked.state.engine
    pavel, irina, timur = (person_id(marked, n) for n in ("Pavel Korneyev", "Irina Volkova", "Timur Essenov"))
    belova = person_id(marked, "Anna Belova")
    with session_scope(engine) as session:  # a merged id of the hidden person must tell nothing either
        merge_persons(session, pavel, belova, "test")
    secret = ("Belova",)
    with session_scope(engine) as session:
        docs = [str(d) for d in session.scalars(select(m.Document.id))]
        hidden_claims = session.scalars(
            select(m.Claim.id).where(m.Claim.subject.in_(["person:Pavel Korneyev", "person:Irina Volkova"]))
        ).all()
        visible_claim = session.scalar(select(m.Claim.id).where(m.Claim.subject == "person:Timur Essenov"))
        marks = [str(x) for x in session.scalars(select(accounts.SensitiveMark.id))]
        users = [str(x) for x in session.scalars(select(accounts.User.id))]
        decisions = [str(x) for x in session.scalars(select(m.LinkDecision.id).limit(3))]
    ids = {
        "person_id": [str(pavel), str(belova), str(irina), str(timur)],
        "document_id": docs,
        "claim_id": [*hidden_claims, visible_claim],
        "mark_id": marks,
        "user_id": users,
        "grant_id": ["1"],
        "decision_id": decisions,
        "job_id": ["1"],
        "path": ["casewatch.css"],
        "feed_id": ["1"],
        "token": ["not-a-feed-token"],
        "fmt": ["csv", "json", "ftm", "graphml"],
    }
    viewer, token = client_for(marked, "vera")
    seen = 0
    for route in iter_routes(marked.routes):
        for url in _fill(route.path, ids):
            for method in sorted(route.methods - {"HEAD"}):
                if method == "GET":
                    responses = [viewer.get(url), viewer.get(url, params={"format": "json"})]
                else:
                    responses = [
                        viewer.request(method, url, data={"csrf_token": token}, follow_redirects=False),
                        viewer.request(method, url, headers={"X-CSRF-Token": token}, follow_redirects=False),
                    ]
                    if viewer.get("/account", follow_redirects=False).status_code != 200:  # logged out
                        viewer, token = client_for(marked, "vera")
                for response in responses:
                    seen += 1
                    headers = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
                    assert not leaks(response.text, secret), (method, url, leaks(response.text, secret))
                    assert not leaks(headers, secret), (method, url, headers)
    assert seen > 60
    # a hidden person answers exactly like one that never existed
    for pid in (pavel, belova):
        assert viewer.get(f"/api/v1/persons/{pid}").json() == viewer.get("/api/v1/persons/99999").json()
    assert viewer.get(f"/claims/{hidden_claims[0]}").text == viewer.get("/claims/nope").text.replace(
        "nope", hidden_claims[0]
    )
    # counts leave the hidden person out
    listed = viewer.get("/api/v1/persons").json()
    with session_scope(engine) as session:
        everyone = len(session.scalars(select(m.Person.id).where(m.Person.merged_into.is_(None))).all())
    assert listed["total"] == everyone - 1 == viewer.get("/?format=json").json()["counts"]["persons"]


def test_removing_the_mark_shows_the_person_again(marked):
    pavel = person_id(marked, "Pavel Korneyev")
    editor, token = client_for(marked, "eddie")
    [whole] = [s for s in editor.get(f"/api/v1/persons/{pavel}").json()["sensitive"] if s["field"] is None]
    response = editor.post(f"/persons/{pavel}/sensitive/{whole['id']}/remove", data={"csrf_token": token})
    assert response.status_code == 200
    viewer, _ = client_for(marked, "vera")
    assert viewer.get(f"/api/v1/persons/{pavel}").json()["person"]["name"] == "Pavel Korneyev"
    assert "Pavel Korneyev detained" in viewer.get("/reports").text
