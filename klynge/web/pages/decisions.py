"""Beslutninger: the decision register with filters (forum, kind, year)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from klynge.web.access import viewer
from klynge.web.db import ReadSession
from klynge.web.numbers import remembering
from klynge.web.pagecache import cached_page
from klynge.web.params import opt_str, opt_year, page_number
from klynge.web.queries import followups, meetings
from klynge.web.render import render
from klynge.web.threads import read_route

router = APIRouter(include_in_schema=False)


@router.get("/beslutninger", response_class=HTMLResponse)
@read_route
def decision_list(
    request: Request,
    forum: str | None = None,
    type: str | None = None,
    aar: str | None = None,
    side: str | None = None,
    s: Session = ReadSession,
) -> HTMLResponse:
    who = viewer(request)
    year = opt_year(aar)
    params = {"forum": opt_str(forum), "type": opt_str(type), "aar": year}

    def build() -> HTMLResponse:
        remember = remembering(request, s)
        page = followups.list_decisions(
            s,
            who,
            forum=opt_str(forum),
            kind=opt_str(type),
            year=year,
            page=page_number(side),
            remember=remember,
        )
        return render(
            request,
            "decisions.html",
            title="Beslutninger",
            page=page,
            params=params,
            fora=meetings.fora(s, who),
            years=remember(("years",), lambda: tuple(meetings.years(s, who))),
            kinds=followups.KIND_LABELS,
        )

    return cached_page(request, s, who, build)
