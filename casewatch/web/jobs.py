"""Ingest of uploaded reports: one job row per upload, the work of one job, its failures as short
classified lines (never the report's text), and the end of jobs a stopped server left behind.

A job runs in a worker process (casewatch/web/workers.py) or, in tests, inline. Every document
of the file is stored in one transaction together with the job's end, so a worker killed before
that commit leaves nothing half-written.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from casewatch.errors import ReaderError
from casewatch.store.accounts import IngestJob, record_audit, utcnow
from casewatch.store.db import session_scope

log = logging.getLogger("casewatch.jobs")

#: characters kept in an uploaded file's name
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
#: statuses of a job that has not ended
OPEN = ("queued", "running")
#: how often storing is tried when another job wrote first (the same bytes uploaded twice at once)
STORE_ATTEMPTS = 4
#: the folder a job's file is read from begins with this and the job id; removed when the job ends
FOLDER_PREFIX = "casewatch-job-"
INTERRUPTED = "interrupted: the server stopped before the job ended; upload the file again"


def safe_filename(name: str) -> str:
    """A file name without folders or odd characters, keeping its extension."""
    base = Path(name.replace("\\", "/")).name
    base = _SAFE.sub("_", base).strip("._") or "upload.txt"
    return base[-120:]


def job_folders(job_id: int) -> list[Path]:
    """Folders a job's file may have been written to."""
    return list(Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}{job_id}-*"))


def describe_limit(limit: timedelta) -> str:
    """'10 minutes', '90 seconds'."""
    seconds = round(limit.total_seconds())
    if seconds % 60 == 0 and seconds >= 60:
        return f"{seconds // 60} minute{'s' if seconds != 60 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def failure_message(exc: BaseException, name: str) -> str:
    """One line for the job record naming the file and what went wrong; an exception's own text is
    kept only for the readers' errors (casewatch's own words): any other may quote the report."""
    if isinstance(exc, ReaderError):
        message = exc.message
        if message.startswith("cannot read as"):  # the rest is the library's words
            message = message.split(": ", 1)[0]
        return f"{name}: {message}"[:300]
    if isinstance(exc, SQLAlchemyError):
        return f"{name}: could not be stored (database error {type(exc).__name__}); try again"
    if isinstance(exc, MemoryError):
        return f"{name}: too large to extract"
    return f"{name}: extraction failed ({type(exc).__name__}); the server log says where"


def log_failure(job_id: int, exc: BaseException) -> None:
    """Log where a job failed (type, files, lines, functions), without the exception's text."""
    frames = traceback.extract_tb(exc.__traceback__)[-6:]
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
    log.error("ingest job %s failed: %s at %s", job_id, type(exc).__name__, where or "?")


def _secure_delete(session: Session) -> None:
    """Make SQLite overwrite the pages an upload is deleted from (else its bytes stay in the file)."""
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("PRAGMA secure_delete = ON")


def end_job(session: Session, job_id: int, status: str, progress: str, error: str | None = None) -> bool:
    """End a job that has not ended yet and forget its upload; False if it had already ended."""
    _secure_delete(session)
    ended = session.execute(
        update(IngestJob)
        .where(IngestJob.id == job_id, IngestJob.status.in_(OPEN))
        .values(status=status, progress=progress, error=error, payload=None, finished_at=utcnow())
    )
    return ended.rowcount == 1


def _claim(engine: Engine, job_id: int) -> tuple[bytes, str, str] | None:
    """Mark a queued job running: (its upload, file name, user), or None if it is not queued."""
    with session_scope(engine) as session:
        claimed = session.execute(
            update(IngestJob)
            .where(IngestJob.id == job_id, IngestJob.status == "queued")
            .values(status="running", progress="reading the file")
        )
        if claimed.rowcount != 1:
            return None
        job = session.get(IngestJob, job_id)
        return job.payload or b"", job.filename, job.username


def _progress(engine: Engine, job_id: int, progress: str) -> None:
    with session_scope(engine) as session:
        session.execute(
            update(IngestJob)
            .where(IngestJob.id == job_id, IngestJob.status == "running")
            .values(progress=progress)
        )


@contextmanager
def _file(job_id: int, folder: str | None, filename: str, payload: bytes) -> Iterator[Path]:
    """The upload written to a file for the readers, removed as soon as it has been read."""
    # a folder the supervisor made is removed by it, even when this process is killed
    given = nullcontext(folder) if folder else None
    with given or tempfile.TemporaryDirectory(prefix=f"{FOLDER_PREFIX}{job_id}-") as where:
        path = Path(where) / filename
        path.write_bytes(payload)
        try:
            yield path
        finally:
            path.unlink(missing_ok=True)


def run_ingest_job(
    engine: Engine, job_id: int, extractor: Callable | None = None, folder: str | None = None
) -> None:
    """Read, extract and store the uploaded file of one queued job; never raises. `folder`: where
    to write the file for reading (else a temporary folder)."""
    from casewatch.extract import extract_document
    from casewatch.ingest import read_path

    extractor = extractor or extract_document
    claimed = _claim(engine, job_id)
    if claimed is None:
        return
    payload, filename, username = claimed
    try:
        with _file(job_id, folder, safe_filename(filename), payload) as path:
            documents = read_path(path)
            for doc in documents:
                doc.path = "upload/" + doc.path.replace(str(path), path.name)
        del payload
        extracted, problems = [], []
        for number, doc in enumerate(documents, start=1):
            _progress(engine, job_id, f"extracting report {number} of {len(documents)}")
            try:
                extracted.append((doc, extractor(doc)))
            except Exception as exc:  # one bad document never stops the rest
                log_failure(job_id, exc)
                problems.append(failure_message(exc, doc.path.removeprefix("upload/")))
        if not extracted:
            with session_scope(engine) as session:
                end_job(session, job_id, "failed", "failed", "\n".join(problems))
            return
        _store(engine, job_id, username, extracted, problems)
    except Exception as exc:
        log_failure(job_id, exc)
        with session_scope(engine) as session:
            end_job(session, job_id, "failed", "failed", failure_message(exc, safe_filename(filename)))


def _outcome(new: int, known: int) -> str:
    """'1 report stored', 'already stored', '2 reports stored, 1 already stored'."""
    parts = [f"{new} report{'s' if new != 1 else ''} stored"] if new else []
    if known:
        parts.append("already stored" if not new and known == 1 else f"{known} already stored")
    return ", ".join(parts)


def _store(engine: Engine, job_id: int, username: str, extracted: list, problems: list[str]) -> None:
    """Store the documents and end the job in one transaction; bytes another job stored first are
    "already stored" (its transaction is tried again after a conflict, and then finds them)."""
    from casewatch.extract import EXTRACTOR_VERSION
    from casewatch.store.ingest import add_extracted

    for attempt in range(1, STORE_ATTEMPTS + 1):
        try:
            with session_scope(engine) as session:
                # a write first: SQLite's write lock is taken before anything is read, so concurrent
                # jobs store one after the other instead of failing on a stale snapshot
                if not session.execute(
                    update(IngestJob)
                    .where(IngestJob.id == job_id, IngestJob.status == "running")
                    .values(progress="storing")
                ).rowcount:
                    return  # cancelled meanwhile: store nothing
                cache: dict = {}
                outcomes = [
                    add_extracted(session, doc, rec, EXTRACTOR_VERSION, cache) for doc, rec in extracted
                ]
                new = [document_id for outcome, document_id in outcomes if outcome != "unchanged"]
                job = session.get(IngestJob, job_id)
                job.result = list(dict.fromkeys(document_id for _, document_id in outcomes))
                end_job(
                    session,
                    job_id,
                    "done",
                    _outcome(len(new), len(outcomes) - len(new)),
                    "\n".join(problems) or None,
                )
                for document_id in new:
                    record_audit(
                        session,
                        username,
                        "ingest",
                        "document",
                        str(document_id),
                        None,
                        {"job": job_id, "file": job.filename},
                    )
            return
        except (IntegrityError, OperationalError) as exc:
            if attempt == STORE_ATTEMPTS:
                raise
            log.info("ingest job %s: storing again after %s", job_id, type(exc).__name__)


def recover_stranded_jobs(engine: Engine) -> int:
    """End the jobs a stopped server left queued or running (failed, "interrupted") and delete their
    uploads, in the database and on disk; how many. Run when the server starts."""
    with session_scope(engine) as session:
        stranded = list(session.scalars(select(IngestJob.id).where(IngestJob.status.in_(OPEN))))
        for job_id in stranded:
            end_job(session, job_id, "failed", "interrupted", INTERRUPTED)
            record_audit(
                session, "(server start)", "interrupt", "job", str(job_id), None, {"status": "failed"}
            )
    for job_id in stranded:
        for folder in job_folders(job_id):
            shutil.rmtree(folder, ignore_errors=True)
    return len(stranded)
