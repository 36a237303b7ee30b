"""The prisoner list's pages on the web: the page's numbers and links, and the API's limit and offset."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from records import Report
from web_support import login, make_app

from casewatch.web.routers import cases


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path)
    report = Report("reports/pages.txt", "2024-05-06")
    for name in ("Gaukhar Zhumabekova", "Yerzhan Baitursynov"):
        report.person(name, "target", ["activist"])
        report.event(
            f"On 2 May 2024 {name} was charged under Article 174 Part 1 of the Criminal Code.",
            "charge",
            "2024-05-02",
            [name],
            articles=[report.article("KZ-CC", "174", "1")],
        )
    assert report.store(app.state.engine) == "new"
    return app


def test_the_api_gives_one_page_with_the_whole_count(app):
    viewer = TestClient(app)
    assert login(viewer, "vera").status_code == 303
    whole = viewer.get("/api/v1/prisoners?limit=1000").json()
    assert whole["count"] == len(whole["prisoners"]) == 3
    second = viewer.get("/api/v1/prisoners?limit=1&offset=1").json()
    assert (second["count"], second["limit"], second["offset"]) == (3, 1, 1)
    assert second["prisoners"] == whole["prisoners"][1:2]
    assert viewer.get("/api/v1/prisoners?limit=0").status_code == 422


def test_the_page_numbers_its_persons_across_pages(app, monkeypatch):
    monkeypatch.setattr(cases, "PAGE_SIZE", 2)
    viewer = TestClient(app)
    assert login(viewer, "vera").status_code == 303
    first, second = viewer.get("/prisoners"), viewer.get("/prisoners?page=2")
    assert "Page 1 of 2" in first.text and 'href="/prisoners?page=2"' in first.text
    assert "Page 2 of 2" in second.text and 'href="/prisoners?page=1"' in second.text
    assert "<td>3</td>" in second.text and "<td>1</td>" not in second.text
