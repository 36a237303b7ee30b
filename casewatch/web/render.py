"""One context dict, two formats: render it with a template or return it as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from casewatch.outputs.labels import claim_value_label, label
from casewatch.web.security import CSRF_FIELD
from casewatch.web.visibility import request_visibility

TEMPLATES_DIR = Path(__file__).parent / "templates"

#: messages a redirect may ask a page to show; pages never echo free text from the URL
MESSAGES = {
    "saved": "Saved.",
    "confirmed": "Claim confirmed.",
    "corrected": "Claim corrected.",
    "rejected": "Claim rejected.",
    "merged": "Persons merged.",
    "kept_apart": "Kept apart.",
    "linked": "Mention linked.",
    "uploaded": "Upload received; the report is being ingested.",
    "job_cancelled": "Job cancelled.",
    "user_added": "User added.",
    "password_changed": "Password changed; other sessions were logged out.",
    "totp_enabled": "Second factor enabled.",
    "totp_disabled": "Second factor removed.",
    "granted": "Access granted.",
    "revoked": "Access revoked.",
    "marked": "Marked sensitive.",
    "unmarked": "No longer marked sensitive.",
    "logged_out": "You are logged out.",
}


def _query(request: Request, **changes: Any) -> str:
    """The current query string with some parameters changed (None removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params) if params else "?"


templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.globals["query"] = _query
templates.env.globals["CSRF_FIELD"] = CSRF_FIELD
#: pages show the vocabularies' labels, never internal keys: {{ e.type | label("event_type") }}
templates.env.filters["label"] = lambda key, kind: label(kind, key)
templates.env.filters["labels"] = lambda keys, kind: [label(kind, k) for k in keys or ()]


def _claim_value(claim: dict[str, Any], key: str = "value") -> str:
    """A claim's value (or original value) as a page shows it: its label when it is a vocabulary key."""
    return claim_value_label(claim["subject"], claim["property"], claim[key])


templates.env.filters["claim_value"] = _claim_value


def _withheld(request: Request, context: dict[str, Any]) -> dict[str, Any]:
    """The context as the user may see it: hidden names withheld from every string (visibility.py)."""
    vis = request_visibility(request)
    return context if vis is None else vis.scrub(context)


def page(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """Render `template` with the context plus what every page needs (user, CSRF token, message)."""
    web_session = getattr(request.state, "web_session", None)
    context = _withheld(request, context)
    full = {
        "request": request,
        "user": getattr(request.state, "user", None),
        "csrf_token": web_session.csrf_token if web_session else "",
        "message": MESSAGES.get(request.query_params.get("msg", "")),
        "data": context,
        **context,
    }
    return templates.TemplateResponse(request, template, full, status_code=status_code)


def wants_json(request: Request) -> bool:
    """True when the client asked for JSON (?format=json or an Accept header without text/html)."""
    if request.query_params.get("format") == "json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def respond(request: Request, template: str, context: dict[str, Any]) -> HTMLResponse | JSONResponse:
    """The same context as HTML or as JSON, as the client asked."""
    if wants_json(request):
        return JSONResponse(_withheld(request, context))
    return page(request, template, context)


def redirect(url: str, msg: str | None = None) -> RedirectResponse:
    """A 303 redirect after a form post, optionally naming a message from MESSAGES."""
    if msg:
        url += ("&" if "?" in url else "?") + urlencode({"msg": msg})
    return RedirectResponse(url, status_code=303)
