"""Ingesting report files from the command line, written to the audit log like an upload on a page.

The audit entry holds counts only: the paths named on the command line can say whose computer it
was (the stored documents keep paths relative to what was named, casewatch.store.ingest).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import Engine

from casewatch.store.accounts import User, record_audit
from casewatch.store.db import session_scope
from casewatch.store.ingest import IngestSummary, ingest_paths


def ingest_files(
    engine: Engine,
    paths: Sequence[Path],
    user: User | str,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    reextract: bool = False,
) -> IngestSummary:
    """Store (or with `reextract`, extract again) the reports under `paths`; audit the run."""
    summary = ingest_paths(engine, paths, workers=workers, progress=progress, reextract=reextract)
    after = {
        "new": summary.new,
        "versions": summary.versions,
        "unchanged": summary.unchanged,
        "reextracted": summary.reextracted,
        "failed": len(summary.failed),
    }
    with session_scope(engine) as session:
        record_audit(
            session, user, "reextract" if reextract else "ingest", "database", "documents", None, after
        )
    return summary
