"""The case store schema comes from the Alembic migrations, and they match the models."""

from __future__ import annotations

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
