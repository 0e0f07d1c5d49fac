"""Import status: every ingest run, when, which files, and why a file failed."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from klynge.web.access import Viewer, viewer
from klynge.web.db import ReadSession
from klynge.web.params import page_number
from klynge.web.queries import imports
from klynge.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/import", response_class=HTMLResponse)
def import_status(
    request: Request, side: str | None = None, s: Session = ReadSession, who: Viewer = Depends(viewer)
) -> HTMLResponse:
    return render(
        request,
        "imports.html",
        title="Importstatus",
        page=imports.list_runs(s, page=page_number(side), who=who),
        updated=imports.last_updated(s),
    )
