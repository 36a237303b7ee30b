"""The case store schema comes from the Alembic migrations, and they match the models."""

from __future__ import annotations

import json

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from casewatch.store import models
from casewatch.store.db import open_database

#: the tables of casewatch/store/models.py (accounts tables belong to the web app's migration)
CASE_TABLES = {
    mapper.local_table.name
    for mapper in models.Base.registry.mappers
    if mapper.class_.__module__ == models.__name__
}


def _table_of(diff) -> str | None:
    """The table a schema difference is about (autogenerate reports tuples or lists of tuples)."""
    op = diff[0] if isinstance(diff, list) else diff
    for part in op[1:]:
        name = getattr(part, "name", None) if not isinstance(part, str) else part
        table = getattr(part, "table", None)
        if table is not None:
            return table.name
        if isinstance(name, str) and name in CASE_TABLES:
            return name
    return None


def test_migrations_create_every_case_table(tmp_path):
    engine = open_database(f"sqlite:///{tmp_path / 'case.db'}")
    assert set(inspect(engine).get_table_names()) >= CASE_TABLES


def test_models_and_migrations_agree(tmp_path):
    engine = open_database(f"sqlite:///{tmp_path / 'case.db'}")
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), models.Base.metadata)
    assert [d for d in diffs if _table_of(d) in CASE_TABLES] == []


def test_open_database_twice_is_harmless(tmp_path):
    url = f"sqlite:///{tmp_path / 'case.db'}"
    open_database(url).dispose()
    engine = open_database(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_account_models_and_migrations_agree(tmp_path):
    from casewatch.store import accounts

    tables = {
        mapper.local_table.name
        for mapper in models.Base.registry.mappers
        if mapper.class_.__module__ == accounts.__name__
    }
    assert "sensitive_mark_anchor" in tables
    engine = open_database(f"sqlite:///{tmp_path / 'case.db'}")
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), models.Base.metadata)
    assert [d for d in diffs if _table_of(d) in tables] == []


def test_existing_person_marks_are_anchored_on_the_mentions_of_the_person(blank_url):
    """0006: a mark keyed to a (merged) person id holds on that person's mentions after the upgrade."""
    from sqlalchemy import text

    from casewatch.store.db import make_engine, upgrade

    engine = make_engine(blank_url)
    upgrade(engine, "0005_pending_link_index")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO documents (id, sha256, path, format, raw, text, version, is_current, "
                "extractor_version, ingested_at, meta) VALUES "
                "(1, 'ab', 'r/one.txt', 'txt', :raw, 'Olga Sedova spoke.', 1, :yes, 'x', '2024-01-01', '{}')"
            ),
            {"raw": b"-", "yes": True},
        )
        conn.execute(
            text(
                "INSERT INTO claims (id, document_id, subject, property, value, extractor_version, "
                "confidence, status, created_at) VALUES ('c1', 1, 'person:Olga Sedova', 'name', "
                "'Olga Sedova', 'x', 1.0, 'unreviewed', '2024-01-01')"
            )
        )
        for pid, merged in ((1, None), (2, 1)):
            conn.execute(
                text(
                    "INSERT INTO persons (id, name, merged_into, profile, created_at) "
                    "VALUES (:id, 'Olga Sedova', :m, '{}', '2024-01-01')"
                ),
                {"id": pid, "m": merged},
            )
        conn.execute(
            text(
                "INSERT INTO person_mentions (id, document_id, person_id, claim_id, local_id, name) "
                "VALUES (7, 1, 1, 'c1', 'P1', 'Olga Sedova')"
            )
        )
        conn.execute(
            text(
                'INSERT INTO mention_names (mention_id, claim_id, name, start, "end") '
                "VALUES (7, 'c1', 'Olga Sedova', 0, 11)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO sensitive_mark (entity_type, entity_id, field, reason, created_by, "
                "created_at) VALUES ('person', '2', NULL, 'health', 'ana', '2024-01-01')"
            )
        )
    upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT mention_id, document_path, mention_name, mention_spans FROM sensitive_mark_anchor")
        ).all()
    assert [tuple(r[:3]) for r in rows] == [(7, "r/one.txt", "Olga Sedova")]
    spans = rows[0][3]
    assert (json.loads(spans) if isinstance(spans, str) else spans) == [[0, 11]]
    engine.dispose()
