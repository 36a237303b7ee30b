"""Invented reports, hand-written extraction records and helpers for the web tests (test support).

The records follow the extraction-record contract, so the web tests do not depend on how
well the extractor does; `sample_extractor` stands in for it in upload tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casewatch.document import Document

#: the users every test app has; the password is only for tests
TEST_PASSWORD = "test-password-0123"
USERS = {"ada": "admin", "eddie": "editor", "vera": "viewer"}
#: the Host names test apps answer: TestClient's and the browser tests' server
TEST_HOSTS = ["testserver", "127.0.0.1"]

REPORT_ALMATY = """Monitoring bulletin, 3 March 2024

On 2 March 2024 police in Almaty detained the activist Marat Zhanuzakov at a peaceful picket.
He was charged under Part 2 of Article 405 of the Criminal Code. Judge Aigerim Sadykova of the
Medeu district court placed him in pre-trial detention for two months.

His wife Saule Zhanuzakova said that officers came to her workplace and threatened her.
The next hearing in his case is set for 15 April 2030 at 10:00.
"""

REPORT_ASTANA = """Weekly update, 10 March 2024

The Medeu district court again refused bail to Marat Zhanuzakov. Human rights defender
Dana Kenzhebayeva, who observed the session, called the case politically motivated.
Note from the editors: <script>alert("report")</script> must appear as text.
"""

#: the report uploaded in upload tests
REPORT_UPLOAD = """Bulletin, 20 March 2024

In Shymkent, journalist Yerlan Tulegenov was questioned for six hours by the National Security
Committee about his reporting. His lawyer Gulnara Abenova was not allowed to attend.
"""


@dataclass
class P:
    """A person in a hand-written record: the spellings to find in the text, side and roles."""

    id: str
    name: str
    spellings: list[str]
    side: str
    roles: list[str]


def _spans(text: str, needle: str) -> list[list[int]]:
    return [[m.start(), m.end()] for m in re.finditer(re.escape(needle), text)]


def make_record(
    text: str,
    persons: list[P],
    events: list[dict] = (),
    relations: list[dict] = (),
    locations: list[tuple[str, str]] = (),
    articles: list[dict] = (),
) -> dict:
    """An extraction record for `text`; mentions and evidence are found by searching the text."""
    out_persons = []
    for p in persons:
        mentions = [span for s in p.spellings for span in _spans(text, s)]
        out_persons.append(
            {
                "id": p.id,
                "name": p.name,
                "aliases": [s for s in p.spellings if s != p.name],
                "side": p.side,
                "roles": p.roles,
                "mentions": mentions,
            }
        )
    out_events = []
    for ev in events:
        ev = dict(ev)
        quote = ev.pop("quote", None)
        ev["evidence"] = _spans(text, quote)[:1] if quote else []
        out_events.append(ev)
    out_relations = []
    for rel in relations:
        rel = dict(rel)
        quote = rel.pop("quote", None)
        rel["evidence"] = _spans(text, quote)[:1] if quote else []
        out_relations.append(rel)
    out_articles = []
    for art in articles:
        art = dict(art)
        quote = art.pop("quote", None)
        art["mentions"] = _spans(text, quote)[:1] if quote else []
        out_articles.append(art)
    return {
        "source": {},
        "persons": out_persons,
        "organizations": [],
        "locations": [
            {"id": lid, "name": name, "kind": "city", "mentions": _spans(text, name)}
            for lid, name in locations
        ],
        "articles": out_articles,
        "events": out_events,
        "relations": out_relations,
    }


def record_almaty(text: str = REPORT_ALMATY) -> dict:
    return make_record(
        text,
        [
            P("P1", "Marat Zhanuzakov", ["Marat Zhanuzakov"], "target", ["activist", "defendant"]),
            P("P2", "Aigerim Sadykova", ["Aigerim Sadykova"], "perpetrator", ["judge"]),
            P("P3", "Saule Zhanuzakova", ["Saule Zhanuzakova"], "target", ["relative"]),
        ],
        events=[
            {
                "id": "E1",
                "type": "arrest",
                "date": "2024-03-02",
                "date_precision": "day",
                "persons": ["P1"],
                "location": "L1",
                "quote": "police in Almaty detained the activist Marat Zhanuzakov",
            },
            {
                "id": "E2",
                "type": "charge",
                "date": "2024-03-02",
                "date_precision": "day",
                "persons": ["P1"],
                "articles": ["405.2"],
                "quote": "He was charged under Part 2 of Article 405",
            },
            {
                "id": "E3",
                "type": "hearing",
                "date": "2030-04-15",
                "date_precision": "day",
                "time": "10:00",
                "status": "scheduled",
                "persons": ["P1"],
                "perpetrators": ["P2"],
                "court": "Medeu district court",
                "location": "L1",
                "quote": "The next hearing in his case is set for 15 April 2030 at 10:00",
            },
        ],
        relations=[
            {"type": "family", "subtype": "wife", "a": "P3", "b": "P1", "quote": "His wife Saule Zhanuzakova"}
        ],
        locations=[("L1", "Almaty")],
        articles=[{"code": "KZ-CC", "article": "405", "part": "2", "quote": "Part 2 of Article 405"}],
    )


def record_astana(text: str = REPORT_ASTANA) -> dict:
    return make_record(
        text,
        [
            P("P1", "Marat Zhanuzakov", ["Marat Zhanuzakov"], "target", ["defendant"]),
            P("P2", "Dana Kenzhebayeva", ["Dana Kenzhebayeva"], "other", ["human_rights_defender"]),
            P("P3", '<script>alert("name")</script> Test', [], "other", []),
        ],
        events=[
            {
                "id": "E1",
                "type": "hearing",
                "date": "2024-03-09",
                "date_precision": "day",
                "status": "held",
                "persons": ["P1"],
                "quote": "The Medeu district court again refused bail to Marat Zhanuzakov",
            }
        ],
    )


def record_upload(text: str = REPORT_UPLOAD) -> dict:
    return make_record(
        text,
        [
            P("P1", "Yerlan Tulegenov", ["Yerlan Tulegenov"], "target", ["journalist"]),
            P("P2", "Gulnara Abenova", ["Gulnara Abenova"], "other", ["lawyer"]),
        ],
        events=[
            {
                "id": "E1",
                "type": "interrogation",
                "date": "2024-03-20",
                "date_precision": "day",
                "persons": ["P1"],
                "location": "L1",
                "quote": "journalist Yerlan Tulegenov was questioned for six hours",
            }
        ],
        locations=[("L1", "Shymkent")],
    )


def sample_extractor(doc: Document) -> dict:
    """A stand-in extractor that knows the invented reports (and finds nothing in any other text)."""
    for text, build in (
        (REPORT_ALMATY, record_almaty),
        (REPORT_ASTANA, record_astana),
        (REPORT_UPLOAD, record_upload),
    ):
        if doc.text.strip() == text.strip():
            return build(doc.text)
    return make_record(doc.text, [])


def document(text: str, path: str, report_date: str, title: str) -> Document:
    return Document(
        path=path, raw=text.encode(), text=text, format="txt", report_date=report_date, title=title
    )


def fill_database(engine) -> None:
    """Store the two invented reports and the three test users."""
    from casewatch.store import accounts
    from casewatch.store.db import session_scope
    from casewatch.store.ingest import store_document

    store_document(
        engine,
        document(REPORT_ALMATY, "reports/almaty.txt", "2024-03-03", "Almaty bulletin"),
        record_almaty(),
        "test-records",
    )
    store_document(
        engine,
        document(REPORT_ASTANA, "reports/astana.txt", "2024-03-10", "Weekly update"),
        record_astana(),
        "test-records",
    )
    with session_scope(engine) as session:
        for name, role in USERS.items():
            accounts.create_user(session, name, TEST_PASSWORD, role)


_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    """The CSRF token in a page's forms."""
    found = _CSRF.search(html)
    if not found:
        raise AssertionError("no CSRF token in the page")
    return found.group(1)


def login(client, name: str, password: str = TEST_PASSWORD):
    """Log a TestClient in; the login response (a 303 to the next page on success)."""
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login", data={"name": name, "password": password, "csrf_token": token}, follow_redirects=False
    )


def session_csrf(client) -> str:
    """The CSRF token of the client's current session."""
    return csrf_of(client.get("/account").text)


def client_for(app, name: str):
    """A TestClient logged in as one of the test users, and its session's CSRF token."""
    from fastapi.testclient import TestClient

    c = TestClient(app)
    assert login(c, name).status_code == 303
    return c, session_csrf(c)


def person_id(app, name: str) -> int:
    """The id of the person stored with this name."""
    from sqlalchemy import select

    from casewatch.store import models as m
    from casewatch.store.db import session_scope

    with session_scope(app.state.engine) as session:
        return session.scalar(select(m.Person.id).where(m.Person.name == name))


def make_app(tmp_path, **settings):
    """A web app over a fresh database in `tmp_path`, filled with the invented reports and users."""
    from casewatch.store.db import open_database
    from casewatch.web.app import create_app
    from casewatch.web.config import WebSettings

    url = f"sqlite:///{tmp_path / 'web.db'}"
    fill_database(open_database(url))
    options = {"background_jobs": False, "extractor": sample_extractor, "allowed_hosts": TEST_HOSTS}
    options |= settings
    return create_app(url, WebSettings(**options))
