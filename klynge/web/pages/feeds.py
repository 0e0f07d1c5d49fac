"""Atom feeds (RFC 4287) of new meetings and new decisions, for all fora or one."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from klynge.web.access import site_url, viewer
from klynge.web.db import ReadSession
from klynge.web.params import opt_str
from klynge.web.queries import followups, meetings
from klynge.web.render import ENV, danish_date

router = APIRouter(include_in_schema=False)
ATOM = "application/atom+xml; charset=utf-8"
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def base_url(request: Request) -> str:
    """The public address (`access.site_url`): configured, else the server's own, never the Host header."""
    return site_url(request)


def _stamp(date: dt.date | None, created: dt.datetime | None) -> dt.datetime:
    if created is not None:
        return created
    if date is not None:
        return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    return EPOCH


@router.get("/feeds/moeder.atom")
def meetings_feed(request: Request, forum: str | None = None, s: Session = ReadSession) -> Response:
    forum = opt_str(forum)
    rows = meetings.list_meetings(s, viewer(request), forum=forum, size=50).rows
    base = base_url(request)
    entries = [
        {
            "id": f"{base}/moeder/{m.id}",
            "link": f"{base}/moeder/{m.id}",
            "title": f"{m.forum}: {m.title or 'møde'} {danish_date(m.date)}".strip(),
            "updated": _stamp(m.date, m.created),
            "summary": ", ".join(filter(None, [danish_date(m.date), m.location, f"{m.items} punkter"])),
        }
        for m in rows
    ]
    return _feed(
        request, "Nye møder" + (f" i {forum}" if forum else ""), "/feeds/moeder.atom", forum, entries
    )


@router.get("/feeds/beslutninger.atom")
def decisions_feed(request: Request, forum: str | None = None, s: Session = ReadSession) -> Response:
    forum = opt_str(forum)
    rows = followups.list_decisions(s, viewer(request), forum=forum, size=50, count=False).rows
    base = base_url(request)
    entries = [
        {
            "id": f"{base}/beslutninger/{d.id}",
            "link": f"{base}/moeder/{d.meeting_id}" + (f"#punkt-{d.item_id}" if d.item_id else ""),
            "title": f"{d.forum}: {d.item_title or d.text[:80]}",
            "updated": _stamp(d.date, None),
            "summary": d.text,
        }
        for d in rows
    ]
    return _feed(
        request,
        "Nye beslutninger" + (f" i {forum}" if forum else ""),
        "/feeds/beslutninger.atom",
        forum,
        entries,
    )


def _feed(
    request: Request, title: str, path: str, forum: str | None, entries: list[dict[str, object]]
) -> Response:
    base = base_url(request)
    self_url = f"{base}{path}" + (f"?forum={forum}" if forum else "")
    updated = max((e["updated"] for e in entries), default=EPOCH)  # type: ignore[type-var]
    xml = ENV.get_template("feed.xml").render(
        title=f"Klynge: {title}",
        id=self_url,
        self_url=self_url,
        home=base + "/",
        updated=updated,
        entries=entries,
    )
    return Response(xml, media_type=ATOM)


@router.get("/feeds/kalender.ics")
def calendar_feed(
    request: Request,
    forum: str | None = None,
    person: str | None = None,
    s: Session = ReadSession,
) -> Response:
    """Meetings and action deadlines as iCalendar (RFC 5545), as this viewer may see them."""
    from klynge.export.ical import calendar
    from klynge.web.queries.calendar import entries

    found, deadlines = entries(s, viewer(request), forum=opt_str(forum), person=opt_str(person))
    return Response(calendar(found, deadlines), media_type="text/calendar; charset=utf-8")
