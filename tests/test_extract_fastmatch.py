"""Faster alternations and mention lookups give the answers of the plain ones."""

from __future__ import annotations

import re

import pytest

from casewatch.extract.analysis import Analysis, Entity
from casewatch.extract.context import MentionIndex, Subjects, mentions_in
from casewatch.extract.dates import _by_first
from casewatch.extract.fastmatch import first_chars, guarded_alternation

ALTERNATIVES = [
    r"detain(?:ed|s)?\b",
    r"^\W*charges?\s*:",
    r"(?:took|take) (?:him|her) away",
    r"\d+ days? later",
    r"под страж\w+",
    r"[«\"]?иностранн\w+ агент\w*",
    r"x?ray",
]
SENTENCES = [
    "Police DETAINED him and took her away 3 days later.",
    "Charges: hooliganism; she was detained.",
    "— Обвинения сняты, его взяли под стражу, признав «иностранным агентом».",
    "The x-ray and the Xray and ray detains nobody-detained.",
    "",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_guarded_alternation_matches_what_the_plain_one_matches(sentence: str) -> None:
    plain = re.compile(r"(?<![\w-])(?:" + "|".join(ALTERNATIVES) + ")", re.I)
    guarded = re.compile(r"(?<![\w-])" + guarded_alternation(ALTERNATIVES), re.I)
    assert [m.span() for m in guarded.finditer(sentence)] == [m.span() for m in plain.finditer(sentence)]


def test_first_chars_of_patterns() -> None:
    assert first_chars("detain(?:ed|s)?") == ["d"]
    assert first_chars("(?:took|take|sent) away") == ["t", "t", "s"]
    assert first_chars("x?ray") == ["x", "r"]
    assert first_chars(r"\d+ days") == [r"\d"]
    assert first_chars(r"^\W*charges?:") is None  # may start with anything
    assert first_chars("[^a]b") is None


def test_months_grouped_by_first_letter_match_like_the_flat_alternation() -> None:
    words = ["September", "Sept\\.?", "March", "Mar\\.?", "May", "марта", "мая", "June"]
    flat = re.compile(r"\b(?:" + "|".join(words) + r")(?!\w)")
    grouped = re.compile(r"\b(?:" + _by_first(words) + r")(?!\w)")
    text = "On 3 Sept. 2021, in March, May or June; 1 марта and 9 мая, not Mayor or Marching."
    assert [m.group() for m in grouped.finditer(text)] == [m.group() for m in flat.finditer(text)]
    assert _by_first(["May", "?x"]) == "May|?x"  # a word not starting with a letter: kept flat


def test_mention_index_answers_like_mentions_in() -> None:
    text = "Ana met Bo. Bo and Ana left; Cy stayed. Ana."
    people = [
        Entity("P1", "Ana", mentions=[(0, 3), (19, 22), (40, 43)]),
        Entity("P2", "Bo", mentions=[(8, 10), (12, 14)]),
        Entity("P3", "Cy", mentions=[(29, 31)]),
    ]
    analysis = Analysis(text=text, persons=people)
    index = MentionIndex(people)
    for start, end in [(0, 11), (12, 39), (12, 20), (20, 45), (0, 45), (9, 13), (44, 45)]:
        assert index.within(start, end) == mentions_in(analysis, start, end)


def test_subjects_built_again_for_a_changed_report() -> None:
    text = "Ana was detained.\n\nShe was fined."
    ana = Entity("P1", "Ana", mentions=[(0, 3)], side="target")
    analysis = Analysis(text=text, sentences=[(0, 17), (19, 33)], persons=[ana])
    assert Subjects(analysis).about(1) == [ana]
    assert Subjects(analysis).about(1) == [ana]  # the same report: the same answer
    ana.side = "perpetrator"
    assert Subjects(analysis).about(1) == []  # a side changed: built again
