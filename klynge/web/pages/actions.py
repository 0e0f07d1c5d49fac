"""Handlinger: open, overdue and done actions by owner or organisation, and status changes (POST)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from klynge.web.access import Viewer, viewer
from klynge.web.db import ReadSession
from klynge.web.guard import Editing, editing
from klynge.web.numbers import remembering
from klynge.web.pagecache import cached_page
from klynge.web.params import opt_str, page_number
from klynge.web.queries import followups, meetings
from klynge.web.queries.meetings import summary
from klynge.web.render import ENV, render
from klynge.web.threads import read_route
from klynge.web.views import ActionView

router = APIRouter(include_in_schema=False)


@router.get("/handlinger", response_class=HTMLResponse)
@read_route
def action_list(
    request: Request,
    status: str | None = None,
    ejer: str | None = None,
    organisation: str | None = None,
    forum: str | None = None,
    gruppering: str | None = None,
    side: str | None = None,
    s: Session = ReadSession,
) -> HTMLResponse:
    who = viewer(request)
    return cached_page(
        request,
        s,
        who,
        lambda: _action_list(request, s, who, status, ejer, organisation, forum, gruppering, side),
    )


def _action_list(
    request: Request,
    s: Session,
    who: Viewer,
    status: str | None,
    ejer: str | None,
    organisation: str | None,
    forum: str | None,
    gruppering: str | None,
    side: str | None,
) -> HTMLResponse:
    today = dt.date.today()
    status = opt_str(status)
    params = {
        "status": status,
        "ejer": opt_str(ejer),
        "organisation": opt_str(organisation),
        "forum": opt_str(forum),
        "gruppering": opt_str(gruppering),
    }
    remember = remembering(request, s)
    page = followups.list_actions(
        s,
        who,
        remember=remember,
        status=status,
        owner=params["ejer"],
        organisation=params["organisation"],
        forum=params["forum"],
        today=today,
        page=page_number(side),
        size=100,
    )
    if gruppering == "organisation":
        groups: dict[str, list[ActionView]] = {}
        for a in page.rows:
            groups.setdefault(a.organisation or "Uden organisation", []).append(a)
        grouped = sorted(groups.items(), key=lambda kv: kv[0].casefold())
    else:
        grouped = followups.by_owner(page.rows)
    return render(
        request,
        "actions.html",
        title="Handlinger",
        page=page,
        grouped=grouped,
        counts=remember(("action_counts",), lambda: followups.action_counts(s, who, today)),
        owners=followups.owners(s, who)[:200],
        fora=meetings.fora(s, who),
        params=params,
        back=str(request.url.path) + ("?" + request.url.query if request.url.query else ""),
    )


@router.post("/handlinger/{action_id}/status")
def change_status(
    request: Request,
    action_id: int,
    status: str = Form(...),
    note: str = Form(""),
    tilbage: str = Form("/handlinger"),
    ed: Editing = Depends(editing),
    s: Session = ReadSession,
) -> Response:
    """Record a status change (who, when, note); back to the page it came from, or a fragment for htmx."""
    who = ed.who
    action = followups.set_status(s, who, action_id, status, note)
    if request.headers.get("HX-Request"):
        view = followups.action_view(
            action, summary(meetings.get_meeting(s, who, action.meeting_id)), dt.date.today(), who
        )
        html = ENV.get_template("action_fragment.html").render(a=view, viewer=who, back=tilbage)
        return HTMLResponse(html)
    target = tilbage if tilbage.startswith("/") and not tilbage.startswith("//") else "/handlinger"
    return RedirectResponse(target, status_code=303)
