"""The hearing calendar as iCalendar (RFC 5545), through the icalendar library.

One VEVENT per hearing with its stable UID; a hearing with a time starts at that time in the
court's local zone (VTIMEZONE included) and lasts an hour; one without a time is an all-day event.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

#: how long a hearing is shown in a calendar when the report gives only its start
HEARING_LENGTH = timedelta(hours=1)


def _names(people: list[dict]) -> str:
    return ", ".join(p["name"] for p in people)


def _summary(hearing: dict) -> str:
    who = _names(hearing["defendants"]) or "hearing"
    return f"Hearing: {who}" + (f" ({hearing['court']})" if hearing["court"] else "")


def _description(hearing: dict) -> str:
    lines = []
    if hearing["defendants"]:
        lines.append("Defendants: " + _names(hearing["defendants"]))
    if hearing["articles"]:
        lines.append("Articles: " + ", ".join(a["label"] for a in hearing["articles"]))
    if hearing["judges"]:
        lines.append("Judge: " + _names(hearing["judges"]))
    if hearing["prosecutors"]:
        lines.append("Prosecutor: " + _names(hearing["prosecutors"]))
    for source in hearing["sources"]:
        lines.append(f"Source: {source['document']['path']}")
        if source["quote"]:
            lines.append(f"  “{source['quote']}”")
    return "\n".join(lines)


def hearings_ics(calendar: dict, name: str = "casewatch hearings", stamp: datetime | None = None) -> bytes:
    """The `outputs.hearings.hearings()` document as an .ics file."""
    cal = Calendar()
    cal.add("prodid", "-//casewatch//hearing calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = stamp or datetime.now(ZoneInfo("UTC"))
    for day in calendar["days"]:
        for hearing in day["hearings"]:
            event = Event()
            event.add("uid", hearing["uid"])
            event.add("dtstamp", stamp)
            day_value = date.fromisoformat(hearing["date"])
            if hearing["time"]:
                hour, minute = (int(x) for x in hearing["time"].split(":")[:2])
                zone = ZoneInfo(hearing["time_zone"]) if hearing["time_zone"] else None
                start = datetime(day_value.year, day_value.month, day_value.day, hour, minute, tzinfo=zone)
                event.add("dtstart", start)
                event.add("dtend", start + HEARING_LENGTH)
            else:
                event.add("dtstart", day_value)
                event.add("dtend", day_value + timedelta(days=1))
            event.add("summary", _summary(hearing))
            event.add("description", _description(hearing))
            if hearing["court"] or hearing["place"]:
                event.add("location", ", ".join(x for x in (hearing["court"], hearing["place"]) if x))
            if hearing["status"] == "held":
                event.add("status", "CONFIRMED")
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
