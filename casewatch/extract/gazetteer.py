"""Organisations and places: listed ones from casewatch/data, unlisted ones by how they are written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from casewatch.data import load_yaml
from casewatch.extract.analysis import Analysis, Entity
from casewatch.extract.org_patterns import alternation, unlisted_patterns
from casewatch.extract.pipeline import component


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@cache
def _listed() -> tuple[
    re.Pattern[str], dict[str, tuple[str, str]], re.Pattern[str], dict[str, tuple[str, str]]
]:
    orgs = load_yaml("organizations.yaml")["organizations"]
    places = load_yaml("places.yaml")["places"]
    org_index = {a: (o["name"], o["kind"]) for o in orgs for a in [o["name"], *o.get("aliases", [])]}
    place_index = {a: (p["name"], p["kind"]) for p in places for a in [p["name"], *p.get("aliases", [])]}
    org_re = re.compile(rf"(?<![\w-])(?:{alternation(list(org_index))})(?![\w-])")
    place_re = re.compile(rf"(?<![\w-])(?:{alternation(list(place_index))})(?![\w-])")
    return org_re, org_index, place_re, place_index


@cache
def _lead() -> re.Pattern[str]:
    """Words stripped from the start of a found name (organizations.yaml `lead_words`), any number of them."""
    words = alternation(load_yaml("organizations.yaml")["lead_words"])
    return re.compile(rf"^(?:(?:{words}|the)\s+)+")


_CAPITAL = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]")
_ACRONYM_AFTER = re.compile(r"\s*\((?P<acr>[A-ZА-Я&]{2,8})\)")


def find_organizations(text: str) -> list[Found]:
    org_re, org_index, _, _ = _listed()
    found = [Found(m.start(), m.end(), *org_index[m.group()]) for m in org_re.finditer(text)]
    listed_count = len(found)
    lowered = text.lower()
    for pattern in unlisted_patterns():
        template = pattern.template
        for m in pattern.finditer(text, lowered):
            kind = pattern.kind_of(m)
            raw = m.group("name").strip(" ,.;:")
            name = _lead().sub("", template.format(name=raw)).strip()
            if len(name) < 2 or not _CAPITAL.search(name):
                continue  # "the police", "The court", "pre-trial detention centre": no name
            start = m.start("name") + (len(m.group("name")) - len(m.group("name").lstrip()))
            if template == "{name}":  # the mention is the name without a leading "The"
                start += len(raw) - len(name)
                raw = name
            acr = _ACRONYM_AFTER.match(text, m.end())
            if acr:
                name_aliases: tuple[str, ...] = (acr.group("acr"),)
                found.append(Found(acr.start("acr"), acr.end("acr"), name, kind, name_aliases))
            else:
                name_aliases = ()
            found.append(Found(start, start + len(raw), name, kind, name_aliases))
    found.extend(_repeats(text, found[listed_count:]))
    return _drop_nested(found)


def _repeats(text: str, found: list[Found]) -> list[Found]:
    """Later mentions of organisations first recognised by a pattern ("KSS" after "... (KSS)")."""
    out = []
    for f in {(f.name, f.kind, f.aliases) for f in found}:
        name, kind, aliases = f
        for surface in {name, *aliases}:
            for m in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text):
                out.append(Found(m.start(), m.end(), name, kind, aliases))
    return out


#: state bodies named after the place they serve: the place inside their name is a location too
PLACE_NAMED_KINDS = frozenset({"court", "police", "government", "detention", "prosecution"})


def find_places(text: str, orgs: list[Found]) -> list[Found]:
    _, _, place_re, place_index = _listed()
    found = [Found(m.start(), m.end(), *place_index[m.group()]) for m in place_re.finditer(text)]
    kinds = load_yaml("places.yaml")["kind_words"]
    for kind, words in kinds.items():
        alt = alternation(words)
        for m in re.finditer(rf"\b(?P<name>[A-ZА-ЯЁ][\w-]+)\s+(?:{alt})\b", text):
            if m.group("name") not in ("The", "This", "That", "Our", "Their", "His", "Her"):
                label = m.group() if kind != "village" else m.group("name")
                end = m.end() if kind != "village" else m.end("name")
                found.append(Found(m.start("name"), end, label[0].upper() + label[1:], kind))
        for m in re.finditer(rf"\b(?:{alt}) of (?P<name>[A-ZА-ЯЁ][\w-]+)", text):
            found.append(Found(m.start("name"), m.end("name"), m.group("name"), kind))
    courts = [o for o in orgs if o.kind in PLACE_NAMED_KINDS]
    found = [
        p
        for p in found
        if not any(o.start <= p.start and p.end <= o.end for o in orgs)
        or any(c.start <= p.start < c.end for c in courts)
    ]
    return _drop_nested(found)


def _drop_nested(found: list[Found]) -> list[Found]:
    """Keep the longest of overlapping matches."""
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Found] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def _entities(found: list[Found], prefix: str) -> list[Entity]:
    by_name: dict[str, Entity] = {}
    for f in found:
        key = f.name.lower()
        if key not in by_name:
            by_name[key] = Entity(id=f"{prefix}{len(by_name) + 1}", name=f.name, kind=f.kind)
        ent = by_name[key]
        ent.mentions.append((f.start, f.end))
        for alias in f.aliases:
            if alias not in ent.aliases:
                ent.aliases.append(alias)
    return list(by_name.values())


@component("gazetteer", requires=("text",), assigns=("organizations", "locations"))
def gazetteer(analysis: Analysis) -> None:
    """Organisations and places, listed or recognised by how they are written."""
    orgs = find_organizations(analysis.text)
    places = find_places(analysis.text, orgs)
    analysis.organizations = _entities(orgs, "O")
    analysis.locations = _entities(places, "L")
    for ent in analysis.organizations + analysis.locations:
        for s, e in ent.mentions:
            surface = analysis.text[s:e]
            if surface != ent.name and surface not in ent.aliases:
                ent.aliases.append(surface)
