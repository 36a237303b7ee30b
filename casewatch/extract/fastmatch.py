"""Faster alternations: a lookahead on the characters the alternatives can start with.

The regex engine tries every alternative of `(?:a|b|c)` at every position; a character-class lookahead in
front of them (`(?=[abc])(?:a|b|c)`) rejects most positions with one test. The lookahead only states what
every match already begins with, so the matches are the same: same positions, same alternatives, same ends.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the standard library's regex parser (private: if a Python moves it, no lookahead, same matches)
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    sre = sre_parse = None

_CATEGORIES = (
    {
        sre.CATEGORY_DIGIT: r"\d",
        sre.CATEGORY_NOT_DIGIT: r"\D",
        sre.CATEGORY_WORD: r"\w",
        sre.CATEGORY_NOT_WORD: r"\W",
        sre.CATEGORY_SPACE: r"\s",
        sre.CATEGORY_NOT_SPACE: r"\S",
    }
    if sre
    else {}
)


def guarded_alternation(alternatives: list[str]) -> str:
    """`(?:a|b|...)` with a first-character lookahead before each run of alternatives whose first characters
    are known (an alternative that may start with anything, such as `^\\W*x`, stands alone, in its place)."""
    parts: list[str] = []
    run: list[str] = []
    firsts: list[str] = []

    def close() -> None:
        if run:
            parts.append(f"(?=[{''.join(dict.fromkeys(firsts))}])(?:{'|'.join(run)})")
            run.clear()
            firsts.clear()

    for alt in alternatives:
        first = first_chars(alt)
        if first is None:
            close()
            parts.append(f"(?:{alt})")
        else:
            run.append(alt)
            firsts.extend(first)
    close()
    return "(?:" + "|".join(parts) + ")"


def first_chars(pattern: str) -> list[str] | None:
    """Character-class items (as regex text) a match of `pattern` can start with; None when unknown."""
    if sre_parse is None:
        return None
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return None
    return _first(list(parsed))


def _first(seq: list[tuple[Any, Any]]) -> list[str] | None:
    """What a sequence of parsed items can start with; None if unknown or if it may match nothing."""
    if not seq:
        return None
    op, av = seq[0]
    if op is sre.LITERAL:
        return [re.escape(chr(av))]
    if op is sre.IN:
        return _class_items(av)
    if op is sre.SUBPATTERN:
        body = list(av[-1])
        if av[1] or av[2]:
            return None  # inline flags change what the characters mean
        return _first(body + seq[1:]) if body else _first(seq[1:])
    if op is sre.BRANCH:
        out: list[str] = []
        for branch in av[1]:
            got = _first(list(branch) + seq[1:])
            if got is None:
                return None
            out += got
        return out
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, _, body = av
        head = _first(list(body))
        if head is None or low >= 1:
            return head
        rest = _first(seq[1:])
        return None if rest is None else head + rest
    return None


def _class_items(items: list[tuple[Any, Any]]) -> list[str] | None:
    out: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is sre.RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:
            return None  # a negated class, or something rarer
    return out
