"""Kræver gennemsyn: the meetings whose parse is doubtful, for the secretariat that can fix them.

A list filterable by forum, each meeting with the reasons of its quality verdict, a link to the
editor and a button that marks it as reviewed (issue 16). Only meetings of fora the viewer edits;
both routes sit behind the writing routes' guard (`klynge.web.guard`).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from klynge.store import review
from klynge.store import tables as t
from klynge.web.db import sessions
from klynge.web.guard import Editing, editing
from klynge.web.params import opt_int
from klynge.web.render import render
from klynge.web.threads import in_write_thread

router = APIRouter(include_in_schema=False, dependencies=[Depends(editing)])


@router.get("/gennemsyn", response_class=HTMLResponse)
def review_list(request: Request, forum: str | None = None, ed: Editing = Depends(editing)) -> HTMLResponse:
    who = ed.who
    chosen = opt_int(forum, "forum")
    if chosen is not None and not 0 < chosen < 2**31:
        chosen = -1  # no such forum: an empty list, not a database error
    with sessions(request)() as s:
        rows = [d for d in review.doubtful_meetings(s, chosen) if who.may_edit(d.forum_id)]
        fora = list(s.execute(select(t.Forum.id, t.Forum.name).order_by(t.Forum.name)))
    return render(
        request,
        "review.html",
        title="Kræver gennemsyn",
        rows=rows,
        fora=[(fid, name) for fid, name in fora if who.may_edit(fid)],
        chosen=chosen,
    )


@router.post("/moeder/{meeting_id}/gennemset")
async def mark_reviewed(request: Request, meeting_id: int, ed: Editing = Depends(editing)) -> Response:
    await in_write_thread(request, review.mark_reviewed, sessions(request), meeting_id, by=ed.who.name)
    return RedirectResponse("/gennemsyn", status_code=303)
