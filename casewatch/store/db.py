"""Open the case database: create the engine and bring the schema to the newest migration."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from casewatch.settings import database_url

MIGRATIONS = Path(__file__).parent / "migrations"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL (readers never block the one writer), enforced foreign keys, patience when locked."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (see settings.database_url), without touching the schema."""
    url = database_url(url)
    connect_args = {}
    if url.startswith("postgresql+psycopg"):
        # plan every statement with current statistics: a plan psycopg prepared while the tables
        # were nearly empty turns the candidate query into a full scan once they are large
        connect_args["prepare_threshold"] = None
    engine = create_engine(url, connect_args=connect_args)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config(engine: Engine):
    """A programmatic Alembic config (no alembic.ini) pointing at our migrations."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option(
        "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run `alembic upgrade` on this engine."""
    from alembic import command

    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def open_database(url: str | None = None) -> Engine:
    """Open (creating if needed) the database at `url` and migrate it to the newest schema."""
    engine = make_engine(url)
    upgrade(engine)
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: commit when the block ends, roll back if it raises."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session
