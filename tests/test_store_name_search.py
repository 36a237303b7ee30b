"""A name is found across scripts and Russian cases: persons --query, the web persons list and search."""

from __future__ import annotations

from casewatch.document import Document
from casewatch.outputs.dossier import list_persons
from casewatch.outputs.scope import EVERYTHING
from casewatch.store.db import session_scope
from casewatch.store.ingest import store_document
from casewatch.web.search import search_documents


def _report(engine, path: str, text: str, name: str, *spellings: str) -> None:
    """Store `text` naming one person `name`, written as each of `spellings`."""
    spans = [[text.index(s), text.index(s) + len(s)] for s in spellings]
    record = {"persons": [{"id": "P1", "name": name, "side": "target", "mentions": spans}]}
    store_document(engine, Document(path=path, format="txt", raw=text.encode(), text=text), record, "test")


def _stored(engine) -> None:
    _report(engine, "ru.txt", "Суд арестовал Тимура Оразкулова. Тимуру Оразкулову продлили арест.",
            "Тимур Оразкулов", "Тимура Оразкулова", "Тимуру Оразкулову")  # fmt: skip
    _report(engine, "en.txt", "Police detained the blogger Ainur Sydykbekova in Osh.",
            "Ainur Sydykbekova", "Ainur Sydykbekova")  # fmt: skip


def test_persons_query_finds_a_name_in_the_other_script_and_case(engine):
    _stored(engine)
    with session_scope(engine) as session:
        assert [p["name"] for p in list_persons(session, EVERYTHING, "Orazkulov")] == ["Тимур Оразкулов"]
        assert [p["name"] for p in list_persons(session, EVERYTHING, "Сыдыкбековой")] == ["Ainur Sydykbekova"]
        assert list_persons(session, EVERYTHING, "Orazbekov") == []


def test_report_search_finds_a_name_in_the_other_script_and_case(engine):
    _stored(engine)
    with session_scope(engine) as session:
        found = search_documents(session, "Orazkulov")
        assert len(found) == 1
        assert search_documents(session, "Оразкулову") == found
        assert len(search_documents(session, "Сыдыкбекова")) == 1
        assert search_documents(session, "Orazbekov") == []
