"""Indexes over offsets in one text, so that per-sentence and per-mention questions cost a bisect, not a scan.

Extraction asks "which line holds this sentence?" or "is this offset inside a taken span?" once per
sentence or token; scanning the whole text or every span for each makes a long report take quadratic time.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable
from typing import Any


class Covered:
    """Whether an offset lies inside one of some [start, end) spans (they may overlap)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        #: the furthest end among the spans starting at or before each one
        self.reach: list[int] = []
        furthest = -1
        for _, e in ordered:
            furthest = max(furthest, e)
            self.reach.append(furthest)

    def __contains__(self, pos: int) -> bool:
        """True when some span has start <= pos < end."""
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and self.reach[k] > pos

    def holds(self, start: int, end: int) -> bool:
        """True when some span has span start <= start and end <= span end."""
        k = bisect.bisect_right(self.starts, start) - 1
        return k >= 0 and self.reach[k] >= end


class Taken:
    """Spans taken so far, asked whether a new span overlaps one of them (spans are added as taken)."""

    BUCKET = 1024

    def __init__(self) -> None:
        self.buckets: dict[int, list[tuple[int, int]]] = {}
        self.longest = 0

    def add(self, start: int, end: int) -> None:
        self.buckets.setdefault(start // self.BUCKET, []).append((start, end))
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """True when some span has s < end and start < e: only spans starting after start - longest can."""
        first, last = (start - self.longest) // self.BUCKET, (end - 1) // self.BUCKET
        return any(s < end and start < e for b in range(first, last + 1) for s, e in self.buckets.get(b, ()))


class Starts:
    """Which of a list of items has an offset in [start, end): each item given by its offsets (mentions)."""

    def __init__(self, offsets: Iterable[Iterable[int]]) -> None:
        pairs = sorted((at, i) for i, item in enumerate(offsets) for at in item)
        self.offsets = [at for at, _ in pairs]
        self.items = [i for _, i in pairs]

    def within(self, start: int, end: int) -> list[int]:
        """The items with an offset in [start, end), each once, in the order they were given."""
        lo, hi = bisect.bisect_left(self.offsets, start), bisect.bisect_left(self.offsets, end)
        return sorted(set(self.items[lo:hi]))


class Lines:
    """The line of any offset of one text, found by bisecting the newlines' offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        #: answers components keep about this text's lines, by a key of their own
        self.memo: dict[tuple[object, ...], object] = {}
        self.newlines: list[int] = []
        at = text.find("\n")
        while at >= 0:
            self.newlines.append(at)
            at = text.find("\n", at + 1)

    def start(self, pos: int) -> int:
        """Where the line holding `pos` starts: `text.rfind("\\n", 0, pos) + 1`."""
        k = bisect.bisect_left(self.newlines, pos)
        return self.newlines[k - 1] + 1 if k else 0

    def end(self, pos: int) -> int:
        """The first newline at or after `pos`, or the text's length: `text.find("\\n", pos)` without -1."""
        k = bisect.bisect_left(self.newlines, pos)
        return self.newlines[k] if k < len(self.newlines) else len(self.text)


class ThreadCache(threading.local):
    """A dict of its own in each thread: what one extraction keeps about its report must not be read by
    another running in another thread."""

    def __init__(self) -> None:
        self.data: dict[Any, Any] = {}

    def get(self, key: Any, default: Any = None) -> Any:
        return self.data.get(key, default)

    def __getitem__(self, key: Any) -> Any:
        return self.data[key]

    def __setitem__(self, key: Any, value: Any) -> None:
        self.data[key] = value

    def __len__(self) -> int:
        return len(self.data)

    def update(self, **items: Any) -> None:
        self.data.update(items)

    def clear(self) -> None:
        self.data.clear()


_LINES = ThreadCache()


def lines_of(text: str) -> Lines:
    """The Lines of `text`, kept for the last text asked about (components ask many times about one text)."""
    cached = _LINES.get("last")
    if cached is None or cached.text is not text:
        cached = Lines(text)
        _LINES["last"] = cached
    return cached
