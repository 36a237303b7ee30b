"""Who a sentence is about when it names nobody: section headers and the paragraph's subject."""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Iterator
from operator import attrgetter
from typing import Any

from casewatch.extract.analysis import Analysis, Entity
from casewatch.extract.spans import ThreadCache

_PRONOUN = re.compile(
    r"\b(?:he|she|they|him|her|them|his|their|both|the (?:two|three|four|five|six)"
    r"|all (?:two|three|four|five|six)|all of them"
    r"|the (?:activists|journalists|organi[sz]ers|detainees|defendants)"
    r"|активист(?:ы|ов|ам)|журналист(?:ы|ов)|организатор(?:ы|ов|ам)|задержанн(?:ые|ых)|подсудим(?:ые|ых)"
    r"|он|она|они|его|её|ее|их|ему|ей|им|оба|обе|все трое|все четверо|трое|двое)\b",
    re.I,
)
_HEADER = re.compile(r"^[\s✔⚡#*•🔴❗️‼️📌]*(?:#|⚡)")


def mentions_in(
    analysis: Analysis, start: int, end: int, entities: list[Entity] | None = None
) -> list[Entity]:
    """Entities with a mention inside [start, end), in order of first mention there."""
    return _index_of(analysis.persons if entities is None else entities).within(start, end)


_MENTIONS = attrgetter("mentions")
#: the MentionIndex of the entities last asked about, the list itself and what its state was
_LAST_INDEX = ThreadCache()


def _index_of(entities: list[Entity]) -> MentionIndex:
    """A MentionIndex of `entities`, built again only when the list or one of its mention lists changed (a
    question per sentence must not scan every mention of the report)."""
    lists = list(map(_MENTIONS, entities))
    state = (tuple(map(id, entities)), tuple(map(id, lists)), tuple(map(len, lists)))
    if _LAST_INDEX.get("entities") is not entities or _LAST_INDEX["state"] != state:
        # the lists are kept so that no id in `state` can be reused by another list while it is cached
        _LAST_INDEX.update(entities=entities, lists=lists, state=state, index=MentionIndex(entities))
    return _LAST_INDEX["index"]


class MentionIndex:
    """The mentions of a list of entities in text order, for many `mentions_in` questions about one state
    of them (answers are the same as `mentions_in`'s)."""

    def __init__(self, entities: list[Entity]) -> None:
        spans = sorted((s, i, e) for i, ent in enumerate(entities) for s, e in ent.mentions)
        self.entities = entities
        self.spans = spans
        self.starts = [s for s, _, _ in spans]

    def within(self, start: int, end: int) -> list[Entity]:
        """Entities with a mention inside [start, end), in order of first mention there."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_right(self.starts, end)
        seen: set[int] = set()
        out: list[Entity] = []
        for _, i, e in self.spans[lo:hi]:
            if e <= end and i not in seen:
                seen.add(i)
                out.append(self.entities[i])
        return out

    def first_from(self, start: int) -> tuple[int, Entity] | None:
        """The first mention starting at or after `start` and its entity (the earlier entity on a tie)."""
        k = bisect.bisect_left(self.starts, start)
        if k == len(self.spans):
            return None
        at, i, _ = self.spans[k]
        return at, self.entities[i]


class Mentions:
    """Every mention of a list of entities, found by where it starts or ends: the mentions in a window of the
    text without scanning every mention of the report."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        #: (start, end, entity number, mention number), by start; and the same by end
        self.by_start = sorted(
            (ms, me, i, j) for i, ent in enumerate(entities) for j, (ms, me) in enumerate(ent.mentions)
        )
        self.by_end = sorted(self.by_start, key=lambda m: (m[1], m[0], m[2], m[3]))
        self.starts = [m[0] for m in self.by_start]
        self.ends = [m[1] for m in self.by_end]
        self.first = [min((ms for ms, _ in ent.mentions), default=None) for ent in entities]

    def starting(self, lo: int, hi: int) -> list[tuple[int, int, Entity]]:
        """(start, end, entity) of the mentions starting in [lo, hi], in the order of the entities and their
        mentions (the order a loop over the entities and their mentions meets them)."""
        found = self.by_start[bisect.bisect_left(self.starts, lo) : bisect.bisect_right(self.starts, hi)]
        return [(ms, me, self.entities[i]) for ms, me, i, _ in sorted(found, key=lambda m: (m[2], m[3]))]

    def ending(self, lo: int, hi: int) -> list[tuple[int, int, Entity]]:
        """(start, end, entity) of the mentions ending in [lo, hi], in the same order as `starting`."""
        found = self.by_end[bisect.bisect_left(self.ends, lo) : bisect.bisect_right(self.ends, hi)]
        return [(ms, me, self.entities[i]) for ms, me, i, _ in sorted(found, key=lambda m: (m[2], m[3]))]

    def from_start(self, lo: int) -> Iterator[tuple[int, int, Entity]]:
        """(start, end, entity) of the mentions starting at or after `lo`, in text order."""
        for ms, me, i, _ in self.by_start[bisect.bisect_left(self.starts, lo) :]:
            yield ms, me, self.entities[i]


def mentions_of(entities: list[Entity]) -> Mentions:
    """The Mentions of `entities`, built again only when the list or one of its mention lists changed."""
    lists = list(map(_MENTIONS, entities))
    state = (tuple(map(id, entities)), tuple(map(id, lists)), tuple(map(len, lists)))
    if _LAST_MENTIONS.get("entities") is not entities or _LAST_MENTIONS["state"] != state:
        _LAST_MENTIONS.update(entities=entities, lists=lists, state=state, index=Mentions(entities))
    return _LAST_MENTIONS["index"]


_LAST_MENTIONS = ThreadCache()


class _Own:
    """One entity's mentions sorted by start and by end (the entity's own order kept for ties)."""

    def __init__(self, mentions: list[tuple[int, int]]) -> None:
        self.mentions = mentions
        self.size = len(mentions)
        self.by_start = sorted((ms, j) for j, (ms, _) in enumerate(mentions))
        self.starts = [ms for ms, _ in self.by_start]
        self.by_end = sorted((me, j) for j, (_, me) in enumerate(mentions))
        self.ends = [me for me, _ in self.by_end]


_OWN = ThreadCache()


def _own(ent: Entity) -> _Own:
    """The sorted mentions of one entity, kept while its mention list is the same list of the same length."""
    own = _OWN.get(id(ent.mentions))
    if own is None or own.mentions is not ent.mentions or own.size != len(ent.mentions):
        if len(_OWN) > 50_000:
            _OWN.clear()
        own = _OWN[id(ent.mentions)] = _Own(ent.mentions)
    return own


def starts_within(ent: Entity, lo: int, hi: int) -> list[tuple[int, int]]:
    """The entity's mentions starting in [lo, hi], in its own order: `[m for m in ent.mentions if lo <= m[0]
    <= hi]` without looking at every mention of a person named all through a long report."""
    own = _own(ent)
    found = own.by_start[bisect.bisect_left(own.starts, lo) : bisect.bisect_right(own.starts, hi)]
    return [ent.mentions[j] for _, j in sorted(found, key=lambda x: x[1])]


def ends_within(ent: Entity, lo: int, hi: int) -> list[tuple[int, int]]:
    """The entity's mentions ending in [lo, hi], in its own order."""
    own = _own(ent)
    found = own.by_end[bisect.bisect_left(own.ends, lo) : bisect.bisect_right(own.ends, hi)]
    return [ent.mentions[j] for _, j in sorted(found, key=lambda x: x[1])]


_NOTE = re.compile(r"(?m)^[ \t]*\((\d{1,2})\)[ \t]+")
_ROW_NUMBER = r"(?m)^[ \t]*\|?[ \t]*{}[ \t]*\|[^\n]*"


def table_notes(text: str) -> list[tuple[int, int, int, int]]:
    """Numbered notes under a table ("(2) Her husband ...") with the row they comment on ("| 2 | ... |"):
    (note start, note end, row start, row end)."""
    notes = []
    for m in _NOTE.finditer(text):
        row = re.compile(_ROW_NUMBER.format(m.group(1))).search(text, 0, m.start())
        if row is None:
            continue
        end = text.find("\n\n", m.end())
        notes.append((m.start(), len(text) if end < 0 else end, row.start(), row.end()))
    return notes


class Subjects:
    """For each sentence, the persons a sentence without names is most likely about."""

    def __init__(self, analysis: Analysis) -> None:
        state = _state(analysis)
        if _LAST.get("state") == state and _LAST["analysis"]() is analysis:
            self.__dict__.update(_LAST["subjects"])  # the same persons in the same report: the same answers
            return
        self._build(analysis)
        _LAST.update(state=state, analysis=weakref.ref(analysis), subjects=dict(self.__dict__))

    def _build(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.starts = [s for s, _ in analysis.sentences]
        self.header: list[list[Entity]] = []
        self.last: list[list[Entity]] = []
        current_header: list[Entity] = []
        last_targets: list[Entity] = []
        previous: list[Entity] = []
        latest: list[Entity] = []
        self.previous: list[list[Entity]] = []
        self.latest: list[list[Entity]] = []
        text = analysis.text
        self.note_rows: dict[int, list[Entity]] = {}
        if "|" in text:
            for start, end, row_start, row_end in table_notes(text):
                row = [
                    p
                    for p in mentions_in(analysis, row_start, row_end)
                    if p.side not in ("perpetrator", "other")
                ]
                for k, (s, _) in enumerate(analysis.sentences):
                    if start <= s < end and row:
                        self.note_rows[k] = row
        index = MentionIndex(analysis.persons)
        for s, e in analysis.sentences:
            here = index.within(s, e)
            sentence = text[s:e]
            if here and (_HEADER.match(sentence) or _is_name_line(sentence, here)):
                current_header = [p for p in here if p.side != "perpetrator"]
            if self._paragraph_start(s):
                last_targets = []
            self.header.append(current_header)
            self.last.append(last_targets)
            self.previous.append(previous)
            self.latest.append(latest)
            targets = [p for p in here if p.side not in ("perpetrator", "other")]
            if targets:
                last_targets = targets
                latest = targets
            previous = targets

    def _paragraph_start(self, start: int) -> bool:
        return start == 0 or "\n\n" in self.analysis.text[max(0, start - 4) : start + 1]

    def index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def about(self, k: int) -> list[Entity]:
        """Persons sentence k refers to without naming them: the last named targets, else the section's."""
        return self.last[k] or self.note_rows.get(k) or self.previous[k] or self.header[k] or self._pronoun(k)

    def _pronoun(self, k: int) -> list[Entity]:
        """A sentence saying "he", "she" or "they" is about the targets named last."""
        s, e = self.analysis.sentences[k]
        if _PRONOUN.search(self.analysis.text[s:e]):
            return self.latest[k]
        return []


#: the Subjects of the last report asked about, and what they were built from (components ask several times)
_LAST: dict[str, Any] = {}


def _state(analysis: Analysis) -> tuple[object, ...]:
    """What Subjects are built from: the sentences and each person's side, names and mentions."""
    persons = tuple((id(p), p.side, p.name, tuple(p.aliases), tuple(p.mentions)) for p in analysis.persons)
    return (id(analysis.sentences), tuple(analysis.sentences), persons)


def _is_name_line(sentence: str, here: list[Entity]) -> bool:
    """A line that holds nothing but names (a post's header), not a numbered list item."""
    if len(sentence) >= 100:
        return False
    rest = sentence
    for name in sorted((a for p in here for a in [p.name, *p.aliases]), key=len, reverse=True):
        rest = rest.replace(name, " ")
    rest = re.sub(r"^\s*(?:Name|Full name|ФИО|Ф\.И\.О\.|Имя)\s*:", " ", rest, flags=re.I)  # a profile card
    return not re.search(r"[\w\d]", re.sub(r"\b(?:and|и)\b", " ", rest))
