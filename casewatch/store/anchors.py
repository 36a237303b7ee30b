"""Find a mention again after re-extraction: by its spelling, by where it stands, or by an equal name.

Human link decisions and earlier links are remembered with the mention's anchor (its names and
character spans). A newer extractor may spell the person differently ("Bekizhan" becomes
"Bekizhan Mendygaziyev", a patronymic appears) or cut the span differently; the anchor still
finds the mention that is the same person in the same document.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewatch.names import match_names
from casewatch.store import models as m

T = TypeVar("T")

#: how sure a pairing is, tried in this order: the same spelling, an overlapping span, an equal name
EXACT, SPAN, NAME = 3, 2, 1
#: name agreement (casewatch.names.match_names) that counts as the same name in one document
SAME_NAME = 0.9


@dataclass(frozen=True)
class Anchor:
    """Where a mention stood in its document: its spellings and their character spans."""

    names: frozenset[str]
    spans: tuple[tuple[int, int], ...] = ()

    def as_json(self) -> list[list[int]]:
        return [list(s) for s in self.spans]


def strength(a: Anchor, b: Anchor) -> int:
    """EXACT, SPAN or NAME when `a` and `b` are one mention of one document; 0 when not."""
    if a.names & b.names:
        return EXACT
    if any(s < f and t < e for s, e in a.spans for t, f in b.spans):
        return SPAN
    if any(match_names(x, y).score >= SAME_NAME for x in a.names for y in b.names):
        return NAME
    return 0


def pair_up(mentions: Mapping[int, Anchor], remembered: Iterable[tuple[Anchor, T]]) -> dict[int, T]:
    """Give each mention (by id) what was remembered of it, strongest pairings first, each used once.

    A pairing is taken only when it is unambiguous: one remembered anchor for the mention and
    one mention for the anchor at that strength.
    """
    left = dict(enumerate(remembered))
    found: dict[int, T] = {}
    for level in (EXACT, SPAN, NAME):
        options = {
            mid: [i for i, (anchor, _) in left.items() if strength(mine, anchor) == level]
            for mid, mine in mentions.items()
            if mid not in found
        }
        wanted: dict[int, list[int]] = {}
        for mid, ids in options.items():
            for i in ids:
                wanted.setdefault(i, []).append(mid)
        for mid, ids in options.items():
            if len(ids) == 1 and len(wanted[ids[0]]) == 1:
                found[mid] = left.pop(ids[0])[1]
    return found


def anchors(session: Session, mention_ids: Iterable[int]) -> dict[int, Anchor]:
    """The anchors of stored mentions."""
    ids = list(mention_ids)
    names: dict[int, set[str]] = {}
    spans: dict[int, set[tuple[int, int]]] = {}
    if not ids:
        return {}
    for mid, name in session.execute(
        select(m.PersonMention.id, m.PersonMention.name).where(m.PersonMention.id.in_(ids))
    ):
        names.setdefault(mid, set()).add(name)
    q = select(m.MentionName.mention_id, m.MentionName.name, m.MentionName.start, m.MentionName.end)
    for mid, name, start, end in session.execute(q.where(m.MentionName.mention_id.in_(ids))):
        names.setdefault(mid, set()).add(name)
        if start is not None and end is not None:
            spans.setdefault(mid, set()).add((start, end))
    return {mid: Anchor(frozenset(n), tuple(sorted(spans.get(mid, ())))) for mid, n in names.items()}
