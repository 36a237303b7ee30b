"""The /api/v1 JSON API: permissions like the pages, and schemathesis finds no server errors."""

from __future__ import annotations

import contextlib

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from web_support import login, make_app, session_csrf

from casewatch.web.security import SESSION_COOKIE


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("webapi"))


@pytest.fixture(scope="module")
def editor(app):
    c = TestClient(app)
    login(c, "eddie")
    return {"Cookie": f"{SESSION_COOKIE}={c.cookies.get(SESSION_COOKIE)}", "X-CSRF-Token": session_csrf(c)}


@pytest.fixture(scope="module")
def schema(app, editor):
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app, headers={"Cookie": editor["Cookie"]})


def test_openapi_schema_lists_the_resources(app, editor):
    c = TestClient(app)
    paths = c.get("/api/v1/openapi.json", headers=editor).json()["paths"]
    for path in (
        "/api/v1/persons",
        "/api/v1/persons/{person_id}",
        "/api/v1/events",
        "/api/v1/documents",
        "/api/v1/documents/{document_id}",
        "/api/v1/claims",
        "/api/v1/claims/{claim_id}",
        "/api/v1/claims/{claim_id}/review",
        "/api/v1/search",
    ):
        assert path in paths
    assert not any(not p.startswith("/api/v1/") for p in paths)


def test_api_answers_json_errors(app, editor):
    c = TestClient(app)
    assert c.get("/api/v1/persons/999", headers=editor).json() == {"error": "no such person"}
    response = c.get("/api/v1/persons/abc", headers=editor)
    assert response.status_code == 422 and response.json()["error"] == "invalid request"
    response = c.post("/api/v1/claims/nope/review", json={"action": "confirm"}, headers=editor)
    assert response.status_code == 404


def test_api_documents_and_events(app, editor):
    c = TestClient(app)
    documents = c.get("/api/v1/documents", headers=editor).json()["reports"]
    assert {d["title"] for d in documents} == {"Almaty bulletin", "Weekly update"}
    document = c.get(f"/api/v1/documents/{documents[0]['id']}", headers=editor).json()
    assert document["claims"] and "segments" not in document
    hearings = c.get("/api/v1/events?type=hearing&since=2030-01-01", headers=editor).json()["events"]
    assert [e["date"] for e in hearings] == ["2030-04-15"]


def fuzz(operation, mode, headers: dict, failures: list) -> int:
    """Send generated requests for one operation; record any 5xx answer; the number of requests sent."""
    sent = []

    @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def check(data):
        case = data.draw(operation.as_strategy(generation_mode=mode))
        response = case.call(headers=headers)
        sent.append(response.status_code)
        if response.status_code >= 500:
            failures.append(
                (
                    operation.method,
                    operation.path,
                    response.status_code,
                    case.path_parameters,
                    case.query,
                    case.body,
                )
            )

    with contextlib.suppress(Unsatisfiable):  # an operation with nothing invalid to send (negative mode)
        check()
    return len(sent)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_schemathesis_finds_no_server_errors(schema, editor, mode):
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9
    failures: list = []
    sent = sum(fuzz(operation, mode, editor, failures) for operation in operations)
    assert sent > 100
    assert failures == []
