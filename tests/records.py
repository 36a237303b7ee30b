"""Build small extraction records by hand for store and output tests (names and sentences invented)."""

from __future__ import annotations

from casewatch.document import Document
from casewatch.store.ingest import store_document


class Report:
    """One invented report: sentences are added with the persons and events they tell."""

    def __init__(self, path: str, report_date: str, language: str = "en") -> None:
        self.path = path
        self.text = ""
        self.record: dict = {
            "source": {"report_date": report_date, "language": language, "title": path},
            "persons": [],
            "organizations": [],
            "locations": [],
            "articles": [],
            "events": [],
            "relations": [],
        }
        self._ids: dict[str, str] = {}

    def say(self, sentence: str) -> list[int]:
        """Append a sentence; its span."""
        start = len(self.text) + (1 if self.text else 0)
        self.text += (" " if self.text else "") + sentence
        return [start, start + len(sentence)]

    def person(self, name: str, side: str, roles: list[str], span: list[int] | None = None) -> str:
        if name in self._ids:
            return self._ids[name]
        pid = f"P{len(self._ids) + 1}"
        self._ids[name] = pid
        mentions = []
        if span is not None and name in self.text[span[0] : span[1]]:
            at = self.text.index(name, span[0])
            mentions = [[at, at + len(name)]]
        self.record["persons"].append(
            {"id": pid, "name": name, "aliases": [], "side": side, "roles": roles, "mentions": mentions}
        )
        return pid

    def article(self, code: str, article: str, part: str | None = None) -> str:
        entry = {"code": code, "article": article, "part": part, "mentions": []}
        if entry not in self.record["articles"]:
            self.record["articles"].append(entry)
        return article + (f".{part}" if part else "")

    def location(self, name: str) -> str:
        lid = f"L{len(self.record['locations']) + 1}"
        self.record["locations"].append({"id": lid, "name": name, "kind": "city", "mentions": []})
        return lid

    def event(self, sentence: str, type: str, date: str | None, targets: list[str] = (), **fields) -> dict:
        """Tell an event in a sentence; `targets` and `perpetrators` are person names already added."""
        span = self.say(sentence)
        perpetrators = fields.pop("perpetrators", [])
        event = {
            "id": f"E{len(self.record['events']) + 1}",
            "type": type,
            "date": date,
            "date_precision": fields.pop("date_precision", "day" if date and len(date) == 10 else None),
            "persons": [self._ids[n] for n in targets],
            "perpetrators": [self._ids[n] for n in perpetrators],
            "evidence": [span],
            **fields,
        }
        for name in [*targets, *perpetrators]:
            person = next(p for p in self.record["persons"] if p["id"] == self._ids[name])
            if not person["mentions"] and name in sentence:
                at = self.text.index(name, span[0])
                person["mentions"] = [[at, at + len(name)]]
        self.record["events"].append(event)
        return event

    def store(self, engine) -> str:
        doc = Document(path=self.path, raw=self.text.encode("utf-8"), text=self.text, format="txt")
        return store_document(engine, doc, self.record, "test-1")
