"""Møder (list, filters, calendar) and Møde (one meeting), plus the original file."""

from __future__ import annotations

import calendar
import datetime as dt
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from klynge.store import accounts
from klynge.store import tables as t
from klynge.store.review import review_reasons
from klynge.web import pagecache
from klynge.web.access import Viewer, client_ip, viewer
from klynge.web.db import ReadSession, sessions
from klynge.web.numbers import remembering
from klynge.web.pagecache import cached_page
from klynge.web.params import opt_str, opt_year, page_number
from klynge.web.queries import meetings, visibility
from klynge.web.render import MONTHS, render
from klynge.web.threads import read_route, run_read
from klynge.web.views import MeetingSummary

router = APIRouter(include_in_schema=False)

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "markdown": "text/markdown; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "text": "text/plain; charset=utf-8",
}


@router.get("/moeder", response_class=HTMLResponse)
@read_route
def meeting_list(
    request: Request,
    forum: str | None = None,
    aar: str | None = None,
    visning: str | None = None,
    side: str | None = None,
    s: Session = ReadSession,
) -> HTMLResponse:
    who = viewer(request)

    def build(forum: str | None = forum) -> HTMLResponse:
        forum = opt_str(forum)
        year = opt_year(aar)
        params = {"forum": forum, "aar": year, "visning": visning}
        remember = remembering(request, s)
        years = remember(("years",), lambda: tuple(meetings.years(s, who)))
        months: list[tuple[str, list[list[tuple[int, list[MeetingSummary]]]]]] = []
        if visning == "kalender":
            year = year or (years[0] if years else dt.date.today().year)
            params["aar"] = year
            rows = meetings.list_meetings(
                s, who, forum=forum, year=year, size=1000, newest_first=False, remember=remember
            )
            months = _calendar(year, rows.rows)
            page = rows
        else:
            page = meetings.list_meetings(
                s, who, forum=forum, year=year, page=page_number(side), size=50, remember=remember
            )
        return render(
            request,
            "meetings.html",
            title="Møder",
            page=page,
            fora=meetings.fora(s, who),
            years=years,
            forum=forum,
            year=year,
            view=visning or "liste",
            months=months,
            params=params,
        )

    return cached_page(request, s, who, build)


def _calendar(
    year: int, rows: tuple[MeetingSummary, ...]
) -> list[tuple[str, list[list[tuple[int, list[MeetingSummary]]]]]]:
    """Month grids (weeks of (day, meetings), day 0 = blank) for one year."""
    by_day: dict[dt.date, list[MeetingSummary]] = {}
    for m in rows:
        if m.date:
            by_day.setdefault(m.date, []).append(m)
    out = []
    cal = calendar.Calendar(firstweekday=0)
    for month in range(1, 13):
        weeks = [
            [(d, by_day.get(dt.date(year, month, d), []) if d else []) for d in week]
            for week in cal.monthdayscalendar(year, month)
        ]
        out.append((MONTHS[month - 1].capitalize(), weeks))
    return out


@router.get("/moeder/{meeting_id}", response_class=HTMLResponse)
async def meeting_page(request: Request, meeting_id: int) -> HTMLResponse:
    """The meeting; the rendered page is reused while the meeting's stamp is unchanged.

    A page is about 2 ms of Python and a few indexed reads of one meeting: over SQLite it runs on
    the event loop (see `klynge.web.threads.run_read`)."""
    return await run_read(request, _meeting_page, request, meeting_id)


def _meeting_page(request: Request, meeting_id: int) -> HTMLResponse:
    who = viewer(request)
    cache: pagecache.PageCache[bytes] = request.app.state.page_cache
    cache_key = pagecache.key(who, meeting_id)
    with sessions(request)() as s:
        current = pagecache.stamp(s, who, meeting_id)
        body = cache.get(cache_key, current)
        if body is not None:
            return pagecache.page_response(request, body, who)
        detail = meetings.detail(s, who, meeting_id)
        doubts = _doubts(s, who, meeting_id)
    title = f"{detail.meeting.forum} {detail.meeting.date or ''}"
    page = render(request, "meeting.html", title=title, d=detail, review=doubts)
    body = pagecache.masked(pagecache.freeze(bytes(page.body), who), who)
    cache.put(cache_key, current, body)
    return pagecache.page_response(request, body, who)


def _doubts(s: Session, who: Viewer, meeting_id: int) -> tuple[str, ...]:
    """Why the parse needs review, for those who may correct it (issue 16); () for everyone else."""
    if not who.may_write:
        return ()
    row = s.execute(select(t.Meeting.forum_id, t.Meeting.warnings).where(t.Meeting.id == meeting_id)).first()
    if row is None or not who.may_edit(row.forum_id):
        return ()
    return review_reasons(row.warnings)


@router.get("/moeder/{meeting_id}/original")
def meeting_original(request: Request, meeting_id: int, s: Session = ReadSession) -> Response:
    """The original file, byte for byte, as a download."""
    who = viewer(request)
    name, fmt, data = meetings.original(s, who, meeting_id)
    if visibility.has_hidden_items(s, meeting_id):  # closed material, to someone allowed: audited
        accounts.log_closed_download(
            sessions(request), who.name, "original", f"møde {meeting_id}", ip=client_ip(request), file=name
        )
    return Response(
        data,
        media_type=MEDIA_TYPES.get(fmt, "application/octet-stream"),
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
            "X-Content-Type-Options": "nosniff",
        },
    )
