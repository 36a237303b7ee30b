"""The reports of the spaCy trial, their split, and gold or extracted events tied to sentences.

Splits (never mixed): `dev` = invented tests/corpus 001-074 + tests/corpus/real from development
sites; `held-out` = invented 075-086 + tests/corpus/real from held-out sites (split.yaml).

Gold events have no offsets. An event is tied to sentences (the extractor's own splitter) by this
heuristic, the same for gold and for the extractor's events:
  P = sentences that mention one of the event's persons: a mention of an extracted person whose
      name matches (the scorer's name similarity), or a word whose transliterated skeleton starts
      with the person's surname key (so "Калиевой" is found for "Yerlan Kaliyev");
  D = sentences holding a date mention equal to the event's date (or inside it: "2021-09" holds
      "2021-09-13");
  the event's sentences are P ∩ D when that is not empty, else P, else D; else the event is unplaced.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from real_corpus import report_splits  # noqa: E402

from casewatch.evaluate import PERSON_THRESHOLD, name_similarity  # noqa: E402
from casewatch.extract import analyse  # noqa: E402
from casewatch.extract.analysis import Analysis  # noqa: E402
from casewatch.extract.record import to_record  # noqa: E402
from casewatch.ingest import read_path  # noqa: E402
from casewatch.names import parse_name, skeleton  # noqa: E402
from casewatch.translit import latinize  # noqa: E402

CORPUS = REPO / "tests" / "corpus"
REAL = CORPUS / "real"
#: invented reports numbered from here on are held out (as in benchmarks/extraction.py)
HELD_OUT_FROM = 75
_WORD = re.compile(r"\w[\w'’-]*")


@dataclass
class Report:
    name: str
    split: str  # "dev" or "held-out"
    kind: str  # "invented" or "real"
    language: str
    text_path: Path
    gold: dict


@dataclass
class Placed:
    """One report's sentences and the event types tied to each, gold and extracted."""

    text: str
    language: str
    sentences: list[tuple[int, int]]
    gold: list[set[str]] = field(default_factory=list)
    rules: list[set[str]] = field(default_factory=list)
    #: the extractor's events tied by their own evidence spans instead of the heuristic
    rules_evidence: list[set[str]] = field(default_factory=list)
    gold_events: int = 0
    gold_unplaced: int = 0

    def sentence_texts(self) -> list[str]:
        return [self.text[s:e] for s, e in self.sentences]


def reports(split: str | None = None) -> Iterator[Report]:
    """Every annotated report of tests/corpus and tests/corpus/real, with its split."""
    for path in sorted(CORPUS.glob("[0-9][0-9][0-9]_*.json")):
        part = "held-out" if int(path.name[:3]) >= HELD_OUT_FROM else "dev"
        yield from _report(path, CORPUS, part, "invented", split)
    splits = report_splits(REAL, CORPUS / "SOURCES.md")
    for path in sorted(REAL.glob("*.json")):
        if path.stem in splits:
            yield from _report(path, REAL, splits[path.stem], "real", split)


def _report(path: Path, folder: Path, part: str, kind: str, wanted: str | None) -> Iterator[Report]:
    if wanted and part != wanted:
        return
    gold = json.loads(path.read_text(encoding="utf-8"))
    source = gold.get("source") or {}
    text = folder / (source.get("path") or path.stem + ".txt")
    yield Report(path.stem, part, kind, source.get("language") or "en", text, gold)


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    return skeleton(latinize(word)).lower()


@lru_cache(maxsize=8192)
def _surname_stems(name: str) -> tuple[str, ...]:
    keys = parse_name(name).surname_keys
    return tuple(k[: max(4, len(k) - 1)] for k in keys if len(k) >= 4)


class Locator:
    """Finds the sentences of one analysed report that tell a given event (the heuristic above)."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.sentences = analysis.sentences
        texts = [analysis.text[s:e] for s, e in self.sentences]
        self.words = [{_word_key(w) for w in _WORD.findall(t) if w[:1].isupper()} for t in texts]

    def _index(self, pos: int) -> int | None:
        for i, (s, e) in enumerate(self.sentences):
            if s <= pos < e:
                return i
        return None

    def person(self, name: str) -> set[int]:
        found: set[int] = set()
        for entity in self.analysis.persons:
            if name_similarity(name, entity.name) >= PERSON_THRESHOLD:
                found |= {i for s, _ in entity.mentions if (i := self._index(s)) is not None}
        stems = _surname_stems(name)
        if stems:
            found |= {i for i, words in enumerate(self.words) if any(w.startswith(stems) for w in words)}
        return found

    def date(self, value: str | None) -> set[int]:
        if not value:
            return set()
        return {
            i
            for d in self.analysis.dates
            if d.date and (d.date.startswith(value) or value.startswith(d.date)) and len(d.date) >= 7
            if (i := self._index(d.start)) is not None
        }

    def event(self, persons: list[str], date: str | None) -> set[int]:
        p = set().union(*(self.person(n) for n in persons)) if persons else set()
        d = self.date(date)
        return (p & d) or p or d

    def spans(self, spans: list[list[int]]) -> set[int]:
        out: set[int] = set()
        for s, e in spans:
            out |= {i for i, (a, b) in enumerate(self.sentences) if a < e and s < b}
        return out


def _names(items: list | None) -> list[str]:
    return [i if isinstance(i, str) else i.get("name", "") for i in items or []]


def place(report: Report) -> Placed:
    """Run the extractor on the report and tie its events and the gold events to sentences."""
    doc = read_path(report.text_path)[0]
    analysis = analyse(doc)
    record = to_record(analysis)
    loc = Locator(analysis)
    n = len(analysis.sentences)
    placed = Placed(doc.text, report.language, analysis.sentences)
    placed.gold, placed.rules, placed.rules_evidence = ([set() for _ in range(n)] for _ in range(3))
    for ev in report.gold.get("events") or []:
        placed.gold_events += 1
        where = loc.event(_names(ev.get("persons")), ev.get("date"))
        placed.gold_unplaced += not where
        for i in where:
            placed.gold[i].add(ev["type"])
    person_names = {p["id"]: p["name"] for p in record.get("persons") or []}
    for ev in record.get("events") or []:
        names = [person_names.get(ref, ref) for ref in ev.get("persons") or []]
        for i in loc.event(names, ev.get("date")):
            placed.rules[i].add(ev["type"])
        for i in loc.spans(ev.get("evidence") or []):
            placed.rules_evidence[i].add(ev["type"])
    return placed
