"""Forside: coming meetings, open and overdue actions, latest decisions, when the archive last changed."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from klynge.store.tables import ImportFile
from klynge.web.access import viewer
from klynge.web.db import ReadSession
from klynge.web.numbers import remembering
from klynge.web.pagecache import (
    PageCache,
    access_key,
    freeze,
    masked,
    page_response,
    request_archive_stamp,
)
from klynge.web.queries import followups, imports, meetings
from klynge.web.render import render
from klynge.web.threads import read_route

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
@read_route
def home(request: Request, s: Session = ReadSession) -> HTMLResponse:
    """The front page; its queries scan every action, so the page is reused until the archive changes."""
    who = viewer(request)
    today = dt.date.today()
    cache: PageCache[bytes] = request.app.state.page_cache
    key = ("forside", *access_key(who), today)
    current = (*request_archive_stamp(request, s), s.scalar(select(func.max(ImportFile.id))))
    body = cache.get(key, current)
    if body is not None:
        return page_response(request, body, who)
    remember = remembering(request, s)
    page = render(
        request,
        "home.html",
        title="Forside",
        coming=meetings.coming(s, who, today),
        latest=meetings.list_meetings(s, who, size=5, remember=remember).rows,
        overdue=followups.list_actions(s, who, status="overdue", size=8, today=today, count=False),
        open_actions=followups.list_actions(s, who, status="open", size=8, today=today, count=False),
        counts=remember(("action_counts",), lambda: followups.action_counts(s, who, today)),
        decisions=followups.list_decisions(s, who, size=6, count=False).rows,
        updated=imports.last_updated(s),
        failure=imports.last_failure(s),
        kinds=followups.KIND_LABELS,
    )
    body = masked(freeze(bytes(page.body), who), who)
    cache.put(key, current, body)
    return page_response(request, body, who)
