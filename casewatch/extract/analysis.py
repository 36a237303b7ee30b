"""The Analysis: what extraction components read and fill in for one report.

Each component declares which attributes it `requires` and `assigns` (see pipeline.py).
All offsets are [start, end) into `text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DateMention:
    """A date or time expression. `date` is ISO (YYYY, YYYY-MM or YYYY-MM-DD) or None for a bare time."""

    start: int
    end: int
    date: str | None
    precision: str | None  # "day", "month", "year"
    time: str | None = None  # "HH:MM"
    #: "since", "from", "until", "before", "after" or "by" when a preposition says so, else None
    modifier: str | None = None
    #: True when the year was not written but taken from the report date or nearby text
    year_inferred: bool = False


@dataclass
class ArticleMention:
    """One criminal/administrative code article cited; "Parts 1 and 2" gives two mentions."""

    start: int
    end: int
    code: str  # KZ-CC, KZ-AC, BY-CC, KG-CC, AZ-CC, RU-CC
    article: str  # "405", "361-2", "234"
    part: str | None = None  # "2"
    title: str | None = None

    @property
    def key(self) -> str:
        return f"{self.article}.{self.part}" if self.part else self.article


@dataclass
class Entity:
    """A person, organisation or place: one entry per report, however often it is mentioned."""

    id: str
    name: str
    kind: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    side: str | None = None
    roles: list[str] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)


@dataclass
class Event:
    id: str
    type: str
    date: str | None = None
    date_precision: str | None = None
    time: str | None = None
    status: str | None = None
    persons: list[str] = field(default_factory=list)
    perpetrators: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    court: str | None = None
    location: str | None = None
    outcome: str | None = None
    term: str | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Relation:
    type: str
    a: str
    b: str
    subtype: str | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Analysis:
    text: str
    path: str = ""
    sha256: str = ""
    report_date: str | None = None
    title: str | None = None
    language: str | None = None
    #: sentence boundaries, [start, end)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    articles: list[ArticleMention] = field(default_factory=list)
    persons: list[Entity] = field(default_factory=list)
    organizations: list[Entity] = field(default_factory=list)
    locations: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
