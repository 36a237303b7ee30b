"""Ingest jobs run in worker processes that the web server starts and watches: at most `workers`
at a time, each killed when it runs past the time limit or when an editor cancels its job.

The standard library only (see docs/ingest-jobs.md for why no task-queue library): one fresh
interpreter per job, `python -m casewatch.web.workers`, handed its task on stdin. Not a fork of a
server whose threads hold locks, and not multiprocessing's "spawn", which would run the
`casewatch` script (a second `serve`) again in the child.
"""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import Engine

from casewatch.store.accounts import record_audit
from casewatch.store.db import session_scope
from casewatch.web.jobs import FOLDER_PREFIX, describe_limit, end_job

log = logging.getLogger("casewatch.jobs")

#: how much lower than the web server a worker is scheduled (pages stay quick while jobs run)
WORKER_NICENESS = 5


def _start(task: dict) -> subprocess.Popen:
    """A worker process for one job; its task (with the database URL) goes on stdin, not argv."""
    process = subprocess.Popen(
        [sys.executable, "-m", "casewatch.web.workers"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        close_fds=True,
    )
    try:
        # the parent's import path first, so that an extractor given in settings can be found
        process.stdin.write(pickle.dumps(sys.path) + pickle.dumps(task))
        process.stdin.close()
    except BaseException:
        process.kill()
        process.wait()
        raise
    return process


def _work(database_url: str, job_id: int, extractor: Callable | None, folder: str, parent: int) -> None:
    """A worker process: run one job over its own connection; exit at once if the server dies."""
    from casewatch.store.db import make_engine
    from casewatch.store.ingest import exit_with_parent
    from casewatch.web.jobs import run_ingest_job

    threading.Thread(target=exit_with_parent, args=(parent,), daemon=True).start()
    os.nice(WORKER_NICENESS)
    engine = make_engine(database_url)
    run_ingest_job(engine, job_id, extractor, folder)
    engine.dispose()


class JobSupervisor:
    """Starts one worker process per job, at most `workers` at once, and ends each one: killed past
    `time_limit` (the job fails, saying so) or on `cancel`; its folder is removed either way."""

    def __init__(
        self, engine: Engine, extractor: Callable | None, time_limit: timedelta, workers: int
    ) -> None:
        self.engine = engine
        self.database_url = engine.url.render_as_string(hide_password=False)
        self.extractor = extractor
        self.time_limit = time_limit
        self._slots = threading.BoundedSemaphore(max(1, workers))
        self._lock = threading.Lock()
        self._processes: dict[int, subprocess.Popen] = {}
        self._ended: dict[int, threading.Event] = {}
        self._cancelled: set[int] = set()

    def submit(self, job_id: int) -> None:
        """Run a queued job as soon as a worker slot is free."""
        with self._lock:
            self._ended[job_id] = threading.Event()
        threading.Thread(
            target=self._supervise, args=(job_id,), name=f"casewatch-job-{job_id}", daemon=True
        ).start()

    def cancel(self, job_id: int, wait: float = 30.0) -> None:
        """Kill the job's worker (if it runs here) and wait until it is gone and its folder removed."""
        with self._lock:
            if job_id not in self._ended:
                return  # not a job of this server's, or it has ended
            self._cancelled.add(job_id)
            process, ended = self._processes.get(job_id), self._ended[job_id]
        if process is not None:  # running: kill it; a queued job is never started now
            process.kill()
            ended.wait(wait)

    def _supervise(self, job_id: int) -> None:
        try:
            with self._slots:
                self._run(job_id)
        except Exception as exc:  # the supervisor's own failure: the job must still end
            log.error("ingest job %s: supervisor failed: %s", job_id, type(exc).__name__)
            with session_scope(self.engine) as session:
                end_job(session, job_id, "failed", "failed", "the job could not be run; try again")
        finally:
            with self._lock:
                self._cancelled.discard(job_id)
                ended = self._ended.pop(job_id, None)
            if ended is not None:
                ended.set()

    def _run(self, job_id: int) -> None:
        with self._lock:
            if job_id in self._cancelled:
                return
            folder = tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{job_id}-")
            task = {
                "database_url": self.database_url,
                "job_id": job_id,
                "extractor": self.extractor,
                "folder": folder,
                "parent": os.getpid(),
            }
            try:
                process = _start(task)
            except Exception:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            self._processes[job_id] = process
        try:
            try:
                process.wait(self.time_limit.total_seconds())
                timed_out = False
            except subprocess.TimeoutExpired:
                timed_out = True
                process.kill()
            process.wait()
        finally:
            with self._lock:
                self._processes.pop(job_id, None)
                cancelled = job_id in self._cancelled
            shutil.rmtree(folder, ignore_errors=True)
        if cancelled:
            return  # the cancel request ends the job
        if timed_out:
            reason = f"stopped: still running after the time limit of {describe_limit(self.time_limit)}"
        else:
            reason = "the worker process stopped unexpectedly; try again"
        with session_scope(self.engine) as session:
            if end_job(session, job_id, "failed", "failed", reason):
                record_audit(session, "(server)", "stop", "job", str(job_id), None, {"error": reason})
                log.warning("ingest job %s: %s", job_id, reason)


def main() -> None:
    """`python -m casewatch.web.workers`: read a task from stdin and run it."""
    sys.path[:] = pickle.load(sys.stdin.buffer)
    _work(**pickle.load(sys.stdin.buffer))


if __name__ == "__main__":
    main()
