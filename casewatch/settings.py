"""Settings read from the environment: one place, safe defaults."""

from __future__ import annotations

import os

#: the default store: one SQLite file in the current folder, no server to install
DEFAULT_DATABASE_URL = "sqlite:///casewatch.db"


def database_url(explicit: str | None = None) -> str:
    """The database to use: --db, else CASEWATCH_DATABASE_URL, else ./casewatch.db."""
    url = explicit or os.environ.get("CASEWATCH_DATABASE_URL") or DEFAULT_DATABASE_URL
    if "://" not in url:  # a bare path means a SQLite file
        url = f"sqlite:///{url}"
    return url
