"""Fixtures shared by the store tests."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from casewatch.store.db import open_database

#: a PostgreSQL server to test the store against (a database is made and dropped per test)
PG_URL = os.environ.get("CASEWATCH_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """A freshly migrated database: a SQLite file, and a throw-away PostgreSQL database when configured."""
    if request.param == "sqlite":
        eng = open_database(f"sqlite:///{tmp_path / 'case.db'}")
        yield eng
        eng.dispose()
        return
    if not PG_URL:
        pytest.skip("CASEWATCH_TEST_POSTGRES_URL not set")
    name = f"cw_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    eng = open_database(admin.url.set(database=name).render_as_string(hide_password=False))
    yield eng
    eng.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def blank_url(request, tmp_path):
    """The URL of an empty database, not migrated: a SQLite file, and a throw-away PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'blank.db'}"
        return
    if not PG_URL:
        pytest.skip("CASEWATCH_TEST_POSTGRES_URL not set")
    name = f"cw_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield admin.url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()
