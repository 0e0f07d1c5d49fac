"""Forside: coming meetings, open and overdue actions, latest decisions, when the archive last changed."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from klynge.web.access import viewer
from klynge.web.db import session
from klynge.web.queries import followups, imports, meetings
from klynge.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, s: Session = Depends(session)) -> HTMLResponse:
    who = viewer(request)
    today = dt.date.today()
    return render(
        request,
        "home.html",
        title="Forside",
        coming=meetings.coming(s, who, today),
        latest=meetings.list_meetings(s, who, size=5).rows,
        overdue=followups.list_actions(s, who, status="overdue", size=8, today=today, count=False),
        open_actions=followups.list_actions(s, who, status="open", size=8, today=today, count=False),
        counts=followups.action_counts(s, who, today),
        decisions=followups.list_decisions(s, who, size=6, count=False).rows,
        updated=imports.last_updated(s),
        failure=imports.last_failure(s),
        kinds=followups.KIND_LABELS,
    )
