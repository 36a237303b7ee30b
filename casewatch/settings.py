"""Settings read from the environment: one place, safe defaults."""

from __future__ import annotations

import os

from casewatch.errors import CasewatchError

#: the default store: one SQLite file in the current folder, no server to install
DEFAULT_DATABASE_URL = "sqlite:///casewatch.db"


def database_url(explicit: str | None = None) -> str:
    """The database to use: --db, else CASEWATCH_DATABASE_URL, else ./casewatch.db."""
    url = explicit or os.environ.get("CASEWATCH_DATABASE_URL") or DEFAULT_DATABASE_URL
    if "://" not in url:  # a bare path means a SQLite file
        url = f"sqlite:///{url}"
    return url


#: environment variable holding the most characters of text one report may have
MAX_REPORT_CHARS_ENV = "CASEWATCH_MAX_REPORT_CHARS"
#: about 300,000 words, several times the longest monitoring report; a longer text is refused rather than
#: extracted for minutes (a .docx or .pdf can unpack to far more text than its file size suggests)
DEFAULT_MAX_REPORT_CHARS = 2_000_000


def max_report_chars() -> int:
    """The most characters of text one report may have: CASEWATCH_MAX_REPORT_CHARS, else 2,000,000."""
    value = os.environ.get(MAX_REPORT_CHARS_ENV, "").strip()
    if not value:
        return DEFAULT_MAX_REPORT_CHARS
    digits = value.replace("_", "").replace(",", "")
    if not digits.isdigit() or int(digits) <= 0:
        raise CasewatchError(f"{MAX_REPORT_CHARS_ENV} must be a positive number of characters, not {value!r}")
    return int(digits)


def too_long(limit: int, characters: int | None = None) -> str:
    """The one-line problem of a report whose text is longer than `limit` (`characters` long, when known)."""
    size = f"{characters:,} characters" if characters is not None else f"over {limit:,} characters"
    return f"the report's text is {size}; the limit is {limit:,} (set {MAX_REPORT_CHARS_ENV} to change it)"
