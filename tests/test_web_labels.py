"""Pages show the vocabularies' labels and articles with their code, never internal keys."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_support import login, make_app


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    client = TestClient(make_app(tmp_path_factory.mktemp("labels")))
    login(client, "eddie")
    return client


def marat(client: TestClient) -> int:
    persons = client.get("/api/v1/persons").json()["persons"]
    return next(p["id"] for p in persons if p["name"] == "Marat Zhanuzakov")


def test_the_dossier_shows_labels_and_article_codes(editor):
    html = editor.get(f"/persons/{marat(editor)}").text
    assert "<strong>Arrest</strong>" in html and "<strong>arrest</strong>" not in html
    assert "Activist, Defendant" in html and '<span class="tag">Target</span>' in html
    assert "art. KZ-CC 405.2" in html and '<span class="tag">Scheduled</span>' in html
    assert "Has wife:" in html


def test_the_persons_list_shows_labels_and_article_codes(editor):
    html = editor.get("/persons").text
    assert "<td>KZ-CC 405.2</td>" in html and "<td>Activist, Defendant</td>" in html
    assert '<option value="405.2">KZ-CC 405.2</option>' in html
    assert '<option value="perpetrator">Perpetrator</option>' in html
    assert "<td>target</td>" not in html and "<td>Target</td>" in html


def test_a_claim_shows_the_label_of_its_value(editor):
    claims = editor.get("/api/v1/claims").json()["claims"]
    role = next(c for c in claims if c["property"] == "role" and c["value"] == "activist")
    html = editor.get(f"/claims/{role['id']}").text
    assert "<dd>Activist</dd>" in html and "<dd>activist</dd>" not in html


def test_the_dashboards_figures_link_to_their_lists(editor):
    html = editor.get("/").text
    for href in ('href="/reports"', 'href="/persons"'):
        assert href in html
    assert html.count('<a href="/review"><strong>') == 2
