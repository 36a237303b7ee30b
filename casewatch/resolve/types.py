"""Registry of value types used in linking, each with clean and compare (as in followthemoney types)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from casewatch.names import ascii_fold, compare_names, display_name, latinize, skeleton


@dataclass(frozen=True)
class ValueType:
    """A kind of value: how to clean one and how alike two are (0..1)."""

    name: str
    clean: Callable[[str], str | None]
    compare: Callable[[str, str], float]


def _clean_article(value: str) -> str | None:
    """ "Art. 405, Part 2" / "405.2" / "405-2" -> "405.2"; None if no article number."""
    m = re.search(r"(\d{2,4})(?:\D{1,12}?(\d{1,2}))?", value)
    if not m:
        return None
    return f"{m.group(1)}.{m.group(2)}" if m.group(2) else m.group(1)


def _compare_article(a: str, b: str) -> float:
    ca, cb = _clean_article(a), _clean_article(b)
    if not ca or not cb:
        return 0.0
    if ca == cb:
        return 1.0
    return 0.5 if ca.split(".")[0] == cb.split(".")[0] else 0.0


def _clean_place(value: str) -> str | None:
    text = " ".join(ascii_fold(latinize(value)).split())
    return text.title() or None


def _compare_place(a: str, b: str) -> float:
    return 1.0 if skeleton(a.lower()) == skeleton(b.lower()) else 0.0


def _clean_name(value: str) -> str | None:
    return display_name(value) or None


TYPES: dict[str, ValueType] = {
    t.name: t
    for t in (
        ValueType("name", _clean_name, compare_names),
        ValueType("article", _clean_article, _compare_article),
        ValueType("place", _clean_place, _compare_place),
    )
}
