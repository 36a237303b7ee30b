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


@cache
def fold(word: str) -> str:
    """A spelling-variant key for one word: Yerlan/Erlan, Abai/Abay, Natalia/Nataliya fold alike."""
    word = unicodedata.normalize("NFKD", latinize(word).lower())
    word = "".join(c for c in word if c.isalpha() and not unicodedata.combining(c))
    for pattern, repl in _FOLDS:
        word = pattern.sub(repl, word)
    return word


@cache
def given_names() -> frozenset[str]:
    data = load("given_names")
    return frozenset(fold(n) for group in data.values() for n in group)


@cache
def name_rules() -> dict[str, Any]:
    data = load("person_names")
    return {
        "suffixes": tuple(sorted({s.lower() for s in data["surname_suffixes"]}, key=len, reverse=True)),
        "honorifics": frozenset(h.lower().rstrip(".") for h in data["honorifics"]),
        "not_name": frozenset(w.lower() for w in data["not_name_words"]),
    }


@cache
def role_words() -> frozenset[str]:
    """Single words that introduce a person's name: the last word of every role cue, and ranks."""
    cues = load("roles")["cues"]
    words = {phrase.split()[-1].lower() for entry in cues for phrase in entry["cue"]}
    return frozenset(words | {w.lower() for w in load("person_names")["ranks"]})


def is_given_name(word: str) -> bool:
    return fold(word) in given_names()


def has_surname_suffix(word: str) -> bool:
    low = (
        latinize(word).lower().rstrip("'’s")
        if word.endswith(("'s", "’s", "’S", "'S"))
        else latinize(word).lower()
    )
    return len(low) >= 4 and low.endswith(name_rules()["suffixes"])


def is_not_name(word: str) -> bool:
    return word.lower() in name_rules()["not_name"]
