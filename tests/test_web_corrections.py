"""A correction is checked against the claim's field type before anything is stored."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from web_support import login, make_app, session_csrf

from casewatch.store import accounts
from casewatch.store import models as m
from casewatch.store.db import session_scope


def test_an_invalid_correction_is_refused_with_a_form_error(tmp_path):
    app = make_app(tmp_path)
    c = TestClient(app)
    assert login(c, "eddie").status_code == 303
    token = session_csrf(c)
    with session_scope(app.state.engine) as s:
        date = s.scalar(select(m.Claim).where(m.Claim.property == "date").order_by(m.Claim.id).limit(1))
    response = c.post(
        f"/claims/{date.id}/review",
        data={"action": "correct", "value": "not-a-date <script>", "csrf_token": token, "back": "report"},
    )
    assert response.status_code == 400
    assert "is not a date" in response.text and "<script>" not in response.text
    api = c.post(
        f"/api/v1/claims/{date.id}/review",
        json={"action": "correct", "value": "2024-13-01"},
        headers={"X-CSRF-Token": token},
    )
    assert api.status_code == 400 and "is not a date" in api.json()["error"]
    with session_scope(app.state.engine) as s:
        claim = s.get(m.Claim, date.id)
        assert (claim.status, claim.value) == ("unreviewed", date.value)
        assert s.scalar(select(m.ReviewAction.id)) is None
        assert (
            s.scalar(select(accounts.AuditEntry.id).where(accounts.AuditEntry.entity_type == "claim")) is None
        )
    ok = c.post(
        f"/claims/{date.id}/review", data={"action": "correct", "value": "2024-03", "csrf_token": token}
    )
    assert ok.status_code == 200 and "Claim corrected." in ok.text
