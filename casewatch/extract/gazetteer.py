"""Organisations and places: listed ones from casewatch/data, unlisted ones by how they are written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from casewatch.data import load_yaml
from casewatch.extract.analysis import Analysis, Entity
from casewatch.extract.inflection import (
    geo_forms,
    is_known_word,
    is_name_part,
    may_be_place,
    normal_form,
    phrase_forms,
    phrase_nominative,
)
from casewatch.extract.lexicon import gender_of, trie_pattern
from casewatch.extract.org_patterns import UPPER, alternation, unlisted_patterns
from casewatch.extract.pipeline import component
from casewatch.extract.spans import Covered
from casewatch.translit import has_cyrillic, latinize


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    listed: bool = False


@cache
def _listed() -> tuple[
    re.Pattern[str], dict[str, tuple[str, str]], re.Pattern[str], dict[str, tuple[str, str]]
]:
    orgs = load_yaml("organizations.yaml")["organizations"]
    places = load_yaml("places.yaml")["places"]
    org_index = {a: (o["name"], o["kind"]) for o in orgs for a in [o["name"], *o.get("aliases", [])]}
    for alias in list(org_index):  # "Министерства юстиции", "Европейского союза": Russian names in every case
        for form in _russian_forms(alias):
            org_index.setdefault(form, org_index[alias])
    place_index = {a: (p["name"], p["kind"]) for p in places for a in [p["name"], *p.get("aliases", [])]}
    for alias in list(place_index):  # "GENEVA (14 May)", "URALSK" as a section heading
        if len(alias) >= 4 and " " not in alias:
            place_index.setdefault(alias.upper(), place_index[alias])
    org_re = re.compile(rf"(?<![\w-])(?:{trie_pattern(list(org_index))})(?![\w-])")
    place_re = re.compile(rf"(?<![\w-])(?:{trie_pattern(list(place_index))})(?:(?![\w-])|(?=-based\b))")
    return org_re, org_index, place_re, place_index


def _russian_forms(name: str) -> tuple[str, ...]:
    """Every case of a Russian name ("Министерство юстиции" → "Министерства юстиции" ...), capitalised as
    written; abbreviations and quoted names stay as they are."""
    if not has_cyrillic(name) or name.isupper() or not name[:1].isupper():
        return ()
    first = name[:1]
    return tuple(first + f[1:] for f in phrase_forms(first.lower() + name[1:]))


@cache
def _lead() -> re.Pattern[str]:
    """Words stripped from the start of a found name (organizations.yaml `lead_words`), any number of them."""
    words = alternation(load_yaml("organizations.yaml")["lead_words"])
    return re.compile(rf"^(?:(?:{words}|the)\s+)+")


_CAPITAL = re.compile(rf"[{UPPER}]")
_LONE_ABBREVIATION = re.compile(r"[А-ЯЁ]{2,6}")
_QUOTES = "«\"“„'*_"
_ACRONYM_AFTER = re.compile(r"\s*\((?P<acr>[A-ZА-Я&]{2,8})\)")


def find_organizations(text: str) -> list[Found]:
    org_re, org_index, _, place_index = _listed()
    found = [Found(m.start(), m.end(), *org_index[m.group()], listed=True) for m in org_re.finditer(text)]
    listed_count = len(found)
    lowered = text.lower()
    for pattern in unlisted_patterns():
        template = pattern.template
        for m in pattern.finditer(text, lowered):
            kind = pattern.kind_of(m)
            raw = m.group("name").strip(" ,.;:")
            quoted = m.start("name") > 0 and text[m.start("name") - 1] in _QUOTES
            if has_cyrillic(raw) and not quoted:
                raw = _without_non_place(raw)
            owned = _without_place_possessive(raw, place_index)
            cut, raw = len(raw) - len(owned), owned
            name = _lead().sub("", template.format(name=raw)).strip()
            if len(name) < 2 or _LONE_ABBREVIATION.fullmatch(name):
                continue  # "ДП": no name
            if _GENERIC_COURT.fullmatch(name):
                continue  # "a Moscow court": some court of the town, not a name
            placed = pattern.kind == "company" or not quoted and kind in PROPER_NAMED_KINDS
            if placed and name in place_index:
                continue  # "a teacher at Almaty", "the Almaty foundation": a place, not an organisation
            if not _CAPITAL.search(name) and not _NUMBERED.search(name):
                continue  # "the police", "pre-trial detention centre": no name; "школа № 3" is one
            if not quoted and _names_a_person(name):
                continue  # "activists of the movement Berik Zhanov and ...": a person after the kind word
            governed = quoted and _GOVERNED.search(text, max(0, m.start("name") - 8), m.start("name") - 1)
            if has_cyrillic(name) and (not quoted or governed):
                name = phrase_nominative(name)  # "Кобринском районном суде" → "Кобринский районный суд"
            start = m.start("name") + (len(m.group("name")) - len(m.group("name").lstrip())) + cut
            if template == "{name}":  # the mention is the name without a leading "The"
                lead = len(_lead().match(raw).group()) if _lead().match(raw) else 0
                start += lead
                raw = raw[lead:]
            acr = _ACRONYM_AFTER.match(text, m.end())
            name_aliases: tuple[str, ...] = (acr.group("acr"),) if acr else ()
            if quoted and has_cyrillic(name) and kind in PROPER_NAMED_KINDS:
                name_aliases = (name, *name_aliases)  # «Бутун Кыргызстан»: named "Butun Kyrgyzstan"
                name = latinize(name)
            if acr:
                found.append(Found(acr.start("acr"), acr.end("acr"), name, kind, name_aliases))
            found.append(Found(start, start + len(raw), name, kind, name_aliases))
    found.extend(_repeats(text, found[listed_count:]))
    return _heads_resolved(text, _drop_nested(found))


@cache
def _head_words() -> frozenset[str]:
    return frozenset(h for heads in load_yaml("organizations.yaml")["name_heads"].values() for h in heads)


_QUOTED_NEXT = re.compile(r"\s*[«\"“„']")
_IN_BRACKETS = re.compile(r"\s*\(")


#: kinds of organisation whose quoted name is a proper name, in Latin letters like a person's: a party,
#: movement, group, outlet or company («Бутун Кыргызстан» is "Butun Kyrgyzstan")
PROPER_NAMED_KINDS = frozenset({"party", "movement", "ngo", "media", "company"})


def _heads_resolved(text: str, found: list[Found]) -> list[Found]:
    """A kind of body named before its quoted name is no body of its own ('the Human Rights Centre
    "Viasna"'); a name in brackets after a body is another of its names; a head word alone ("the Bureau")
    is the body named with it before, else nothing."""
    out: list[Found] = []
    for n, f in enumerate(found):
        nxt = found[n + 1] if n + 1 < len(found) else None
        if not f.listed and nxt and _QUOTED_NEXT.fullmatch(text[f.end : nxt.start]):
            continue
        if out and _IN_BRACKETS.fullmatch(text[out[-1].end : f.start]) and text[f.end : f.end + 1] == ")":
            prev = out[-1]  # "Atyrau regional police department (ДП Атырауской области)": one body
            f = Found(f.start, f.end, prev.name, prev.kind, prev.aliases, prev.listed)
        elif not f.listed and f.name in _head_words():
            full = [g for g in out if f.name in g.name.split()]
            if not full:
                continue
            f = Found(f.start, f.end, full[-1].name, full[-1].kind, full[-1].aliases, full[-1].listed)
        out.append(f)
    return out


#: a preposition right before a quoted name puts it in its case ("работает на «Озенмунайгазе»"); after a
#: kind word ("в ТОО «Шиели Су»") the name stays as it is
_GOVERNED = re.compile(r"(?<![\w-])(?:на|в|во)\s*$", re.I)


def _names_a_person(name: str) -> bool:
    """A listed given name and a surname, nothing else ("Berik Zhanov", "Aigul Temirova")."""
    words = name.split()
    return len(words) == 2 and gender_of(words[0]) is not None and gender_of(f"- {words[1]}") is not None


_POSSESSIVE_FIRST = re.compile(r"(?P<owner>[A-ZА-ЯЁ][\w-]*)[’']s\s+(?=\S)")


def _without_place_possessive(name: str, place_index: dict[str, tuple[str, str]]) -> str:
    """A name without a place's possessive before it ("Kyrgyzstan's Ayil Bank" → "Ayil Bank")."""
    m = _POSSESSIVE_FIRST.match(name)
    return name[m.end() :] if m and m.group("owner") in place_index else name


_LAST_WORD = re.compile(r"\s+(?:в\s+)?(?P<word>[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі-]+)$")
_GENERIC_COURT = re.compile(r"[A-Z][\w-]+ court")
_NUMBERED = re.compile(r"(?:№|No\.?)\s*\d")


def _without_non_place(name: str) -> str:
    """A Russian body's name without a last capitalised word that cannot name a place ("Пинского
    городского суда Ольга" → "Пинского городского суда"; "суд Бреста" stays)."""
    m = _LAST_WORD.search(name)
    word = m.group("word") if m else ""
    person = is_known_word(word) and is_name_part(word, "Name")  # "Артёма" is a town too, but first a name
    if m and (not may_be_place(word) or person) and not name[: m.start()].endswith("Республик"):
        return name[: m.start()]
    return name


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
PLACE_NAMED_KINDS = frozenset(
    {"court", "police", "government", "detention", "prosecution", "security_service", "education"}
)


def find_places(text: str, orgs: list[Found]) -> list[Found]:
    _, _, place_re, place_index = _listed()
    found = [Found(m.start(), m.end(), *place_index[m.group()]) for m in place_re.finditer(text)]
    found += _russian_places(text, found)
    found += _district_courts(text)
    kinds = load_yaml("places.yaml")["kind_words"]
    for kind, words in kinds.items():
        alt = alternation(words)
        for m in re.finditer(rf"\b(?P<name>[A-Z][\w-]+)\s+(?:{alt})\b", text):
            if m.group("name") not in ("The", "This", "That", "Our", "Their", "His", "Her"):
                label = m.group() if kind != "village" else m.group("name")
                end = m.end() if kind != "village" else m.end("name")
                found.append(Found(m.start("name"), end, label[0].upper() + label[1:], kind))
        for m in re.finditer(rf"\b(?:{alt}) of (?P<name>[A-ZА-ЯЁ][\w-]+)", text):
            found.append(Found(m.start("name"), m.end("name"), m.group("name"), kind))
    in_org = Covered((o.start, o.end) for o in orgs)
    in_court = Covered((o.start, o.end) for o in orgs if o.kind in PLACE_NAMED_KINDS)
    found = [p for p in found if not in_org.holds(p.start, p.end) or p.start in in_court]
    return _drop_nested(found)


@cache
def _place_lemmas() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Listed places by their Cyrillic names in lower case ("уральск"), and listed regions and districts
    by the lemmas of their Russian names ("свердловский область")."""
    places = load_yaml("places.yaml")["places"]
    words: dict[str, tuple[str, str]] = {}
    phrases: dict[str, tuple[str, str]] = {}
    for p in places:
        for alias in p.get("aliases", []):
            if not has_cyrillic(alias):
                continue
            if " " in alias:
                phrases[" ".join(normal_form(w) for w in alias.split())] = (p["name"], p["kind"])
            else:
                words[alias.lower()] = (p["name"], p["kind"])
    return words, phrases


_RU_WORD = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*(?![\w-])")
#: the endings of the nouns "область" and "район" (not of "областной", "районный")
_AREA_NOUN = r"(?:ь|и|ью|ей|ям|ях|а|е|у|ом|ы|ов|ах)?(?![\w-])"
_RU_AREA = re.compile(
    r"(?<![\w-])(?P<adj>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?:ой|ая|ую|ий|ого|ом|ому|ым|ое))\s+(?P<kind>област|район)"
    rf"{_AREA_NOUN}|(?<![\w-])(?P<kind2>област|район){_AREA_NOUN}\s+(?P<name>[А-ЯЁ][\w-]+)"
)
_RU_SETTLEMENT = re.compile(
    r"(?<![\w\d-])(?<!\d\s)(?:г\.|сел[оеау]|посёл\w*|посел\w*|деревн\w*|аул\w*)\s*"
    r"(?P<name>[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*)"
)
_RU_CITY_BODY = re.compile(
    r"(?<![\w-])(?P<adj>[А-ЯЁ][а-яё]+(?:ск|цк)(?:ий|ого|ому|им|ом|ая|ой|ую))\s+(?:городск|районн|межрайонн|областн)\w*"
)
_AREA_KIND = {"област": ("region", "region"), "район": ("district", "district")}


def _russian_places(text: str, listed: list[Found]) -> list[Found]:
    """Places written in Russian in any case: listed ones by their lemma ("в Уральске", "из Бишкека"),
    regions and districts by the adjective before "области"/"района" or the name after it ("Свердловской
    области", "района Байконыр"), unlisted towns after "г."/"село" ("в селе Кок-Жар")."""
    words, phrases = _place_lemmas()
    taken = [(f.start, f.end) for f in listed]
    out: list[Found] = []
    for m in _RU_AREA.finditer(text):
        if m.group("adj"):
            adj, kind_word, start = m.group("adj"), m.group("kind"), m.start("adj")
            lemma_adj = normal_form(adj)
            hit = phrases.get(f"{lemma_adj} {normal_form(m.group().split()[-1])}")
            name = hit[0] if hit else _area_name(lemma_adj, words)
        else:
            kind_word, start = m.group("kind2"), m.start()
            hit = words.get(normal_form(m.group("name")))
            name = (
                hit[0]
                if hit
                else _title(latinize(m.group("name")))
                if may_be_place(m.group("name"))
                else None
            )
        if name:
            label, kind = _AREA_KIND[kind_word]
            out.append(Found(start, m.end(), hit[0] if hit and hit[1] == kind else f"{name} {label}", kind))
    for m in _RU_CITY_BODY.finditer(text):  # "Талдыкорганский городской суд": the town, if listed
        name = _area_name(normal_form(m.group("adj")), words, listed_only=True)
        if name:
            out.append(Found(m.start("adj"), m.end("adj"), name, "city"))
    taken += [(f.start, f.end) for f in out]
    covered = Covered(taken)
    for m in _RU_WORD.finditer(text):
        if m.start() in covered:
            continue
        hit = words.get(m.group().lower()) or next(
            (words[f] for f in geo_forms(m.group()) if f in words), None
        )
        if hit:
            out.append(Found(m.start(), m.end(), *hit))
    taken += [(f.start, f.end) for f in out]
    covered = Covered(taken)
    for m in _RU_SETTLEMENT.finditer(text):
        if m.start("name") not in covered and may_be_place(m.group("name")):
            name = normal_form(m.group("name"))
            out.append(Found(m.start("name"), m.end(), _title(latinize(name)), "village"))
    return out


def _area_name(adjective: str, words: dict[str, tuple[str, str]], listed_only: bool = False) -> str | None:
    """The place a Russian adjective names ("свердловский" → "Sverdlovsk", "жалагашский" → "Zhalagash"):
    a listed place its stem begins, else the stem itself; None for a plain adjective ("центральный")."""
    m = re.match(r"(.+?)(?:ск|цк)(?:ий|ой)$", adjective)
    if not m:
        return None
    stem = m.group(1)
    for alias, (name, kind) in words.items():
        near = alias.startswith(stem) or stem.startswith(alias[:-1])
        if kind == "city" and near and len(alias) > 3 and abs(len(alias) - len(stem)) <= 3:
            return name
    return None if listed_only else _title(latinize(stem.rstrip("ь")))


def _title(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


#: "Khatai District Court", "Kazybek Bi District Police Department": a district named by its court or police
_DISTRICT_BODY = re.compile(
    r"\b(?P<name>[A-Z][\w-]+(?: [A-Z][a-z]{1,3})?) District (?=Court|Police|Administrative|Prosecutor|Akimat)"
)


def _district_courts(text: str) -> list[Found]:
    """Districts named by their court or police ("Khatai District Court"); a listed town's name stands for
    the town ("Lida District Court")."""
    _, _, _, place_index = _listed()
    out = []
    for m in _DISTRICT_BODY.finditer(text):
        name = m.group("name")
        if name in ("The", "A", "This", "That"):
            continue
        listed = place_index.get(name)
        if listed and listed[1] == "city":
            out.append(Found(m.start("name"), m.end("name"), *listed))
        elif not listed:
            out.append(Found(m.start("name"), m.end() - 1, f"{name} district", "district"))
    return out


def _drop_nested(found: list[Found]) -> list[Found]:
    """Keep the longest of overlapping matches."""
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Found] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


_SPELLED_OUT = re.compile(r"[A-Za-z][a-z]+(?:[ /&-]+[A-Za-z][\w&]*)+")


def _entities(found: list[Found], prefix: str, text: str) -> list[Entity]:
    """One entity per name; a listed organisation is named as an English text spells it out, the fullest
    spelling first ("Interior Ministry", "Atajurt Eriktileri", "Greens/EFA"); an abbreviation or a Russian
    name leaves its listed English name."""
    by_name: dict[str, Entity] = {}
    spelled: set[str] = set()  # entities named by a spelling of the text's own
    for f in found:
        key = f.name.lower()
        if key not in by_name:
            by_name[key] = Entity(id=f"{prefix}{len(by_name) + 1}", name=f.name, kind=f.kind)
        surface = text[f.start : f.end]
        fuller = key not in spelled or len(surface) > len(by_name[key].name)
        if f.listed and fuller and _SPELLED_OUT.fullmatch(surface):  # the fullest spelling the text gives
            by_name[key].name = surface
            spelled.add(key)
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
    analysis.organizations = _entities(orgs, "O", analysis.text)
    analysis.locations = _entities(places, "L", analysis.text)
    for ent in analysis.organizations + analysis.locations:
        for s, e in ent.mentions:
            surface = analysis.text[s:e]
            if surface != ent.name and surface not in ent.aliases:
                ent.aliases.append(surface)
