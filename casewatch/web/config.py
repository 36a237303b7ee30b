"""Settings of the web application: one class, safe defaults."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from casewatch.ingest.source import max_report_bytes
from casewatch.store.logins import LoginPolicy

#: host names (besides the address `serve` listens on) that requests may name, comma-separated
ALLOWED_HOSTS_ENV = "CASEWATCH_ALLOWED_HOSTS"
#: names of this machine that are always allowed when listening on it
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


def allowed_hosts_for(bind_host: str, extra: Iterable[str] = ()) -> list[str]:
    """The Host headers to accept: the address listened on (and its loopback names), `extra`, the env list."""
    hosts = list(LOOPBACK_HOSTS) if bind_host in LOOPBACK_HOSTS else [bind_host]
    from_env = os.environ.get(ALLOWED_HOSTS_ENV, "").split(",")
    for name in [*extra, *from_env]:
        name = name.strip().lower()
        if name and name not in hosts:
            hosts.append(name)
    return hosts


@dataclass
class WebSettings:
    """How the web app behaves; every default is the cautious one."""

    #: behind a TLS proxy: cookies Secure and HSTS even when the request reached us as plain HTTP
    force_https: bool = False
    #: Host headers the app answers to (anything else gets 400); see allowed_hosts_for
    allowed_hosts: list[str] = field(default_factory=lambda: list(LOOPBACK_HOSTS))
    #: a session ends this long after login, whatever happens
    session_lifetime: timedelta = timedelta(hours=12)
    #: a session ends after this long without a request
    session_idle: timedelta = timedelta(hours=2)
    #: throttling of failed logins and how long login records are kept (see store/logins.py)
    login_policy: LoginPolicy = field(default_factory=LoginPolicy)
    #: the largest request body anywhere but an editor's upload (logins, forms, API JSON)
    max_form_bytes: int = 1024 * 1024
    #: the largest upload accepted, in bytes (the report size limit, CASEWATCH_MAX_REPORT_MB)
    max_upload_bytes: int = field(default_factory=max_report_bytes)
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
