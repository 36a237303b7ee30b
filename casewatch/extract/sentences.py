"""Split a report into sentences: lines, bullets and sentence ends, including glued ones ("itself.Askhat")."""

from __future__ import annotations

import re

from casewatch.extract.analysis import Analysis
from casewatch.extract.lexicon import load
from casewatch.extract.pipeline import component
from casewatch.extract.spans import lines_of

#: the longest sentence: a longer stretch without a sentence end is cut at a space (the longest sentence of
#: the corpus, the development set and the real reports is about 1,000 characters)
MAX_SENTENCE = 3000
#: abbreviations after which a full stop does not end a sentence (data/lexicon/abbreviations.yaml)
ABBREVIATIONS = frozenset(str(a) for a in load("abbreviations")["abbreviations"])

_BREAK = re.compile(
    r"\n\s*\n"  # blank line
    r"|\n(?=\s*(?:[—–•\-*]|\d{1,2}[).]\s|[✔⚡#]))"  # a line starting a bullet or a numbered item
    r"|(?<=[.!?;:])\n"  # a line ending a sentence
    r"|\n(?=[A-ZА-ЯЁ][\w .()/-]{0,30}:\s)"  # a "Label: value" line of a form or profile card
    r"|(?<=[.!?»\"”)])\s*[—–-]\s+(?=[A-ZА-ЯЁ])"  # "...end.- Next" / ". — Next"
    # a sentence end (with a closing quote or footnote mark), space, a capital
    r"|(?<=[.!?])(?P<close>[»\"”)]?(?:<sup>\d+</sup>|\[\d+\]|\^\d+)?)\s+"
    r"(?=[«\"“(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])"
    r"|(?<=[a-zа-яё]{3}[.!?])(?=[A-ZА-ЯЁ][a-zа-яё])"  # glued: "itself.Askhat"
    r"|(?m:^[ \t]*[#⚡✔][^\n.!?]*(?P<header>\n))"  # a header line ("#ZHANOV Berik") ends at its line end
    r"|\n(?=[^\n]*?\S[ \t]*\|[ \t]*\S)"  # a table row ("Name | article | court, date | sentence") ...
    r"|(?m:^[^\n]*?\S[ \t]*\|[ \t]*\S[^\n]*(?P<row>\n))"  # ... is a sentence of its own, whatever it holds
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BREAK.finditer(text):
        end = m.start("header") if m.group("header") else m.start("row") if m.group("row") else m.start()
        if "\n" not in m.group() and _is_abbreviation(text, end):
            continue
        if m.group("close"):
            end = m.end("close")  # a closing quote or a footnote mark belongs to the sentence it ends
        _add(text, start, end, spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


_ITEM_NUMBER = re.compile(r"\s*\d{1,2}\.")


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the full stop before `end` closes an abbreviation or an initial ("A.", "No.")."""
    if end == 0 or text[end - 1] != ".":
        return False
    word = re.search(r"([\w.]+)\.$", text[max(0, end - 12) : end])
    if not word:
        return False
    w = word.group(1).lower()
    if re.fullmatch(r"[^\W\d_](?:\.[^\W\d_])+", w) and w not in ("a.m", "p.m"):
        return True  # "U.S. Embassy"; a time ("at 10 a.m. The judge ...") may end a sentence
    if _ITEM_NUMBER.fullmatch(text, lines_of(text).start(end), end):  # the line, not a copy of it
        return True  # the number of a list item: "2. The court ..."
    return w in ABBREVIATIONS or (len(w) == 1 and w.isalpha())


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:  # a text without sentence ends: cut at a space, not per-sentence scans
        limit = start + MAX_SENTENCE
        cut = max(text.rfind(" ", start + 1, limit), text.rfind("\n", start + 1, limit))
        cut = cut if cut > start else limit
        _add(text, start, cut, spans)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))


@component("sentences", requires=("text",), assigns=("sentences",))
def sentences(analysis: Analysis) -> None:
    """Sentence boundaries of the text."""
    analysis.sentences = split_sentences(analysis.text)
