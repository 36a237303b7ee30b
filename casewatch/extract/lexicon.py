"""Lexicons under casewatch/data/lexicon, loaded once, and the folding they are looked up with."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from casewatch.data import load_yaml
from casewatch.translit import latinize


def load(name: str) -> Any:
    """The parsed YAML file casewatch/data/lexicon/<name>.yaml."""
    return load_yaml(f"lexicon/{name}.yaml")


_FOLDS = [
    (re.compile(r"^ye"), "e"),
    (re.compile(r"^yu"), "u"),
    (re.compile(r"dzh"), "j"),
    (re.compile(r"zh"), "j"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"iy"), "i"),
    (re.compile(r"y"), "i"),
    (re.compile(r"ks"), "x"),
    (re.compile(r"w"), "v"),
    (re.compile(r"(.)\1"), r"\1"),
]


_NO_DECOMPOSITION = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i"})


def ascii_letters(word: str) -> str:
    """Latin letters without diacritics, as the records write names ("Uładzimir Žybul" → "Uladzimir Zybul");
    other scripts stay."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word.translate(_NO_DECOMPOSITION))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def fold(word: str) -> str:
    """A spelling-variant key for one word: Yerlan/Erlan, Abai/Abay, Natalia/Nataliya fold alike."""
    word = ascii_letters(latinize(word).lower())
    word = "".join(c for c in word if c.isalpha())
    for pattern, repl in _FOLDS:
        word = pattern.sub(repl, word)
    return word


@cache
def given_names_by_gender() -> dict[str, tuple[str, ...]]:
    """Given names of casewatch/data/names/given_names.yaml by gender ("male", "female", and
    None for variant spellings of a name listed under neither): every spelling of a variant group
    has the gender of its listed names."""
    data = load_yaml("names/given_names.yaml")
    out: dict = {}
    grouped: set[str] = set()
    for gender in ("male", "female"):
        names = list(data[gender])
        folded = {fold(n) for n in names}
        for group in data["variants"]:
            if any(fold(v) in folded for v in group):
                names += group
                grouped.update(group)
        out[gender] = tuple(names)
    out[None] = tuple(v for group in data["variants"] for v in group if v not in grouped)
    return out


@cache
def given_names() -> frozenset[str]:
    return frozenset(fold(n) for names in given_names_by_gender().values() for n in names)


@cache
def name_rules() -> dict[str, Any]:
    data = load("person_names")
    return {
        "suffixes": tuple(sorted({s.lower() for s in data["surname_suffixes"]}, key=len, reverse=True)),
        "honorifics": frozenset(h.lower().rstrip(".") for h in data["honorifics"]),
        "not_name": frozenset(w.lower() for w in data["not_name_words"]),
        "place_heads": frozenset(w.lower() for w in data["place_heads"]),
        "patronymic_links": frozenset(w.lower() for w in data["patronymic_links"]),
        "titles_before": frozenset(w.lower() for w in data["titles_before"] + data["ranks"]),
        "titles_after": re.compile(
            r"\s*,\s*(?:" + "|".join(re.escape(t) for t in data["titles_after"]) + r")(?![\w-])"
        ),
    }


@cache
def role_words() -> frozenset[str]:
    """Single words that introduce a person's name: the last word of every role cue and kinship word
    ("his brother Andrej Žybul"), and ranks."""
    roles = load("roles")
    phrases = [p for entry in roles["cues"] for p in entry["cue"]]
    phrases += [w for group in roles["kinship"].values() for w in group]
    words = {phrase.split()[-1].lower() for phrase in phrases} - {"on", "to", "by", "of", "к"}
    return frozenset(words | {w.lower() for w in load("person_names")["ranks"]})


def is_given_name(word: str) -> bool:
    return fold(word) in given_names()


def has_surname_suffix(word: str) -> bool:
    low = ascii_letters(latinize(word).lower())
    if word.endswith(("'s", "’s", "’S", "'S")):
        low = low.rstrip("'’s")
    return len(low) >= 4 and low.endswith(name_rules()["suffixes"])


def is_not_name(word: str) -> bool:
    return word.lower() in name_rules()["not_name"]


def trie_pattern(phrases: list[str]) -> str:
    """A regular expression matching any of `phrases`, factored by common prefixes so a long list of
    literals is tried one character at a time rather than phrase by phrase."""
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


_FEMALE_SURNAME = re.compile(r"(?:ova|eva|ina|yna|aya|kyzy|qyzy|kizi)$")
_MALE_SURNAME = re.compile(r"(?:ov|ev|in|yn|iy|yi|sky|skiy|uly|uli)$")


@cache
def _given_by_gender() -> dict[str, frozenset[str]]:
    data = given_names_by_gender()
    return {g: frozenset(fold(n) for n in data[g]) for g in ("male", "female")}


def gender_of(name: str) -> str | None:
    """Gender, "m", "f" or None, of a person's name: from a listed given name, else the surname's ending."""
    words = latinize(name).lower().split()
    if not words:
        return None
    given = fold(words[0])
    male, female = given in _given_by_gender()["male"], given in _given_by_gender()["female"]
    if male != female:
        return "m" if male else "f"
    surname = words[-1] if len(words) > 1 else ""
    if _FEMALE_SURNAME.search(surname):
        return "f"
    if _MALE_SURNAME.search(surname):
        return "m"
    return None
