"""Find a hidden person's names in free text: titles, paths, report text, hashtags and e-mail addresses.

Terms are the spellings the mention records know (every script), their surnames and the Latin
transliteration of each. In running text a term matches as whole words, case-insensitive
("Korneyev's" yes, "Korneyeva" no); inside a compound token — a hashtag, an e-mail address, a
path, a CamelCase word — it matches anywhere, and the whole token is withheld
(`#FreeKorneyev`, `free.korneyev@example.org`, `reports/korneyev-2024.txt`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from casewatch.names import parse_name
from casewatch.translit import latinize

#: terms shorter than this are matched as whole words only, never inside a compound token
MIN_INSIDE = 4
#: a run of word characters and the punctuation that joins hashtags, addresses and paths
_TOKEN = re.compile(r"[#@]?\w[\w.+\-/@#]*")
_JOINERS = set("#@./_-+")
_SQUASH = re.compile(r"[\W_]+")


def _compound(token: str) -> bool:
    body = token.rstrip(".")
    return any(ch in _JOINERS for ch in body) or any(
        ch.isupper() and prev.islower() for prev, ch in zip(body, body[1:], strict=False)
    )


def name_terms(spellings: Iterable[str], surnames: bool = True) -> set[str]:
    """The spellings, their surnames (in the spelling's own script) and Latin forms, casefolded."""
    terms: set[str] = set()
    for spelling in spellings:
        spelling = " ".join(spelling.split())
        if not spelling:
            continue
        forms = {spelling, latinize(spelling)}
        terms |= {f.casefold() for f in forms}
        if not surnames:
            continue
        parsed = parse_name(spelling)
        given = {w.casefold() for w in f"{parsed.given or ''} {parsed.patronymic or ''}".split()}
        for word in spelling.replace(".", " ").split():
            if len(word) > 2 and latinize(word).casefold() not in given:
                terms |= {word.casefold(), latinize(word).casefold()}
    return {t for t in terms if len(t) > 1}


class NameMatcher:
    """Spans of text naming any of the terms (see the module docstring)."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = sorted(set(terms), key=lambda t: (-len(t), t))
        self.inside = {_SQUASH.sub("", t) for t in self.terms if len(_SQUASH.sub("", t)) >= MIN_INSIDE}
        if self.terms:
            words = "|".join(r"\s+".join(map(re.escape, t.split())) for t in self.terms)
            self.pattern: re.Pattern | None = re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)
        else:
            self.pattern = None

    def __bool__(self) -> bool:
        return bool(self.terms)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where `text` names a term."""
        if not self.terms or not text:
            return []
        found = [(x.start(), x.end()) for x in self.pattern.finditer(text)]
        if self.inside:
            for token in _TOKEN.finditer(text):
                word = token.group().rstrip(".")
                if _compound(word):
                    squashed = _SQUASH.sub("", word.casefold())
                    if any(t in squashed for t in self.inside):
                        found.append((token.start(), token.start() + len(word)))
        return sorted(found)
