"""Upload of reports, ingested in the background; a job page shows progress without JavaScript."""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, File, HTTPException, Request, UploadFile
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewatch.store import accounts
from casewatch.store.accounts import IngestJob
from casewatch.web.deps import Csrf, Editor, RowId, SessionDep, SettingsDep
from casewatch.web.jobs import run_ingest_job, safe_filename
from casewatch.web.render import page, redirect, respond

router = APIRouter(tags=["pages"], include_in_schema=False)


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
    background: BackgroundTasks,
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
    runner = settings.ingest_runner or partial(run_ingest_job, extractor=settings.extractor)
    if settings.background_jobs:
        background.add_task(runner, request.app.state.engine, job.id)
    else:
        runner(request.app.state.engine, job.id)
    return redirect(f"/jobs/{job.id}", "uploaded")


@router.get("/jobs/{job_id}")
def job_page(request: Request, db: SessionDep, user: Editor, job_id: RowId):
    """One ingest job; the page refreshes itself while the job runs."""
    job = db.get(IngestJob, job_id)
    if job is None:
        raise HTTPException(404, "no such job")
    return respond(request, "job.html", {"title": f"Job {job.id}", "job": job_dict(job)})
