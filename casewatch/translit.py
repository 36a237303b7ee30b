"""Cyrillic to Latin for names, one table for extraction and linking (data/names/translit.yaml)."""

from __future__ import annotations

import re
from functools import cache

from casewatch.data import load_yaml

_CYRILLIC = re.compile("[\u0400-\u04ff]")


@cache
def _table() -> tuple[dict[str, str], dict[str, str], frozenset[str], frozenset[str]]:
    tr = load_yaml("names/translit.yaml")
    return tr["letters"], tr["iotated"], frozenset(tr["vowels"]), frozenset(tr["signs"])


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


@cache
def latinize(name: str) -> str:
    """Transliterate Cyrillic (Russian, Kazakh, Ukrainian, Belarusian letters) to Latin; other text stays."""
    if not _CYRILLIC.search(name):
        return name
    letters, iotated, vowels, signs = _table()
    out: list[str] = []
    for word in re.split(r"(\W+)", name):
        if not _CYRILLIC.search(word):
            out.append(word)
            continue
        shout = len(word) > 1 and word.isupper()
        parts: list[str] = []
        prev = ""
        for ch in word:
            low = ch.lower()
            if low in iotated and (not prev or prev in vowels or prev in signs):
                lat = iotated[low]
            else:
                lat = letters.get(low, ch)
            if ch != low and lat:
                lat = lat.upper() if shout else lat[0].upper() + lat[1:]
            parts.append(lat)
            prev = low
        out.append("".join(parts))
    return "".join(out)
