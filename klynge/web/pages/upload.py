"""Upload: several files at once; a per-file result with clear errors; recorded as an import run."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from klynge.web.access import Viewer, require_writer
from klynge.web.db import sessions
from klynge.web.queries.imports import OUTCOME_LABELS
from klynge.web.render import render
from klynge.web.upload import MAX_BYTES, MAX_FILES, Upload, ingest_uploads, wants_publish

router = APIRouter(include_in_schema=False)


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request, who: Viewer = Depends(require_writer)) -> HTMLResponse:
    return render(
        request,
        "upload.html",
        title="Upload",
        result=None,
        max_files=MAX_FILES,
        max_mb=MAX_BYTES // 1_048_576,
        labels=OUTCOME_LABELS,
    )


@router.post("/upload", response_class=HTMLResponse)
async def upload_files(request: Request, who: Viewer = Depends(require_writer)) -> HTMLResponse:
    form = await request.form(max_files=MAX_FILES + 1, max_part_size=MAX_BYTES + 1)
    files = [f for f in form.getlist("filer") if not isinstance(f, str) and f.filename]
    uploads = [Upload(f.filename or "uden-navn", await f.read()) for f in files]
    from klynge.web.threads import in_write_thread

    publish = wants_publish(form)
    result = await in_write_thread(request, ingest_uploads, sessions(request), who, uploads, publish=publish)
    template = "upload_result.html" if request.headers.get("HX-Request") else "upload.html"
    status = 403 if result.refused else 200 if uploads else 422
    return render(
        request,
        template,
        status=status,
        title="Upload",
        result=result,
        max_files=MAX_FILES,
        max_mb=MAX_BYTES // 1_048_576,
        labels=OUTCOME_LABELS,
        empty=not uploads,
    )
