"""Upload of reports, ingested in worker processes; a job page shows progress without JavaScript
and lets an editor cancel the job."""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewatch.store import accounts
from casewatch.store.accounts import IngestJob
from casewatch.web.deps import Csrf, Editor, RowId, SessionDep, SettingsDep
from casewatch.web.jobs import end_job, run_ingest_job, safe_filename
from casewatch.web.render import page, redirect, respond
from casewatch.web.workers import JobSupervisor

router = APIRouter(tags=["pages"], include_in_schema=False)

_SUPERVISOR_LOCK = threading.Lock()


def job_supervisor(app) -> JobSupervisor:
    """The app's one supervisor of worker processes (made on the first upload)."""
    with _SUPERVISOR_LOCK:
        if getattr(app.state, "job_supervisor", None) is None:
            settings = app.state.settings
            app.state.job_supervisor = JobSupervisor(
                app.state.engine, settings.extractor, settings.job_time_limit, settings.job_workers
            )
        return app.state.job_supervisor


def job_dict(job: IngestJob) -> dict:
    return {
        "id": job.id,
        "filename": job.filename,
        "username": job.username,
        "status": job.status,
        "progress": job.progress,
        "error": job.error,
        "documents": job.result or [],
        "created_at": str(job.created_at),
        "finished_at": str(job.finished_at or ""),
        "running": job.status in ("queued", "running"),
    }


def upload_context(db: Session) -> dict:
    jobs = db.scalars(select(IngestJob).order_by(IngestJob.id.desc()).limit(20))
    return {"title": "Upload reports", "jobs": [job_dict(j) for j in jobs], "error": None}


@router.get("/upload")
def upload_form(request: Request, db: SessionDep, user: Editor):
    """The upload form and the latest jobs."""
    return respond(request, "upload.html", upload_context(db))


@router.post("/upload", dependencies=[Csrf])
async def upload(
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
    user: Editor,
    report: Annotated[UploadFile, File()],
):
    """Store the file in a job row and ingest it in the background."""
    data = await report.read(settings.max_upload_bytes + 1)
    if not data or len(data) > settings.max_upload_bytes:
        context = upload_context(db) | {"error": "The file is empty or too large."}
        return page(request, "upload.html", context, status_code=400)
    job = IngestJob(
        username=user.name,
        filename=safe_filename(report.filename or "upload.txt"),
        payload=data,
        status="queued",
        progress="waiting",
    )
    db.add(job)
    db.flush()
    accounts.record_audit(
        db, user, "upload", "job", str(job.id), None, {"file": job.filename, "bytes": len(data)}
    )
    db.commit()
    engine = request.app.state.engine
    if settings.ingest_runner is not None:
        settings.ingest_runner(engine, job.id)
    elif settings.background_jobs:
        job_supervisor(request.app).submit(job.id)
    else:
        run_ingest_job(engine, job.id, settings.extractor)
    return redirect(f"/jobs/{job.id}", "uploaded")


@router.get("/jobs/{job_id}")
def job_page(request: Request, db: SessionDep, user: Editor, job_id: RowId):
    """One ingest job; the page refreshes itself while the job runs."""
    job = db.get(IngestJob, job_id)
    if job is None:
        raise HTTPException(404, "no such job")
    return respond(request, "job.html", {"title": f"Job {job.id}", "job": job_dict(job)})


@router.post("/jobs/{job_id}/cancel", dependencies=[Csrf])
def cancel_job(request: Request, db: SessionDep, user: Editor, job_id: RowId):
    """Stop a queued or running job: its worker is killed, its upload deleted, nothing stored."""
    job = db.get(IngestJob, job_id)
    if job is None:
        raise HTTPException(404, "no such job")
    if job.status not in ("queued", "running"):
        raise HTTPException(409, f"job {job.id} has already ended ({job.status})")
    before = job.status
    supervisor = getattr(request.app.state, "job_supervisor", None)
    if supervisor is not None:
        supervisor.cancel(job.id)
    db.rollback()  # the worker may have finished before it was killed: only an open job is ended
    if not end_job(db, job_id, "cancelled", f"cancelled by {user.name}"):
        db.rollback()
        raise HTTPException(409, f"job {job_id} ended before it could be cancelled")
    accounts.record_audit(db, user, "cancel", "job", str(job_id), {"status": before}, {"status": "cancelled"})
    db.commit()
    return redirect(f"/jobs/{job_id}", "job_cancelled")
