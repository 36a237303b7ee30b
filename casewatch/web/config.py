"""Settings of the web application: one class, safe defaults."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta


@dataclass
class WebSettings:
    """How the web app behaves; every default is the cautious one."""

    #: mark session cookies Secure even when the request looks like plain HTTP (behind a TLS proxy)
    force_https: bool = False
    #: a session ends this long after login, whatever happens
    session_lifetime: timedelta = timedelta(hours=12)
    #: a session ends after this long without a request
    session_idle: timedelta = timedelta(hours=2)
    #: failed logins for one account (or from one client) within `lockout_window` before locking
    lockout_threshold: int = 5
    lockout_window: timedelta = timedelta(minutes=15)
    #: how long a locked account stays locked
    lockout_duration: timedelta = timedelta(minutes=15)
    #: the largest upload accepted, in bytes
    max_upload_bytes: int = 20 * 1024 * 1024
    #: run an ingest job: (engine, job_id) -> None; None means casewatch.web.jobs.run_ingest_job
    ingest_runner: Callable | None = field(default=None, repr=False)
    #: turn a Document into an extraction record; None means casewatch.extract.extract_document
    extractor: Callable | None = field(default=None, repr=False)
    #: run jobs in worker processes (True) or before the upload request returns (False, for tests)
    background_jobs: bool = True
    #: a job's worker still running after this long is killed and the job marked failed
    job_time_limit: timedelta = timedelta(minutes=10)
    #: ingest jobs run at the same time, each in its own worker process; the others wait, queued
    job_workers: int = 2
    #: rows per page in lists
    page_size: int = 50
