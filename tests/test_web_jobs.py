"""Ingest jobs of the web app: worker processes with a time limit, cancel, start-up recovery,
concurrent identical uploads, and no report text in a job record."""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from datetime import timedelta
from functools import partial
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from web_support import (
    REPORT_UPLOAD,
    fill_database,
    login,
    make_app,
    sample_extractor,
    session_csrf,
)

from casewatch.document import Document
from casewatch.store import accounts
from casewatch.store import models as m
from casewatch.store.accounts import IngestJob
from casewatch.store.db import open_database, session_scope
from casewatch.web.jobs import run_ingest_job

#: a phrase of the uploaded report that must never reach a job record or the log
PHRASE = "Tulegenov"


@pytest.fixture(autouse=True)
def private_temp(tmp_path, monkeypatch):
    """The jobs' folders go to this test's own temporary folder."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))


def slow_extractor(pidfile: str, doc: Document) -> dict:
    """A test-only extractor that never ends (it tells the test which process runs it)."""
    Path(pidfile).write_text(str(os.getpid()))
    while True:
        time.sleep(0.1)


def crashing_extractor(doc: Document) -> dict:
    """A test-only extractor whose process dies at once (as if the system killed it)."""
    os._exit(3)


def wait_for(check, what: str, seconds: float = 120):
    """Poll `check` until it returns something true (the job runs in another process)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"waited {seconds} s for {what}")


def editor(app) -> tuple[TestClient, str]:
    c = TestClient(app)
    assert login(c, "eddie").status_code == 303
    return c, session_csrf(c)


def upload(c: TestClient, token: str) -> str:
    response = c.post(
        "/upload", data={"csrf_token": token}, files={"report": ("bulletin.txt", REPORT_UPLOAD.encode())}
    )
    assert response.status_code == 200
    return response.url.path


def job_row(app, job_url: str) -> IngestJob:
    with session_scope(app.state.engine) as s:
        return s.get(IngestJob, int(job_url.rsplit("/", 1)[1]))


def uploaded_documents(app) -> list[int]:
    with session_scope(app.state.engine) as s:
        return list(s.scalars(select(m.Document.id).where(m.Document.path.startswith("upload/"))))


def process_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def leftover_folders(job_id: int) -> list[Path]:
    return list(Path(tempfile.gettempdir()).glob(f"casewatch-job-{job_id}-*"))


def test_a_job_past_its_time_limit_is_killed_and_marked_failed(tmp_path):
    pidfile = tmp_path / "worker.pid"
    app = make_app(
        tmp_path,
        background_jobs=True,
        extractor=partial(slow_extractor, str(pidfile)),
        job_time_limit=timedelta(seconds=3),
    )
    c, token = editor(app)
    job_url = upload(c, token)
    job = wait_for(
        lambda: (
            (j := c.get(job_url + "?format=json").json()["job"])["status"] not in ("queued", "running") and j
        ),
        "the job to end",
    )
    assert job["status"] == "failed"
    assert "time limit of 3 seconds" in job["error"] and "\n" not in job["error"]
    with session_scope(app.state.engine) as s:
        assert "stop" in {e.action for e in accounts.history(s, "job", str(job["id"]))}
    assert job_row(app, job_url).payload is None and uploaded_documents(app) == []
    if pidfile.exists():  # the extractor had started: its process is gone
        assert process_gone(int(pidfile.read_text()))
    assert leftover_folders(job["id"]) == []


def test_a_worker_that_dies_fails_its_job(tmp_path):
    app = make_app(tmp_path, background_jobs=True, extractor=crashing_extractor)
    c, token = editor(app)
    job_url = upload(c, token)
    job = wait_for(
        lambda: (
            (j := c.get(job_url + "?format=json").json()["job"])["status"] not in ("queued", "running") and j
        ),
        "the job to end",
    )
    assert (job["status"], job["error"]) == ("failed", "the worker process stopped unexpectedly; try again")
    assert job_row(app, job_url).payload is None and leftover_folders(job["id"]) == []


def test_cancel_from_the_job_page_kills_the_worker_and_keeps_nothing(tmp_path):
    pidfile = tmp_path / "worker.pid"
    app = make_app(
        tmp_path, background_jobs=True, extractor=partial(slow_extractor, str(pidfile)), job_workers=1
    )
    c, token = editor(app)
    job_url = upload(c, token)
    waiting_url = upload(c, token)  # waits for the one worker slot
    wait_for(pidfile.exists, "the worker to start extracting")
    assert c.get(waiting_url + "?format=json").json()["job"]["status"] == "queued"
    assert "Job cancelled." in c.post(waiting_url + "/cancel", data={"csrf_token": token}).text
    assert c.get(waiting_url + "?format=json").json()["job"]["status"] == "cancelled"
    page = c.get(job_url).text
    assert f'action="{job_url}/cancel"' in page
    response = c.post(job_url + "/cancel", data={"csrf_token": token})
    assert response.status_code == 200 and "Job cancelled." in response.text
    job = c.get(job_url + "?format=json").json()["job"]
    assert job["status"] == "cancelled" and not job["running"]
    assert process_gone(int(pidfile.read_text()))
    assert job_row(app, job_url).payload is None and uploaded_documents(app) == []
    assert leftover_folders(job["id"]) == []
    with session_scope(app.state.engine) as s:
        [entry] = accounts.history(s, "job", str(job["id"]))[:1]
        assert (entry.action, entry.username) == ("cancel", "eddie")
    # a finished job cannot be cancelled again
    assert c.post(job_url + "/cancel", data={"csrf_token": token}).status_code == 409


def test_stranded_jobs_are_failed_and_their_uploads_removed_when_serve_starts(tmp_path, monkeypatch):
    import uvicorn

    from casewatch.web.commands import serve

    url = f"sqlite:///{tmp_path / 'web.db'}"
    engine = open_database(url)
    fill_database(engine)
    with session_scope(engine) as s:
        jobs = [
            IngestJob(
                username="eddie", filename=f"{status}.txt", status=status, payload=REPORT_UPLOAD.encode()
            )
            for status in ("running", "queued", "done")
        ]
        jobs[2].payload = None
        s.add_all(jobs)
        s.flush()
        ids = [j.id for j in jobs]
    folder = Path(tempfile.mkdtemp(prefix=f"casewatch-job-{ids[0]}-"))
    (folder / "running.txt").write_text(REPORT_UPLOAD)
    started = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.append(app))
    serve(url)
    assert started
    with session_scope(engine) as s:
        running, queued, done = (s.get(IngestJob, i) for i in ids)
        for job in (running, queued):
            assert job.status == "failed" and job.payload is None and job.finished_at is not None
            assert job.error == "interrupted: the server stopped before the job ended; upload the file again"
        assert done.status == "done"
    assert not folder.exists()


def _jobs(engine, count: int, payload: bytes) -> list[int]:
    with session_scope(engine) as s:
        jobs = [IngestJob(username="eddie", filename="same.txt", payload=payload) for _ in range(count)]
        s.add_all(jobs)
        s.flush()
        return [j.id for j in jobs]


def test_ten_identical_uploads_at_once_store_one_document(engine):
    ids = _jobs(engine, 10, REPORT_UPLOAD.encode())
    together = threading.Barrier(len(ids), timeout=60)

    def extract_together(doc: Document) -> dict:
        together.wait()  # every job stores at the same moment
        return sample_extractor(doc)

    threads = [threading.Thread(target=run_ingest_job, args=(engine, i, extract_together)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with session_scope(engine) as s:
        [document_id] = s.scalars(select(m.Document.id))
        jobs = [s.get(IngestJob, i) for i in ids]
        assert {j.status for j in jobs} == {"done"}
        assert sorted(j.progress for j in jobs) == ["1 report stored"] + ["already stored"] * 9
        assert all(j.result == [document_id] and j.payload is None and j.error is None for j in jobs)
        assert len(accounts.history(s, "document", str(document_id))) == 1


def test_a_failed_job_keeps_no_report_text(engine, caplog):
    [job_id] = _jobs(engine, 1, REPORT_UPLOAD.encode())

    def broken(doc: Document) -> dict:
        raise ValueError(f"cannot parse {doc.text[:120]!r}")

    with caplog.at_level(logging.DEBUG):
        run_ingest_job(engine, job_id, broken)
    with session_scope(engine) as s:
        job = s.get(IngestJob, job_id)
        assert job.status == "failed" and job.payload is None
        assert job.error == "same.txt: extraction failed (ValueError); the server log says where"
        assert PHRASE not in f"{job.error} {job.progress}"
    assert "ValueError" in caplog.text and PHRASE not in caplog.text
