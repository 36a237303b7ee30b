"""How likely a fact of an extraction record is right: its rule family, and the family's measured precision.

A family is read off the record itself (a fact's type and which fields it has), as a path from coarse
to fine: `own_date/person/arrest`. The calibration table `casewatch/data/confidence.yaml` (written by
`benchmarks/calibrate.py`) gives the precision measured on the development reports for each path it
saw often enough; a fact takes the value of the longest path the table has (`own_date/person/arrest`,
then `own_date/person`, `own_date`, the kind's `*`), and DEFAULT_CONFIDENCE when the table knows
nothing of its kind.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from casewatch.data import DATA_DIR, load_yaml
from casewatch.errors import CasewatchError
from casewatch.extract.lexicon import is_given_name

TABLE_FILE = "confidence.yaml"
#: the confidence of a fact whose kind the table does not know: neither trusted nor distrusted
DEFAULT_CONFIDENCE = 0.5
#: the kinds of fact the table calibrates
KINDS = ("person", "side", "role", "organization", "location", "article", "event", "relation")


def person_family(p: dict) -> str:
    """A person: whether the name starts with a listed given name, whether a role was found, the side."""
    words = str(p.get("name") or "").split()
    given = "given" if words and is_given_name(words[0]) else "no_given"
    return f"{given}/{'roles' if p.get('roles') else 'no_roles'}/{p.get('side') or 'no_side'}"


def side_family(p: dict, record: dict) -> str:
    """A person's side: whether a role backs it, whether the person takes part in an event, the side."""
    ref = p.get("id") or p.get("name")
    in_event = any(
        ref in (ev.get("persons") or []) or ref in (ev.get("perpetrators") or [])
        for ev in record.get("events") or []
    )
    return (
        f"{'roles' if p.get('roles') else 'no_roles'}/{'event' if in_event else 'no_event'}/{p.get('side')}"
    )


def entity_family(e: dict) -> str:
    """An organisation or place: its kind."""
    return str(e.get("kind") or "no_kind")


def article_family(a: dict) -> str:
    """An article: whether a part is given, and the code."""
    return f"{'part' if a.get('part') else 'no_part'}/{a.get('code') or 'no_code'}"


def event_family(ev: dict, report_date: str | None = None) -> str:
    """An event: where its date comes from (none, the report's own date, another), whether it names whom
    it happened to, and its type."""
    date = ev.get("date")
    dated = "no_date" if not date else ("report_date" if date == report_date else "own_date")
    return f"{dated}/{'person' if ev.get('persons') else 'no_person'}/{ev.get('type')}"


def relation_family(r: dict) -> str:
    """A relation: its type and subtype."""
    return f"{r.get('type')}/{r.get('subtype') or '-'}"


def record_facts(record: dict) -> Iterator[tuple[str, str, Any]]:
    """(kind, family, what) for every calibrated fact of a record; `what` is its entry, for a role
    (person, role)."""
    for p in record.get("persons") or []:
        yield "person", person_family(p), p
        if p.get("side"):
            yield "side", side_family(p, record), p
        for role in dict.fromkeys(p.get("roles") or []):
            yield "role", str(role), (p, role)
    for o in record.get("organizations") or []:
        yield "organization", entity_family(o), o
    for loc in record.get("locations") or []:
        yield "location", entity_family(loc), loc
    for a in record.get("articles") or []:
        yield "article", article_family(a), a
    report_date = (record.get("source") or {}).get("report_date")
    for ev in record.get("events") or []:
        yield "event", event_family(ev, report_date), ev
    for r in record.get("relations") or []:
        yield "relation", relation_family(r), r


@dataclass(frozen=True)
class Calibration:
    """The calibration table: {kind: {family path or "*": precision}}."""

    precision: dict[str, dict[str, float]]

    def confidence(self, kind: str, family: str) -> float:
        """The precision of the longest known prefix of `family`, else the kind's `*`, else the default."""
        known = self.precision.get(kind)
        if not known:
            return DEFAULT_CONFIDENCE
        parts = family.split("/")
        for n in range(len(parts), 0, -1):
            value = known.get("/".join(parts[:n]))
            if value is not None:
                return value
        return known.get("*", DEFAULT_CONFIDENCE)


def parse_table(data: Any, source: str = TABLE_FILE) -> Calibration:
    """Check a loaded table's shape (one clear error naming the file and the entry) and index it."""
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), dict):
        raise CasewatchError("calibration table needs a `kinds` mapping", source)
    out: dict[str, dict[str, float]] = {}
    for kind, families in data["kinds"].items():
        if kind not in KINDS:
            raise CasewatchError(f"unknown fact kind {kind!r} (known: {', '.join(KINDS)})", source)
        if not isinstance(families, dict):
            raise CasewatchError(f"{kind}: families must be a mapping", source)
        out[kind] = {}
        for family, entry in families.items():
            value = entry.get("precision") if isinstance(entry, dict) else None
            count = entry.get("count") if isinstance(entry, dict) else None
            if not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
                raise CasewatchError(f"{kind}/{family}: precision must be a number from 0 to 1", source)
            if not isinstance(count, int) or count < 1:
                raise CasewatchError(f"{kind}/{family}: count must be a positive whole number", source)
            out[kind][str(family)] = float(value)
    return Calibration(out)


@cache
def calibration() -> Calibration:
    """The shipped calibration table, checked once."""
    return parse_table(load_yaml(TABLE_FILE), str(DATA_DIR / TABLE_FILE))
