"""Dates written relative to others: "yesterday", "the next day", "three days later", "last Tuesday"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from casewatch.extract.analysis import Analysis, DateMention
from casewatch.extract.context import table_notes
from casewatch.extract.fastmatch import guarded_alternation
from casewatch.extract.lexicon import load
from casewatch.extract.pipeline import component


@dataclass(frozen=True)
class Rules:
    report: list[tuple[re.Pattern[str], int]]
    previous: list[tuple[re.Pattern[str], int]]
    later: list[re.Pattern[str]]
    earlier: list[re.Pattern[str]]
    counts: dict[str, int]
    weekday: re.Pattern[str]
    weekday_index: dict[str, int]
    day_of_month: re.Pattern[str]


def _phrase(alternatives: list[str]) -> str:
    return guarded_alternation(alternatives)


@cache
def rules() -> Rules:
    data = load("relative_dates")
    counts = {str(k).lower(): int(v) for k, v in data["counts"].items()}
    number = r"(?P<n>\d{1,2}|" + "|".join(sorted(counts, key=len, reverse=True)) + ")"
    weekday_index = {w.lower(): int(i) for i, words in data["weekdays"].items() for w in words}
    lead = _phrase(sorted(data["weekday_lead"], key=len, reverse=True))
    days = _phrase(sorted(weekday_index, key=len, reverse=True))
    bound = r"(?<![\w-]){}(?![\w-])"
    return Rules(
        report=[
            (re.compile(bound.format(_phrase(p)), re.I), int(o)) for o, p in data["report_offsets"].items()
        ],
        previous=[
            (re.compile(bound.format(_phrase(p)), re.I), int(o)) for o, p in data["previous_offsets"].items()
        ],
        later=[re.compile(bound.format(_phrase([p.replace("{n}", number)])), re.I) for p in data["later"]],
        earlier=[
            re.compile(bound.format(_phrase([p.replace("{n}", number)])), re.I) for p in data["earlier"]
        ],
        counts=counts,
        weekday=re.compile(rf"(?<![\w-])(?P<lead>{lead})\s+(?P<day>{days})(?![\w-])", re.I),
        weekday_index=weekday_index,
        day_of_month=re.compile(bound.format(_phrase(data["day_of_month"])), re.I),
    )


def _iso(d: date) -> str:
    return d.isoformat()


def _previous_day(found: list[DateMention], pos: int, report: date | None = None) -> date | None:
    """The last full date told before `pos`; one after the report's date is a plan ("a rally notified for
    27 April"), from which nothing that happened is counted."""
    days = [
        m
        for m in found
        if m.date and m.precision == "day" and m.end <= pos and not (report and m.date > report.isoformat())
    ]
    return date.fromisoformat(days[-1].date) if days else None


def _candidates(text: str, report: date | None) -> list[tuple[int, int, str, int]]:
    """(start, end, anchor, days): anchor "report" or "previous" (the last full date told before)."""
    r = rules()
    out: list[tuple[int, int, str, int]] = []
    if report:
        for pattern, offset in r.report:
            out += [(m.start(), m.end(), "report", offset) for m in pattern.finditer(text)]
        for m in r.weekday.finditer(text):
            target = r.weekday_index[m.group("day").lower()]
            back = (report.weekday() - target) % 7 or (7 if "last" in m.group("lead").lower() else 0)
            start = m.start("day") if m.group("lead").lower() in ("on", "в", "во") else m.start()
            out.append((start, m.end(), "report", -back))
        for m in r.day_of_month.finditer(text):
            day = int(next(g for g in m.groups() if g))
            month = report.replace(day=1)
            if day > report.day:
                month = (month - timedelta(days=1)).replace(day=1)
            try:
                out.append((m.start(), m.end(), "report", (month.replace(day=day) - report).days))
            except ValueError:
                continue
    for pattern, offset in r.previous:
        out += [(m.start(), m.end(), "previous", offset) for m in pattern.finditer(text)]
    for sign, patterns in ((1, r.later), (-1, r.earlier)):
        for pattern in patterns:
            for m in pattern.finditer(text):
                n = m.group("n").lower()
                count = int(n) if n.isdigit() else r.counts.get(n)
                if count:
                    out.append((m.start(), m.end(), "previous", sign * count))
    return sorted(out)


def _note_day(known: list[DateMention], notes: list[tuple[int, int, int, int]], pos: int) -> date | None:
    """In a note under a table that tells no full date before `pos`, the date of the row it comments on."""
    for start, end, row_start, row_end in notes:
        if start <= pos < end and not any(m.precision == "day" and start <= m.start < pos for m in known):
            days = [m for m in known if m.date and m.precision == "day" and row_start <= m.start < row_end]
            return date.fromisoformat(days[0].date) if days else None
    return None


def find_relative_dates(text: str, report_date: str | None, found: list[DateMention]) -> list[DateMention]:
    """Relative dates resolved, in reading order, against the report's date or the last full date before
    (in a note under a table: its row's date)."""
    report = date.fromisoformat(report_date) if report_date and len(report_date) == 10 else None
    known = sorted(found, key=lambda m: m.start)
    notes = table_notes(text) if "|" in text else []
    out: list[DateMention] = []
    for start, end, anchor, days in _candidates(text, report):
        if any(m.start < end and start < m.end for m in known):
            continue
        base = (
            report
            if anchor == "report"
            else _note_day(known, notes, start) or _previous_day(known, start, report)
        )
        if base is None:
            continue
        mention = DateMention(start, end, _iso(base + timedelta(days=days)), "day")
        out.append(mention)
        known = sorted([*known, mention], key=lambda m: m.start)
    return out


@component("relative_dates", requires=("text", "report_date", "dates"), assigns=("dates",))
def relative_dates(analysis: Analysis) -> None:
    """Dates relative to the report or to the date told before ("yesterday", "the next day")."""
    extra = find_relative_dates(analysis.text, analysis.report_date, analysis.dates)
    if extra:
        analysis.dates = sorted(analysis.dates + extra, key=lambda d: d.start)
