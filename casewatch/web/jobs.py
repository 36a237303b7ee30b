"""Background ingest of uploaded reports: one job row per upload, with status and progress."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, select

from casewatch.store import models as m
from casewatch.store.accounts import IngestJob, record_audit, utcnow
from casewatch.store.db import session_scope

#: characters kept in an uploaded file's name
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str) -> str:
    """A file name without folders or odd characters, keeping its extension."""
    base = Path(name.replace("\\", "/")).name
    base = _SAFE.sub("_", base).strip("._") or "upload.txt"
    return base[-120:]


def _update(engine: Engine, job_id: int, **values) -> None:
    with session_scope(engine) as session:
        job = session.get(IngestJob, job_id)
        for key, value in values.items():
            setattr(job, key, value)


def run_ingest_job(engine: Engine, job_id: int, extractor: Callable | None = None) -> None:
    """Read, extract, link and store the uploaded file of one job; never raises."""
    from casewatch.extract import EXTRACTOR_VERSION, extract_document

    extractor = extractor or extract_document
    from casewatch.ingest import read_path
    from casewatch.store.ingest import store_document

    with session_scope(engine) as session:
        job = session.get(IngestJob, job_id)
        if job is None or job.status != "queued":
            return
        payload, filename, username = job.payload or b"", job.filename, job.username
        job.status, job.progress = "running", "reading the file"
    try:
        with tempfile.TemporaryDirectory(prefix="casewatch-upload-") as folder:
            path = Path(folder) / safe_filename(filename)
            path.write_bytes(payload)
            documents = read_path(path)
            stored: list[int] = []
            problems: list[str] = []
            for number, doc in enumerate(documents, start=1):
                _update(engine, job_id, progress=f"extracting document {number} of {len(documents)}")
                doc.path = "upload/" + doc.path.replace(str(path), safe_filename(filename))
                try:
                    record = extractor(doc)
                    store_document(engine, doc, record, EXTRACTOR_VERSION)
                except Exception as exc:  # one bad document never stops the rest
                    problems.append(f"{doc.path}: {exc}")
                    continue
                with session_scope(engine) as session:
                    found = session.scalar(select(m.Document.id).where(m.Document.sha256 == doc.sha256))
                    if found is not None:
                        stored.append(found)
    except Exception as exc:
        _update(
            engine,
            job_id,
            status="failed",
            error=f"{safe_filename(filename)}: {exc}",
            payload=None,
            finished_at=utcnow(),
            progress="failed",
        )
        return
    status = "failed" if problems and not stored else "done"
    with session_scope(engine) as session:
        job = session.get(IngestJob, job_id)
        job.status, job.result, job.payload, job.finished_at = status, stored, None, utcnow()
        job.error = "\n".join(problems) or None
        job.progress = f"{len(stored)} document(s) stored"
        for document_id in stored:
            record_audit(
                session,
                username,
                "ingest",
                "document",
                str(document_id),
                None,
                {"job": job_id, "file": filename},
            )
