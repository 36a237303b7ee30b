"""The political prisoner list: every target whose latest known state keeps them persecuted.

A person's state is derived from their dated events by the rules of `casewatch/data/custody.yaml`
(a verdict of imprisonment, a court's measure of restraint, a charge ...); each entry names the
event that set it, with its source. Shape of `prisoners()`:

    {"count": int, "country": str | None, ("limit": int, "offset": int, when one page is asked,)
     "prisoners": [{"person_id", "name", "status", "status_label", "since",
                    "set_by": {"event_id", "type", "date", "document", "quote", "claim_id"},
                    "articles": [{"key", "code", "title", "label"}], "term", "expected_release",
                    "place", "country"}]}
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date
from functools import cache

from sqlalchemy.orm import Session

from casewatch.data import load_yaml

from .case_events import CaseEvent, code_country, code_kind, load_events, place_country
from .scope import EVERYTHING, Scope

#: event types that can change a person's state (the rest are not read)
STATE_EVENTS = ("verdict", "restraint", "charge", "hearing")


@cache
def _custody() -> dict:
    data = load_yaml("custody.yaml")
    rules = []
    for rule in data["rules"]:
        term = re.compile(rule["term"], re.IGNORECASE) if rule.get("term") else None
        rules.append({**rule, "term": term})
    return {"statuses": data["statuses"], "rules": rules, "numbers": data["term_numbers"]}


def status_label(status: str) -> str:
    return _custody()["statuses"][status]["label"]


def _administrative_only(event: CaseEvent) -> bool:
    kinds = {code_kind(a["code"]) for a in event.articles if a.get("code")}
    return bool(kinds) and kinds == {"administrative"}


def event_state(event: CaseEvent) -> tuple[str, bool] | None:
    """The state an event sets (and whether it is weak), or None when it sets none."""
    for rule in _custody()["rules"]:
        if rule.get("type") and rule["type"] != event.type:
            continue
        if rule.get("outcome") and rule["outcome"] != event.outcome:
            continue
        if rule["term"] is not None and not (event.term and rule["term"].search(event.term)):
            continue
        return rule["status"], bool(rule.get("weak"))
    return None


def current_state(events: list[CaseEvent]) -> tuple[str, CaseEvent] | None:
    """(status, the event that set it) after a person's events, read in date order."""
    listed = {k for k, v in _custody()["statuses"].items() if v["listed"]}
    state: tuple[str, CaseEvent] | None = None
    for event in sorted(events, key=lambda e: (e.date or "", e.time or "")):
        if not event.date:
            continue
        found = event_state(event)
        if found is None:
            continue
        status, weak = found
        if status == "keep":
            continue
        if weak and (_administrative_only(event) or (state is not None and state[0] in listed)):
            continue
        state = (status, event)
    return state


# -- terms ------------------------------------------------------------------------------------


@cache
def _term_pattern() -> tuple[re.Pattern, dict[str, str]]:
    data = load_yaml("custody.yaml")
    numbers = "|".join(sorted(data["term_numbers"], key=len, reverse=True))
    unit_of = {}
    alternatives = []
    for unit, forms in data["term_units"].items():
        for form in forms:
            alternatives.append(f"(?P<{unit}{len(unit_of)}>{form})")
            unit_of[f"{unit}{len(unit_of)}"] = unit
    pattern = rf"(?P<n>\d+(?:[.,]5)?|{numbers})\s*(?:{'|'.join(alternatives)})\b"
    return re.compile(pattern, re.IGNORECASE), unit_of


def term_length(term: str | None) -> tuple[int, int, int] | None:
    """(years, months, days) of a term as written ("5 years and 6 months", "два года"), or None."""
    if not term:
        return None
    pattern, unit_of = _term_pattern()
    numbers = _custody()["numbers"]
    found = {"years": 0, "months": 0, "days": 0}
    for match in pattern.finditer(term):
        raw = match["n"].lower().replace(",", ".")
        value = float(raw) if raw[0].isdigit() else float(numbers[raw])
        unit = next(unit_of[k] for k, v in match.groupdict().items() if v and k != "n")
        found[unit] += int(value)
        if unit == "years" and value % 1:
            found["months"] += 6
    if not any(found.values()):
        return None
    return found["years"], found["months"], found["days"]


def add_term(start: str, length: tuple[int, int, int]) -> str:
    """start (YYYY-MM-DD) plus (years, months, days)."""
    from datetime import timedelta

    years, months, days = length
    d = date.fromisoformat(start)
    month_index = d.month - 1 + months
    year = d.year + years + month_index // 12
    month = month_index % 12 + 1
    day = min(d.day, monthrange(year, month)[1])
    return (date(year, month, day) + timedelta(days=days)).isoformat()


def expected_release(status: str, event: CaseEvent) -> str | None:
    """The day a term ends counted from the decision (before credit for time already served)."""
    if status not in ("imprisonment", "restricted_freedom", "probation"):
        return None
    if event.date_precision != "day" or not event.date:
        return None
    length = term_length(event.term)
    return add_term(event.date, length) if length else None


# -- the list ---------------------------------------------------------------------------------


def person_country_of(events: list[CaseEvent]) -> str | None:
    for event in reversed(events):
        for article in event.articles:
            if country := code_country(article.get("code")):
                return country
        if country := place_country(event.place):
            return country
    return None


def person_entries(
    events: list[CaseEvent], country: str | None = None, only: set[int] | None = None
) -> list[dict]:
    """The list's entries for the targets of these events (or only those in `only`), in the list's order."""
    by_person: dict[int, list[CaseEvent]] = {}
    names: dict[int, str] = {}
    for event in events:
        for p in event.targets:
            if p.person_id is not None and (only is None or p.person_id in only):
                by_person.setdefault(p.person_id, []).append(event)
                names[p.person_id] = p.name
    statuses = _custody()["statuses"]
    out = []
    for pid, person_events in by_person.items():
        state = current_state(person_events)
        if state is None or not statuses[state[0]]["listed"]:
            continue
        status, event = state
        person_country = person_country_of(person_events)
        if country and person_country != country.upper():
            continue
        articles: list[dict] = []
        for e in person_events:
            articles.extend(a for a in e.articles if a not in articles)
        place = next((e.place for e in reversed(person_events) if e.place), None)
        out.append(
            {
                "person_id": pid,
                "name": names[pid],
                "status": status,
                "status_label": status_label(status),
                "since": event.date,
                "set_by": {
                    "event_id": event.id,
                    "type": event.type,
                    "date": event.date,
                    "document": event.document,
                    "quote": event.quote,
                    "claim_id": event.claim_id,
                },
                "articles": articles,
                "term": event.term,
                "expected_release": expected_release(status, event),
                "place": place,
                "country": person_country,
            }
        )
    out.sort(key=list_order)
    return out


def list_order(entry: dict) -> tuple[str, str, int]:
    """Country (unknown last), name, then id: the list's order."""
    return entry["country"] or "~", entry["name"], entry["person_id"]


def prisoners(
    session: Session,
    scope: Scope = EVERYTHING,
    country: str | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> dict:
    """The political prisoner list (see the module docstring for its shape); with `limit`, one
    page of it (`count` is still the whole list's) read from the derived states (outputs/states.py)."""
    if limit is not None and not scope.confirmed_only:
        from .states import prisoner_page  # states derives with this module's rules

        listed, count = prisoner_page(session, scope, country, limit, offset)
    else:
        listed = person_entries(load_events(session, scope, types=STATE_EVENTS), country)
        count = len(listed)
        listed = listed if limit is None else listed[offset : offset + limit]
    out = {"count": count, "country": country.upper() if country else None, "prisoners": listed}
    return out if limit is None else {**out, "limit": limit, "offset": offset}
